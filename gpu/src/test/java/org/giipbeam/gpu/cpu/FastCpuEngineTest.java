package org.giipbeam.gpu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngineContractTest;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.TestLaes;
import org.junit.jupiter.api.Test;

/** The fast CPU engine against the contract, and never worse than the exhaustive search. */
class FastCpuEngineTest extends GiipEngineContractTest {

  @Override
  protected GiipEngine newEngine(double sigma, boolean properOnly, double pruneCut) {
    return GiipEngines.cpu(
        GiipParameters.fast(sigma).withProperOnly(properOnly).withPruneCut(pruneCut));
  }

  @Override
  protected double searchTolerance(int dimension) {
    return 1e-4;
  }

  private void notWorseThanExhaustive(int d) {
    Random rnd = new Random(90 + d);
    List<Lae> a = new ArrayList<>();
    List<Lae> b = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      a.add(d == 3 ? TestLaes.glassLike3d(rnd, 6, 1) : TestLaes.lattice2d(rnd, 1));
      b.add(d == 3 ? TestLaes.glassLike3d(rnd, 6, 1) : TestLaes.lattice2d(rnd, 1));
    }
    double sigma = d == 3 ? SIGMA_3D : SIGMA_2D;
    LaeBatch ba = TestLaes.batch(a);
    LaeBatch bb = TestLaes.batch(b);
    DistanceBlock fast;
    DistanceBlock exhaustive;
    try (GiipEngine e = GiipEngines.cpu(GiipParameters.fast(sigma))) {
      fast = e.distances(ba, bb);
    }
    try (GiipEngine e = GiipEngines.cpu(ExhaustiveCpuEngineTest.testParameters(sigma, false))) {
      exhaustive = e.distances(ba, bb);
    }
    for (int k = 0; k < 36; k++) {
      assertTrue(fast.distances()[k] <= exhaustive.distances()[k] + 1e-3,
          "pair " + k + ": FAST " + fast.distances()[k] + " > EXHAUSTIVE "
              + exhaustive.distances()[k]);
    }
  }

  /** Lone centre atoms: the cross term does not depend on the orientation (no strict maximum). */
  @Test
  void orientationIndependentPairsAreFinite() {
    for (int d : new int[] {2, 3}) {
      Lae lone = TestLaes.lae(d, 1, new double[d], new double[] {1});
      Lae half = TestLaes.lae(d, 1, new double[d], new double[] {0.5});
      LaeBatch batch = TestLaes.batch(List.of(lone, half));
      try (GiipEngine e = GiipEngines.cpu(GiipParameters.fast(0.5))) {
        float[] dist = e.distances(batch, batch).distances();
        // d² = 1 + 0.25 − 2 · 0.5
        assertEquals(0, dist[0], 1e-6, d + "D");
        assertEquals(0.5, dist[1], 1e-6, d + "D");
        assertEquals(0.5, dist[2], 1e-6, d + "D");
        assertEquals(0, dist[3], 1e-6, d + "D");
      }
    }
  }

  @Test
  void notWorseThanExhaustive3d() {
    notWorseThanExhaustive(3);
  }

  @Test
  void notWorseThanExhaustive2d() {
    notWorseThanExhaustive(2);
  }
}
