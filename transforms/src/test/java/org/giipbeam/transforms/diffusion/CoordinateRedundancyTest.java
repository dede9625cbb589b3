package org.giipbeam.transforms.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Known answers of Dsilva et al. 2018: rectangles and a Swiss roll. */
class CoordinateRedundancyTest {

  /**
   * Points uniform on [0, L] × [0, 1]: the Neumann eigenfunctions cos(aπx/L) cos(bπy) come in
   * the order of (a/L)² + b², so y (b = 1) is the first non-harmonic after x at index
   * #{a ≥ 1 : a &lt; L} + 1. L = 4.5 → coordinate 5; L = 2.5 → coordinate 3.
   */
  @Test
  void rectangleFirstNonHarmonicFollowsTheAspectRatio() {
    assertRectangle(4.5, 1200, new int[] {1, 5});
    assertRectangle(2.5, 1000, new int[] {1, 3});
  }

  private static void assertRectangle(double aspect, int n, int[] expected) {
    Manifolds.Sample s = Manifolds.rectangle(n, aspect, 1, 1);
    DiffusionModel model = DiffusionMaps.fit(s.distances(), n, 0.15, 8).withRedundancy();
    double[] r = model.localLinearResiduals();
    assertArrayEquals(expected, model.nonHarmonicCoordinates(
        CoordinateRedundancy.DEFAULT_THRESHOLD), "aspect " + aspect + ": residuals "
        + Arrays.toString(r));
    double[] x = Manifolds.column(s.parameters(), 0);
    double[] y = Manifolds.column(s.parameters(), 1);
    assertTrue(Manifolds.spearman(model.coordinate(0), x) > 0.99, "φ1 is monotone in x");
    int yCoordinate = expected[1] - 1;
    assertTrue(Manifolds.spearman(model.coordinate(yCoordinate), y) > 0.85,
        "φ" + expected[1] + " is monotone in y");
    // The polynomial r² the paper plots agrees: every harmonic is explained better than the
    // new direction (a global cubic is a weaker test: it reaches r² ≈ 0.97 on the y coordinate
    // too, as numpy's least squares does on the same data).
    double[] r2 = model.polynomialR2();
    assertEquals(0, r2[0]);
    assertTrue(r2[1] > 0.99, "φ2 = cos(2πx/L) is a polynomial of φ1: r² = " + r2[1]);
    for (int k = 1; k < r2.length; k++) {
      if (k != yCoordinate) {
        assertTrue(r2[k] > r2[yCoordinate], "r² " + Arrays.toString(r2));
      }
    }
  }

  @Test
  void swissRollKeepsTheTwoTrueCoordinates() {
    Manifolds.Sample s = Manifolds.swissRoll(1500, 20, 2);
    DiffusionModel model = DiffusionMaps.fit(s.distances(), 1500, 1.5, 8).withRedundancy();
    int[] kept = model.nonHarmonicCoordinates(CoordinateRedundancy.DEFAULT_THRESHOLD);
    assertEquals(2, kept.length, "residuals " + Arrays.toString(model.localLinearResiduals()));
    assertEquals(1, kept[0]);
    double[] t = Manifolds.column(s.parameters(), 0);
    double[] h = Manifolds.column(s.parameters(), 1);
    assertTrue(Manifolds.spearman(model.coordinate(0), t) > 0.98, "φ1 unrolls the roll");
    assertTrue(Manifolds.spearman(model.coordinate(kept[1] - 1), h) > 0.85,
        "the second kept coordinate is the height");
    // every dropped coordinate is a harmonic: small residual
    double[] r = model.localLinearResiduals();
    for (int k = 1; k < r.length; k++) {
      if (k + 1 != kept[1]) {
        assertTrue(r[k] < 0.2, "φ" + (k + 1) + " residual " + r[k]);
      }
    }
  }

  @Test
  void exactHarmonicsHaveZeroResidualAndNewDirectionsOne() {
    int n = 400;
    double[][] phi = new double[3][n];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble(0, Math.PI);
      phi[0][i] = Math.cos(u);
      phi[1][i] = Math.cos(2 * u); // = 2φ1² − 1
      phi[2][i] = rnd.nextGaussian(); // independent noise
    }
    double[] r = CoordinateRedundancy.localLinearResiduals(phi);
    assertEquals(1, r[0]);
    assertTrue(r[1] < 0.15, "harmonic: " + r[1]);
    assertTrue(r[2] > 0.9, "independent: " + r[2]);
    double[] r2 = CoordinateRedundancy.polynomialR2(phi, 2);
    assertEquals(1, r2[1], 1e-12, "cos 2u is exactly quadratic in cos u");
    assertTrue(r2[2] < 0.1);
    assertArrayEquals(new int[] {1, 3}, CoordinateRedundancy.nonHarmonic(r, 0.3));
  }
}
