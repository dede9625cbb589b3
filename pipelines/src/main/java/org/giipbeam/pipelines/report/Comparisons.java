package org.giipbeam.pipelines.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.giipbeam.arrowio.LaeResult;

/**
 * Everything {@code giip compare} writes for two groups of samples in one plane: the density
 * difference figure, its grid as CSV, the permutation test and region means
 * ({@link ComparisonStatistics}) as CSV, and the density difference of each composition
 * descriptor (paper Fig. 3b) as CSV, with a summary on the console.
 */
public final class Comparisons {
  private Comparisons() {}

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
