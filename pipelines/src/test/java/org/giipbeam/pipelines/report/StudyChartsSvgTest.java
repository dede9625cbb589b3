package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Every figure also as SVG, and tick labels that read the same way on every axis. */
class StudyChartsSvgTest {
  private static final List<LaeResult> ROWS = SyntheticResults.make(400, 3);

  static List<Chart<?, ?>> charts() {
    return List.of(
        StudyCharts.significanceRedundancy(SyntheticResults.spectrum()),
        StudyCharts.coordinateScatter(ROWS, 2, 3),
        StudyCharts.regression(ROWS, 1, "composition_1"),
        StudyCharts.densityDifference(DensityDifference.of(ROWS, Set.of("slow"),
            Set.of("fast"), 2, 3), "slow", "fast"),
        StudyCharts.kernelSumSweep(SyntheticResults.sweep()));
  }

  @Test
  void everyChartIsAlsoAWellFormedSvgOfTheColumnSize(@TempDir Path dir) throws Exception {
    String out = System.getProperty("giip.figures.out");
    int c = 0;
    for (Chart<?, ?> chart : charts()) {
      Path png = dir.resolve("chart" + c + ".png");
      StudyCharts.writePng(chart, png);
      Path svg = dir.resolve("chart" + c + ".svg");
      assertEquals(svg, StudyCharts.svgFile(png));
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // The SVG 1.1 DOCTYPE names a DTD on the web: do not fetch it.
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Document doc = f.newDocumentBuilder().parse(
          new ByteArrayInputStream(Files.readAllBytes(svg)));
      Element root = doc.getDocumentElement();
      assertEquals("svg", root.getLocalName());
      assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
      assertEquals(StudyCharts.SVG_WIDTH, Double.parseDouble(root.getAttribute("width")));
      assertEquals(StudyCharts.SVG_HEIGHT, Double.parseDouble(root.getAttribute("height")));
      assertTrue(doc.getElementsByTagName("path").getLength() > 10, "chart " + c + " draws");
      // The chart is back at its own size after the SVG was painted.
      assertEquals(StudyCharts.WIDTH, chart.getWidth());
      if (out != null) {
        Files.createDirectories(Path.of(out));
        Files.copy(svg, Path.of(out).resolve(svg.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, Path.of(out).resolve(png.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      c++;
    }
  }

  private static String format(String pattern, double v) {
    return new java.text.DecimalFormat(pattern,
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(v);
  }

  @Test
  void logAxesLabelDecadesWithoutExponents() {
    XYChart sweep = StudyCharts.kernelSumSweep(SyntheticResults.sweep());
    String x = sweep.getStyler().getXAxisDecimalPattern();
    String y = sweep.getStyler().getYAxisDecimalPattern();
    // The decades XChart labels on these axes (ε from 0.1 to 100, sums from 3e3 to 9e6).
    assertEquals(List.of("0.1", "1", "10", "100"),
        java.util.stream.Stream.of(0.1, 1.0, 10.0, 100.0).map(v -> format(x, v)).toList());
    assertEquals(List.of("10,000", "100,000", "1,000,000"),
        java.util.stream.Stream.of(1e4, 1e5, 1e6).map(v -> format(y, v)).toList());
    assertEquals("0.001", format(StudyCharts.logPattern(new double[] {0.002, 5}), 0.001));
  }

  @Test
  void linearAxesHaveALeadingZeroAndTheSameDecimalsEverywhere() {
    XYChart[] charts = {
        StudyCharts.significanceRedundancy(SyntheticResults.spectrum()),
        StudyCharts.coordinateScatter(ROWS, 2, 3),
        StudyCharts.regression(ROWS, 1, "composition_1")};
    for (XYChart c : charts) {
      for (String p : List.of(c.getStyler().getXAxisDecimalPattern(),
          c.getStyler().getYAxisDecimalPattern())) {
        assertTrue(p != null && !p.contains("E") && !p.contains("#"), c.getTitle() + ": " + p);
        // "0.09" and "0.10", never ".09" next to "0.1"
        String a = format(p, 0.09);
        String b = format(p, 0.1);
        assertTrue(a.startsWith("0") && b.startsWith("0"), p + ": " + a + " " + b);
        assertEquals(a.length(), b.length(), p + ": " + a + " " + b);
      }
    }
    assertEquals("#,##0", StudyCharts.decimalPattern(new double[] {0, 5e6}));
  }

  @Test
  void heatMapCellsAreLabelledAtRoundValuesOneStepApart() {
    // 64 cells from -0.0072 to 0.0108 (the synthetic φ_2 range): ticks every 0.005.
    double[] centres = new double[64];
    for (int i = 0; i < 64; i++) {
      centres[i] = -0.0072 + i * (0.018 / 63);
    }
    List<String> labels = StudyCharts.cellLabels(centres);
    assertEquals(64, labels.size());
    assertEquals(64, new java.util.HashSet<>(labels).size(), "categories stay distinct");
    List<String> shown = labels.stream().filter(l -> !l.isBlank() && !l.startsWith("\u200b"))
        .toList();
    assertEquals(List.of("-0.005", "0.000", "0.005", "0.010"), shown);
    // Each label sits on the cell that holds its value.
    for (String l : shown) {
      double v = Double.parseDouble(l);
      int i = labels.indexOf(l);
      assertTrue(Math.abs(centres[i] - v) <= 0.018 / 63 / 2 + 1e-15, l + " on cell " + i);
    }
  }
}
