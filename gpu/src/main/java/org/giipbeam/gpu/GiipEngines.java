package org.giipbeam.gpu;

import org.giipbeam.gpu.cpu.CpuGiipEngine;
import org.giipbeam.gpu.cuda.CudaDevices;
import org.giipbeam.gpu.cuda.CudaGiipEngine;

/** Factory of {@link GiipEngine}s: CPU, CUDA, or the best available. */
public final class GiipEngines {
  private GiipEngines() {}

  /** An engine on all available CPU cores. */
  public static GiipEngine cpu(GiipParameters parameters) {
    return new CpuGiipEngine(parameters, Runtime.getRuntime().availableProcessors());
  }

  /** An engine on {@code threads} CPU threads. */
  public static GiipEngine cpu(GiipParameters parameters, int threads) {
    return new CpuGiipEngine(parameters, threads);
  }

  /**
   * An engine on the first CUDA device (EXHAUSTIVE on the GPU; FAST, for now, on the CPU).
   *
   * @throws IllegalStateException if no CUDA device is usable (see {@link CudaDevices})
   */
  public static GiipEngine cuda(GiipParameters parameters) {
    return new CudaGiipEngine(parameters);
  }

  /** The CUDA engine if a CUDA device is usable ({@link CudaDevices#available()}), else CPU. */
  public static GiipEngine best(GiipParameters parameters) {
    return CudaDevices.available() ? cuda(parameters) : cpu(parameters);
  }
}
