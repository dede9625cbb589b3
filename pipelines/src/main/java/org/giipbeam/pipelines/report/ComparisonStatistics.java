package org.giipbeam.pipelines.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.giipbeam.arrowio.LaeResult;

/**
 * Whether two groups of samples really differ in a plane of diffusion coordinates, and what
 * the LAEs are like where one group is enriched: the numbers behind the paper's Fig. 3c.
 *
 * <p><b>Statistic.</b> Both groups' LAEs are binned on one {@code grid} × {@code grid} grid over
 * the pooled range and smoothed with the same Gaussian (Scott's bandwidth of the pooled points,
 * as {@link DensityDifference}), each normalised to unit mass: Δ = density A − density B.
 * Three statistics: the plane's total difference L1 = Σ |Δ| · cell area (0 … 2), the peak
 * enrichment of A (max Δ) and of B (max −Δ) — the two regions.
 *
 * <p><b>Label-permutation test.</b> The group labels of the pooled LAEs are shuffled
 * ({@code permutations} times, seeded), keeping the group sizes, and the statistics recomputed;
 * p = (1 + #{permuted ≥ observed}) / (1 + permutations). It tests whether the difference
 * exceeds what the finite numbers of LAEs alone would give; LAEs of one sample are not
 * independent (neighbours share atoms, a sample has its own history), so a small p says the
 * samples differ, not that the quench rates would differ in every pair of samples.
 *
 * <p><b>Regions.</b> "A enriched" are the cells with Δ ≥ half of max Δ, "B enriched" those with
 * −Δ ≥ half of max −Δ; each LAE falls in one cell, and the mean of every descriptor is taken
 * over the LAEs (both groups) in each region and over all.
 */
