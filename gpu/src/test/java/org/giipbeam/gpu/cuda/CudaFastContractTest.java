package org.giipbeam.gpu.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngineContractTest;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.junit.jupiter.api.BeforeEach;

/**
 * The CUDA engine in FAST mode (3D on the GPU kernels, 2D on the CPU) against the engine
 * contract, with the CPU FAST engine's tolerance. Skipped, with the reason, without a CUDA
 * device.
 */
class CudaFastContractTest extends GiipEngineContractTest {

  @BeforeEach
  void requireCudaDevice() {
    String why = CudaDevices.description();
    if (!CudaDevices.available()) {
      System.out.println("CudaFastContractTest skipped: " + why);
    }
    assumeTrue(CudaDevices.available(), "needs a CUDA device: " + why);
  }

  @Override
  protected GiipEngine newEngine(double sigma, boolean properOnly, double pruneCut) {
    return GiipEngines.cuda(
        GiipParameters.fast(sigma).withProperOnly(properOnly).withPruneCut(pruneCut));
  }

  @Override
  protected double searchTolerance(int dimension) {
    return 1e-4;
  }
}
