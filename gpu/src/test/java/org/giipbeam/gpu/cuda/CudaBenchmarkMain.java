package org.giipbeam.gpu.cuda;

import java.util.Locale;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SampleLaes;
import org.giipbeam.gpu.rotation.RotationGrid;

/**
 * Pairs/s of the CUDA engine against the CPU engine on the same machine (all cores), on NiNb 3D
 * and LJ 2D LAEs (synthetic LAEs where the data are absent — said in the output), EXHAUSTIVE and
 * FAST, the fraction of the GPU's exp2 (MUFU) peak reached by EXHAUSTIVE, and the projected
 * time of the paper's 3D study (6,800 training of 27,000 LAEs: train × train once per pair plus
 * train × extension). A wall-clock benchmark (GPU work is not JIT-sensitive; the CPU runs get
 * one warm-up call), run on a machine with a CUDA GPU:
 *
 * <pre>
 *   java -cp CLASSPATH org.giipbeam.gpu.cuda.CudaBenchmarkMain [dims=3,2] [gpuPairs3d=8192]
 *       [gpuFastPairs=65536]
 * </pre>
 *
 * With {@code -Dgiip.cuda.profile=true} the FAST 3D calls also print each kernel's GPU time.
 *
 * (see the module README, "CUDA engine", for the classpath and for a GPU machine without Java).
 */
public final class CudaBenchmarkMain {
  private static final long PAPER_TRAIN = 6_800;
  private static final long PAPER_TOTAL = 27_000;

