package org.giipbeam.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.ProgressListener;
import org.giipbeam.gpu.TestLaes;
import org.junit.jupiter.api.Test;
import org.giipbeam.gpu.plan.PairPlan;

/**
 * Without a GPU: the host packing ({@link PackedLaes}, {@link PairPlan}) and the kernels'
 * float32 arithmetic ({@link KernelEmulator}) give the CPU engine's EXHAUSTIVE distances to
 * 1e-4 and its rotations, for 2D and 3D, one and two channels, O(d) and SO(d), general and
 * symmetric blocks, with and without pruning.
 */
class KernelEmulationTest {

  private static LaeBatch laes(Random rnd, int d, int n, int channels) {
    List<Lae> l = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      l.add(d == 3 ? TestLaes.glassLike3d(rnd, 3 + rnd.nextInt(4), channels)
          : TestLaes.lattice2d(rnd, channels));
    }
    // extra padding: the packing must drop it
    return TestLaes.batch(l, 3 + (d == 3 ? 20 : 12));
  }

  private static GiipParameters params(int d, boolean proper, double cut) {
    // a cheaper 3D grid than the paper's (the emulation is sequential): 20° then 4° within 20°
    return GiipParameters.exhaustive(d == 3 ? 1.0 : 0.5).withGrid3d(20, 4, 20)
        .withProperOnly(proper).withPruneCut(cut);
  }

  private static void compare(int d, int channels, boolean proper, boolean symmetric, double cut,
      long seed) {
    Random rnd = new Random(seed);
    LaeBatch rows = laes(rnd, d, 5, channels);
    LaeBatch cols = symmetric ? rows : laes(rnd, d, 4, channels);
    GiipParameters p = params(d, proper, cut);
    DistanceBlock cpu;
    try (GiipEngine e = GiipEngines.cpu(p, 2)) {
      cpu = symmetric ? e.symmetricDistances(rows, true, ProgressListener.NONE)
          : e.distances(rows, 0, cols, 0, true, ProgressListener.NONE);
    }
    PackedLaes a = new PackedLaes(rows, p.sigma());
    PackedLaes b = symmetric ? a : new PackedLaes(cols, p.sigma());
    PairPlan plan = PairPlan.of(a.prepared, b.prepared, symmetric, p);
    double[] cross = new double[plan.searched];
    float[] rots = new float[plan.searched * d * d];
    KernelEmulator.run(p, a, b, plan, cross, rots);
    float[] dist = plan.distances(cross);
    float[] rot = plan.rotations(rots);
    String what = d + "D, " + channels + " ch, proper " + proper + ", symmetric " + symmetric
        + ", cut " + cut;
    assertEquals(cpu.distances().length, dist.length, what);
    for (int k = 0; k < dist.length; k++) {
      assertEquals(cpu.distances()[k], dist[k], 1e-4, what + ", entry " + k);
    }
    if (cpu.hasLowerBounds()) {
      assertArrayEquals(cpu.lowerBounds(), plan.lowerBounds(), what);
    } else {
      assertEquals(null, plan.lowerBounds(), what);
    }
    float[] cr = cpu.rotations();
    for (int k = 0; k < rot.length; k++) {
      if (Float.isNaN(cr[k])) {
        assertTrue(Float.isNaN(rot[k]), what + ", rotation entry " + k);
      } else {
        assertEquals(cr[k], rot[k], 1e-5, what + ", rotation entry " + k);
      }
    }
  }

  @Test
  void exhaustive3dMatchesCpu() {
    compare(3, 1, false, false, Double.NaN, 1);
    compare(3, 2, false, false, Double.NaN, 2);
    compare(3, 1, true, false, Double.NaN, 3);
  }

  @Test
  void exhaustive3dSymmetricAndPruned() {
    compare(3, 1, false, true, Double.NaN, 4);
    compare(3, 1, false, true, 0.8, 5);
    compare(3, 1, false, false, 0.8, 6);
  }

  @Test
  void exhaustive2dMatchesCpu() {
    compare(2, 1, false, false, Double.NaN, 7);
    compare(2, 2, false, false, Double.NaN, 8);
    compare(2, 1, true, false, Double.NaN, 9);
    compare(2, 1, false, true, Double.NaN, 10);
    compare(2, 1, false, true, 0.5, 11);
  }

  @Test
  void packingDropsPaddingAndZeroWeightAtoms() {
    Random rnd = new Random(12);
    LaeBatch b = laes(rnd, 3, 3, 2);
    PackedLaes p = new PackedLaes(b, 1.0);
    int[] counts = b.neighbourCounts();
    int total = 0;
    for (int i = 0; i < b.size(); i++) {
      assertEquals(total, p.start[i]);
      assertTrue(p.count[i] <= counts[i] && p.count[i] > 0);
      total += p.count[i];
      for (int k = p.start[i]; k < p.start[i] + p.count[i]; k++) {
        double r2 = p.x(k, 0) * p.x(k, 0) + p.x(k, 1) * p.x(k, 1) + p.x(k, 2) * p.x(k, 2);
        assertEquals(r2, p.positions[4 * k + 3], 1e-5 * Math.max(1, r2));
        boolean nonZero = false;
        for (int ch = 0; ch < 2; ch++) {
          nonZero |= p.weights[k * 2 + ch] != 0f;
        }
        assertTrue(nonZero);
      }
    }
    assertEquals(total, p.atoms());
    assertTrue(CudaGiipEngine.sharedBytes(3, 64, 64) <= 48 * 1024, "64-atom LAEs: default smem");
  }
}
