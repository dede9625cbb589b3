package org.giipbeam.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUdeviceptr;
import org.giipbeam.gpu.GiipParameters;
import org.junit.jupiter.api.Test;

/**
 * Without a GPU: every launch's parameter list ({@link KernelLaunches}, what the engine passes
 * to {@code cuLaunchKernel}) has the number, order and types of its kernel's parameters in the
 * shipped PTX — a mismatch would otherwise only show on a GPU, as garbage or a crash.
 */
class KernelLaunchesTest {
  private static final CUdeviceptr P = new CUdeviceptr();
  private static final KernelLaunches.Call CALL = new KernelLaunches.Call(P,
      new KernelLaunches.Side(P, P, P, P), new KernelLaunches.Side(P, P, P, P), 1, 2, 3, P, P);

  /** The PTX types of an entry point's parameters, in order. */
  static List<String> ptxTypes(String entry) {
    byte[] b = CudaGiipEngine.ptx();
    String ptx = new String(b, 0, b.length - 1, StandardCharsets.US_ASCII);
    Matcher m = Pattern.compile("\\.visible \\.entry " + entry + "\\(([^)]*)\\)").matcher(ptx);
    assertTrue(m.find(), "entry " + entry + " missing from the PTX");
    List<String> types = new ArrayList<>();
    Matcher p = Pattern.compile("\\.param\\s+\\.(\\w+)").matcher(m.group(1));
    while (p.find()) {
      types.add(p.group(1));
    }
    return types;
  }

  private static void check(String entry, KernelArgs args) {
    assertEquals(ptxTypes(entry), args.types(), entry);
  }

  @Test
  void exhaustiveLaunchesMatchThePtx() {
    check("giip_search3d", KernelLaunches.search3d(CALL, 0, 1, 0.25, P, 10, P, 5, 0));
    check("giip_search2d", KernelLaunches.search2d(CALL, 0, 1, 0.25, P, P, 360, 1));
  }

  @Test
  void fastLaunchesMatchThePtx() {
    GiipParameters p = GiipParameters.fast(1.0).withFast(4, 30, 4, 1.0);
    FastPlan3D f3 = new FastPlan3D(p);
    check("giip_fast3d_expand", KernelLaunches.fast3dExpand(CALL, 0, 1, 0.25, f3, P, P));
    check("giip_fast3d_grid", KernelLaunches.fast3dGrid(P, 1, P, f3, P));
    check("giip_fast3d_starts", KernelLaunches.fast3dStarts(P, 1, f3, P, P, P, P));
    check("giip_fast3d_polish", KernelLaunches.fast3dPolish(CALL, 0, 1, 0.25, f3, P, P, P));
    check("giip_fast2d", KernelLaunches.fast2d(CALL, 0, 1, 0.25, new FastPlan2D(p), P, P));
  }
}
