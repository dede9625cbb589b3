package org.giipbeam.gpu.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RotationGridTest {

  /** Largest geodesic angle (degrees) from sampled rotations to their nearest grid rotation. */
  static double sampledCoveringDegrees(double[] grid, double[][] samples) {
    double worst = 0;
    int n = grid.length / 9;
    for (double[] s : samples) {
      // max trace of sᵀg ⇔ min angle
      double bestTrace = -3;
      for (int g = 0; g < n; g++) {
        int o = 9 * g;
        double tr = 0;
        for (int k = 0; k < 9; k++) {
          tr += s[k] * grid[o + k];
        }
        bestTrace = Math.max(bestTrace, tr);
      }
      double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (bestTrace - 1) / 2))));
      worst = Math.max(worst, angle);
    }
    return worst;
  }

  @Test
  void superFibonacciCoversSo3WithinTheRequestedRadius() {
    Random rnd = new Random(1);
    for (double deg : new double[] {25, 15, 10}) {
      RotationGrid grid = RotationGrid.covering(deg);
      double[][] samples = new double[deg < 12 ? 20_000 : 50_000][];
      for (int k = 0; k < samples.length; k++) {
        samples[k] = Rotations.randomRotation(rnd);
      }
      double measured = sampledCoveringDegrees(grid.matrices(), samples);
      assertTrue(measured <= deg, "covering radius " + measured + "° > requested " + deg + "°");
      assertTrue(measured > 0.75 * deg, "grid much finer than asked: " + measured + "°");
    }
  }

  @Test
  void paperCoarseGridSize() {
    // a 5° covering: the paper used 48,000 (best published), super-Fibonacci needs ~2×
    int n = RotationGrid.coveringSize(5);
    assertTrue(n > 90_000 && n < 105_000, "size " + n);
  }

  @Test
  void localBallCoversTheBallWithinTheRequestedRadius() {
    Random rnd = new Random(2);
    RotationGrid ball = RotationGrid.localBall(5, 1);
    assertTrue(ball.size() > 150 && ball.size() < 400, "size " + ball.size());
    double[] centre = Rotations.randomRotation(rnd);
    double[] grid = new double[ball.size() * 9];
    for (int v = 0; v < ball.size(); v++) {
      Rotations.multiply3(ball.matrices(), 9 * v, centre, 0, grid, 9 * v);
    }
    double[][] samples = new double[20_000][];
    for (int k = 0; k < samples.length; k++) {
      // uniform in the 5° ball about the centre
      double[] axis;
      double[] v = new double[3];
      double r;
      do {
        for (int c = 0; c < 3; c++) {
          v[c] = 2 * rnd.nextDouble() - 1;
        }
        r = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      } while (r > 1);
      axis = v;
      double t = Math.toRadians(5);
      double[] e = new double[9];
      Rotations.exp(axis[0] * t, axis[1] * t, axis[2] * t, e, 0);
      samples[k] = new double[9];
      Rotations.multiply3(e, 0, centre, 0, samples[k], 0);
      assertTrue(Math.toDegrees(Rotations.angle3(samples[k], 0, centre, 0)) <= 5 + 1e-9);
    }
    double measured = sampledCoveringDegrees(grid, samples);
    assertTrue(measured <= 1.0, "local covering radius " + measured + "°");
  }

  @Test
  void expAndAngleAgree() {
    double[] r = new double[9];
    Rotations.exp(0.1, -0.2, 0.3, r, 0);
    double[] id = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    assertEquals(Math.sqrt(0.14), Rotations.angle3(id, 0, r, 0), 1e-12);
    assertEquals(1, Rotations.det3(r, 0), 1e-12);
  }
}
