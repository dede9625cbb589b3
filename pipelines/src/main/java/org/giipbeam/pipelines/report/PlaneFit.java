package org.giipbeam.pipelines.report;

/**
 * The best direction in a plane of two diffusion coordinates for a descriptor (the paper's α':
 * "a direction in the (φ₁, φ₂) plane tracks coordination"): ordinary least squares
 * y ≈ a·φ_i + b·φ_j + c, whose fitted values are a multiple of the projection of (φ_i, φ_j) on
 * the unit direction u = (a, b)/|(a, b)|. r² is that of the two-variable fit (≥ the r² of
 * either coordinate alone); {@link #angleDegrees()} is u's angle from the φ_i axis towards
 * φ_j, in (−180°, 180°]: the descriptor grows along u.
 *
 * <p>Pairs with a non-finite value are skipped; {@link #defined()} is false with fewer than
 * three pairs or when the two coordinates or the descriptor have no spread (then NaN).
 *
 * @param i first coordinate (1-based)
 * @param j second coordinate (1-based)
 * @param a coefficient of φ_i
 * @param b coefficient of φ_j
 * @param intercept c
 * @param rSquared 1 − SS_res/SS_tot
 * @param n pairs used
 */
public record PlaneFit(int i, int j, double a, double b, double intercept, double rSquared,
    int n) {

  /** The fit of y on (x1, x2) = (φ_i, φ_j). */
  public static PlaneFit of(int i, int j, double[] x1, double[] x2, double[] y) {
    if (x1.length != y.length || x2.length != y.length) {
      throw new IllegalArgumentException("lengths differ: " + x1.length + ", " + x2.length
          + ", " + y.length);
    }
    int n = 0;
    double m1 = 0;
    double m2 = 0;
    double my = 0;
    for (int k = 0; k < y.length; k++) {
      if (Double.isFinite(x1[k]) && Double.isFinite(x2[k]) && Double.isFinite(y[k])) {
        n++;
        m1 += x1[k];
        m2 += x2[k];
        my += y[k];
      }
    }
    PlaneFit none = new PlaneFit(i, j, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n);
    if (n < 3) {
      return none;
    }
    m1 /= n;
    m2 /= n;
    my /= n;
    double s11 = 0;
    double s12 = 0;
    double s22 = 0;
    double s1y = 0;
    double s2y = 0;
    double syy = 0;
    for (int k = 0; k < y.length; k++) {
      if (Double.isFinite(x1[k]) && Double.isFinite(x2[k]) && Double.isFinite(y[k])) {
        double d1 = x1[k] - m1;
        double d2 = x2[k] - m2;
        double dy = y[k] - my;
        s11 += d1 * d1;
        s12 += d1 * d2;
        s22 += d2 * d2;
        s1y += d1 * dy;
        s2y += d2 * dy;
        syy += dy * dy;
      }
    }
    double det = s11 * s22 - s12 * s12;
    if (!(syy > 0) || !(det > 1e-14 * s11 * s22)) {
      return none;
    }
    double a = (s22 * s1y - s12 * s2y) / det;
    double b = (s11 * s2y - s12 * s1y) / det;
    double r2 = Math.max(0, Math.min(1, (a * s1y + b * s2y) / syy));
    return new PlaneFit(i, j, a, b, my - a * m1 - b * m2, r2, n);
  }

  /** Whether the fit has numbers. */
  public boolean defined() {
    return !Double.isNaN(rSquared);
  }

  /** The direction's angle from the φ_i axis towards φ_j, in degrees. */
  public double angleDegrees() {
    return Math.toDegrees(Math.atan2(b, a));
  }

  /** The projection of (φ_i, φ_j) on the unit direction: the coordinate the fit is linear in. */
  public double project(double phiI, double phiJ) {
    double len = Math.hypot(a, b);
    return (a * phiI + b * phiJ) / len;
  }
}
