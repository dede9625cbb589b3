package org.giipbeam.pipelines.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.giipbeam.arrowio.LaeResult;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a study's figures (PNG, and SVG beside each: {@link StudyCharts#render}), {@code report.md} (referring to the PNGs beside it) and
 * {@code report.html} (self-contained: every figure embedded as a base64 data URI, no external
 * CSS or JavaScript) into one folder. Every file is written under a temporary name and renamed
 * into place, so an interrupted run leaves no partial file.
 *
 * <pre>{@code
 * ReportFiles files = ReportWriter.write(report, Path.of("out"));
 * }</pre>
 */
public final class ReportWriter {
  static {
    Headless.ensure();
  }

  /** File name of the Markdown report. */
  public static final String MARKDOWN = "report.md";

  /** File name of the HTML report. */
  public static final String HTML = "report.html";

  private ReportWriter() {}

  /** A drawn figure: its (PNG) file name, caption, and the figure as PNG and SVG. */
  record Figure(String fileName, String caption, StudyCharts.Rendered drawn) {
    byte[] png() {
      return drawn.png();
    }
  }

  /**
   * Winning regressions are drawn when they reach this r²: a coordinate against the descriptor
   * it tracks best, a plane direction that beats every single coordinate.
   */
  static final double DIRECTION_FIGURE_R2 = 0.5;
  /** At most this many direction figures, best first. */
  static final int MAX_DIRECTION_FIGURES = 12;

  /** Every informative descriptor's best coordinate and best direction in the report's planes. */
  static List<DescriptorDirections.Row> directions(StudyReport report) {
    List<LaeResult> rows = report.results();
    List<Integer> coords = new ArrayList<>();
    for (int c = 1; c <= Math.min(report.interpretedCoordinates(), report.coordinateCount());
        c++) {
      coords.add(c);
    }
    return DescriptorDirections.of(rows, coords, report.effectiveScatterPairs(),
        InterpretationTable.informativeDescriptors(rows));
  }

  /** Which LAEs the tables and figures cover, in words. */
  static String coverage(StudyReport report) {
    long training = report.results().stream().filter(LaeResult::training).count();
    long extension = report.results().size() - training;
    return String.format(Locale.ROOT, "all %,d LAEs of the study (%,d training, %,d extension"
        + "%s)", report.results().size(), training, extension,
        extension > 0 ? "; the training set may over-represent the split's extremes" : "");
  }

