package org.giipbeam.gpu.plan;

import org.giipbeam.gpu.harmonics.ModifiedBessel;

/**
 * A rotation-invariant lower bound on d_inv: the GIIP distance between the rotationally
 * averaged densities, ‖Ā − B̄‖ ≤ ‖A − R*B‖ = d_inv(A, B) (averaging over SO(d) is a contraction
 * and commutes with R*, rotoinversions included). With κ = |a||b|/2σ²,
 *
 * <pre>
 *   ⟨Ā, B̄⟩ = Σ_ij W_ij e^{−(|a_i|−|b_j|)²/4σ²} e^{−κ} i₀(κ)   (3D, the l = 0 term)
 *   ⟨Ā, B̄⟩ = Σ_ij W_ij e^{−(|a_i|−|b_j|)²/4σ²} e^{−κ} I₀(κ)   (2D, the m = 0 term)
 * </pre>
 *
 * It depends only on radii, so it is cheap; it is loose (it ignores all angular structure) and
 * prunes only pairs far beyond a cut. One instance per thread (it keeps a scratch value).
 */
public final class InvariantBound {
  private final double[] bessel = new double[1];
  private final int dimension;
  private final double s;

  public InvariantBound(int dimension, double sigma) {
    this.dimension = dimension;
    this.s = 1.0 / (4 * sigma * sigma);
  }

  /** e^{−s(r−q)²} e^{−κ} i₀(κ) (3D) or e^{−κ} I₀(κ) (2D), κ = 2 s r q. */
  public double kernel(double r, double q) {
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

  /** ⟨Ā, B̄⟩ of LAE i of a and LAE j of b. */
  public double averagedCross(PreparedLaes a, int i, PreparedLaes b, int j) {
    double sum = 0;
    for (int p = a.start[i]; p < a.start[i] + a.count[i]; p++) {
      for (int q = b.start[j]; q < b.start[j] + b.count[j]; q++) {
        double w = a.weightProduct(p, b, q);
        if (w != 0) {
          sum += w * kernel(Math.sqrt(a.norm2[p]), Math.sqrt(b.norm2[q]));
        }
      }
    }
    return sum;
  }

  /** ⟨Ā, Ā⟩ for every LAE of the batch. */
  public double[] selfProducts(PreparedLaes p) {
    double[] out = new double[p.size];
    for (int i = 0; i < p.size; i++) {
      out[i] = averagedCross(p, i, p, i);
    }
    return out;
  }

  /** The lower bound ‖Ā − B̄‖ of LAE i of a and LAE j of b, given their self products. */
  public double lowerBound(PreparedLaes a, int i, PreparedLaes b, int j, double selfA,
      double selfB) {
    return Math.sqrt(Math.max(0, selfA + selfB - 2 * averagedCross(a, i, b, j)));
  }
}
