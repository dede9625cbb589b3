package org.giipbeam.gpu.cuda;

import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SearchSpec;
import org.giipbeam.gpu.cpu.FastTables3D;

/**
 * The tables of FAST 3D as the CUDA kernels read them ({@code giip_fast3d.cuh}), built on the
 * host from the CPU engine's {@link FastTables3D} (same grid, Wigner matrices and neighbours),
 * so that both engines search the same grid. Pure Java: tested without a GPU.
 *
 * <p>A flat row (one pair's expansion F, or one grid rotation's Δ) holds the even degrees in
 * {@code [0, evenStride)} and the odd degrees in {@code [evenStride, flatStride)}, each part
 * zero-padded to a multiple of {@link #K_STEP} (the grid kernel's k tile), block l at
 * {@link #blockOffset}[l] as an (2l+1) × (2l+1) row-major matrix.
 */
public final class FastPlan3D {
  /** The k step of the grid kernel's tiles. */
  public static final int K_STEP = 16;
  /** Largest expansion degree the kernels are compiled for ({@code FAST_MAX_L}). */
  public static final int MAX_DEGREE = 10;
  /** Threads of the expansion kernel ({@code FAST_THREADS}). */
  public static final int EXPAND_THREADS = 128;
  /** Threads of the polish kernel: one warp per start ({@code FAST_WARPS} × 32). */
  public static final int POLISH_THREADS = 256;
  /** Pairs × grid rotations of one grid-kernel block ({@code FAST_GRID_TILE}). */
  public static final int GRID_TILE = 64;

  public final int degree;
  public final int gridSize;
  public final int evenStride;
  public final int flatStride;
  public final int[] blockOffset;
  /** gridSize × flatStride, row g = Δ(R_g) in the padded layout (float). */
  public final float[] delta;
  /** gridSize × 9, row-major R_g (double: the polish starts from them). */
  public final double[] rotations;
  public final int[] neighbourStart;
  public final int[] neighbours;
  public final int maxStarts;
  public final float margin;
  public final int hands;

  /** The tables of {@code p}'s FAST search (which it must use). */
  public FastPlan3D(GiipParameters p) {
    this(p.fastSearch(), p.properOnly());
  }

  public FastPlan3D(SearchSpec.Fast p, boolean properOnly) {
    checkDegree(p);
    FastTables3D t = FastTables3D.get(p.degree(), p.gridCoveringDegrees());
    degree = t.degree;
    gridSize = t.gridSize;
    evenStride = roundUp(t.evenSize);
    flatStride = evenStride + roundUp(t.flatSize - t.evenSize);
    blockOffset = new int[degree + 1];
    for (int l = 0; l <= degree; l++) {
      blockOffset[l] = l % 2 == 0 ? t.blockOffset[l] : t.blockOffset[l] - t.evenSize + evenStride;
    }
    delta = new float[gridSize * flatStride];
    for (int g = 0; g < gridSize; g++) {
      for (int l = 0; l <= degree; l++) {
        int n = (2 * l + 1) * (2 * l + 1);
        for (int k = 0; k < n; k++) {
          delta[g * flatStride + blockOffset[l] + k] =
              (float) t.delta[g * t.flatSize + t.blockOffset[l] + k];
        }
      }
    }
    rotations = t.rotations;
    neighbourStart = t.neighbourStart;
    neighbours = t.neighbours;
    maxStarts = p.maxStarts();
    margin = (float) p.startMargin();
    hands = properOnly ? 1 : 2;
  }

  /** The kernels' degree limit, checked before any table is built. */
  static void checkDegree(SearchSpec.Fast p) {
    if (p.degree() > MAX_DEGREE) {
      throw new IllegalArgumentException("the CUDA FAST kernels take expansion degrees up to "
          + MAX_DEGREE + ", got L = " + p.degree()
          + ": use a smaller degree or the CPU engine");
    }
  }

  private static int roundUp(int n) {
    return (n + K_STEP - 1) / K_STEP * K_STEP;
  }

  /** (L+1)², the harmonics per atom. */
  public int harmonics() {
    return (degree + 1) * (degree + 1);
  }

  /** Dynamic shared memory of one expansion block (see {@code giip_fast3d_expand}). */
  public long expandSharedBytes(int maxA, int maxB) {
    long ny = harmonics();
    long chunk = Math.max(EXPAND_THREADS, maxA);
    return 8L * (maxA + maxB) + 4L * (ny * (maxA + 2L * maxB) + chunk * (degree + 1));
  }

  /** Dynamic shared memory of one polish block (see {@code giip_fast3d_polish}). */
  public static long polishSharedBytes(int maxA, int maxB) {
    return 32L * (maxA + maxB) + 8L * maxA * maxB;
  }
}
