package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;

class DensityDifferenceTest {

  private static List<double[]> gaussianCloud(int n, double cx, double cy, long seed) {
    Random rnd = new Random(seed);
    List<double[]> p = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      p.add(new double[] {cx + rnd.nextGaussian(), cy + 0.5 * rnd.nextGaussian()});
    }
    return p;
  }

  @Test
  void identicalGroupsGiveExactlyZeroWhateverTheOrder() {
    List<double[]> a = gaussianCloud(2000, 0, 0, 1);
    List<double[]> b = new ArrayList<>(a);
    Collections.shuffle(b, new Random(5));
    DensityDifference d = DensityDifference.of(a, b, 40, 1.0);
    for (double[] col : d.difference()) {
      for (double v : col) {
        assertEquals(0.0, v);
      }
    }
    assertEquals(0.0, d.maxAbsDifference());
  }

  @Test
  void eachGroupHasUnitMassAndTheDifferenceNone() {
    DensityDifference d = DensityDifference.of(gaussianCloud(3000, 0, 0, 1),
        gaussianCloud(500, 1.5, -0.5, 2), 50, 1.0);
    assertEquals(1.0, d.mass(d.densityA()), 1e-12);
    assertEquals(1.0, d.mass(d.densityB()), 1e-12);
    assertEquals(0.0, d.mass(d.difference()), 1e-12);
    for (double[][] g : new double[][][] {d.densityA(), d.densityB()}) {
      for (double[] col : g) {
        for (double v : col) {
          assertTrue(v >= 0);
        }
      }
    }
    assertEquals(3000, d.countA());
    assertEquals(500, d.countB());
  }

  @Test
  void signFollowsWhereEachGroupIsDenser() {
    DensityDifference d = DensityDifference.of(gaussianCloud(4000, -2, 0, 1),
        gaussianCloud(4000, 2, 0, 2), 64, 1.0);
    double[][] diff = d.difference();
    assertTrue(diff[index(d.xCentres(), -2)][index(d.yCentres(), 0)] > 0, "A is denser at −2");
    assertTrue(diff[index(d.xCentres(), 2)][index(d.yCentres(), 0)] < 0, "B is denser at +2");
  }

  @Test
  void bandwidthAndGridFollowTheDocumentedRule() {
    // Pooled x = {0, 2, 4, 6}: mean 3, sample sd sqrt(20/3); y = {0, 0, 1, 1}: sd sqrt(1/3).
    List<double[]> a = List.of(new double[] {0, 0}, new double[] {2, 0});
    List<double[]> b = List.of(new double[] {4, 1}, new double[] {6, 1});
    int g = 10;
    DensityDifference d = DensityDifference.of(a, b, g, 1.0);
    double hx = Math.sqrt(20.0 / 3.0) * Math.pow(4, -1.0 / 6.0);
    double hy = Math.sqrt(1.0 / 3.0) * Math.pow(4, -1.0 / 6.0);
    assertEquals(hx, d.bandwidthX(), 1e-12);
    assertEquals(hy, d.bandwidthY(), 1e-12);
    double lo = 0 - 3 * hx;
    double step = (6 + 3 * hx - lo) / g;
    assertEquals(g, d.xCentres().length);
    assertEquals(lo + step / 2, d.xCentres()[0], 1e-12);
    assertEquals(6 + 3 * hx - step / 2, d.xCentres()[g - 1], 1e-12);
    assertEquals(-3 * hy + (1 + 6 * hy) / (2 * g), d.yCentres()[0], 1e-12);
    // The factor scales h (and with it the grid's margin).
    assertEquals(2 * hx, DensityDifference.of(a, b, g, 2.0).bandwidthX(), 1e-12);
  }

  @Test
  void fromResultsPicksSamplesAndPlane() {
    List<LaeResult> rows = SyntheticResults.make(800, 9);
    DensityDifference d = DensityDifference.of(rows, Set.of("slow"), Set.of("fast"), 2, 3);
    assertEquals(2, d.coordinateI());
    assertEquals(3, d.coordinateJ());
    assertEquals(800, d.countA());
    assertEquals(800, d.countB());
    assertEquals(DensityDifference.DEFAULT_GRID_SIZE, d.xCentres().length);
    // "slow" leans to the tetrahedral corner (0, 0.01), "fast" to the cyclic one (0.009, −0.005).
    double[][] diff = d.difference();
    assertTrue(diff[index(d.xCentres(), 0.0)][index(d.yCentres(), 0.008)] > 0);
    assertTrue(diff[index(d.xCentres(), 0.007)][index(d.yCentres(), -0.004)] < 0);
    DensityDifference same = DensityDifference.of(rows, Set.of("slow", "fast"),
        Set.of("fast", "slow"), 2, 3);
    assertEquals(0.0, same.maxAbsDifference());
    assertArrayEquals(d.xCentres(), DensityDifference.of(rows, Set.of("slow"), Set.of("fast"),
        2, 3).xCentres(), "deterministic");
  }

  @Test
  void badInputFailsClearly() {
    List<LaeResult> rows = SyntheticResults.make(10, 9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DensityDifference.of(rows, Set.of("medium"), Set.of("fast"), 2, 3));
    assertTrue(e.getMessage().contains("medium"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> DensityDifference.of(rows, Set.of("slow"), Set.of("fast"), 2, 9));
    assertThrows(IllegalArgumentException.class, () -> DensityDifference.of(
        List.of(new double[] {0, Double.NaN}), List.of(new double[] {0, 0}), 10, 1));
    assertThrows(IllegalArgumentException.class, () -> DensityDifference.of(
        List.of(new double[] {0, 0}), List.of(new double[] {0, 0}), 1, 1));
  }

  @Test
  void singlePointsStillHaveUnitMass() {
    DensityDifference d = DensityDifference.of(List.of(new double[] {0, 0}),
        List.of(new double[] {0, 0}), 8, 1.0);
    assertEquals(1.0, d.mass(d.densityA()), 1e-12);
    assertTrue(d.bandwidthX() > 0);
  }

  private static int index(double[] centres, double v) {
    int best = 0;
    for (int i = 1; i < centres.length; i++) {
      if (Math.abs(centres[i] - v) < Math.abs(centres[best] - v)) {
        best = i;
      }
    }
    return best;
  }
}
