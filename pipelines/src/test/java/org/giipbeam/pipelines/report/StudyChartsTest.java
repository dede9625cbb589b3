package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

class StudyChartsTest {

  private static final List<LaeResult> ROWS = SyntheticResults.make(1500, 1);

  @Test
  void drawsWithoutADisplay() throws IOException {
    StudyCharts.toPng(StudyCharts.kernelSumSweep(SyntheticResults.sweep()));
    assertEquals("true", System.getProperty("java.awt.headless"));
    assertTrue(GraphicsEnvironment.isHeadless());
  }

  @Test
  void everyChartWritesADecodablePngOfTheExpectedSize(@TempDir Path dir) throws IOException {
    List<Chart<?, ?>> charts = List.of(
        StudyCharts.significanceRedundancy(SyntheticResults.spectrum()),
        StudyCharts.coordinateScatter(ROWS, 2, 3),
        StudyCharts.regression(ROWS, 1, "composition_1"),
        StudyCharts.densityDifference(DensityDifference.of(ROWS, Set.of("slow"),
            Set.of("fast"), 2, 3), "slow", "fast"),
        StudyCharts.kernelSumSweep(SyntheticResults.sweep()));
    for (int c = 0; c < charts.size(); c++) {
      Path png = dir.resolve("chart" + c + ".png");
      byte[] bytes = StudyCharts.writePng(charts.get(c), png);
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, png + " decodes");
      assertEquals(StudyCharts.WIDTH, image.getWidth());
      assertEquals(StudyCharts.HEIGHT, image.getHeight());
      assertTrue(bytes.length > 1000);
      assertTrue(distinctColours(image) > 5, "chart " + c + " draws something");
    }
    try (Stream<Path> files = Files.list(dir)) {
      // a PNG and an SVG per chart, nothing else
      assertEquals(2 * charts.size(), files.count(), "no temporary files left behind");
    }
  }

  @Test
  void identicalGroupsDrawAFlatMap() throws IOException {
    DensityDifference d = DensityDifference.of(ROWS, Set.of("slow"), Set.of("slow"), 2, 3);
    assertNotNull(ImageIO.read(new java.io.ByteArrayInputStream(
        StudyCharts.toPng(StudyCharts.densityDifference(d, "slow", "slow")))));
  }

  @Test
  void scatterDrawsOneSeriesPerClass() {
    XYChart chart = StudyCharts.coordinateScatter(ROWS, 1, 2);
    long classes = ROWS.stream().mapToInt(LaeResult::classLabel).distinct().count();
    assertEquals(classes, chart.getSeriesMap().size());
    Set<java.awt.Color> colours = new HashSet<>();
    for (int c = 0; c <= 40; c++) {
      colours.add(StudyCharts.classColour(c));
    }
    assertEquals(41, colours.size(), "a distinct colour per class");
  }

  @Test
  void subsampleIsBoundedAndIndependentOfOrder() {
    List<LaeResult> many = SyntheticResults.make(12_000, 2);
    List<LaeResult> shuffled = new ArrayList<>(many);
    Collections.shuffle(shuffled, new Random(4));
    List<LaeResult> a = StudyCharts.subsample(many, StudyCharts.MAX_SCATTER_POINTS);
    List<LaeResult> b = StudyCharts.subsample(shuffled, StudyCharts.MAX_SCATTER_POINTS);
    assertEquals(StudyCharts.MAX_SCATTER_POINTS, a.size());
    assertEquals(a, b);
    // Both samples are represented in about their share.
    long slow = a.stream().filter(r -> r.sample().equals("slow")).count();
    assertTrue(Math.abs(slow - a.size() / 2) < a.size() / 20, "slow: " + slow);
    assertEquals(ROWS, StudyCharts.subsample(ROWS, StudyCharts.MAX_SCATTER_POINTS));
    XYChart chart = StudyCharts.coordinateScatter(many, 2, 3);
    int drawn = chart.getSeriesMap().values().stream().mapToInt(s -> s.getXData().length).sum();
    assertEquals(StudyCharts.MAX_SCATTER_POINTS, drawn);
  }

  @Test
  void regressionTitleCarriesRSquaredOfAllLaes() {
    LinearFit fit = InterpretationTable.fitFromPhi1(ROWS, "composition_1");
    String title = StudyCharts.regression(ROWS, 1, "composition_1").getTitle();
    assertTrue(title.contains(String.format(java.util.Locale.ROOT, "r² = %.3f", fit.rSquared())),
        title);
    assertTrue(StudyCharts.regression(ROWS, 1, "composition_1").getSeriesMap().keySet().stream()
        .anyMatch(n -> n.contains("n = 3,000")));
    assertThrows(IllegalArgumentException.class,
        () -> StudyCharts.regression(ROWS, 1, "no_such_descriptor"));
    assertThrows(IllegalArgumentException.class,
        () -> StudyCharts.coordinateScatter(ROWS, 1, 6));
  }

  @Test
  void labels() {
    assertEquals("φ₁", StudyCharts.phi(1));
    assertEquals("φ₁₂", StudyCharts.phi(12));
    assertEquals("bond-orientational order q₆", StudyCharts.descriptorLabel("q6"));
    assertTrue(StudyCharts.descriptorLabel("composition_count_2").contains("type-2"));
    assertEquals("custom", StudyCharts.descriptorLabel("custom"));
    assertEquals("1.5", StudyCharts.shortNumber(1.5));
    assertEquals("0.01235", StudyCharts.shortNumber(0.0123456));
    assertEquals("0.000", StudyCharts.decimalPattern(new double[] {-0.004, 0.009}));
    assertEquals("0", StudyCharts.decimalPattern(new double[] {0, 100}));
    assertEquals(0.25, StudyCharts.niceCeiling(0.21));
    assertEquals(1.0, StudyCharts.niceCeiling(0.9));
  }

  @Test
  void sweepRejectsWhatLogAxesCannotShow() {
    assertThrows(IllegalArgumentException.class,
        () -> new EpsilonChoice(new double[] {0.5, 0}, new double[] {1, 2}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new EpsilonChoice(new double[] {0.5, 1}, new double[] {1, 2}, -1));
    EpsilonChoice s = new EpsilonChoice(new double[] {1, 4}, new double[] {10, 1000}, 2);
    assertEquals(100, s.kernelSumAtChosen(), 1e-9, "log–log interpolation");
    assertNotEquals(0, StudyCharts.kernelSumSweep(s).getSeriesMap().size());
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
        if (seen.size() > 50) {
          return seen.size();
        }
      }
    }
    return seen.size();
  }
}
