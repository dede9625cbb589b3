package org.giipbeam.transforms.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelSumSweepTest {

  static float[] distances(double[][] x) {
    int n = x.length;
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < x[i].length; k++) {
          s += (x[i][k] - x[j][k]) * (x[i][k] - x[j][k]);
        }
        d[i * n + j] = (float) Math.sqrt(s);
      }
    }
    return d;
  }

  @Test
  void kernelSumMatchesDirectSumAndGoesFromNToNSquared() {
    Random rnd = new Random(1);
    int n = 300;
    double[][] x = new double[n][2];
    for (double[] p : x) {
      p[0] = rnd.nextDouble();
      p[1] = rnd.nextDouble();
    }
    float[] d = distances(x);
    KernelSumSweep s = KernelSumSweep.of(d, n, 40);
    assertEquals(n, s.kernelSum()[0], n * 1e-3);
    assertEquals((double) n * n, s.kernelSum()[39], n * n * 1e-2);
    for (int p = 5; p < 40; p += 10) {
      double e = s.eps()[p];
      double direct = 0;
      for (float v : d) {
        direct += Math.exp(-v * v / (2 * e * e));
      }
      assertEquals(direct, s.kernelSum()[p], direct * 2e-3);
    }
  }

  @Test
  void slopeInTheLinearRegionIsAboutHalfTheDimension() {
    // Uniform points in a square: S ∝ ε^d in the linear region, d = 2.
    Random rnd = new Random(2);
    int n = 800;
    double[][] x = new double[n][2];
    for (double[] p : x) {
      p[0] = rnd.nextDouble();
      p[1] = rnd.nextDouble();
    }
    KernelSumSweep s = KernelSumSweep.of(distances(x), n, 60);
    double best = 0;
    for (double v : s.slopes()) {
      best = Math.max(best, v);
    }
    // Slightly below 2: the diagonal (self) terms and the square's edges flatten the curve.
    assertTrue(best > 1.2 && best < 2.2, "largest slope " + best);
    double eps = s.automatic();
    assertTrue(eps > 0.01 && eps < 0.5, "automatic ε " + eps);
  }
}
