package org.giipbeam.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.cpu.CpuGiipEngine;
import org.junit.jupiter.api.Test;

/** The probe never crashes, and engine selection follows it. Runs with and without a GPU. */
class CudaAvailabilityTest {

  @Test
  void probeAnswersWithAReasonAndIsCached() {
    boolean first = CudaDevices.available();
    String why = CudaDevices.description();
    System.out.println("CUDA probe: available=" + first + ", " + why);
    assertFalse(why.isBlank());
    assertTrue(first == CudaDevices.available() && why.equals(CudaDevices.description()));
    if (!first) {
      assertTrue(why.startsWith("no CUDA device") || why.startsWith("CUDA disabled"), why);
    }
  }

  @Test
  void bestIsCudaWhenAvailableElseCpu() {
    try (GiipEngine e = GiipEngines.best(GiipParameters.exhaustive(1.0))) {
      if (CudaDevices.available()) {
        assertInstanceOf(CudaGiipEngine.class, e);
      } else {
        assertInstanceOf(CpuGiipEngine.class, e);
      }
    }
  }

  @Test
  void cudaWithoutADeviceFailsCleanly() {
    if (CudaDevices.available()) {
      return; // covered by the GPU tests
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GiipEngines.cuda(GiipParameters.exhaustive(1.0)));
    assertTrue(e.getMessage().startsWith("CUDA engine unavailable: no CUDA device"),
        e.getMessage());
  }
}
