package org.giipbeam.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompileResult;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;
import org.junit.jupiter.api.Test;

/**
 * The shipped PTX is valid without a GPU: its header is what the loaders accept, its entry
 * points are compiled to the fast exponential, and JCuda's bundled nvPTXCompiler (a
 * static PTX assembler, no driver needed) compiles it for sm_80 and sm_90 (H100/H200).
 */
class PtxResourceTest {

  private static String ptxText() {
    byte[] b = CudaGiipEngine.ptx();
    assertEquals(0, b[b.length - 1], "NUL-terminated for cuModuleLoadData");
    return new String(b, 0, b.length - 1, StandardCharsets.US_ASCII);
  }

  @Test
  void headerIsLoadableByJcudasCompilerAndOldDrivers() {
    String ptx = ptxText();
    assertTrue(ptx.contains("\n.version 8.0\n"), "PTX ISA 8.0 (nvPTXCompiler of JCuda 12.6)");
    assertTrue(ptx.contains("\n.target sm_80\n"), "compute_80: JIT on sm_80 and newer");
    assertTrue(ptx.contains("\n.address_size 64\n"));
    assertTrue(!ptx.contains("/work/") && !ptx.contains("/home/") && !ptx.contains("/usr/"),
        "no build-machine paths in the shipped PTX");
  }

  @Test
  void fastExponentialIsCompiledToTheSpecialFunctionUnit() {
    // the EXHAUSTIVE kernels are built around it (parameter lists: KernelLaunchesTest)
    assertTrue(ptxText().contains("ex2.approx.ftz.f32"), "exp2f compiled to ex2.approx");
  }

  @Test
  void compilesWithJcudasBundledPtxCompiler() {
    byte[] ptx = CudaGiipEngine.ptx();
    for (String arch : new String[] {"sm_80", "sm_90"}) {
      nvPTXCompilerHandle h = new nvPTXCompilerHandle();
      check(JNvPTXCompiler.nvPTXCompilerCreate(h, ptx.length - 1, ptx), "create", h);
      try {
        int r = JNvPTXCompiler.nvPTXCompilerCompile(h, 2,
            new String[] {"--gpu-name=" + arch, "--verbose"});
        check(r, "compile for " + arch, h);
        long[] size = new long[1];
        check(JNvPTXCompiler.nvPTXCompilerGetCompiledProgramSize(h, size), "size", h);
        assertTrue(size[0] > 1000, "a cubin for " + arch);
        System.out.println("nvPTXCompiler " + arch + ": " + size[0] + " bytes of SASS; "
            + log(h, false).replace('\n', ' '));
      } finally {
        JNvPTXCompiler.nvPTXCompilerDestroy(h);
      }
    }
  }

  private static void check(int result, String what, nvPTXCompilerHandle h) {
    if (result != nvPTXCompileResult.NVPTXCOMPILE_SUCCESS) {
      throw new AssertionError("nvPTXCompiler " + what + ": "
          + nvPTXCompileResult.stringFor(result) + "\n" + log(h, true));
    }
  }

  private static String log(nvPTXCompilerHandle h, boolean error) {
    long[] n = new long[1];
    if (error) {
      JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(h, n);
    } else {
      JNvPTXCompiler.nvPTXCompilerGetInfoLogSize(h, n);
    }
    if (n[0] <= 1) {
      return "";
    }
    byte[] b = new byte[(int) n[0]];
    if (error) {
      JNvPTXCompiler.nvPTXCompilerGetErrorLog(h, b);
    } else {
      JNvPTXCompiler.nvPTXCompilerGetInfoLog(h, b);
    }
    return new String(b, 0, b.length - 1, StandardCharsets.US_ASCII).trim();
  }
}
