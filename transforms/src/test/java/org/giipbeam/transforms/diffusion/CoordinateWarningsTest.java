package org.giipbeam.transforms.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Participation numbers, the localisation and disconnection warnings, the residual's scale. */
class CoordinateWarningsTest {

  @Test
  void participationCountsTheLaesACoordinateLivesOn() {
    int n = 1000;
    double[] spread = new double[n];
    double[] three = new double[n];
    for (int i = 0; i < n; i++) {
      spread[i] = i % 2 == 0 ? 1 : -1;
    }
    three[1] = 1;
    three[500] = -1;
    three[900] = 1;
    double[] p = CoordinateRedundancy.participation(new double[][] {spread, three});
    assertEquals(n, p[0], 1e-9);
    assertEquals(3, p[1], 1e-9);
    List<String> w = CoordinateRedundancy.warnings(new double[] {0.5, 0.995},
        new double[][] {spread, three});
    assertEquals(2, w.size(), w.toString());
    assertTrue(w.get(0).startsWith("φ_2 localises: about 3 of 1000"), w.get(0));
    assertTrue(w.get(1).startsWith("λ_2 = 0.9950 ≈ 1"), w.get(1));
    assertTrue(CoordinateRedundancy.warnings(new double[] {0.5, 0.4},
        new double[][] {spread, spread}).isEmpty());
  }

  @Test
  void residualStaysOnItsScaleForNoise() {
    Random rnd = new Random(9);
    int n = 300;
    double[][] phi = new double[4][n];
    for (double[] c : phi) {
      for (int i = 0; i < n; i++) {
        // Heavy tails: a few far points make the local fits extrapolate.
        c[i] = rnd.nextGaussian() * (rnd.nextInt(30) == 0 ? 20 : 1);
      }
    }
    for (double r : CoordinateRedundancy.localLinearResiduals(phi)) {
      assertTrue(r >= 0 && r <= 1, "residual " + r);
    }
  }
}
