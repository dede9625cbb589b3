package org.giipbeam.gpu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngineContractTest;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.NaiveGiip;
import org.giipbeam.gpu.TestLaes;
import org.giipbeam.gpu.rotation.RotationGrid;
import org.junit.jupiter.api.Test;

/**
 * The exhaustive CPU engine against the contract (with a cheaper 3D grid than the paper's: 10°
 * coarse, then 1° within 10°, so the tests stay fast) and against an independent brute force
 * over exactly the same grids.
 */
class ExhaustiveCpuEngineTest extends GiipEngineContractTest {

  static GiipParameters testParameters(double sigma, boolean properOnly) {
    return GiipParameters.exhaustive(sigma).withGrid3d(10, 1, 10).withProperOnly(properOnly);
  }

  @Override
  protected GiipEngine newEngine(double sigma, boolean properOnly, double pruneCut) {
    return GiipEngines.cpu(testParameters(sigma, properOnly).withPruneCut(pruneCut));
  }

  @Override
  protected double searchTolerance(int dimension) {
    // a 1° grid leaves up to ~1° of misalignment: |δx| ≈ r·θ per atom
    return dimension == 3 ? 0.2 : 0.06;
  }

  @Test
  void equalsBruteForceOverTheSameGrid3d() {
    for (boolean proper : new boolean[] {false, true}) {
      GiipParameters p = GiipParameters.exhaustive(SIGMA_3D).withGrid3d(20, 4, 20)
          .withProperOnly(proper);
      Random rnd = new Random(proper ? 7 : 8);
      List<Lae> a = new ArrayList<>();
      List<Lae> b = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        a.add(TestLaes.glassLike3d(rnd, 5, k + 1 == 2 ? 1 : 1));
        b.add(TestLaes.glassLike3d(rnd, 3, 1));
      }
      RotationGrid coarse = RotationGrid.covering(20);
      RotationGrid local = RotationGrid.localBall(20, 4);
      try (GiipEngine e = GiipEngines.cpu(p)) {
        DistanceBlock block = e.distances(TestLaes.batch(a), TestLaes.batch(b));
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            double c = NaiveGiip.maxCross3d(a.get(i), b.get(j), SIGMA_3D, coarse.matrices(),
                local, proper);
            double ref = NaiveGiip.distanceFromCross(a.get(i), b.get(j), c, SIGMA_3D);
            assertEquals(ref, block.distance(i, j), 1e-5, "pair " + i + "," + j);
          }
        }
      }
    }
  }

  @Test
  void equalsBruteForceOverTheSameGrid2d() {
    for (boolean proper : new boolean[] {false, true}) {
      GiipParameters p = GiipParameters.exhaustive(SIGMA_2D).withProperOnly(proper)
          .withAngleStep2d(3);
      Random rnd = new Random(proper ? 9 : 10);
      List<Lae> a = new ArrayList<>();
      List<Lae> b = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        a.add(TestLaes.lattice2d(rnd, k == 2 ? 1 : 1));
        b.add(TestLaes.lattice2d(rnd, 1));
      }
      try (GiipEngine e = GiipEngines.cpu(p)) {
        DistanceBlock block = e.distances(TestLaes.batch(a), TestLaes.batch(b));
        double[] angles = RotationGrid.uniformAngles(3);
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            double c = NaiveGiip.maxCross2d(a.get(i), b.get(j), SIGMA_2D, angles, proper);
            double ref = NaiveGiip.distanceFromCross(a.get(i), b.get(j), c, SIGMA_2D);
            assertEquals(ref, block.distance(i, j), 1e-5, "pair " + i + "," + j);
          }
        }
      }
    }
  }
}
