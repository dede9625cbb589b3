package org.giipbeam.gpu.cpu;

import org.giipbeam.gpu.plan.PreparedLaes;

/**
 * Per-thread scratch describing one pair (A, B) for the orientation searches: the atoms of A and
 * B (double, centred on their centre atoms) and the list of atom pairs (i, j) with a non-zero
 * channel-summed weight product W_ij = Σ_ch w_i w_j, with n_ij = |a_i|² + |b_j|². The cross term
 * is C(R) = Σ_(ij) W_ij exp(−(n_ij − 2 a_i·R b_j) / 4σ²).
 */
final class PairTerms {
  int dimension;
  int na;
  int nb;
  double[] a = new double[0];
  double[] b = new double[0];
  double[] ra = new double[0];
  double[] rb = new double[0];
  double maxRa;
  double maxRb;
  int terms;
  int[] ti = new int[0];
  int[] tj = new int[0];
  double[] tw = new double[0];
  double[] tn = new double[0];

  void load(PreparedLaes pa, int i, PreparedLaes pb, int j) {
    int d = pa.dimension;
    dimension = d;
    na = pa.count[i];
    nb = pb.count[j];
    if (a.length < na * d) {
      a = new double[na * d];
      ra = new double[na];
    }
    if (b.length < nb * d) {
      b = new double[nb * d];
      rb = new double[nb];
    }
    if (ti.length < na * nb) {
      int cap = Math.max(na * nb, 2 * ti.length);
      ti = new int[cap];
      tj = new int[cap];
      tw = new double[cap];
      tn = new double[cap];
    }
    System.arraycopy(pa.pos, pa.start[i] * d, a, 0, na * d);
    System.arraycopy(pb.pos, pb.start[j] * d, b, 0, nb * d);
    for (int p = 0; p < na; p++) {
      ra[p] = Math.sqrt(pa.norm2[pa.start[i] + p]);
    }
    for (int q = 0; q < nb; q++) {
      rb[q] = Math.sqrt(pb.norm2[pb.start[j] + q]);
    }
    maxRa = pa.maxRadius[i];
    maxRb = pb.maxRadius[j];
    int t = 0;
    for (int p = 0; p < na; p++) {
      for (int q = 0; q < nb; q++) {
        double ww = pa.weightProduct(pa.start[i] + p, pb, pb.start[j] + q);
        if (ww != 0) {
          ti[t] = p;
          tj[t] = q;
          tw[t] = ww;
          tn[t] = pa.norm2[pa.start[i] + p] + pb.norm2[pb.start[j] + q];
          t++;
        }
      }
    }
    terms = t;
  }

  /** The exact cross term ⟨A, Q·B⟩ for an orthogonal 3 × 3 matrix Q (row-major at qo). */
  double cross3(double[] q, int qo, double s) {
    double sum = 0;
    for (int t = 0; t < terms; t++) {
      int i = ti[t] * 3;
      int j = tj[t] * 3;
      double bx = b[j];
      double by = b[j + 1];
      double bz = b[j + 2];
      double dot = a[i] * (q[qo] * bx + q[qo + 1] * by + q[qo + 2] * bz)
          + a[i + 1] * (q[qo + 3] * bx + q[qo + 4] * by + q[qo + 5] * bz)
          + a[i + 2] * (q[qo + 6] * bx + q[qo + 7] * by + q[qo + 8] * bz);
      sum += tw[t] * Math.exp(s * (2 * dot - tn[t]));
    }
    return sum;
  }
}
