package org.giipbeam.gpu.cuda;

import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SearchSpec;
import org.giipbeam.gpu.harmonics.FourierTables;

/**
 * The settings and tables of FAST 2D as the CUDA kernel {@code giip_fast2d} reads them: the
 * Fourier order M, the S = 8M sample angles' cos(m t_k) and sin(m t_k) tables
 * ({@link FourierTables}, as the CPU engine's FastSearch2D), starts and margin. Pure Java:
 * tested without a GPU.
 */
public final class FastPlan2D {
  /** Pairs (warps) per block ({@code FAST2D_WARPS}). */
  public static final int WARPS = 4;
  /** Largest Fourier order the kernel is compiled for ({@code FAST2D_MAX_ORDER}). */
  public static final int MAX_ORDER = 64;

  public final int order;
  public final int samples;
  public final double[] cosTable;
  public final double[] sinTable;
  public final int maxStarts;
  public final double margin;
  public final int properOnly;

  /** The tables of {@code p}'s FAST search (which it must use). */
  public FastPlan2D(GiipParameters p) {
    this(p.fastSearch(), p.properOnly());
  }

  public FastPlan2D(SearchSpec.Fast p, boolean properOnly) {
    checkOrder(p);
    order = p.fourierOrder2d();
    samples = 8 * order;
    double[][] tables = FourierTables.sampled(order, samples);
    cosTable = tables[0];
    sinTable = tables[1];
    maxStarts = p.maxStarts();
    margin = p.startMargin2d();
    this.properOnly = properOnly ? 1 : 0;
  }

  /** The kernel's order limit, checked before any table is built. */
  static void checkOrder(SearchSpec.Fast p) {
    if (p.fourierOrder2d() > MAX_ORDER) {
      throw new IllegalArgumentException("the CUDA FAST 2D kernel takes Fourier orders up to "
          + MAX_ORDER + ", got M = " + p.fourierOrder2d()
          + ": use a smaller order or the CPU engine");
    }
  }

  /** Dynamic shared memory of one block ({@code fast2dWarpDoubles} per warp). */
  public long sharedBytes() {
    long s = samples;
    long perWarp = 4L * (order + 1) + 6 * s + (2 * s + 2) / 2;
    return 8 * perWarp * WARPS;
  }
}
