package org.giipbeam.gpu.cpu;

/**
 * The paper's 2D search: the exact cross term at every angle θ of a uniform grid, for the
 * rotation R_θ and for the rotoinversion R_θ·diag(1, −1). With a·R_θ b = cos θ (a·b) +
 * sin θ (a × b) each term costs one multiply-add and one exponential per angle.
 */
final class ExhaustiveSearch2D extends OrientationSearch {
  private final double s;
  private final boolean properOnly;
  private final double[] cos;
  private final double[] sin;
  private double[] pp = new double[0];
  private double[] pq = new double[0];
  private double[] ip = new double[0];
  private double[] iq = new double[0];

  ExhaustiveSearch2D(double sigma, boolean properOnly, double[] angles) {
    this.s = 1.0 / (4 * sigma * sigma);
    this.properOnly = properOnly;
    cos = new double[angles.length];
    sin = new double[angles.length];
    for (int k = 0; k < angles.length; k++) {
      cos[k] = Math.cos(angles[k]);
      sin[k] = Math.sin(angles[k]);
    }
  }

  @Override
  double maximise(PairTerms p, double[] rot, int rotOffset) {
    int terms = p.terms;
    if (pp.length < terms) {
      int cap = Math.max(terms, 2 * pp.length);
      pp = new double[cap];
      pq = new double[cap];
      ip = new double[cap];
      iq = new double[cap];
    }
    for (int t = 0; t < terms; t++) {
      double ax = p.a[2 * p.ti[t]];
      double ay = p.a[2 * p.ti[t] + 1];
      double bx = p.b[2 * p.tj[t]];
      double by = p.b[2 * p.tj[t] + 1];
      pp[t] = ax * bx + ay * by;
      pq[t] = ay * bx - ax * by;
      ip[t] = ax * bx - ay * by;
      iq[t] = ay * bx + ax * by;
    }
    double[] tw = p.tw;
    double[] tn = p.tn;
    double bestC = Double.NEGATIVE_INFINITY;
    int bestK = 0;
    boolean bestImproper = false;
    for (int k = 0; k < cos.length; k++) {
      double c = cos[k];
      double sn = sin[k];
      double cp = 0;
      for (int t = 0; t < terms; t++) {
        cp += tw[t] * Math.exp(s * (2 * (c * pp[t] + sn * pq[t]) - tn[t]));
      }
      if (cp > bestC) {
        bestC = cp;
        bestK = k;
        bestImproper = false;
      }
      if (!properOnly) {
        double cm = 0;
        for (int t = 0; t < terms; t++) {
          cm += tw[t] * Math.exp(s * (2 * (c * ip[t] + sn * iq[t]) - tn[t]));
        }
        if (cm > bestC) {
          bestC = cm;
          bestK = k;
          bestImproper = true;
        }
      }
    }
    if (rot != null) {
      writeMatrix(cos[bestK], sin[bestK], bestImproper, rot, rotOffset);
    }
    return bestC;
  }

  /** R_θ, or R_θ·diag(1, −1) when improper, row-major. */
  static void writeMatrix(double c, double s, boolean improper, double[] rot, int o) {
    rot[o] = c;
    rot[o + 1] = improper ? s : -s;
    rot[o + 2] = s;
    rot[o + 3] = improper ? -c : c;
  }
}
