package org.giipbeam.gpu;

import org.giipbeam.gpu.cpu.CpuGiipEngine;

/** Factory of {@link GiipEngine}s. Later: {@code cuda(...)} and {@code best(...)} beside it. */
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
}
