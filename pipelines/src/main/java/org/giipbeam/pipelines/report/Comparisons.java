package org.giipbeam.pipelines.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeResult;

/**
 * Everything {@code giip compare} writes for two groups of samples in one plane: the density
 * difference figure, its grid as CSV, the permutation test and region means
 * ({@link ComparisonStatistics}) as CSV, and the density difference of each composition
 * descriptor (paper Fig. 3b) as CSV, with a summary on the console.
 */
public final class Comparisons {
  private Comparisons() {}

  /** Bins of the partial RDFs. */
  public static final int RDF_BINS = 100;

  /**
   * The partial RDFs g_ab(r) centred on the LAE centres of each group ({@link PartialRdf}),
   * from 0 to {@code rMax}: {@code BASE-rdf.csv} (r, then g_ab of each group) and the figure
   * {@code BASE-rdf.png} (and .svg), beside {@code png}; one console line per pair with the
   * first peak of each group. Returns the CSV.
   */
  public static Path writeRdf(List<LaeResult> rows, List<Frame> frames, List<String> a,
      List<String> b, double rMax, Path png, PrintWriter out) throws IOException {
    String la = String.join("+", a);
    String lb = String.join("+", b);
    String base = png.getFileName().toString().replaceAll("\\.png$", "");
    Path dir = png.toAbsolutePath().getParent();
    PartialRdf ga = PartialRdf.of(frames, centres(rows, a), rMax, RDF_BINS);
    PartialRdf gb = PartialRdf.of(frames, centres(rows, b), rMax, RDF_BINS);
    List<String> pairs = new java.util.ArrayList<>(ga.pairs());
    gb.pairs().stream().filter(p -> !pairs.contains(p)).forEach(pairs::add);
    StringBuilder sb = new StringBuilder("r");
    for (String p : pairs) {
      sb.append(",g_").append(p.replace("-", "_")).append('_').append(la)
          .append(",g_").append(p.replace("-", "_")).append('_').append(lb);
    }
    sb.append('\n');
    double[] r = ga.r();
    java.util.Map<String, double[]> curves = new java.util.LinkedHashMap<>();
    for (String p : pairs) {
      curves.put(p + " " + la, ga.pairs().contains(p) ? ga.g(p) : new double[r.length]);
      curves.put(p + " " + lb, gb.pairs().contains(p) ? gb.g(p) : new double[r.length]);
    }
    for (int i = 0; i < r.length; i++) {
      sb.append(r[i]);
      for (double[] g : curves.values()) {
        sb.append(',').append(g[i]);
      }
      sb.append('\n');
    }
    Path csv = dir.resolve(base + "-rdf.csv");
    StudyCharts.writeBytes(csv, sb.toString().getBytes(StandardCharsets.UTF_8));
    StudyCharts.writePng(StudyCharts.partialRdf(r, curves, la, lb),
        dir.resolve(base + "-rdf.png"));
    out.printf(Locale.ROOT, "  partial RDFs centred on the LAE centres (%s: %s centres, %s: %s"
        + " centres by type), r ≤ %.3g in %d bins: %s-rdf.csv, %s-rdf.png%n", la, ga.centres(),
        lb, gb.centres(), rMax, RDF_BINS, base, base);
    for (String p : pairs) {
      double[] x = curves.get(p + " " + la);
      double[] y = curves.get(p + " " + lb);
      double[] pa = firstPeak(r, x);
      double[] pb = firstPeak(r, y);
      out.printf(Locale.ROOT, "    g_%s: first peak %s r = %.3f (g = %.3f), %s r = %.3f"
          + " (g = %.3f)%n", p, la, pa[0], pa[1], lb, pb[0], pb[1]);
    }
    out.flush();
    return csv;
  }

