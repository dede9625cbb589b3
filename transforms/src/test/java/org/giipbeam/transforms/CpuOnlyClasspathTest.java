package org.giipbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.cpu.CpuGiipEngine;
import org.giipbeam.gpu.cuda.CudaDevices;
import org.junit.jupiter.api.Test;

/**
 * A user of {@code transforms} gets JCuda's API jar but not its native bindings (optional in
 * {@code gpu}): this module's test classpath is such a CPU-only classpath. The CUDA probe then
 * answers "no" with the reason, and the default engine (AUTO) is the CPU one, without an error.
 */
class CpuOnlyClasspathTest {

  @Test
  void withoutJcudaNativesTheAutomaticEngineIsTheCpu() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    assertNotNull(loader.loadClass("jcuda.driver.JCudaDriver"), "JCuda's API jar is there");
    Properties jcuda = new Properties();
    try (InputStream in =
        loader.getResourceAsStream("META-INF/maven/org.jcuda/jcuda/pom.properties")) {
      jcuda.load(in);
    }
    String nativeLib = "lib/libJCudaDriver-" + jcuda.getProperty("version") + "-linux-x86_64.so";
    assertNull(loader.getResource(nativeLib),
        "jcuda-natives must not reach transforms' classpath (optional in gpu): " + nativeLib);
    assertFalse(CudaDevices.available());
    assertTrue(CudaDevices.description().startsWith("no CUDA device"),
        CudaDevices.description());
    try (GiipEngine e = GiipEngines.best(GiipParameters.exhaustive(1.0))) {
      assertInstanceOf(CpuGiipEngine.class, e);
    }
  }
}