public record ComparisonStatistics(
    double l1, double peakA, double peakB, double pL1, double pPeakA, double pPeakB,
    int permutations, int countA, int countB, List<String> descriptors, double[] meanAll,
    double[] meanWhereA, double[] meanWhereB, int laesWhereA, int laesWhereB) {

  /** Permutations unless told otherwise. */
  public static final int DEFAULT_PERMUTATIONS = 199;
  /** Grid cells per axis of the binned densities. */
  public static final int GRID = 48;

  /** The statistics of groups A and B in the φ_i × φ_j plane (1-based). */
  public static ComparisonStatistics of(List<LaeResult> rows, Collection<String> samplesA,
      Collection<String> samplesB, int i, int j, int permutations, long seed) {
    List<LaeResult> pooled = new ArrayList<>();
    List<Boolean> isA = new ArrayList<>();
    for (LaeResult r : rows) {
      boolean a = samplesA.contains(r.sample());
      boolean b = samplesB.contains(r.sample());
      double x = r.coordinates()[i - 1];
      double y = r.coordinates()[j - 1];
      if ((a || b) && Double.isFinite(x) && Double.isFinite(y)) {
        pooled.add(r);
        isA.add(a);
      }
    }
    int n = pooled.size();
    int na = (int) isA.stream().filter(v -> v).count();
    if (na == 0 || na == n) {
      throw new IllegalArgumentException("both groups need LAEs: A has " + na + ", B has "
          + (n - na));
    }
    double[] x = new double[n];
    double[] y = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = pooled.get(k).coordinates()[i - 1];
      y[k] = pooled.get(k).coordinates()[j - 1];
    }
    Grid g = new Grid(x, y, GRID);
    int[] cell = new int[n];
    for (int k = 0; k < n; k++) {
      cell[k] = g.cell(x[k], y[k]);
    }
    boolean[] labels = new boolean[n];
    for (int k = 0; k < n; k++) {
      labels[k] = isA.get(k);
    }
    double[] delta = g.difference(cell, labels);
    double[] obs = stats(delta, g.cellArea);
    int[] ge = new int[3];
    Random rnd = new Random(seed);
    boolean[] perm = labels.clone();
    for (int p = 0; p < permutations; p++) {
      for (int k = n - 1; k > 0; k--) {
        int m = rnd.nextInt(k + 1);
        boolean t = perm[k];
        perm[k] = perm[m];
        perm[m] = t;
      }
      double[] s = stats(g.difference(cell, perm), g.cellArea);
      for (int q = 0; q < 3; q++) {
        if (s[q] >= obs[q]) {
          ge[q]++;
        }
      }
    }
    List<String> names = InterpretationTable.informativeDescriptors(pooled);
    double[] all = new double[names.size()];
    double[] whereA = new double[names.size()];
    double[] whereB = new double[names.size()];
    int[][] counts = new int[3][names.size()];
    int inA = 0;
    int inB = 0;
    for (int k = 0; k < n; k++) {
      double dv = delta[cell[k]];
      boolean ra = obs[1] > 0 && dv >= 0.5 * obs[1];
      boolean rb = obs[2] > 0 && -dv >= 0.5 * obs[2];
      inA += ra ? 1 : 0;
      inB += rb ? 1 : 0;
      for (int c = 0; c < names.size(); c++) {
        Double v = pooled.get(k).descriptors().get(names.get(c));
        if (v == null || !Double.isFinite(v)) {
          continue;
        }
        all[c] += v;
        counts[0][c]++;
        if (ra) {
          whereA[c] += v;
          counts[1][c]++;
        }
        if (rb) {
          whereB[c] += v;
          counts[2][c]++;
        }
      }
    }
    for (int c = 0; c < names.size(); c++) {
      all[c] = counts[0][c] > 0 ? all[c] / counts[0][c] : Double.NaN;
      whereA[c] = counts[1][c] > 0 ? whereA[c] / counts[1][c] : Double.NaN;
      whereB[c] = counts[2][c] > 0 ? whereB[c] / counts[2][c] : Double.NaN;
    }
    double d = permutations + 1.0;
    return new ComparisonStatistics(obs[0], obs[1], obs[2], (1 + ge[0]) / d, (1 + ge[1]) / d,
        (1 + ge[2]) / d, permutations, na, n - na, names, all, whereA, whereB, inA, inB);
  }

  /** {L1, max Δ, max −Δ}. */
  private static double[] stats(double[] delta, double cellArea) {
    double l1 = 0;
    double maxA = 0;
    double maxB = 0;
    for (double v : delta) {
      l1 += Math.abs(v) * cellArea;
      maxA = Math.max(maxA, v);
      maxB = Math.max(maxB, -v);
    }
    return new double[] {l1, maxA, maxB};
  }

  /** Writes the p-values and region means as CSV (one row per descriptor, then the tests). */
  public void writeCsv(Path file, String labelA, String labelB) throws IOException {
    StringBuilder sb = new StringBuilder("quantity,value,p_value\n");
    sb.append(String.format(Locale.ROOT, "L1_total_difference,%s,%s%n", l1, pL1));
    sb.append(String.format(Locale.ROOT, "peak_enrichment_%s,%s,%s%n", labelA, peakA, pPeakA));
    sb.append(String.format(Locale.ROOT, "peak_enrichment_%s,%s,%s%n", labelB, peakB, pPeakB));
    sb.append(String.format(Locale.ROOT, "permutations,%d,%n", permutations));
    sb.append(String.format(Locale.ROOT, "laes_%s,%d,%nlaes_%s,%d,%n", labelA, countA, labelB,
        countB));
    sb.append(String.format(Locale.ROOT, "laes_where_%s_enriched,%d,%n", labelA, laesWhereA));
    sb.append(String.format(Locale.ROOT, "laes_where_%s_enriched,%d,%n", labelB, laesWhereB));
    sb.append("\ndescriptor,mean_all,mean_where_").append(labelA).append("_enriched,mean_where_")
        .append(labelB).append("_enriched\n");
    for (int c = 0; c < descriptors.size(); c++) {
      sb.append(descriptors.get(c)).append(',').append(csv(meanAll[c])).append(',')
          .append(csv(meanWhereA[c])).append(',').append(csv(meanWhereB[c])).append('\n');
    }
    StudyCharts.writeBytes(file, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String csv(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  /** Writes a density difference's grid as CSV: x, y, density A, density B, difference. */
  public static void writeGridCsv(DensityDifference d, Path file) throws IOException {
    StringBuilder sb = new StringBuilder("x,y,density_a,density_b,difference,"
        + "difference_over_peak\n");
    double peak = 0;
    for (int a = 0; a < d.xCentres().length; a++) {
      for (int b = 0; b < d.yCentres().length; b++) {
        peak = Math.max(peak, Math.max(d.densityA()[a][b], d.densityB()[a][b]));
      }
    }
    for (int a = 0; a < d.xCentres().length; a++) {
      for (int b = 0; b < d.yCentres().length; b++) {
        double diff = d.densityA()[a][b] - d.densityB()[a][b];
        sb.append(d.xCentres()[a]).append(',').append(d.yCentres()[b]).append(',')
            .append(d.densityA()[a][b]).append(',').append(d.densityB()[a][b]).append(',')
            .append(diff).append(',').append(peak > 0 ? diff / peak : 0).append('\n');
      }
    }
    StudyCharts.writeBytes(file, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The paper's Fig. 3b as numbers: Gaussian densities of a descriptor (e.g. composition) of
   * groups A and B on {@code points} values over the pooled range ± 3h (Scott's h of the pooled
   * values), each of unit mass, and their difference; rows x, density_a, density_b, difference.
   */
  public static double[][] descriptorDifference(List<LaeResult> rows,
      Collection<String> samplesA, Collection<String> samplesB, String descriptor, int points) {
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (LaeResult r : rows) {
      Double v = r.descriptors().get(descriptor);
      if (v == null || !Double.isFinite(v)) {
        continue;
      }
      if (samplesA.contains(r.sample())) {
        a.add(v);
      } else if (samplesB.contains(r.sample())) {
        b.add(v);
      }
    }
    if (a.isEmpty() || b.isEmpty()) {
      throw new IllegalArgumentException("'" + descriptor + "' is not carried by both groups");
    }
    double[] pooled = new double[a.size() + b.size()];
    for (int k = 0; k < a.size(); k++) {
      pooled[k] = a.get(k);
    }
    for (int k = 0; k < b.size(); k++) {
      pooled[a.size() + k] = b.get(k);
    }
    double h = Grid.scott(pooled);
    double[] r = Grid.range(pooled);
    double lo = r[0] - 3 * h;
    double step = (r[1] - r[0] + 6 * h) / (points - 1);
    double[][] out = new double[points][4];
    for (int p = 0; p < points; p++) {
      double x = lo + p * step;
      out[p][0] = x;
      out[p][1] = kde(a, x, h);
      out[p][2] = kde(b, x, h);
      out[p][3] = out[p][1] - out[p][2];
    }
    return out;
  }

  private static double kde(List<Double> v, double x, double h) {
    double s = 0;
    for (double u : v) {
      double z = (x - u) / h;
      s += Math.exp(-0.5 * z * z);
    }
    return s / (v.size() * h * Math.sqrt(2 * Math.PI));
  }

  /** Binned, Gaussian-smoothed densities on a fixed grid. */
  private static final class Grid {
    final int size;
    final double x0;
    final double y0;
    final double dx;
    final double dy;
    final double cellArea;
    final double[] kx;
    final double[] ky;

    Grid(double[] x, double[] y, int size) {
      this.size = size;
      double hx = scott(x);
      double hy = scott(y);
      double[] rx = range(x);
      double[] ry = range(y);
      x0 = rx[0] - 2 * hx;
      y0 = ry[0] - 2 * hy;
      dx = (rx[1] - rx[0] + 4 * hx) / size;
      dy = (ry[1] - ry[0] + 4 * hy) / size;
      cellArea = dx * dy;
      kx = kernel(hx / dx);
      ky = kernel(hy / dy);
    }

    int cell(double x, double y) {
      int a = Math.min(size - 1, Math.max(0, (int) ((x - x0) / dx)));
      int b = Math.min(size - 1, Math.max(0, (int) ((y - y0) / dy)));
      return a * size + b;
    }

    double[] difference(int[] cell, boolean[] isA) {
      double[] ca = new double[size * size];
      double[] cb = new double[size * size];
      for (int k = 0; k < cell.length; k++) {
        (isA[k] ? ca : cb)[cell[k]]++;
      }
      double[] a = smooth(ca);
      double[] b = smooth(cb);
      double ma = 0;
      double mb = 0;
      for (int c = 0; c < a.length; c++) {
        ma += a[c] * cellArea;
        mb += b[c] * cellArea;
      }
      double[] d = new double[a.length];
      for (int c = 0; c < a.length; c++) {
        d[c] = (ma > 0 ? a[c] / ma : 0) - (mb > 0 ? b[c] / mb : 0);
      }
      return d;
    }

    private double[] smooth(double[] counts) {
      double[] t = new double[counts.length];
      int rx = kx.length / 2;
      int ry = ky.length / 2;
      for (int a = 0; a < size; a++) {
        for (int b = 0; b < size; b++) {
          double s = 0;
          for (int o = -ry; o <= ry; o++) {
            int bb = b + o;
            if (bb >= 0 && bb < size) {
              s += ky[o + ry] * counts[a * size + bb];
            }
          }
          t[a * size + b] = s;
        }
      }
      double[] out = new double[counts.length];
      for (int a = 0; a < size; a++) {
        for (int b = 0; b < size; b++) {
          double s = 0;
          for (int o = -rx; o <= rx; o++) {
            int aa = a + o;
            if (aa >= 0 && aa < size) {
              s += kx[o + rx] * t[aa * size + b];
            }
          }
          out[a * size + b] = s;
        }
      }
      return out;
    }

    private static double[] kernel(double hCells) {
      double h = Math.max(hCells, 0.5);
      int r = (int) Math.ceil(4 * h);
      double[] k = new double[2 * r + 1];
      for (int o = -r; o <= r; o++) {
        k[o + r] = Math.exp(-0.5 * (o / h) * (o / h));
      }
      return k;
    }

    private static double scott(double[] v) {
      double m = 0;
      for (double x : v) {
        m += x / v.length;
      }
      double s = 0;
      for (double x : v) {
        s += (x - m) * (x - m);
      }
      double sd = Math.sqrt(s / Math.max(1, v.length - 1));
      double h = sd * Math.pow(v.length, -1.0 / 6);
      return h > 0 ? h : 1e-3 * Math.max(1, Math.abs(m));
    }

    private static double[] range(double[] v) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double x : v) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
      return new double[] {lo, hi};
    }
  }
}
