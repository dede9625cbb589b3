package org.giipbeam.gpu;

import org.giipbeam.arrowio.Lae;
import org.giipbeam.gpu.rotation.RotationGrid;

/**
 * An independent, deliberately plain reference: the GIIP inner product straight from Eqn 13 on
 * the unpadded LAE with every channel and atom, and brute-force maxima over explicit lists of
 * orthogonal matrices. Slow; used only to check the engines.
 */
public final class NaiveGiip {
  private NaiveGiip() {}

  /** ⟨A, R·B⟩ = Σ_i Σ_j Σ_ch w_i w_j exp(−|a_i − R b_j|²/4σ²). */
  public static double inner(Lae a, Lae b, double[] r, double sigma) {
    int d = a.dimension();
    int na = a.neighbourCount();
    int nb = b.neighbourCount();
    double sum = 0;
    for (int ch = 0; ch < a.channels(); ch++) {
      for (int i = 0; i < na; i++) {
        for (int j = 0; j < nb; j++) {
          double d2 = 0;
          for (int k = 0; k < d; k++) {
            double rb = 0;
            for (int l = 0; l < d; l++) {
              rb += r[k * d + l] * b.positions()[j * d + l];
            }
            double diff = a.positions()[i * d + k] - rb;
            d2 += diff * diff;
          }
          sum += a.weights()[ch * na + i] * b.weights()[ch * nb + j]
              * Math.exp(-d2 / (4 * sigma * sigma));
        }
      }
    }
    return sum;
  }

  public static double[] identity(int d) {
    double[] r = new double[d * d];
    for (int k = 0; k < d; k++) {
      r[k * d + k] = 1;
    }
    return r;
  }

  /** The orientation-specific distance |A − R·B|. */
  public static double distance(Lae a, Lae b, double[] r, double sigma) {
    double d2 = inner(a, a, identity(a.dimension()), sigma)
        + inner(b, b, identity(b.dimension()), sigma) - 2 * inner(a, b, r, sigma);
    return Math.sqrt(Math.max(0, d2));
  }

  /**
   * Brute force of the paper's 3D search: the coarse rotations (and their negatives unless
   * properOnly), then local rotations left-multiplied onto the best. Returns max C.
   */
  public static double maxCross3d(Lae a, Lae b, double sigma, double[] coarse, RotationGrid local,
      boolean properOnly) {
    double best = Double.NEGATIVE_INFINITY;
    double[] bestR = null;
    for (int g = 0; g < coarse.length / 9; g++) {
      for (int sign = 1; sign >= (properOnly ? 1 : -1); sign -= 2) {
        double[] r = new double[9];
        for (int k = 0; k < 9; k++) {
          r[k] = sign * coarse[9 * g + k];
        }
        double c = inner(a, b, r, sigma);
        if (c > best) {
          best = c;
          bestR = r;
        }
      }
    }
    for (int v = 0; v < local.size(); v++) {
      double[] l = local.rotation(v);
      double[] r = new double[9];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int k = 0; k < 3; k++) {
            r[3 * i + j] += l[3 * i + k] * bestR[3 * k + j];
          }
        }
      }
      best = Math.max(best, inner(a, b, r, sigma));
    }
    return best;
  }

  /** Brute force over the 2D angle grid, both handednesses unless properOnly. */
  public static double maxCross2d(Lae a, Lae b, double sigma, double[] angles,
      boolean properOnly) {
    double best = Double.NEGATIVE_INFINITY;
    for (double t : angles) {
      double c = Math.cos(t);
      double s = Math.sin(t);
      best = Math.max(best, inner(a, b, new double[] {c, -s, s, c}, sigma));
      if (!properOnly) {
        best = Math.max(best, inner(a, b, new double[] {c, s, s, -c}, sigma));
      }
    }
    return best;
  }

  public static double distanceFromCross(Lae a, Lae b, double cross, double sigma) {
    double d2 = inner(a, a, identity(a.dimension()), sigma)
        + inner(b, b, identity(b.dimension()), sigma) - 2 * cross;
    return Math.sqrt(Math.max(0, d2));
  }
}
