package org.giipbeam.pipelines.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.AtomicFiles;
import org.giipbeam.transforms.SplitTrainExtension;
import org.jfree.svg.SVGGraphics2D;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a study, drawn with XChart without a display: significance against redundancy
 * (paper Figs 1b, 2b), φ_i × φ_j coloured by class (Figs 1c, 2d, 2e), a coordinate against a
 * descriptor with its least-squares line (Figs 1d, 2c), the density difference of two groups of
 * samples (Fig. 3c) and the ε sweep of the kernel sum.
 *
 * <pre>{@code
 * XYChart chart = StudyCharts.coordinateScatter(results, 2, 3);
 * StudyCharts.writePng(chart, outDir.resolve("phi2_phi3_classes.png"));
 * }</pre>
 *
 * <p>Every chart is {@link #WIDTH} × {@link #HEIGHT} pixels as PNG and, for papers,
 * {@link #SVG_WIDTH} × {@link #SVG_HEIGHT} as SVG ({@link #render}), without the chart title
 * (a paper's caption carries it): printed 8.5 cm wide (one journal column) the SVG's tick
 * labels are 6.4 pt and its axis titles 6.8 pt. Text is drawn as outlines, so the SVG looks
 * the same without the fonts. Tick labels are
 * plain decimals with a leading zero and the same number of decimals along an axis ("0.10",
 * "0.09"), log axes included ("1,000,000", not "1E6"). Scatter plots draw at most
 * {@link #MAX_SCATTER_POINTS} LAEs, chosen by a hash of (sample, centre id), so the same LAEs
 * are drawn whatever order they arrive in; fits always use every LAE.
 */
public final class StudyCharts {
  static {
    Headless.ensure();
  }

  /** Width of every chart, pixels. */
  public static final int WIDTH = 900;

  /** Height of every chart, pixels. */
  public static final int HEIGHT = 675;

  /** Width of every chart as SVG, in SVG user units (px); its fonts are those of the PNG. */
  public static final int SVG_WIDTH = 640;

  /** Height of every chart as SVG. */
  public static final int SVG_HEIGHT = 480;

  /** Above this many LAEs, scatter plots draw a deterministic subsample. */
  public static final int MAX_SCATTER_POINTS = 20_000;

  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
  private static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
  private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);

  /** Qualitative palette for classes; beyond it, hues step by the golden angle. */
  private static final Color[] CLASS_COLOURS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0xad494a),
    new Color(0x637939), new Color(0xe7ba52), new Color(0x7b4173), new Color(0x3182bd),
    new Color(0xfd8d3c), new Color(0x74c476), new Color(0x9e9ac8), new Color(0x636363),
  };

  /** Diverging scale: B denser (red), equal (white), A denser (blue), as the paper's Fig. 3c. */
  private static final Color[] DIVERGING = {
    new Color(0xb2182b), new Color(0xef8a62), new Color(0xfddbc7), Color.WHITE,
    new Color(0xd1e5f0), new Color(0x67a9cf), new Color(0x2166ac),
  };

  private static final Color HARMONIC_GREY = new Color(0x9a9a9a);
  private static final Color NON_HARMONIC = new Color(0xc0392b);

  private StudyCharts() {}

  // ---------------------------------------------------------------- (a) significance/redundancy

  /**
   * λ_k (significance) against the redundancy residual r_k, each point labelled with k; the
   * non-harmonic coordinates, if the spectrum names them, stand out in colour.
   */
  public static XYChart significanceRedundancy(CoordinateSpectrum spectrum) {
    XYChart chart = xyChart("Diffusion coordinates: significance against redundancy",
        "redundancy residual rₖ  (1 = new, 0 = harmonic)",
        "eigenvalue λₖ  (significance)");
    double[] lambda = spectrum.eigenvalues();
    double[] r = spectrum.redundancyResiduals();
    List<Double> hx = new ArrayList<>();
    List<Double> hy = new ArrayList<>();
    List<Double> nx = new ArrayList<>();
    List<Double> ny = new ArrayList<>();
    for (int k = 1; k <= spectrum.size(); k++) {
      boolean nonHarmonic = spectrum.nonHarmonic().contains(k);
      (nonHarmonic ? nx : hx).add(r[k - 1]);
      (nonHarmonic ? ny : hy).add(lambda[k - 1]);
    }
    double lo = Arrays.stream(lambda).filter(Double::isFinite).min().orElse(0);
    double hi = Arrays.stream(lambda).filter(Double::isFinite).max().orElse(1);
    double pad = Math.max(hi - lo, 1e-3) * 0.08;
    chart.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + 2 * pad);
    double rMax = Math.max(1.0, Arrays.stream(r).filter(Double::isFinite).max().orElse(1));
    chart.getStyler().setXAxisMin(-0.05).setXAxisMax(rMax + 0.05);
    chart.getStyler().setXAxisDecimalPattern(decimalPattern(new double[] {-0.05, rMax + 0.05}))
        .setYAxisDecimalPattern(decimalPattern(new double[] {lo - pad, hi + 2 * pad}));
    if (!hx.isEmpty()) {
      XYSeries s = chart.addSeries(spectrum.nonHarmonic().isEmpty() ? "φ_k" : "harmonic",
          hx, hy);
      s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(
          spectrum.nonHarmonic().isEmpty() ? CLASS_COLOURS[0] : HARMONIC_GREY);
    }
    if (!nx.isEmpty()) {
      XYSeries s = chart.addSeries("non-harmonic", nx, ny);
      s.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(NON_HARMONIC);
    }
    for (XYSeries s : chart.getSeriesMap().values()) {
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    chart.getStyler().setMarkerSize(11);
    for (int k = 1; k <= spectrum.size(); k++) {
      if (Double.isFinite(r[k - 1]) && Double.isFinite(lambda[k - 1])) {
        AnnotationText label = new AnnotationText(Integer.toString(k), r[k - 1],
            lambda[k - 1] + pad * 0.6, false);
        chart.addAnnotation(label);
      }
    }
    chart.getStyler().setAnnotationTextFont(LABEL_FONT);
    // Harmonics can sit in any corner (high λ, low r): keep the legend off the plot.
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendLayout(Styler.LegendLayout.Horizontal);
    return chart;
  }

  // ---------------------------------------------------------------- (b) φ_i × φ_j by class

  /** The LAEs in the φ_i × φ_j plane (1-based), a distinct colour per class. */
  public static XYChart coordinateScatter(List<LaeResult> rows, int i, int j) {
    requireCoordinate(rows, i);
    requireCoordinate(rows, j);
    List<LaeResult> drawn = subsample(rows, MAX_SCATTER_POINTS);
    XYChart chart = xyChart(phi(i) + " × " + phi(j) + " by class"
            + subsampleNote(rows.size(), drawn.size()),
        "diffusion coordinate " + phi(i), "diffusion coordinate " + phi(j));
    Map<Integer, List<LaeResult>> byClass = new TreeMap<>();
    for (LaeResult r : drawn) {
      byClass.computeIfAbsent(r.classLabel(), c -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<Integer, List<LaeResult>> e : byClass.entrySet()) {
      List<LaeResult> members = e.getValue();
      double[] x = new double[members.size()];
      double[] y = new double[members.size()];
      for (int m = 0; m < x.length; m++) {
        x[m] = members.get(m).coordinates()[i - 1];
        y[m] = members.get(m).coordinates()[j - 1];
      }
      int c = e.getKey();
      XYSeries s = chart.addSeries(c == 0 ? "no class" : "class " + c, x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(classColour(c));
    }
    chart.getStyler().setXAxisDecimalPattern(decimalPattern(column(drawn, i)))
        .setYAxisDecimalPattern(decimalPattern(column(drawn, j)));
    chart.getStyler().setMarkerSize(drawn.size() > 5000 ? 3 : drawn.size() > 500 ? 5 : 8);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setLegendFont(
        byClass.size() > 12 ? LEGEND_FONT.deriveFont(12f) : LEGEND_FONT);
    return chart;
  }

  /** The colour of a class in every plot: class 0 (not clustered) grey. */
  public static Color classColour(int classLabel) {
    if (classLabel <= 0) {
      return HARMONIC_GREY;
    }
    if (classLabel <= CLASS_COLOURS.length) {
      return CLASS_COLOURS[classLabel - 1];
    }
    float hue = (float) ((classLabel * 0.618033988749895) % 1.0);
    return Color.getHSBColor(hue, 0.65f, 0.8f);
  }

  // ---------------------------------------------------------------- (c) regression

  /**
   * φ_k against a descriptor, with the least-squares line φ_k ≈ a·descriptor + b over every LAE
   * that carries the descriptor, and r² in the title.
   */
  public static XYChart regression(List<LaeResult> rows, int k, String descriptor) {
    requireCoordinate(rows, k);
    double[] d = InterpretationTable.descriptor(rows, descriptor);
    double[] phi = InterpretationTable.coordinate(rows, k);
    LinearFit fit = LinearFit.of(d, phi);
    if (fit.n() == 0) {
      throw new IllegalArgumentException("no LAE carries the descriptor '" + descriptor + "'");
    }
    List<LaeResult> drawn = subsample(rows, MAX_SCATTER_POINTS);
    double[] dx = InterpretationTable.descriptor(drawn, descriptor);
    double[] py = InterpretationTable.coordinate(drawn, k);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int m = 0; m < dx.length; m++) {
      if (Double.isFinite(dx[m]) && Double.isFinite(py[m])) {
        xs.add(dx[m]);
        ys.add(py[m]);
      }
    }
    String r2 = fit.defined()
        ? String.format(Locale.ROOT, "r² = %.3f", fit.rSquared()) : "r² undefined (no spread)";
    XYChart chart = xyChart(phi(k) + " against " + descriptor + ":  " + r2,
        descriptorLabel(descriptor), "diffusion coordinate " + phi(k));
    XYSeries points = chart.addSeries(String.format(Locale.ROOT, "LAEs (n = %,d)", fit.n())
        + subsampleNote(fit.n(), xs.size()), xs, ys);
    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    points.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(31, 119, 180, 110));
    chart.getStyler().setMarkerSize(xs.size() > 5000 ? 3 : 6);
    if (fit.defined()) {
      double lo = Arrays.stream(d).filter(Double::isFinite).min().orElseThrow();
      double hi = Arrays.stream(d).filter(Double::isFinite).max().orElseThrow();
      XYSeries line = chart.addSeries(String.format(Locale.ROOT,
              "least squares: %s = %.4g · x %s %.4g", phi(k), fit.slope(),
              fit.intercept() < 0 ? "−" : "+", Math.abs(fit.intercept())),
          new double[] {lo, hi}, new double[] {fit.predict(lo), fit.predict(hi)});
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0xd62728))
          .setLineStyle(new BasicStroke(3f));
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisDecimalPattern(decimalPattern(finite(dx)))
        .setYAxisDecimalPattern(decimalPattern(finite(py)));
    return chart;
  }

  // ---------------------------------------------------------------- (d) density difference

  /**
   * The density of group A minus that of group B as a diverging heat map with a colour bar
   * symmetric about zero: blue where A is denser, red where B is denser. Values are shown
   * relative to the highest density of either group (the colour bar then reads in [−1, 1]);
   * the absolute grid is {@link DensityDifference#difference()}.
   */
  public static HeatMapChart densityDifference(DensityDifference d, String labelA,
      String labelB) {
    String xi = d.coordinateI() > 0 ? phi(d.coordinateI()) : "x";
    String yj = d.coordinateJ() > 0 ? phi(d.coordinateJ()) : "y";
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
        .title(labelA + " − " + labelB + ": density difference / peak density")
        .xAxisTitle("diffusion coordinate " + xi).yAxisTitle("diffusion coordinate " + yj)
        .build();
    // XChart prints the colour bar's ends as raw doubles: show the difference relative to the
    // highest density of either group, on a range rounded to two digits, so they read cleanly.
    double peak = Math.max(max(d.densityA()), max(d.densityB()));
    double[][] diff = d.difference();
    double range = niceCeiling(d.maxAbsDifference() / peak);
    List<String> xs = cellLabels(d.xCentres());
    List<String> ys = cellLabels(d.yCentres());
    List<Number[]> heat = new ArrayList<>();
    for (int ix = 0; ix < diff.length; ix++) {
      for (int iy = 0; iy < diff[ix].length; iy++) {
        heat.add(new Number[] {ix, iy, diff[ix][iy] / peak});
      }
    }
    chart.addSeries(String.format(Locale.ROOT, "(%s − %s) / peak density; n = %,d and %,d",
        labelA, labelB, d.countA(), d.countB()), xs, ys, heat);
    var st = chart.getStyler();
    applyFonts(st);
    st.setRangeColors(DIVERGING);
    st.setMin(-range).setMax(range);
    st.setDrawBorder(false);
    st.setShowValue(false);
    st.setPiecewise(false);
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setGradientColorColumnHeight(HEIGHT - 200);
    st.setGradientColorColumnWeight(22);
    st.setPlotGridLinesVisible(false);
    // A tick mark on every cell would read as a ruler: the labels alone mark the round values.
    st.setAxisTicksMarksVisible(false);
    st.setDecimalPattern(decimalPattern(new double[] {-range, range}));
    // Anti-aliasing draws hairline seams between adjacent cells.
    st.setAntiAlias(false);
    return chart;
  }

  /**
   * The labels of a heat map's cells along one axis (XChart labels every cell of a heat map):
   * about six round values one step apart (1, 2 or 5 × 10ⁿ), each on the cell that holds it;
   * the other cells get distinct invisible labels.
   */
  static List<String> cellLabels(double[] centres) {
    int n = centres.length;
    double width = n > 1 ? (centres[n - 1] - centres[0]) / (n - 1) : 1;
    double step = niceCeiling((centres[n - 1] - centres[0] + width) / 6, STEPS);
    String pattern = decimalPattern(new double[] {0, 6 * step});
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double tick = Math.rint(centres[i] / step) * step;
      boolean here = Math.abs(centres[i] - tick) <= width / 2
          && (i == 0 || Math.abs(centres[i - 1] - tick) > width / 2);
      out.add(here && width > 0 ? tick(pattern, tick) : "\u200b".repeat(i + 1));
    }
    return out;
  }

  private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

  private static String tick(String pattern, double v) {
    String t = new DecimalFormat(pattern, SYMBOLS).format(v);
    // A centre just below zero would read "-0.000".
    return t.matches("-0[.0]*(E0)?") ? t.substring(1) : t;
  }

  private static double max(double[][] grid) {
    double m = 0;
    for (double[] col : grid) {
      for (double v : col) {
        m = Math.max(m, v);
      }
    }
    return m;
  }

  /** Tick steps: 1, 2 or 5 times a power of ten. */
  private static final double[] STEPS = {1, 2, 5, 10};

  /** Colour bar ends: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
  private static final double[] ENDS = {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};

  /** The smallest of {@link #ENDS} times a power of ten that is ≥ v (> 0). */
  static double niceCeiling(double v) {
    return niceCeiling(v, ENDS);
  }

  /**
   * The smallest of {@code multiples} (ascending, ending in 10) times a power of ten that is
   * ≥ v (> 0); 1 for anything else.
   */
  static double niceCeiling(double v, double[] multiples) {
    if (!(v > 0) || !Double.isFinite(v)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : multiples) {
      if (m * p >= v * (1 - 1e-12)) {
        // Round to two significant digits so that the colour bar prints e.g. "0.25", not
        // "0.25000000000000006".
        return Double.parseDouble(String.format(Locale.ROOT, "%.2g", m * p));
      }
    }
    return 10 * p;
  }

  private static double[] column(List<LaeResult> rows, int k) {
    return rows.stream().mapToDouble(r -> r.coordinates()[k - 1]).filter(Double::isFinite)
        .toArray();
  }

  private static double[] finite(double[] v) {
    return Arrays.stream(v).filter(Double::isFinite).toArray();
  }

  /**
   * The tick-label pattern of a log axis, which XChart labels at the decades: grouped digits
   * ("1,000,000") and only the decimals a decade needs ("0.01", "0.1", "1", "10").
   */
  static String logPattern(double[] values) {
    double lo = Arrays.stream(values).filter(v -> v > 0 && Double.isFinite(v)).min().orElse(1);
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(lo)));
    return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);
  }

  /** A tick-label pattern with enough decimals for about six ticks over the values' range. */
  static String decimalPattern(double[] values) {
    double lo = Arrays.stream(values).min().orElse(0);
    double hi = Arrays.stream(values).max().orElse(1);
    double step = (hi - lo) / 6;
    if (!(step > 0)) {
      return "0.###";
    }
    if (step >= 1e3) {
      return "#,##0";
    }
    if (step < 1e-4) {
      return "0.##E0";
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step)));
    return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
  }

  // ---------------------------------------------------------------- (e) ε sweep

  /** Σ_ij W_ij against ε on log–log axes, the chosen ε marked. */
  public static XYChart kernelSumSweep(EpsilonChoice sweep) {
    XYChart chart = xyChart("Kernel sum against ε (chosen ε = "
            + shortNumber(sweep.chosenEpsilon()) + ")",
        "kernel scale ε  (GIIP distance)", "kernel sum Σᵢⱼ Wᵢⱼ");
    Integer[] order = new Integer[sweep.epsilons().length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> sweep.epsilons()[i]));
    double[] x = new double[order.length];
    double[] y = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      x[i] = sweep.epsilons()[order[i]];
      y[i] = sweep.kernelSums()[order[i]];
    }
    XYSeries s = chart.addSeries("Σ W over training pairs", x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(CLASS_COLOURS[0])
        .setLineColor(CLASS_COLOURS[0]).setLineStyle(new BasicStroke(2.5f));
    XYSeries chosen = chart.addSeries("chosen ε = " + shortNumber(sweep.chosenEpsilon()),
        new double[] {sweep.chosenEpsilon()},
        new double[] {sweep.kernelSumAtChosen()});
    chosen.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chosen.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(NON_HARMONIC);
    AnnotationLine mark = new AnnotationLine(sweep.chosenEpsilon(), true, false);
    chart.addAnnotation(mark);
    var st = chart.getStyler();
    st.setAnnotationLineColor(NON_HARMONIC);
    st.setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 4f}, 0f));
    // No tick formatting function here: XChart drops the logarithmic scale when one is set.
    // A decimal pattern it keeps; without one it labels decades from 1000 up as "1E3".
    st.setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    st.setXAxisDecimalPattern(logPattern(x)).setYAxisDecimalPattern(logPattern(y));
    st.setMarkerSize(9);
    st.setLegendPosition(Styler.LegendPosition.InsideSE);
    return chart;
  }

  /** Four significant digits without trailing zeros: 1.5, 0.0123, 1.235E+5. */
  static String shortNumber(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
        .toString();
  }

  // ---------------------------------------------------------------- output

  /** A figure drawn both ways: PNG for screens and reports, SVG for papers. */
  public record Rendered(byte[] png, byte[] svg) {}

  /**
   * The chart as PNG (its own size) and as SVG ({@link #SVG_WIDTH} × {@link #SVG_HEIGHT}): the
   * one way figures are drawn for files, so that every figure has both.
   */
  public static Rendered render(Chart<?, ?> chart) throws IOException {
    int w = chart.getWidth();
    int h = chart.getHeight();
    byte[] png = toPng(chart);
    byte[] svg = toSvg(chart);
    // Painting at the SVG size resized the chart; paint it back at its own size, off screen.
    chart.paint(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics(), w, h);
    return new Rendered(png, svg);
  }

  /** The chart as an SVG document, {@link #SVG_WIDTH} × {@link #SVG_HEIGHT}, no title. */
  public static byte[] toSvg(Chart<?, ?> chart) {
    SVGGraphics2D g = new SVGGraphics2D(SVG_WIDTH, SVG_HEIGHT);
    boolean titled = chart.getStyler().isChartTitleVisible();
    chart.getStyler().setChartTitleVisible(false);
    // A heat map's colour bar has a height in pixels: scale it to the SVG's height.
    HeatMapChart heat = chart instanceof HeatMapChart h ? h : null;
    int bar = heat == null ? 0 : heat.getStyler().getGradientColorColumnHeight();
    if (heat != null) {
      heat.getStyler().setGradientColorColumnHeight(bar * SVG_HEIGHT / HEIGHT);
    }
    try {
      chart.paint(g, SVG_WIDTH, SVG_HEIGHT);
    } finally {
      chart.getStyler().setChartTitleVisible(titled);
      if (heat != null) {
        heat.getStyler().setGradientColorColumnHeight(bar);
      }
    }
    return g.getSVGDocument().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The SVG file beside a PNG file: the same name ending in .svg. */
  public static Path svgFile(Path pngFile) {
    String n = pngFile.getFileName().toString();
    return pngFile.resolveSibling((n.endsWith(".png") ? n.substring(0, n.length() - 4) : n)
        + ".svg");
  }

  /** Writes a drawn figure as {@code pngFile} and its SVG beside it, each atomically. */
  public static void writeFigure(Path pngFile, Rendered figure) throws IOException {
    writeBytes(pngFile, figure.png());
    writeBytes(svgFile(pngFile), figure.svg());
  }

  /** The chart as PNG bytes, {@link #WIDTH} × {@link #HEIGHT} unless the chart says otherwise. */
  public static byte[] toPng(Chart<?, ?> chart) throws IOException {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer in this JVM");
    }
    return out.toByteArray();
  }

  /**
   * Writes the chart as a PNG and its SVG beside it ({@link #svgFile}), each under a temporary
   * name first; returns the PNG bytes.
   */
  public static byte[] writePng(Chart<?, ?> chart, Path file) throws IOException {
    Rendered r = render(chart);
    writeFigure(file, r);
    return r.png();
  }

  static void writeBytes(Path file, byte[] bytes) throws IOException {
    AtomicFiles.writeStream(file, out -> out.write(bytes));
  }

  /**
   * At most {@code max} rows, the same ones whatever the input order: those with the smallest
   * hash of (sample, centre id), returned in that hash order.
   */
  public static List<LaeResult> subsample(List<LaeResult> rows, int max) {
    if (rows.size() <= max) {
      return rows;
    }
    List<LaeResult> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(StudyCharts::drawKey)
        .thenComparing(LaeResult::sample).thenComparingLong(LaeResult::centreId));
    return List.copyOf(sorted.subList(0, max));
  }

  private static double drawKey(LaeResult r) {
    // The study's one hash of an LAE's identity (the random split's): well spread, stable
    // across JVMs.
    return SplitTrainExtension.uniform(0, r.sample(), r.centreId());
  }

  // ---------------------------------------------------------------- labels and style

  /** "φ₁", "φ₁₂": a diffusion coordinate's name with a subscript index. */
  public static String phi(int k) {
    return "φ" + subscript(k);
  }

  static String subscript(int k) {
    StringBuilder sb = new StringBuilder();
    for (char c : Integer.toString(k).toCharArray()) {
      sb.append(c == '-' ? '₋' : (char) ('₀' + (c - '0')));
    }
    return sb.toString();
  }

  /** A readable axis label for a descriptor name of {@link LaeResult#descriptors()}. */
  public static String descriptorLabel(String name) {
    if (name.equals("coordination")) {
      return "coordination number Σf";
    }
    if (name.equals("c_pe") || name.equals("pe") || name.equals("potential_energy")) {
      return "potential energy per atom";
    }
    if (name.equals("mean_neighbour_distance")) {
      return "mean neighbour distance";
    }
    if (name.matches("q\\d+")) {
      return "bond-orientational order q" + subscript(Integer.parseInt(name.substring(1)));
    }
    if (name.matches("composition_count_\\d+")) {
      return "fraction of type-" + name.substring("composition_count_".length())
          + " neighbours (count)";
    }
    if (name.matches("composition_\\d+")) {
      return "fraction of type-" + name.substring("composition_".length())
          + " neighbours (fade-weighted)";
    }
    return name;
  }

  static String subsampleNote(int total, int drawn) {
    return drawn < total ? String.format(Locale.ROOT, " (%,d of %,d drawn)", drawn, total) : "";
  }

  private static void requireCoordinate(List<LaeResult> rows, int k) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no LAE results to plot");
    }
    int have = rows.get(0).coordinates().length;
    if (k < 1 || k > have) {
      throw new IllegalArgumentException("φ_" + k + " requested but the results have "
          + have + " coordinates");
    }
  }

  /**
   * Partial RDFs g_ab(r) of two groups (paper Fig. 3a): one colour per pair, group A solid,
   * group B dashed. {@code curves}: "a-b LABEL" → g per bin.
   */
  public static XYChart partialRdf(double[] r, Map<String, double[]> curves, String labelA,
      String labelB) {
    XYChart chart = xyChart("g_ab(r) around the LAE centres (" + labelA + " solid)", "r",
        "g_ab(r)");
    chart.getStyler().setXAxisDecimalPattern(decimalPattern(r));
    List<String> pairs = new ArrayList<>();
    for (String k : curves.keySet()) {
      String p = k.substring(0, k.indexOf(' '));
      if (!pairs.contains(p)) {
        pairs.add(p);
      }
    }
    for (Map.Entry<String, double[]> e : curves.entrySet()) {
      String p = e.getKey().substring(0, e.getKey().indexOf(' '));
      boolean second = e.getKey().endsWith(" " + labelB) && !labelA.equals(labelB);
      XYSeries s = chart.addSeries("g_" + p + " " + e.getKey().substring(p.length() + 1), r,
          e.getValue());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE).setLineColor(classColour(pairs.indexOf(p) + 1))
          .setLineStyle(second ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT,
              BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f) : new BasicStroke(2.5f));
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return chart;
  }

  static XYChart xyChart(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    applyFonts(chart.getStyler());
    return chart;
  }

  private static void applyFonts(AxesChartStyler st) {
    st.setChartTitleFont(TITLE_FONT);
    st.setAxisTitleFont(AXIS_TITLE_FONT);
    st.setAxisTickLabelsFont(TICK_FONT);
    st.setLegendFont(LEGEND_FONT);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(Color.DARK_GRAY);
    st.setPlotGridLinesColor(new Color(0xe5e5e5));
    st.setLegendBorderColor(new Color(0xcccccc));
    st.setChartTitleBoxVisible(false);
    st.setAntiAlias(true);
    st.setChartPadding(14);
  }
}
