package org.giipbeam.transforms.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AutomaticEpsilonTest {

  /** Euclidean distances of points: a metric like d_inv. */
  static float[] distances(double[][] x) {
    return KernelSumSweepTest.distances(x);
  }

  /**
   * Independent reference from the definition: the smallest r among the distances for which the
   * graph of pairs with d ≤ r is connected (breadth-first search for every candidate r).
   */
  static double connectingByDefinition(float[] d, int n) {
    float[] candidates = d.clone();
    Arrays.sort(candidates);
    for (float r : candidates) {
      boolean[] seen = new boolean[n];
      int[] queue = new int[n];
      int head = 0;
      int tail = 0;
      queue[tail++] = 0;
      seen[0] = true;
      while (head < tail) {
        int u = queue[head++];
        for (int v = 0; v < n; v++) {
          if (!seen[v] && d[u * n + v] <= r) {
            seen[v] = true;
            queue[tail++] = v;
          }
        }
      }
      if (tail == n) {
        return r;
      }
    }
    throw new AssertionError("never connected");
  }

  @Test
  void connectingDistanceIsTheConnectivityThreshold() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + rnd.nextInt(40);
      double[][] x = new double[n][3];
      for (double[] p : x) {
        for (int k = 0; k < 3; k++) {
          p[k] = rnd.nextDouble() * (1 + trial);
        }
      }
      float[] d = distances(x);
      assertEquals(connectingByDefinition(d, n), AutomaticEpsilon.connectingDistance(d, n), 0,
          "trial " + trial + ", n = " + n);
    }
    assertEquals(0, AutomaticEpsilon.connectingDistance(new float[] {0}, 1));
  }

  /**
   * A "crystal": 200 near copies of one LAE (thermal spread 0.01) and 5 defects 0.5–0.9 from them
   * and from each other. The kernel-sum rule picks the thermal scale and would isolate the
   * defects; the choice must not.
   */
  @Test
  void crystalWithDefectsIsNotIsolated() {
    SplittableRandom rnd = new SplittableRandom(11);
    int bulk = 200;
    int n = bulk + 5;
    double[][] x = new double[n][2];
    for (int i = 0; i < bulk; i++) {
      x[i][0] = 0.01 * rnd.nextGaussian();
      x[i][1] = 0.01 * rnd.nextGaussian();
    }
    double[] radius = {0.5, 0.6, 0.7, 0.8, 0.9};
    for (int k = 0; k < 5; k++) {
      double a = 2 * Math.PI * k / 5;
      x[bulk + k][0] = radius[k] * Math.cos(a);
      x[bulk + k][1] = radius[k] * Math.sin(a);
    }
    float[] d = distances(x);
    KernelSumSweep sweep = KernelSumSweep.of(d, n, 60);
    AutomaticEpsilon.Choice c = AutomaticEpsilon.choose(d, n, sweep);
    assertTrue(c.slopeEpsilon() < 0.1, "the kernel-sum rule sees the thermal scale: " + c);
    assertEquals(connectingByDefinition(d, n), c.connectingDistance(), 0);
    assertEquals(Math.max(c.slopeEpsilon(), c.connectingDistance()), c.epsilon(), 0);
    // The map fits at the automatic ε; at the kernel-sum ε alone a defect is isolated.
    DiffusionModel m = DiffusionMaps.fit(d, n, c.epsilon(), 3);
    assertEquals(3, m.dimension());
    assertNull(AutomaticEpsilon.check(d, n, c.epsilon(), c));
    String tooSmall = AutomaticEpsilon.check(d, n, c.slopeEpsilon(), c);
    assertNotNull(tooSmall);
    assertTrue(tooSmall.startsWith("ε = ") && tooSmall.contains("too small"), tooSmall);
    assertTrue(c.weakestLae() >= bulk, "the weakest-linked LAE is a defect: " + c);
    assertTrue(tooSmall.contains("training LAE " + c.weakestLae() + " is joined"), tooSmall);
    try {
      DiffusionMaps.fit(d, n, c.slopeEpsilon(), 3);
      throw new AssertionError("expected an isolated LAE at ε = " + c.slopeEpsilon());
    } catch (IsolatedLaeException expected) {
      assertTrue(expected.row() >= bulk, "a defect is the isolated one: " + expected.row());
    }
  }

  /**
   * A dense cloud (400 uniform points in the unit square): the kernel-sum ε (the cloud's own
   * scale) already connects it and is kept; the connecting distance is the grid-like spacing.
   */
  @Test
  void denseCloudKeepsTheKernelSumRule() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 400;
    double[][] x = new double[n][2];
    for (double[] p : x) {
      p[0] = rnd.nextDouble();
      p[1] = rnd.nextDouble();
    }
    float[] d = distances(x);
    AutomaticEpsilon.Choice c = AutomaticEpsilon.choose(d, n, KernelSumSweep.of(d, n, 60));
    assertTrue(c.connectingDistance() < 0.2, c.reason());
    assertTrue(c.slopeEpsilon() > c.connectingDistance(), c.reason());
    assertEquals(c.slopeEpsilon(), c.epsilon(), 0, c.reason());
    assertTrue(c.reason().contains("chosen automatically"), c.reason());
  }

  /** A square grid of spacing 1: it connects at exactly the spacing. */
  @Test
  void gridConnectsAtItsSpacing() {
    int side = 12;
    double[][] x = new double[side * side][2];
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        x[i * side + j][0] = i;
        x[i * side + j][1] = j;
      }
    }
    float[] d = distances(x);
    assertEquals(1.0, AutomaticEpsilon.connectingDistance(d, x.length), 1e-6);
  }

  @Test
  void flatKernelIsReported() {
    double[][] x = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    float[] d = distances(x);
    AutomaticEpsilon.Choice c = AutomaticEpsilon.choose(d, 4, KernelSumSweep.of(d, 4, 30));
    String m = AutomaticEpsilon.check(d, 4, 100, c);
    assertNotNull(m);
    assertTrue(m.contains("too large") && m.contains("1.414"), m);
    assertNull(AutomaticEpsilon.check(d, 4, 1, c));
  }
}
