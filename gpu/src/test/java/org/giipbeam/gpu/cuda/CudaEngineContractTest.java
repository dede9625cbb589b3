package org.giipbeam.gpu.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngineContractTest;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.junit.jupiter.api.BeforeEach;

/**
 * The CUDA engine (EXHAUSTIVE, the exhaustive CPU test's grids: 10° coarse, 1° within 10°)
 * against the engine contract. Skipped, with the reason, where no CUDA device is usable.
 */
class CudaEngineContractTest extends GiipEngineContractTest {

  @BeforeEach
  void requireCudaDevice() {
    String why = CudaDevices.description();
    if (!CudaDevices.available()) {
      System.out.println("CudaEngineContractTest skipped: " + why);
    }
    assumeTrue(CudaDevices.available(), "needs a CUDA device: " + why);
  }

  @Override
  protected GiipEngine newEngine(double sigma, boolean properOnly, double pruneCut) {
    return GiipEngines.cuda(GiipParameters.exhaustive(sigma).withGrid3d(10, 1, 10)
        .withProperOnly(properOnly).withPruneCut(pruneCut));
  }

  @Override
  protected double searchTolerance(int dimension) {
    // as the exhaustive CPU engine: a 1° grid leaves up to ~1° of misalignment
    return dimension == 3 ? 0.2 : 0.06;
  }
}
