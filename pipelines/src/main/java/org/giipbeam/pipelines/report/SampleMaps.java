package org.giipbeam.pipelines.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Maps of a sample: its atoms where they lie, the analysed centres coloured by class and by
 * each leading diffusion coordinate (the paper's Figs 1a, 1e, 2a). In 2D every atom is drawn;
 * in 3D a slab through the middle of the box, a tenth of its height thick, projected along z.
 * Atoms that were not analysed are light grey. Classes: the {@value #COLOURED_CLASSES} largest
 * get distinct colours, the rest are drawn dark grey and the legend says how many they are.
 * Coordinates: a diverging scale symmetric about 0 (blue negative, red positive) in eleven
 * bins, so that the two-lobed strain field around a dislocation core shows.
 *
 * <pre>{@code
 * SampleMaps.write(frame, resultsOfThatSample, 5, outputDir.resolve("maps"));
 * }</pre>
 */
public final class SampleMaps {
  private SampleMaps() {}

  /** Classes with a colour of their own; the rest are grey. */
  public static final int COLOURED_CLASSES = 20;
  /** Thickness of the 3D slab as a fraction of the box height. */
  public static final double SLAB_FRACTION = 0.1;
  /** Folder (inside a study's output) the maps are written to. */
  public static final String FOLDER = "maps";

  private static final Color UNANALYSED = new Color(0xdddddd);
  private static final Color OTHER_CLASSES = new Color(0x555555);
  private static final Color[] DIVERGING = {
    new Color(0x053061), new Color(0x2166ac), new Color(0x4393c3), new Color(0x92c5de),
    new Color(0xd1e5f0), new Color(0xf0f0f0), new Color(0xfddbc7), new Color(0xf4a582),
    new Color(0xd6604d), new Color(0xb2182b), new Color(0x67001f),
  };

  /**
   * Writes {@code LABEL_class.png} and {@code LABEL_phiK.png} (K = 1..leading) for one sample
   * through {@link StudyCharts#writePng}; returns the files.
   */
  public static List<Path> write(Frame frame, List<LaeResult> rows, int leading, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    String name = frame.sample().replaceAll("[^A-Za-z0-9._+-]", "_");
    List<Path> out = new ArrayList<>();
    Path p = dir.resolve(name + "_class.png");
    StudyCharts.writePng(classMap(frame, rows), p);
    out.add(p);
    int k = rows.isEmpty() ? 0 : Math.min(leading, rows.get(0).coordinates().length);
    for (int c = 1; c <= k; c++) {
      p = dir.resolve(name + "_phi" + c + ".png");
      StudyCharts.writePng(coordinateMap(frame, rows, c), p);
      out.add(p);
    }
    return out;
  }

  /** Indices of the atoms drawn: all in 2D, the middle slab in 3D. */
  static int[] drawnAtoms(Frame f) {
    int n = f.atomCount();
    if (f.dimension() == 2) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, f.position(i, 2));
      hi = Math.max(hi, f.position(i, 2));
    }
    double mid = (lo + hi) / 2;
    double half = SLAB_FRACTION * (hi - lo) / 2;
    return java.util.stream.IntStream.range(0, n)
        .filter(i -> Math.abs(f.position(i, 2) - mid) <= half).toArray();
  }

  /** The centres coloured by class. */
  public static XYChart classMap(Frame f, List<LaeResult> rows) {
    Map<Long, LaeResult> byId = byId(rows);
    Map<Integer, Integer> sizes = new HashMap<>();
    for (LaeResult r : rows) {
      sizes.merge(r.classLabel(), 1, Integer::sum);
    }
    List<Integer> largest = sizes.entrySet().stream().filter(e -> e.getKey() > 0)
        .sorted((a, b) -> b.getValue() != a.getValue().intValue()
            ? Integer.compare(b.getValue(), a.getValue()) : Integer.compare(a.getKey(), b.getKey()))
        .limit(COLOURED_CLASSES).map(Map.Entry::getKey).sorted().toList();
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    Map<String, Color> colours = new LinkedHashMap<>();
    series.put("not analysed", new ArrayList<>());
    colours.put("not analysed", UNANALYSED);
    for (int c : largest) {
      series.put("class " + c, new ArrayList<>());
      colours.put("class " + c, StudyCharts.classColour(c));
    }
    int others = (int) sizes.keySet().stream().filter(c -> !largest.contains(c)).count();
    String otherName = others + " smaller classes";
    series.put(otherName, new ArrayList<>());
    colours.put(otherName, OTHER_CLASSES);
    for (int i : drawnAtoms(f)) {
      LaeResult r = byId.get(f.ids()[i]);
      String s = r == null ? "not analysed"
          : largest.contains(r.classLabel()) ? "class " + r.classLabel() : otherName;
      series.get(s).add(new double[] {f.position(i, 0), f.position(i, 1)});
    }
    return chart(f, "by class", series, colours);
  }

  /** The centres coloured by φ_k on a diverging scale. */
  public static XYChart coordinateMap(Frame f, List<LaeResult> rows, int k) {
    Map<Long, LaeResult> byId = byId(rows);
    double max = 0;
    for (LaeResult r : rows) {
      max = Math.max(max, Math.abs(r.coordinates()[k - 1]));
    }
    double bin = max > 0 ? 2 * max / DIVERGING.length : 1;
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    Map<String, Color> colours = new LinkedHashMap<>();
    series.put("not analysed", new ArrayList<>());
    colours.put("not analysed", UNANALYSED);
    String[] names = new String[DIVERGING.length];
    for (int b = 0; b < DIVERGING.length; b++) {
      names[b] = String.format(Locale.ROOT, "%s … %s", StudyCharts.shortNumber(-max + b * bin),
          StudyCharts.shortNumber(-max + (b + 1) * bin));
      series.put(names[b], new ArrayList<>());
      colours.put(names[b], DIVERGING[b]);
    }
    for (int i : drawnAtoms(f)) {
      LaeResult r = byId.get(f.ids()[i]);
      double[] xy = {f.position(i, 0), f.position(i, 1)};
      if (r == null) {
        series.get("not analysed").add(xy);
      } else {
        int b = (int) Math.floor((r.coordinates()[k - 1] + max) / bin);
        series.get(names[Math.max(0, Math.min(DIVERGING.length - 1, b))]).add(xy);
      }
    }
    return chart(f, "by " + StudyCharts.phi(k), series, colours);
  }

  private static Map<Long, LaeResult> byId(List<LaeResult> rows) {
    Map<Long, LaeResult> m = new HashMap<>();
    for (LaeResult r : rows) {
      m.put(r.centreId(), r);
    }
    return m;
  }

  private static XYChart chart(Frame f, String what, Map<String, List<double[]>> series,
      Map<String, Color> colours) {
    String where = f.dimension() == 2 ? "" : String.format(Locale.ROOT,
        " (middle slab, %.0f%% of the height, along z)", 100 * SLAB_FRACTION);
    XYChart chart = StudyCharts.xyChart(f.sample() + " " + what + where, "x", "y");
    int n = series.values().stream().mapToInt(List::size).sum();
    for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
      List<double[]> pts = e.getValue();
      if (pts.isEmpty()) {
        continue;
      }
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = pts.get(i)[0];
        y[i] = pts.get(i)[1];
      }
      XYSeries s = chart.addSeries(e.getKey() + " (" + pts.size() + ")", x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colours.get(e.getKey()));
    }
    chart.getStyler().setMarkerSize(n > 20_000 ? 3 : n > 5000 ? 5 : 7);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return chart;
  }

  /** The maps already written into a study folder, as report figures (name, caption, PNG). */
  static List<ReportWriter.Figure> figures(Path studyDir) throws IOException {
    Path dir = studyDir.resolve(FOLDER);
    List<ReportWriter.Figure> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(q -> q.toString().endsWith(".png")).sorted().toList()) {
        String n = p.getFileName().toString();
        String what = n.endsWith("_class.png") ? "coloured by class"
            : "coloured by " + n.substring(n.lastIndexOf("_phi") + 1, n.length() - 4)
                .replace("phi", "φ_");
        out.add(new ReportWriter.Figure(FOLDER + "/" + n, "Map of the sample "
            + n.substring(0, Math.max(0, n.lastIndexOf('_'))) + " " + what
            + " (paper Figs 1a, 1e, 2a).", new StudyCharts.Rendered(Files.readAllBytes(p),
                Files.readAllBytes(StudyCharts.svgFile(p)))));
      }
    }
    return out;
  }
}
