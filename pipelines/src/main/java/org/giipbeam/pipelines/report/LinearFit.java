package org.giipbeam.pipelines.report;

/**
 * Ordinary least-squares line y ≈ slope·x + intercept (with intercept) and its coefficient of
 * determination r² = 1 − SS_res/SS_tot, which for a line equals the squared Pearson correlation.
 *
 * <p>Pairs where x or y is not finite (a descriptor that a sample does not carry) are skipped;
 * {@link #n()} says how many were used. A fit is {@linkplain #defined() undefined} when fewer
 * than two pairs remain or when x or y has no spread: then slope, intercept and r² are NaN and
 * reports print "n/a" instead of a number.
 *
 * <pre>{@code
 * LinearFit fit = LinearFit.of(phi1, composition);   // composition ≈ slope·φ_1 + intercept
 * double r2 = fit.rSquared();
 * }</pre>
 */
public record LinearFit(double slope, double intercept, double rSquared, int n) {

  /** Fits y on x. Arrays must have the same length. */
  public static LinearFit of(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y differ in length: " + x.length + " and " + y.length);
    }
    int n = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        n++;
        sx += x[i];
        sy += y[i];
      }
    }
    if (n < 2) {
      return new LinearFit(Double.NaN, Double.NaN, Double.NaN, n);
    }
    double mx = sx / n;
    double my = sy / n;
    // Centred second pass: stable when the means are large compared with the spread.
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        double dx = x[i] - mx;
        double dy = y[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
    }
    if (!(sxx > 0) || !(syy > 0)) {
      return new LinearFit(Double.NaN, Double.NaN, Double.NaN, n);
    }
    double slope = sxy / sxx;
    double r2 = Math.min(1.0, (sxy * sxy) / (sxx * syy));
    return new LinearFit(slope, my - slope * mx, r2, n);
  }

  /** Whether the fit has numbers (at least two finite pairs, both variables varying). */
  public boolean defined() {
    return !Double.isNaN(rSquared);
  }

  /** The fitted value at x. */
  public double predict(double x) {
    return slope * x + intercept;
  }
}
