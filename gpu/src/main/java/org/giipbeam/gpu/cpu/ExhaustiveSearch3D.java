package org.giipbeam.gpu.cpu;

import org.giipbeam.gpu.rotation.RotationGrid;
import org.giipbeam.gpu.rotation.Rotations;

/**
 * The paper's 3D search: the exact cross term on every rotation R of a coarse covering of SO(3)
 * and on its rotoinversion −R, then on a fine covering of a ball about the best of those
 * (left-multiplied, so the handedness is kept). The best value seen is returned.
 *
 * <p>One dot product t = a·Rb serves both R and −R: e₊ = exp((2t − n)/4σ²),
 * e₋ = exp((−2t − n)/4σ²) = exp(−2n/4σ²) / e₊ when no underflow is possible.
 */
final class ExhaustiveSearch3D extends OrientationSearch {
  private final double s;
  private final boolean properOnly;
  private final double[] coarse;
  private final double[] local;
  private double[] rb = new double[0];
  private double[] kk = new double[0];
  private final double[] q = new double[9];
  private final double[] best = new double[9];

  ExhaustiveSearch3D(double sigma, boolean properOnly, RotationGrid coarse, RotationGrid local) {
    this.s = 1.0 / (4 * sigma * sigma);
    this.properOnly = properOnly;
    this.coarse = coarse.matrices();
    this.local = local.matrices();
  }

  @Override
  double maximise(PairTerms p, double[] rot, int rotOffset) {
    if (rb.length < p.nb * 3) {
      rb = new double[p.nb * 3];
    }
    if (kk.length < p.terms) {
      kk = new double[Math.max(p.terms, 2 * kk.length)];
    }
    final int terms = p.terms;
    final int[] ti = p.ti;
    final int[] tj = p.tj;
    final double[] tw = p.tw;
    final double[] tn = p.tn;
    final double[] a = p.a;
    final double[] b = p.b;
    boolean reciprocal = 2 * s * (p.maxRa * p.maxRa + p.maxRb * p.maxRb) < 650;
    for (int t = 0; t < terms; t++) {
      kk[t] = Math.exp(-2 * s * tn[t]);
    }
    double bestC = Double.NEGATIVE_INFINITY;
    int bestG = 0;
    boolean bestImproper = false;
    int n = coarse.length / 9;
    for (int g = 0; g < n; g++) {
      int o = 9 * g;
      for (int j = 0; j < p.nb; j++) {
        double x = b[3 * j];
        double y = b[3 * j + 1];
        double z = b[3 * j + 2];
        rb[3 * j] = coarse[o] * x + coarse[o + 1] * y + coarse[o + 2] * z;
        rb[3 * j + 1] = coarse[o + 3] * x + coarse[o + 4] * y + coarse[o + 5] * z;
        rb[3 * j + 2] = coarse[o + 6] * x + coarse[o + 7] * y + coarse[o + 8] * z;
      }
      double cp = 0;
      double cm = 0;
      if (properOnly) {
        for (int t = 0; t < terms; t++) {
          int i3 = 3 * ti[t];
          int j3 = 3 * tj[t];
          double dot = a[i3] * rb[j3] + a[i3 + 1] * rb[j3 + 1] + a[i3 + 2] * rb[j3 + 2];
          cp += tw[t] * Math.exp(s * (2 * dot - tn[t]));
        }
        cm = Double.NEGATIVE_INFINITY;
      } else if (reciprocal) {
        for (int t = 0; t < terms; t++) {
          int i3 = 3 * ti[t];
          int j3 = 3 * tj[t];
          double dot = a[i3] * rb[j3] + a[i3 + 1] * rb[j3 + 1] + a[i3 + 2] * rb[j3 + 2];
          double e = Math.exp(s * (2 * dot - tn[t]));
          cp += tw[t] * e;
          cm += tw[t] * (kk[t] / e);
        }
      } else {
        for (int t = 0; t < terms; t++) {
          int i3 = 3 * ti[t];
          int j3 = 3 * tj[t];
          double dot = a[i3] * rb[j3] + a[i3 + 1] * rb[j3 + 1] + a[i3 + 2] * rb[j3 + 2];
          cp += tw[t] * Math.exp(s * (2 * dot - tn[t]));
          cm += tw[t] * Math.exp(s * (-2 * dot - tn[t]));
        }
      }
      if (cp > bestC) {
        bestC = cp;
        bestG = g;
        bestImproper = false;
      }
      if (cm > bestC) {
        bestC = cm;
        bestG = g;
        bestImproper = true;
      }
    }
    double sign = bestImproper ? -1 : 1;
    for (int k = 0; k < 9; k++) {
      best[k] = sign * coarse[9 * bestG + k];
    }
    double[] centre = best.clone();
    int m = local.length / 9;
    for (int v = 0; v < m; v++) {
      Rotations.multiply3(local, 9 * v, centre, 0, q, 0);
      double c = p.cross3(q, 0, s);
      if (c > bestC) {
        bestC = c;
        System.arraycopy(q, 0, best, 0, 9);
      }
    }
    if (rot != null) {
      System.arraycopy(best, 0, rot, rotOffset, 9);
    }
    return bestC;
  }
}