  static List<String[]> directionRows(StudyReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"descriptor", "best coordinate", "r²", "best direction", "r²"});
    for (DescriptorDirections.Row r : directions(report)) {
      PlaneFit f = r.bestPlane();
      rows.add(new String[] {r.descriptor(),
          r.coordinate() > 0 ? "φ_" + r.coordinate() : "—", r2(r.coordinateFit()),
          f == null ? "—" : String.format(Locale.ROOT, "%.0f° in φ_%d × φ_%d",
              f.angleDegrees(), f.i(), f.j()),
          f == null ? "n/a" : String.format(Locale.ROOT, "%.3f", f.rSquared())});
    }
    return rows;
  }

  /** Draws every figure and writes the reports into {@code dir} (created if absent). */
  public static ReportFiles write(StudyReport report, Path dir) throws IOException {
    List<Figure> figures = drawFigures(report);
    List<Path> paths = new ArrayList<>();
    for (Figure f : figures) {
      Path p = dir.resolve(f.fileName());
      StudyCharts.writeFigure(p, f.drawn());
      paths.add(p);
    }
    // Maps of the samples, written with the annotated samples, go into the report as they are.
    for (Figure f : SampleMaps.figures(dir)) {
      figures.add(f);
      paths.add(dir.resolve(f.fileName()));
    }
    InterpretationTable table = InterpretationTable.of(report.results(),
        report.interpretedCoordinates());
    Path md = dir.resolve(MARKDOWN);
    byte[] mdBytes = markdown(report, table, figures).getBytes(StandardCharsets.UTF_8);
    StudyCharts.writeBytes(md, mdBytes);
    Path html = dir.resolve(HTML);
    byte[] htmlBytes = html(report, table, figures).getBytes(StandardCharsets.UTF_8);
    StudyCharts.writeBytes(html, htmlBytes);
    return new ReportFiles(md, html, paths);
  }

  // ------------------------------------------------------------------------ figures

  /** The exemplars' figure. */
  static final String EXEMPLARS_FIGURE = "exemplars.png";

  /** What the exemplar table says above it. */
  static String exemplarText(StudyReport report) {
    return "For each class (largest first) and each end of the leading coordinates, the "
        + "training LAE closest to the group's medoid in GIIP distance (it is the medoid), and "
        + "the group's mean descriptors over all its LAEs (training and extension; an end of "
        + "φ_k: the LAEs with φ_k beyond its " + Math.round(100 * Exemplars.END_FRACTION)
        + "% most extreme training LAEs). Drawings: " + EXEMPLARS_FIGURE + ".";
  }

  static List<Figure> drawFigures(StudyReport report) throws IOException {
    List<Figure> figures = new ArrayList<>();
    List<LaeResult> rows = report.results();
    if (report.spectrum() != null) {
      add(figures, "significance_redundancy.png",
          "Significance (λ_k) against redundancy (r_k) of the diffusion coordinates, each "
              + "labelled with k (paper Figs 1b, 2b).",
          StudyCharts.significanceRedundancy(report.spectrum()));
    }
    if (report.sweep() != null) {
      add(figures, "kernel_sum_sweep.png",
          String.format(Locale.ROOT, "Σ_ij W_ij against ε on log–log axes; chosen ε = %s.",
              number(report.sweep().chosenEpsilon())),
          StudyCharts.kernelSumSweep(report.sweep()));
    }
    for (int[] p : report.effectiveScatterPairs()) {
      add(figures, "phi" + p[0] + "_phi" + p[1] + "_classes.png",
          "LAEs in the φ_" + p[0] + " × φ_" + p[1] + " plane, coloured by class "
              + "(paper Figs 1c, 2d, 2e).",
          StudyCharts.coordinateScatter(rows, p[0], p[1]));
    }
    List<String> names = InterpretationTable.informativeDescriptors(rows);
    List<String> drawn = new ArrayList<>();
    for (String d : report.effectiveRegressionDescriptors()) {
      if (!names.contains(d)) {
        continue; // not carried, constant or a duplicate: nothing to regress
      }
      for (int k : report.regressedCoordinates()) {
        add(figures, "regression_phi" + k + "_" + slug(d) + ".png",
            "φ_" + k + " against " + StudyCharts.descriptorLabel(d)
                + " with its least-squares line (paper Figs 1d, 2c).",
            StudyCharts.regression(rows, k, d));
        drawn.add(k + "/" + d);
      }
    }
    // The winning regressions, whatever the descriptor: what each leading coordinate tracks
    // best, and the plane directions that beat every single coordinate.
    InterpretationTable table = InterpretationTable.of(rows, report.interpretedCoordinates());
    for (int k : report.regressedCoordinates()) {
      if (!table.coordinates().contains(k)) {
        continue;
      }
      Optional<String> best = table.bestDescriptor(k);
      if (best.isPresent() && table.rSquared(k, best.get()) >= DIRECTION_FIGURE_R2
          && !drawn.contains(k + "/" + best.get())) {
        add(figures, "best_phi" + k + "_" + slug(best.get()) + ".png",
            "φ_" + k + " against the descriptor it tracks best, "
                + StudyCharts.descriptorLabel(best.get()) + ", with its least-squares line.",
            StudyCharts.regression(rows, k, best.get()));
      }
    }
    List<DescriptorDirections.Row> winners = new ArrayList<>(directions(report).stream()
        .filter(r -> r.planeWins() && r.bestPlane().rSquared() >= DIRECTION_FIGURE_R2)
        .toList());
    winners.sort((x, y) -> Double.compare(y.bestPlane().rSquared(), x.bestPlane().rSquared()));
    for (DescriptorDirections.Row r : winners.subList(0, Math.min(MAX_DIRECTION_FIGURES,
        winners.size()))) {
      PlaneFit f = r.bestPlane();
      add(figures, "direction_" + slug(r.descriptor()) + "_phi" + f.i() + "_phi" + f.j()
              + ".png",
          String.format(Locale.ROOT, "%s against its best direction u in the φ_%d × φ_%d "
                  + "plane (%.0f° from φ_%d towards φ_%d; the paper's α'), r² = %.3f against "
                  + "%.3f for the best single coordinate.", r.descriptor(), f.i(), f.j(),
              f.angleDegrees(), f.i(), f.j(), f.rSquared(), r.coordinateFit().rSquared()),
          DirectionCharts.direction(rows, r.descriptor(), f));
    }

    if (!report.exemplars().isEmpty()) {
      figures.add(new Figure(EXEMPLARS_FIGURE, "Exemplars (paper Figs 1c, 2d): the medoid LAE "
          + "(smallest summed GIIP distance to the others) of the training LAEs of each class "
          + "and of each end (" + Math.round(100 * Exemplars.END_FRACTION) + "% of the training "
          + "LAEs) of the leading coordinates; the centre in black, neighbours coloured by "
          + "species (blue: first, orange: second) and shaded by weight"
          + (report.exemplars().get(0).lae().dimension() == 3
              ? "; 3D LAEs projected on their two largest principal axes, nearer atoms larger"
              : "") + ".", Exemplars.draw(report.exemplars())));
    }
    for (SampleComparison c : report.comparisons()) {
      DensityDifference dd = DensityDifference.of(rows, c.samplesA(), c.samplesB(), c.i(),
          c.j());
      add(figures, "density_difference_" + slug(c.labelA()) + "_minus_" + slug(c.labelB())
              + "_phi" + c.i() + "_phi" + c.j() + ".png",
          String.format(Locale.ROOT, "Density of %s minus density of %s in the φ_%d × φ_%d "
                  + "plane (paper Fig. 3c): blue where %s is denser, red where %s is denser. "
                  + "Gaussian kernels, h = (%s, %s), %d × %d grid, each group normalised to "
                  + "unit mass.", c.labelA(), c.labelB(), c.i(), c.j(), c.labelA(), c.labelB(),
              number(dd.bandwidthX()), number(dd.bandwidthY()), dd.xCentres().length,
              dd.yCentres().length),
          StudyCharts.densityDifference(dd, c.labelA(), c.labelB()));
    }
    return figures;
  }

  private static void add(List<Figure> figures, String name, String caption, Chart<?, ?> chart)
      throws IOException {
    // Every figure goes through here, so every figure gets its PNG and its SVG.
    figures.add(new Figure(name, caption, StudyCharts.render(chart)));
  }

  /** A file-name-safe form of a label: lower case letters, digits and '_'. */
  static String slug(String s) {
    String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_+|_+$", "");
    return t.isEmpty() ? "x" : t;
  }

  // ------------------------------------------------------------------------ key numbers

  /** Per-sample LAE counts: sample → {all, training}. */
  static Map<String, int[]> counts(List<LaeResult> rows) {
    Map<String, int[]> m = new TreeMap<>();
    for (LaeResult r : rows) {
      int[] c = m.computeIfAbsent(r.sample(), s -> new int[2]);
      c[0]++;
      if (r.training()) {
        c[1]++;
      }
    }
    return m;
  }

  static long classCount(List<LaeResult> rows) {
    return rows.stream().mapToInt(LaeResult::classLabel).filter(c -> c > 0).distinct().count();
  }

  /** A number for a table: 4 significant digits, "n/a" when not finite. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  static String r2(LinearFit f) {
    return f.defined() ? String.format(Locale.ROOT, "%.3f", f.rSquared()) : "n/a";
  }

  static String duration(Duration d) {
    double s = d.toNanos() / 1e9;
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long m = (long) (s / 60);
    if (m < 60) {
      return String.format(Locale.ROOT, "%d min %.0f s", m, s - 60 * m);
    }
    return String.format(Locale.ROOT, "%d h %d min", m / 60, m % 60);
  }

  /** Rows of key numbers: (name, value). */
  static List<String[]> keyNumbers(StudyReport report) {
    List<LaeResult> rows = report.results();
    List<String[]> kv = new ArrayList<>();
    long training = rows.stream().filter(LaeResult::training).count();
    kv.add(new String[] {"LAEs", String.format(Locale.ROOT, "%,d", rows.size())});
    kv.add(new String[] {"training LAEs", String.format(Locale.ROOT, "%,d", training)});
    kv.add(new String[] {"extension LAEs",
        String.format(Locale.ROOT, "%,d", rows.size() - training)});
    kv.add(new String[] {"samples", Integer.toString(counts(rows).size())});
    kv.add(new String[] {"classes", Long.toString(classCount(rows))});
    kv.add(new String[] {"diffusion coordinates", Integer.toString(report.coordinateCount())});
    if (report.sweep() != null) {
      kv.add(new String[] {"ε", number(report.sweep().chosenEpsilon())});
    }
    if (report.spectrum() != null) {
      List<Integer> nh = report.spectrum().nonHarmonic();
      kv.add(new String[] {"non-harmonic coordinates",
          nh.isEmpty() ? "not determined" : nh.stream().map(k -> "φ_" + k).toList().toString()
              .replaceAll("[\\[\\]]", "")});
    }
    for (String d : InterpretationTable.informativeDescriptors(rows)) {
      if (d.startsWith("composition")) {
        LinearFit f = InterpretationTable.fitFromPhi1(rows, d);
        kv.add(new String[] {"best line " + d + " from φ_1",
            f.defined() ? String.format(Locale.ROOT, "r² = %.3f (slope %s, intercept %s, n = %,d)",
                f.rSquared(), number(f.slope()), number(f.intercept()), f.n()) : "n/a"});
      }
    }
    return kv;
  }

  // ------------------------------------------------------------------------ Markdown

  static String markdown(StudyReport report, InterpretationTable table, List<Figure> figures) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(md(report.title())).append("\n\n");
    sb.append("## Key numbers\n\n| quantity | value |\n|---|---|\n");
    for (String[] kv : keyNumbers(report)) {
      sb.append("| ").append(md(kv[0])).append(" | ").append(md(kv[1])).append(" |\n");
    }
    sb.append("\n## LAEs per sample\n\n| sample | LAEs | training | extension |\n|---|---:|---:|---:|\n");
    counts(report.results()).forEach((s, c) -> sb.append("| ").append(md(s)).append(" | ")
        .append(c[0]).append(" | ").append(c[1]).append(" | ").append(c[0] - c[1]).append(" |\n"));
    if (report.spectrum() != null) {
      sb.append("\n## Eigenvalues and redundancy\n\n");
      for (String[] row : spectrumRows(report.spectrum())) {
        sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        if (row[0].equals("k")) {
          sb.append("|---:|---:|---:|---:|---|\n");
        }
      }
    }
    sb.append("\n## Interpretation: r² of the best line between φ_k and each descriptor\n\n");
    sb.append("Over ").append(md(coverage(report))).append(". Descriptors that are constant, "
        + "undefined or an affine copy of an earlier one are left out (docs/descriptors.md "
        + "defines each). The largest r² of each row is in bold.\n\n");
    List<String[]> it = interpretationRows(table);
    for (int r = 0; r < it.size(); r++) {
      String[] row = it.get(r);
      StringBuilder line = new StringBuilder("|");
      for (int c = 0; c < row.length; c++) {
        boolean best = r > 0 && c > 0 && isBest(table, r - 1, c - 1);
        line.append(' ').append(best ? "**" + md(row[c]) + "**" : md(row[c])).append(" |");
      }
      sb.append(line).append('\n');
      if (r == 0) {
        sb.append("|---").append("|---:".repeat(row.length - 1)).append("|\n");
      }
    }
    sb.append("\n## Directions: what predicts each descriptor\n\n");
    sb.append("Over ").append(md(coverage(report))).append(". The best single coordinate "
        + "(straight line) and the best direction in a plane of two coordinates (least squares "
        + "on both; the angle is from the first coordinate towards the second, the descriptor "
        + "grows along it).\n\n");
    List<String[]> dr = directionRows(report);
    for (int r = 0; r < dr.size(); r++) {
      StringBuilder line = new StringBuilder("|");
      for (String cell : dr.get(r)) {
        line.append(' ').append(md(cell)).append(" |");
      }
      sb.append(line).append('\n');
      if (r == 0) {
        sb.append("|---|---|---:|---|---:|\n");
      }
    }
    if (!report.exemplars().isEmpty()) {
      sb.append("\n## Exemplars\n\n").append(md(exemplarText(report))).append("\n\n");
      List<String[]> ex = Exemplars.tableRows(report.exemplars());
      for (int r = 0; r < ex.size(); r++) {
        StringBuilder line = new StringBuilder("|");
        for (String cell : ex.get(r)) {
          line.append(' ').append(md(cell)).append(" |");
        }
        sb.append(line).append('\n');
        if (r == 0) {
          sb.append("|---|---:|---:|---|---:").append("|---:".repeat(ex.get(0).length - 5))
              .append("|\n");
        }
      }
    }
    for (String w : report.warnings()) {
      sb.append("\n**Warning:** ").append(md(w)).append('\n');
    }
    if (!report.timings().isEmpty()) {
      sb.append("\n## Timings\n\n| step | wall time |\n|---|---:|\n");
      report.timings().forEach((k, v) -> sb.append("| ").append(md(k)).append(" | ")
          .append(duration(v)).append(" |\n"));
    }
    if (!report.parameters().isEmpty()) {
      sb.append("\n## Parameters\n\n| parameter | value |\n|---|---|\n");
      report.parameters().forEach((k, v) -> sb.append("| ").append(md(k)).append(" | ")
          .append(md(v)).append(" |\n"));
    }
    sb.append("\n## Figures\n");
    for (Figure f : figures) {
      sb.append("\n![").append(md(f.caption())).append("](").append(f.fileName()).append(")\n\n")
          .append(md(f.caption())).append(" ([SVG](")
          .append(StudyCharts.svgFile(Path.of(f.fileName())).getFileName()).append("))\n");
    }
    return sb.toString();
  }

  /** Markdown-safe text for a table cell or a line: no line breaks, pipes and markup escaped. */
  static String md(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.replaceAll("[\\r\\n]+", " ").toCharArray()) {
      // '_' stays: CommonMark never emphasises inside a word (r_cut, φ_1).
      if ("\\`*[]<>|#".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static List<String[]> spectrumRows(CoordinateSpectrum s) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"k", "λ_k", "redundancy residual r_k (0 harmonic … 1 new)",
        "polynomial r² (shown, not used)", "non-harmonic (r_k ≥ "
            + org.giipbeam.transforms.diffusion.CoordinateRedundancy.DEFAULT_THRESHOLD + ")"});
    for (int k = 1; k <= s.size(); k++) {
      rows.add(new String[] {Integer.toString(k), number(s.eigenvalues()[k - 1]),
          number(s.redundancyResiduals()[k - 1]),
          s.polynomialR2().length == 0 ? "—" : number(s.polynomialR2()[k - 1]),
          s.nonHarmonic().contains(k) ? "yes" : ""});
    }
    return rows;
  }

  static List<String[]> interpretationRows(InterpretationTable t) {
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[t.descriptors().size() + 1];
    head[0] = "coordinate";
    for (int c = 0; c < t.descriptors().size(); c++) {
      head[c + 1] = t.descriptors().get(c);
    }
    rows.add(head);
    for (int r = 0; r < t.coordinates().size(); r++) {
      String[] row = new String[head.length];
      row[0] = "φ_" + t.coordinates().get(r);
      for (int c = 0; c < t.descriptors().size(); c++) {
        row[c + 1] = r2(t.fits()[r][c]);
      }
      rows.add(row);
    }
    return rows;
  }

  private static boolean isBest(InterpretationTable t, int r, int c) {
    Optional<String> best = t.bestDescriptor(t.coordinates().get(r));
    return best.isPresent() && best.get().equals(t.descriptors().get(c))
        && t.fits()[r][c].defined();
  }

  // ------------------------------------------------------------------------ HTML

  static String html(StudyReport report, InterpretationTable table, List<Figure> figures) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc(report.title())).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;"
            + "color:#222;line-height:1.4}\n")
        .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}\n")
        .append("th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:right}\n")
        .append("th:first-child,td:first-child{text-align:left}\n")
        .append("th{background:#f2f2f2}\n")
        .append("figure{margin:1.5em 0}\nimg{max-width:100%;height:auto}\n")
        .append("figcaption{font-size:0.9em;color:#444}\n")
        .append("</style>\n</head>\n<body>\n");
    sb.append("<h1>").append(esc(report.title())).append("</h1>\n");
    sb.append("<h2>Key numbers</h2>\n");
    htmlTable(sb, List.<String[]>of(new String[] {"quantity", "value"}), keyNumbers(report), null);
    sb.append("<h2>LAEs per sample</h2>\n");
    List<String[]> perSample = new ArrayList<>();
    counts(report.results()).forEach((s, c) -> perSample.add(new String[] {s,
        Integer.toString(c[0]), Integer.toString(c[1]), Integer.toString(c[0] - c[1])}));
    htmlTable(sb, List.<String[]>of(new String[] {"sample", "LAEs", "training", "extension"}), perSample,
        null);
    if (report.spectrum() != null) {
      sb.append("<h2>Eigenvalues and redundancy</h2>\n");
      List<String[]> s = spectrumRows(report.spectrum());
      htmlTable(sb, s.subList(0, 1), s.subList(1, s.size()), null);
    }
    sb.append("<h2>Interpretation</h2>\n<p>r² of the best straight line between each leading "
        + "diffusion coordinate and each per-LAE descriptor, over ").append(esc(coverage(report)))
        .append("; constant, undefined and duplicate descriptors left out; the largest of each "
            + "row is in bold.</p>\n");
    List<String[]> it = interpretationRows(table);
    htmlTable(sb, it.subList(0, 1), it.subList(1, it.size()), (r, c) -> c > 0
        && isBest(table, r, c - 1));
    sb.append("<h2>Directions</h2>\n<p>For each descriptor, the best single coordinate and the "
        + "best direction in a plane of two coordinates (angle from the first towards the "
        + "second), over ").append(esc(coverage(report))).append(".</p>\n");
    List<String[]> dr = directionRows(report);
    htmlTable(sb, dr.subList(0, 1), dr.subList(1, dr.size()), null);
    if (!report.exemplars().isEmpty()) {
      sb.append("<h2>Exemplars</h2>\n<p>").append(esc(exemplarText(report))).append("</p>\n");
      List<String[]> ex = Exemplars.tableRows(report.exemplars());
      htmlTable(sb, ex.subList(0, 1), ex.subList(1, ex.size()), null);
    }
    for (String w : report.warnings()) {
      sb.append("<p><strong>Warning:</strong> ").append(esc(w)).append("</p>\n");
    }
    if (!report.timings().isEmpty()) {
      sb.append("<h2>Timings</h2>\n");
      List<String[]> t = new ArrayList<>();
      report.timings().forEach((k, v) -> t.add(new String[] {k, duration(v)}));
      htmlTable(sb, List.<String[]>of(new String[] {"step", "wall time"}), t, null);
    }
    if (!report.parameters().isEmpty()) {
      sb.append("<h2>Parameters</h2>\n");
      List<String[]> p = new ArrayList<>();
      report.parameters().forEach((k, v) -> p.add(new String[] {k, v}));
      htmlTable(sb, List.<String[]>of(new String[] {"parameter", "value"}), p, null);
    }
    sb.append("<h2>Figures</h2>\n");
    for (Figure f : figures) {
      sb.append("<figure>\n<img alt=\"").append(esc(f.fileName()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(f.png())).append("\">\n<figcaption>")
          .append(esc(f.caption())).append("</figcaption>\n</figure>\n");
    }
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  /** Whether a body cell (row, column) is emphasised. */
  @FunctionalInterface
  interface Emphasis {
    boolean test(int row, int column);
  }

  private static void htmlTable(StringBuilder sb, List<String[]> head, List<String[]> body,
      Emphasis bold) {
    sb.append("<table>\n<thead>\n");
    for (String[] row : head) {
      sb.append("<tr>");
      for (String cell : row) {
        sb.append("<th>").append(esc(cell)).append("</th>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</thead>\n<tbody>\n");
    for (int r = 0; r < body.size(); r++) {
      sb.append("<tr>");
      String[] row = body.get(r);
      for (int c = 0; c < row.length; c++) {
        boolean b = bold != null && bold.test(r, c);
        sb.append("<td>").append(b ? "<strong>" : "").append(esc(row[c]))
            .append(b ? "</strong>" : "").append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
  }

  /** Text safe in HTML element content and in double- or single-quoted attributes. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