  public static void main(String[] args) throws Exception {
    String dims = args.length > 0 ? args[0] : "3,2";
    int gpuPairs3d = args.length > 1 ? Integer.parseInt(args[1]) : 8192;
    int gpuFastPairs = args.length > 2 ? Integer.parseInt(args[2]) : 65536;
    if (!CudaDevices.available()) {
      System.out.println("No CUDA device (" + CudaDevices.description() + "): nothing to do.");
      return;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    CUdevice dev = new CUdevice();
    JCudaDriver.cuDeviceGet(dev, 0);
    int[] v = new int[1];
    JCudaDriver.cuDeviceGetAttribute(v,
        CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev);
    int sms = v[0];
    JCudaDriver.cuDeviceGetAttribute(v, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE, dev);
    double clockHz = v[0] * 1e3;
    // 16 exp2 results per clock per SM on compute capability 8.x and 9.0 (MUFU.EX2)
    double peakExp2 = sms * 16.0 * clockHz;
    System.out.printf(Locale.ROOT, "GPU: %s; %d SMs at %.2f GHz → exp2 peak %.3g /s. CPU: %d "
        + "cores.%n", CudaDevices.description(), sms, clockHz * 1e-9, peakExp2, cores);
    for (String d : dims.split(",")) {
      if (d.equals("3")) {
        bench3d(gpuPairs3d, gpuFastPairs, peakExp2, cores);
      } else {
        bench2d(gpuFastPairs, peakExp2);
      }
    }
  }

  private static LaeBatch[] square(int dim, int side) throws Exception {
    return dim == 3 ? CudaAccuracyTest.laes3d(side, side) : CudaAccuracyTest.laes2d(side, side);
  }

  private static String source(int dim) {
    return dim == 3 ? (SampleLaes.hasNinb() ? "NiNb glass (Ni-centred)" : "SYNTHETIC 3D")
        : (SampleLaes.hasLj2d() ? "LJ crystal 2D (half defects)" : "SYNTHETIC 2D");
  }

  /** Pairs per second of one distances() call after a warm-up call, and its block. */
  private static double rate(GiipEngine e, LaeBatch rows, LaeBatch cols, boolean warm) {
    if (warm) {
      e.distances(rows.select(new int[] {0}), cols.select(new int[] {0}));
    }
    long t0 = System.nanoTime();
    DistanceBlock b = e.distances(rows, cols);
    double s = (System.nanoTime() - t0) * 1e-9;
    return (double) b.rows() * b.columns() / s;
  }

  /** Σ na·nb over all pairs: the number of terms of the cross term. */
  private static double terms(LaeBatch rows, LaeBatch cols) {
    PackedLaes a = new PackedLaes(rows, 1.0);
    PackedLaes b = new PackedLaes(cols, 1.0);
    double sa = 0;
    double sb = 0;
    for (int c : a.count) {
      sa += c;
    }
    for (int c : b.count) {
      sb += c;
    }
    return sa * sb;
  }

  private static void bench3d(int gpuPairs, int gpuFastPairs, double peakExp2, int cores)
      throws Exception {
    GiipParameters ex = GiipParameters.exhaustive(1.0);
    GiipParameters fa = GiipParameters.fast(1.0);
    int side = (int) Math.ceil(Math.sqrt(gpuPairs));
    LaeBatch[] g = square(3, side);
    LaeBatch[] gf = square(3, (int) Math.ceil(Math.sqrt(gpuFastPairs)));
    LaeBatch[] c = square(3, 4); // CPU EXHAUSTIVE: ~1 pair/s/core
    LaeBatch[] f = square(3, 40);
    double gpuEx;
    try (GiipEngine e = GiipEngines.cuda(ex)) {
      gpuEx = rate(e, g[0], g[1], true);
    }
    double cpuEx;
    double cpuFast;
    try (GiipEngine e = GiipEngines.cpu(ex)) {
      cpuEx = rate(e, c[0], c[1], true);
    }
    try (GiipEngine e = GiipEngines.cpu(fa)) {
      cpuFast = rate(e, f[0], f[1], true);
    }
    double gpuFast;
    try (GiipEngine e = GiipEngines.cuda(fa)) {
      gpuFast = rate(e, gf[0], gf[1], true);
    }
    FastPlan3D fp = new FastPlan3D(fa);
    double gridFlops = 2.0 * fp.flatStride * fp.gridSize * gpuFast;
    int nCoarse = RotationGrid.covering(5).size();
    int nLocal = RotationGrid.localBall(5, 1).size();
    double exp2PerPair = terms(g[0], g[1]) / ((double) g[0].size() * g[1].size())
        * (2.0 * nCoarse + nLocal);
    long paperPairs = PAPER_TRAIN * (PAPER_TRAIN - 1) / 2 + PAPER_TRAIN * (PAPER_TOTAL
        - PAPER_TRAIN);
    System.out.printf(Locale.ROOT, "%n3D, %s%n", source(3));
    System.out.printf(Locale.ROOT, "  EXHAUSTIVE  CUDA %10.1f pairs/s (%d pairs)   CPU %8.3f "
        + "pairs/s (%d cores)   ratio %.0f%n", gpuEx, g[0].size() * g[1].size(), cpuEx, cores,
        gpuEx / cpuEx);
    System.out.printf(Locale.ROOT, "  EXHAUSTIVE  %.3g exp2 per pair → %.3g exp2/s = %.1f%% of "
        + "the MUFU peak%n", exp2PerPair, exp2PerPair * gpuEx, 100 * exp2PerPair * gpuEx
            / peakExp2);
    System.out.printf(Locale.ROOT, "  FAST        CUDA %10.1f pairs/s (%d pairs)   CPU %8.1f "
        + "pairs/s (%d cores)   ratio %.1f (target ≥ 50)%n", gpuFast,
        gf[0].size() * gf[1].size(), cpuFast, cores, gpuFast / cpuFast);
    System.out.printf(Locale.ROOT, "  FAST        grid product %d × %d per pair → %.3g flop/s%n",
        fp.flatStride, fp.gridSize, gridFlops);
    System.out.printf(Locale.ROOT, "  paper-scale 3D study (%d pairs): CUDA FAST %.1f min (target "
        + "< 10), CUDA EXHAUSTIVE %.1f min, CPU FAST %.1f min, CPU EXHAUSTIVE %.1f h%n",
        paperPairs, paperPairs / gpuFast / 60, paperPairs / gpuEx / 60, paperPairs / cpuFast / 60,
        paperPairs / cpuEx / 3600);
  }

  private static void bench2d(int gpuFastPairs, double peakExp2) throws Exception {
    GiipParameters ex = GiipParameters.exhaustive(0.5);
    GiipParameters fa = GiipParameters.fast(0.5);
    LaeBatch[] g = square(2, 200);
    LaeBatch[] c = square(2, 40);
    double gpuEx;
    try (GiipEngine e = GiipEngines.cuda(ex)) {
      gpuEx = rate(e, g[0], g[1], true);
    }
    double cpuEx;
    double cpuFast;
    try (GiipEngine e = GiipEngines.cpu(ex)) {
      cpuEx = rate(e, c[0], c[1], true);
    }
    try (GiipEngine e = GiipEngines.cpu(fa)) {
      cpuFast = rate(e, c[0], c[1], true);
    }
    LaeBatch[] gf = square(2, (int) Math.ceil(Math.sqrt(gpuFastPairs)));
    double gpuFast;
    try (GiipEngine e = GiipEngines.cuda(fa)) {
      gpuFast = rate(e, gf[0], gf[1], true);
    }
    int angles = RotationGrid.uniformAngles(1).length;
    double exp2PerPair = terms(g[0], g[1]) / ((double) g[0].size() * g[1].size()) * 2 * angles;
    System.out.printf(Locale.ROOT, "%n2D, %s%n", source(2));
    System.out.printf(Locale.ROOT, "  EXHAUSTIVE  CUDA %10.1f pairs/s (%d pairs)   CPU %8.1f "
        + "pairs/s   ratio %.0f   %.1f%% of the MUFU peak%n", gpuEx, g[0].size() * g[1].size(),
        cpuEx, gpuEx / cpuEx, 100 * exp2PerPair * gpuEx / peakExp2);
    System.out.printf(Locale.ROOT, "  FAST        CUDA %10.1f pairs/s (%d pairs)   CPU %8.1f "
        + "pairs/s   ratio %.1f%n", gpuFast, gf[0].size() * gf[1].size(), cpuFast,
        gpuFast / cpuFast);
  }
}
