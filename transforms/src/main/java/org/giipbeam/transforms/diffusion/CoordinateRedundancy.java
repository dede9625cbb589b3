package org.giipbeam.transforms.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Which diffusion coordinates are new directions and which are harmonics of earlier ones.
 *
 * <p><b>Local linear regression</b> (Dsilva, Talmon, Coifman &amp; Kevrekidis, "Parsimonious
 * representation of nonlinear dynamical systems through manifold learning: a chemotaxis case
 * study", Appl. Comput. Harmon. Anal. 44, 2018, Eqns 11–12). Coordinate φ_k is fitted at each
 * training point i from φ_1..φ_{k−1} by a kernel-weighted linear fit that leaves point i out:
 * <pre>
 *   (α_i, β_i) = argmin Σ_{j≠i} K_ij (φ_k(j) − α − βᵀ(Φ(j) − Φ(i)))²,   φ̂_k(i) = α_i
 *   K_ij = exp(−‖Φ(i) − Φ(j)‖² / h²),   Φ = (φ_1, …, φ_{k−1}),   h = median_{i&lt;j} ‖Φ(i) − Φ(j)‖ / 3
 *   r_k  = min(1, sqrt( Σ_i (φ_k(i) − φ̂_k(i))² / Σ_i φ_k(i)² )),   r_1 = 1
 * </pre>
 * A harmonic (a function of earlier coordinates) has r_k near 0; a new direction has r_k near 1.
 * The scale is [0, 1]: 1 is what predicting φ̂ = 0 everywhere gives (φ_k has mean ≈ 0), so a
 * raw ratio above 1 — local fits that extrapolate wildly where a coordinate lives on a few LAEs
 * — carries no more information than "not predicted" and is reported as 1.
 * The median uses every pair for n ≤ 2,000 and the pairs of 2,000 evenly spaced points beyond
 * that (deterministic). A tiny ridge (1e-10 of the trace) keeps ill-posed local fits solvable;
 * a point with no neighbour within reach is predicted as 0 (counted as unexplained).
 *
 * <p><b>Polynomial regression r²</b> (what Hardin et al. 2022 plot, Figs 1b, 2b): least squares of
 * φ_k on all monomials of φ_1..φ_{k−1} up to total degree 3 (default), r² = 1 − SS_res/SS_tot;
 * r² near 1 means redundant. r²_1 = 0. Not leave-one-out, so it favours redundancy slightly.
 *
 * <p><b>Non-harmonic coordinates</b>, the one rule used everywhere (console, eigen.csv, report,
 * default planes): r_k ≥ {@link #DEFAULT_THRESHOLD} = 0.3, which separates the harmonics
 * (r ≲ 0.15) from new directions (r ≳ 0.6) in the rectangle and Swiss-roll tests of Dsilva et
 * al. The polynomial r² is shown beside it for comparison with the paper and decides nothing:
 * a global cubic can fit a coordinate that is locally new (high r² and non-harmonic at once).
 *
 * <p><b>Warnings</b> ({@link #warnings}): a coordinate that <em>localises</em> — its inverse
 * participation ratio IPR_k = Σ_i φ_k(i)⁴ / (Σ_i φ_k(i)²)² exceeds 1/(
 * {@value #LOCALISED_FRACTION} n), i.e. fewer than 2% of the training LAEs carry it — describes
 * a handful of LAEs (a defect, outliers), not a direction of the whole set; and an eigenvalue
 * λ_k ≥ {@value #DISCONNECTED_EIGENVALUE} says the kernel graph is nearly disconnected (φ_k then
 * labels a component: ε is too small for that set).
 */
public final class CoordinateRedundancy {
  public static final double BANDWIDTH_DIVISOR = 3;
  public static final int DEFAULT_DEGREE = 3;
  public static final double DEFAULT_THRESHOLD = 0.3;
  static final int MEDIAN_POINTS = 2000;
  /** A coordinate localises when fewer than this fraction of the training LAEs carry it. */
  public static final double LOCALISED_FRACTION = 0.02;
  /** An eigenvalue at least this close to 1 means a nearly disconnected kernel graph. */
  public static final double DISCONNECTED_EIGENVALUE = 0.99;

  /**
   * Participation number 1/IPR_k of every coordinate, {@code phi[k][i]}: how many training LAEs
   * carry it (n for a coordinate spread evenly, 1 for one on a single LAE).
   */
  public static double[] participation(double[][] phi) {
    double[] p = new double[phi.length];
    for (int k = 0; k < phi.length; k++) {
      double s2 = 0;
      double s4 = 0;
      for (double v : phi[k]) {
        s2 += v * v;
        s4 += v * v * v * v;
      }
      p[k] = s4 > 0 ? s2 * s2 / s4 : 0;
    }
    return p;
  }

  /** The warnings of the class comment, one line each, naming the coordinate and the number. */
  public static List<String> warnings(double[] eigenvalues, double[][] phi) {
    List<String> out = new ArrayList<>();
    double[] p = participation(phi);
    for (int k = 0; k < phi.length; k++) {
      int n = phi[k].length;
      if (p[k] < LOCALISED_FRACTION * n) {
        out.add(String.format(java.util.Locale.ROOT, "φ_%d localises: about %.0f of %d training"
            + " LAEs carry it (inverse participation ratio %.3g > 1/(%.2f n)); it describes a few"
            + " LAEs, not a direction of the set — look at them on the sample maps.", k + 1, p[k],
            n, 1 / p[k], LOCALISED_FRACTION));
      }
    }
    for (int k = 0; k < eigenvalues.length; k++) {
      if (eigenvalues[k] >= DISCONNECTED_EIGENVALUE) {
        out.add(String.format(java.util.Locale.ROOT, "λ_%d = %.4f ≈ 1: the kernel graph is nearly"
            + " disconnected and φ_%d labels a component; a larger ε joins it.", k + 1,
            eigenvalues[k], k + 1));
      }
    }
    return out;
  }

  private CoordinateRedundancy() {}

  /** r_k for every coordinate; {@code phi[k][i]} is φ_{k+1} at training point i. */
  public static double[] localLinearResiduals(double[][] phi) {
    double[] r = new double[phi.length];
    for (int k = 0; k < phi.length; k++) {
      r[k] = localLinearResidual(phi, k);
    }
    return r;
  }

  /** r for coordinate index k (0-based) given coordinates 0..k−1. */
  public static double localLinearResidual(double[][] phi, int k) {
    if (k == 0) {
      return 1;
    }
    int n = phi[k].length;
    int q = k + 1; // intercept + k slopes
    double[] y = phi[k];
    double h = medianDistance(phi, k, n) / BANDWIDTH_DIVISOR;
    if (!(h > 0)) {
      // All points coincide in the earlier coordinates: nothing can be predicted locally.
      return 1;
    }
    double inv = 1 / (h * h);
    double[] predicted = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      double[] a = new double[q * q];
      double[] rhs = new double[q];
      double[] z = new double[q];
      z[0] = 1;
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double d2 = 0;
        for (int c = 0; c < k; c++) {
          double dz = phi[c][j] - phi[c][i];
          z[c + 1] = dz;
          d2 += dz * dz;
        }
        double w = Math.exp(-d2 * inv);
        if (w == 0) {
          continue;
        }
        for (int r = 0; r < q; r++) {
          double wr = w * z[r];
          rhs[r] += wr * y[j];
          for (int c = 0; c <= r; c++) {
            a[r * q + c] += wr * z[c];
          }
        }
      }
      predicted[i] = solveIntercept(a, rhs, q);
    });
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      double e = y[i] - predicted[i];
      num += e * e;
      den += y[i] * y[i];
    }
    return den == 0 ? 0 : Math.min(1, Math.sqrt(num / den));
  }

  /** First component of the solution of A x = b (A symmetric, lower triangle filled). */
  private static double solveIntercept(double[] a, double[] b, int q) {
    double trace = 0;
    for (int r = 0; r < q; r++) {
      trace += a[r * q + r];
    }
    if (!(trace > 1e-250)) {
      return 0; // no neighbour within reach: predict 0, i.e. count the point as unexplained
    }
    for (double ridge = 1e-10 * trace; ; ridge *= 100) {
      double[] l = new double[q * q];
      boolean ok = true;
      for (int r = 0; r < q && ok; r++) {
        for (int c = 0; c <= r; c++) {
          double s = a[r * q + c] + (r == c && r > 0 ? ridge : 0);
          for (int m = 0; m < c; m++) {
            s -= l[r * q + m] * l[c * q + m];
          }
          if (r == c) {
            if (!(s > 0)) {
              ok = false;
              break;
            }
            l[r * q + r] = Math.sqrt(s);
          } else {
            l[r * q + c] = s / l[c * q + c];
          }
        }
      }
      if (!ok) {
        if (ridge > trace) {
          return 0;
        }
        continue;
      }
      double[] x = new double[q];
      for (int r = 0; r < q; r++) {
        double s = b[r];
        for (int m = 0; m < r; m++) {
          s -= l[r * q + m] * x[m];
        }
        x[r] = s / l[r * q + r];
      }
      for (int r = q - 1; r >= 0; r--) {
        double s = x[r];
        for (int m = r + 1; m < q; m++) {
          s -= l[m * q + r] * x[m];
        }
        x[r] = s / l[r * q + r];
      }
      return x[0];
    }
  }

  /** Median over pairs i &lt; j of ‖Φ(i) − Φ(j)‖ in coordinates 0..k−1 (numpy's median). */
  static double medianDistance(double[][] phi, int k, int n) {
    int m = Math.min(n, MEDIAN_POINTS);
    int[] points = new int[m];
    for (int p = 0; p < m; p++) {
      points[p] = (int) ((long) p * n / m);
    }
    double[] d = new double[m * (m - 1) / 2];
    int idx = 0;
    for (int p = 0; p < m; p++) {
      for (int s = p + 1; s < m; s++) {
        double d2 = 0;
        for (int c = 0; c < k; c++) {
          double dz = phi[c][points[p]] - phi[c][points[s]];
          d2 += dz * dz;
        }
        d[idx++] = Math.sqrt(d2);
      }
    }
    if (d.length == 0) {
      return 0;
    }
    Arrays.sort(d);
    int mid = d.length / 2;
    return d.length % 2 == 1 ? d[mid] : 0.5 * (d[mid - 1] + d[mid]);
  }

  /**
   * r² of a least-squares polynomial (all monomials up to total {@code degree}, constant
   * included) of φ_1..φ_{k−1} predicting φ_k, for every k; r²_1 = 0.
   */
  public static double[] polynomialR2(double[][] phi, int degree) {
    if (degree < 1) {
      throw new IllegalArgumentException("polynomial degree must be ≥ 1, got " + degree);
    }
    double[] r2 = new double[phi.length];
    for (int k = 1; k < phi.length; k++) {
      r2[k] = polynomialR2(phi, k, degree);
    }
    return r2;
  }

  static double polynomialR2(double[][] phi, int k, int degree) {
    int n = phi[k].length;
    // Standardise predictors for conditioning.
    double[][] x = new double[k][n];
    for (int c = 0; c < k; c++) {
      double mean = Arrays.stream(phi[c]).average().orElse(0);
      double var = 0;
      for (double v : phi[c]) {
        var += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(var / n);
      for (int i = 0; i < n; i++) {
        x[c][i] = sd > 0 ? (phi[c][i] - mean) / sd : 0;
      }
    }
    List<int[]> monomials = new ArrayList<>();
    exponents(new int[k], 0, degree, monomials);
    int terms = monomials.size();
    if (terms >= n) {
      return Double.NaN; // more terms than points: r² would be meaningless
    }
    DMatrixRMaj a = new DMatrixRMaj(n, terms);
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < terms; t++) {
        int[] e = monomials.get(t);
        double v = 1;
        for (int c = 0; c < k; c++) {
          for (int p = 0; p < e[c]; p++) {
            v *= x[c][i];
          }
        }
        a.set(i, t, v);
      }
    }
    DMatrixRMaj b = new DMatrixRMaj(n, 1, true, phi[k]);
    DMatrixRMaj coef = new DMatrixRMaj(terms, 1);
    LinearSolverDense<DMatrixRMaj> solver =
        LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
    if (!solver.setA(a.copy())) { // the QR works in place
      return Double.NaN;
    }
    solver.solve(b, coef);
    double mean = Arrays.stream(phi[k]).average().orElse(0);
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < n; i++) {
      double fit = 0;
      for (int t = 0; t < terms; t++) {
        fit += a.get(i, t) * coef.get(t, 0);
      }
      ssRes += (phi[k][i] - fit) * (phi[k][i] - fit);
      ssTot += (phi[k][i] - mean) * (phi[k][i] - mean);
    }
    return ssTot == 0 ? 1 : 1 - ssRes / ssTot;
  }

  /** All exponent vectors with total degree ≤ remaining, constant term first. */
  private static void exponents(int[] e, int c, int remaining, List<int[]> out) {
    if (c == e.length) {
      out.add(e.clone());
      return;
    }
    for (int p = 0; p <= remaining; p++) {
      e[c] = p;
      exponents(e, c + 1, remaining - p, out);
    }
    e[c] = 0;
  }

  /**
   * 1-based numbers of the coordinates whose local-linear residual is at least the threshold
   * (coordinate 1 always, r_1 = 1): the parsimonious, non-harmonic description.
   */
  public static int[] nonHarmonic(double[] residuals, double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("residual threshold must be in [0, 1], got "
          + threshold);
    }
    return IntStream.range(0, residuals.length).filter(k -> residuals[k] >= threshold)
        .map(k -> k + 1).toArray();
  }
}