  /**
   * Where g has its highest maximum (the first, nearest-neighbour peak of a dense sample): the
   * curve smoothed with weights (1, 2, 1)/4, its highest bin, refined by the parabola through
   * that bin and its neighbours. Returns {r, g there (smoothed)}.
   */
  static double[] firstPeak(double[] r, double[] g) {
    int n = g.length;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = i == 0 || i == n - 1 ? g[i] : (g[i - 1] + 2 * g[i] + g[i + 1]) / 4;
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (s[i] > s[best]) {
        best = i;
      }
    }
    double at = r[best];
    if (best > 0 && best < n - 1) {
      double curvature = s[best - 1] - 2 * s[best] + s[best + 1];
      if (curvature < 0) {
        at += 0.5 * (s[best - 1] - s[best + 1]) / curvature * (r[1] - r[0]);
      }
    }
    return new double[] {at, s[best]};
  }

  /** The LAE centres (atom ids) of each of the samples, from the results. */
  static java.util.Map<String, java.util.Set<Long>> centres(List<LaeResult> rows,
      List<String> samples) {
    java.util.Map<String, java.util.Set<Long>> m = new java.util.HashMap<>();
    for (LaeResult row : rows) {
      if (samples.contains(row.sample())) {
        m.computeIfAbsent(row.sample(), k -> new java.util.HashSet<>()).add(row.centreId());
      }
    }
    return m;
  }

  /** Points of the 1D descriptor densities. */
  public static final int DESCRIPTOR_POINTS = 128;

  /**
   * Writes {@code PREFIX.png}, {@code PREFIX-grid.csv}, {@code PREFIX-statistics.csv} and
   * {@code PREFIX-DESCRIPTOR.csv} for each composition descriptor; returns the PNG.
   */
  public static Path write(List<LaeResult> rows, List<String> a, List<String> b, int i, int j,
      Path png, PrintWriter out) throws IOException {
    String la = String.join("+", a);
    String lb = String.join("+", b);
    String base = png.getFileName().toString().replaceAll("\\.png$", "");
    Path dir = png.toAbsolutePath().getParent();
    DensityDifference dd = DensityDifference.of(rows, a, b, i, j);
    StudyCharts.writePng(StudyCharts.densityDifference(dd, la, lb), png);
    ComparisonStatistics.writeGridCsv(dd, dir.resolve(base + "-grid.csv"));
    ComparisonStatistics st = ComparisonStatistics.of(rows, a, b, i, j,
        ComparisonStatistics.DEFAULT_PERMUTATIONS, 1);
    st.writeCsv(dir.resolve(base + "-statistics.csv"), la, lb);
    double peak = 0;
    for (int x = 0; x < dd.xCentres().length; x++) {
      for (int y = 0; y < dd.yCentres().length; y++) {
        peak = Math.max(peak, Math.max(dd.densityA()[x][y], dd.densityB()[x][y]));
      }
    }
    out.printf(Locale.ROOT, "density difference %s − %s in (φ%d, φ%d): largest |Δ| / peak"
        + " density %.3f (the colour bar's units); wrote %s%n", la, lb, i, j,
        peak > 0 ? dd.maxAbsDifference() / peak : 0, png);
    out.printf(Locale.ROOT, "  label-permutation test (%d permutations of %,d + %,d LAEs):"
        + " total difference L1 = %.4f, p = %.3f; %s enriched peak p = %.3f; %s enriched peak"
        + " p = %.3f%n", st.permutations(), st.countA(), st.countB(), st.l1(), st.pL1(), la,
        st.pPeakA(), lb, st.pPeakB());
    for (int c = 0; c < st.descriptors().size(); c++) {
      String d = st.descriptors().get(c);
      if (d.startsWith("sym_") || d.startsWith("shape_") || d.startsWith("cna_1551")
          || d.startsWith("coordination") || d.startsWith("composition_")) {
        out.printf(Locale.ROOT, "  %s: mean %.4g; where %s is enriched %.4g; where %s is"
            + " enriched %.4g%n", d, st.meanAll()[c], la, st.meanWhereA()[c], lb,
            st.meanWhereB()[c]);
      }
    }
    for (String d : InterpretationTable.informativeDescriptors(rows)) {
      if (!d.startsWith("composition_")) {
        continue;
      }
      double[][] curve = ComparisonStatistics.descriptorDifference(rows, a, b, d,
          DESCRIPTOR_POINTS);
      StringBuilder sb = new StringBuilder(d + ",density_" + la + ",density_" + lb
          + ",difference\n");
      for (double[] p : curve) {
        sb.append(p[0]).append(',').append(p[1]).append(',').append(p[2]).append(',')
            .append(p[3]).append('\n');
      }
      StudyCharts.writeBytes(dir.resolve(base + "-" + d + ".csv"),
          sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    out.printf(Locale.ROOT, "  numbers: %s-grid.csv, %s-statistics.csv, %s-composition_*.csv%n",
        base, base, base);
    out.flush();
    return png;
  }
}
