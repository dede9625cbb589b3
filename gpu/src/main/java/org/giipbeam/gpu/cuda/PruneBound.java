package org.giipbeam.gpu.cuda;

import org.giipbeam.gpu.harmonics.ModifiedBessel;

/**
 * The rotation-invariant lower bound on d_inv used for pruning, on the host: the GIIP distance
 * between the rotationally averaged densities (the l = 0 / m = 0 term), as in the CPU engine.
 * With κ = |a||b|/2σ²: kernel e^{−(|a|−|b|)²/4σ²} e^{−κ} i₀(κ) (3D) or e^{−κ} I₀(κ) (2D).
 */
final class PruneBound {
  private final double[] bessel = new double[1];
  private final int dimension;
  private final double s;

  PruneBound(int dimension, double sigma) {
    this.dimension = dimension;
    this.s = 1.0 / (4 * sigma * sigma);
  }

  double kernel(double r, double q) {
    double k = 2 * s * r * q;
    double radial;
    if (dimension == 3) {
      radial = k < 1e-8 ? 1 - k : -Math.expm1(-2 * k) / (2 * k);
    } else {
      ModifiedBessel.scaledCylindrical(k, 0, bessel);
      radial = bessel[0];
    }
    return Math.exp(-s * (r - q) * (r - q)) * radial;
  }

  private static double radius(PackedLaes p, int k) {
    return Math.sqrt((double) p.positions[4 * k + 3]);
  }

  /** ⟨Ā, B̄⟩ of LAE i of a and LAE j of b. */
  double averagedCross(PackedLaes a, int i, PackedLaes b, int j) {
    double sum = 0;
    for (int p = a.start[i]; p < a.start[i] + a.count[i]; p++) {
      for (int q = b.start[j]; q < b.start[j] + b.count[j]; q++) {
        double w = a.weightProduct(p, b, q);
        if (w != 0) {
          sum += w * kernel(radius(a, p), radius(b, q));
        }
      }
    }
    return sum;
  }

  double[] selfProducts(PackedLaes p) {
    double[] out = new double[p.size];
    for (int i = 0; i < p.size; i++) {
      out[i] = averagedCross(p, i, p, i);
    }
    return out;
  }

  double lowerBound(PackedLaes a, int i, PackedLaes b, int j, double selfA, double selfB) {
    return Math.sqrt(Math.max(0, selfA + selfB - 2 * averagedCross(a, i, b, j)));
  }
}
