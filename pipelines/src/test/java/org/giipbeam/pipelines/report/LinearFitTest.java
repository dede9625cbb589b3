package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearFitTest {

  @Test
  void perfectLineHasRSquaredOne() {
    double[] x = {-2, 0.5, 1, 3, 7};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = -3.5 * x[i] + 2.25;
    }
    LinearFit f = LinearFit.of(x, y);
    assertEquals(1.0, f.rSquared(), 1e-15);
    assertEquals(-3.5, f.slope(), 1e-12);
    assertEquals(2.25, f.intercept(), 1e-12);
    assertEquals(5, f.n());
  }

  @Test
  void handComputedCase() {
    // x̄ = 1.5, ȳ = 1.25, Sxx = 5, Syy = 4.75, Sxy = 4.5:
    // slope 0.9, intercept 1.25 − 0.9·1.5 = −0.1, r² = 4.5² / (5·4.75) = 81/95.
    LinearFit f = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {0, 1, 1, 3});
    assertEquals(0.9, f.slope(), 1e-14);
    assertEquals(-0.1, f.intercept(), 1e-14);
    assertEquals(81.0 / 95.0, f.rSquared(), 1e-14);
    assertEquals(f.rSquared(), LinearFit.of(new double[] {0, 1, 1, 3},
        new double[] {0, 1, 2, 3}).rSquared(), 1e-14, "r² is symmetric in x and y");
  }

  @Test
  void independentNoiseHasRSquaredNearZero() {
    Random rnd = new Random(7);
    int n = 200_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
      y[i] = rnd.nextGaussian();
    }
    // E[r²] = 1/(n−1) for independent normals; 5e-4 is > 10 standard deviations away.
    assertTrue(LinearFit.of(x, y).rSquared() < 5e-4);
  }

  @Test
  void signalPlusEqualNoiseHasRSquaredOneHalf() {
    // y = x + e with Var x = Var e = 1: r² = Var x / Var y = 1/2.
    Random rnd = new Random(11);
    int n = 200_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
      y[i] = x[i] + rnd.nextGaussian();
    }
    LinearFit f = LinearFit.of(x, y);
    assertEquals(0.5, f.rSquared(), 0.01);
    assertEquals(1.0, f.slope(), 0.01);
  }

  @Test
  void largeOffsetDoesNotLoseAccuracy() {
    double[] x = {1e9 + 0, 1e9 + 1, 1e9 + 2, 1e9 + 3};
    LinearFit f = LinearFit.of(x, new double[] {0, 1, 1, 3});
    assertEquals(81.0 / 95.0, f.rSquared(), 1e-9);
  }

  @Test
  void skipsNonFinitePairs() {
    LinearFit f = LinearFit.of(new double[] {0, 1, Double.NaN, 2, 3},
        new double[] {0, 1, 5, 1, Double.POSITIVE_INFINITY});
    assertEquals(3, f.n());
    assertEquals(0.75, f.rSquared(), 1e-14); // (0,0),(1,1),(2,1): Sxy=1, Sxx=2, Syy=2/3
  }

  @Test
  void constantOrTooFewIsUndefinedNotANumberInDisguise() {
    assertFalse(LinearFit.of(new double[] {1, 1, 1}, new double[] {1, 2, 3}).defined());
    assertFalse(LinearFit.of(new double[] {1, 2, 3}, new double[] {4, 4, 4}).defined());
    assertFalse(LinearFit.of(new double[] {1}, new double[] {4}).defined());
    assertThrows(IllegalArgumentException.class,
        () -> LinearFit.of(new double[] {1, 2}, new double[] {1}));
  }
}
