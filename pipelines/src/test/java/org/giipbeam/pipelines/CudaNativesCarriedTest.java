package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * JCuda's native bindings are optional in {@code gpu} (a CPU-only user of the transforms does
 * not get them); {@code bin/giip} and the deploy jar offer the CUDA engine, so pipelines declares
 * them and they are on its classpath (and in {@code target/lib}).
 */
class CudaNativesCarriedTest {

  @Test
  void pipelinesCarriesTheJcudaNatives() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    Properties jcuda = new Properties();
    try (InputStream in =
        loader.getResourceAsStream("META-INF/maven/org.jcuda/jcuda/pom.properties")) {
      jcuda.load(in);
    }
    String nativeLib = "lib/libJCudaDriver-" + jcuda.getProperty("version") + "-linux-x86_64.so";
    assertNotNull(loader.getResource(nativeLib), nativeLib);
  }
}
