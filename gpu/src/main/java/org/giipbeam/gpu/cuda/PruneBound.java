package org.giipbeam.gpu.cuda;

import org.giipbeam.gpu.cpu.InvariantBound;

/**
 * The rotation-invariant lower bound on d_inv used for pruning, on the host: the GIIP distance
 * between the rotationally averaged densities (the l = 0 / m = 0 term), with the CPU engine's
 * kernel ({@link InvariantBound#kernel}), summed over the packed GPU layout.
 */
final class PruneBound {
  /** The radial kernel of the averaged densities: the CPU engine's. */
  private final InvariantBound kernel;

  PruneBound(int dimension, double sigma) {
    this.kernel = new InvariantBound(dimension, sigma);
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
          sum += w * kernel.kernel(radius(a, p), radius(b, q));
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
