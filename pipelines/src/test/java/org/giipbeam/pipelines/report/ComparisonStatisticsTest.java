package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The permutation test against groups known to be alike or different, and the region means. */
class ComparisonStatisticsTest {

  /** Two samples of Gaussian LAEs; B shifted by {@code shift} along φ_1. */
  static List<LaeResult> groups(int n, double shift, long seed) {
    Random rnd = new Random(seed);
    List<LaeResult> rows = new ArrayList<>();
    for (String s : new String[] {"a", "b"}) {
      for (int k = 0; k < n; k++) {
        double x = rnd.nextGaussian() + (s.equals("b") ? shift : 0);
        double y = rnd.nextGaussian();
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("sym_cyclic", x);
        d.put("composition_1", 0.5 + 0.1 * rnd.nextGaussian() + (s.equals("b") ? 0.05 : 0));
        rows.add(new LaeResult(s, k, 1, false, 1, new double[] {x, y}, d));
      }
    }
    return rows;
  }

  @Test
  void alikeGroupsAreNotSignificantAndShiftedOnesAre() {
    int alikeSignificant = 0;
    for (long seed = 1; seed <= 10; seed++) {
      ComparisonStatistics same = ComparisonStatistics.of(groups(400, 0, seed), List.of("a"),
          List.of("b"), 1, 2, 99, seed);
      if (same.pL1() <= 0.05) {
        alikeSignificant++;
      }
    }
    // Under the null p is uniform: at most a few of ten below 0.05.
    assertTrue(alikeSignificant <= 3, alikeSignificant + " of 10 alike pairs 'significant'");
    ComparisonStatistics shifted = ComparisonStatistics.of(groups(400, 0.6, 3), List.of("a"),
        List.of("b"), 1, 2, 99, 3);
    assertEquals(0.01, shifted.pL1(), 1e-12, "no permutation reaches the observed L1");
    assertEquals(0.01, shifted.pPeakB(), 1e-12);
    // Where b (shifted to larger φ_1 = sym_cyclic) is enriched the mean is larger than overall,
    // where a is enriched smaller.
    int c = shifted.descriptors().indexOf("sym_cyclic");
    assertTrue(shifted.meanWhereB()[c] > shifted.meanAll()[c] + 0.3);
    assertTrue(shifted.meanWhereA()[c] < shifted.meanAll()[c] - 0.3);
  }

  @Test
  void descriptorDensitiesHaveUnitMassAndTheirDifferenceNone() {
    double[][] curve = ComparisonStatistics.descriptorDifference(groups(500, 0, 4),
        List.of("a"), List.of("b"), "composition_1", 256);
    double step = curve[1][0] - curve[0][0];
    double ma = 0;
    double mb = 0;
    double md = 0;
    for (double[] p : curve) {
      ma += p[1] * step;
      mb += p[2] * step;
      md += p[3] * step;
    }
    assertEquals(1, ma, 1e-3);
    assertEquals(1, mb, 1e-3);
    assertEquals(0, md, 1e-3);
  }

  @Test
  void compareWritesItsNumbers(@TempDir Path dir) throws Exception {
    StringWriter s = new StringWriter();
    Comparisons.write(groups(300, 0.6, 5), List.of("a"), List.of("b"), 1, 2,
        dir.resolve("compare-a-b.png"), new PrintWriter(s));
    for (String f : new String[] {"compare-a-b.png", "compare-a-b-grid.csv",
        "compare-a-b-statistics.csv", "compare-a-b-composition_1.csv"}) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    assertTrue(s.toString().contains("p = 0.005"), s.toString());
    List<String> grid = Files.readAllLines(dir.resolve("compare-a-b-grid.csv"));
    assertEquals(1 + DensityDifference.DEFAULT_GRID_SIZE * DensityDifference.DEFAULT_GRID_SIZE,
        grid.size());
  }
}
