package org.giipbeam.gpu.cpu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.giipbeam.gpu.harmonics.RealWignerMatrices;
import org.giipbeam.gpu.rotation.RotationGrid;

/**
 * Shared, immutable tables of the FAST 3D search for one (degree L, grid covering radius): the
 * SO(3) grid, the matrices Δ^l(R_g) of every grid rotation flattened with the even degrees
 * first and the odd degrees after (so that one pass yields C(R) = E + O and C(−R) = E − O), and
 * the neighbours of every grid rotation (for finding the grid's local maxima). Built once per
 * setting and cached: they take a second or two. The CUDA engine uploads them (re-laid by
 * {@code FastPlan3D}); read-only by convention.
 */
public final class FastTables3D {
  private static final Map<String, FastTables3D> CACHE = new ConcurrentHashMap<>();
  /** Grid neighbours lie within this many covering radii (the immediate ring; larger radii merge nearby basins). */
  static final double NEIGHBOUR_RADIUS = Double.parseDouble(System.getProperty("giip.fast.neighbourRadius", "1.2"));

  public final int degree;
  public final int gridSize;
  public final double[] rotations;
  /** gridSize × flatSize, row g = [Δ^0, Δ^2, … | Δ^1, Δ^3, …] of R_g. */
  public final double[] delta;
  public final int flatSize;
  public final int evenSize;
  /** Offset of block l in a reordered flat row. */
  public final int[] blockOffset;
  /** neighbourStart[g] .. neighbourStart[g+1] index neighbours[]. */
  public final int[] neighbourStart;
  public final int[] neighbours;

  public static FastTables3D get(int degree, double coveringDegrees) {
    return CACHE.computeIfAbsent(degree + "/" + coveringDegrees,
        k -> new FastTables3D(degree, coveringDegrees));
  }

  private FastTables3D(int degree, double coveringDegrees) {
    this.degree = degree;
    RotationGrid grid = RotationGrid.covering(coveringDegrees);
    rotations = grid.matrices();
    gridSize = grid.size();
    blockOffset = new int[degree + 1];
    int o = 0;
    for (int l = 0; l <= degree; l += 2) {
      blockOffset[l] = o;
      o += (2 * l + 1) * (2 * l + 1);
    }
    evenSize = o;
    for (int l = 1; l <= degree; l += 2) {
      blockOffset[l] = o;
      o += (2 * l + 1) * (2 * l + 1);
    }
    flatSize = o;
    delta = new double[gridSize * flatSize];
    int natural = RealWignerMatrices.size(degree);
    IntStream.range(0, gridSize).parallel().forEach(new java.util.function.IntConsumer() {
      final ThreadLocal<RealWignerMatrices> wm =
          ThreadLocal.withInitial(() -> new RealWignerMatrices(degree));
      final ThreadLocal<double[]> buf = ThreadLocal.withInitial(() -> new double[natural]);

      @Override
      public void accept(int g) {
        double[] b = buf.get();
        wm.get().compute(rotations, 9 * g, b, 0);
        for (int l = 0; l <= degree; l++) {
          int n = (2 * l + 1) * (2 * l + 1);
          System.arraycopy(b, RealWignerMatrices.offset(l), delta, g * flatSize + blockOffset[l],
              n);
        }
      }
    });
    // neighbours: grid rotations within NEIGHBOUR_RADIUS covering radii (cos of half angle via quaternions
    // is not stored, so use traces: angle ≤ θ ⇔ tr(RᵀS) ≥ 1 + 2 cos θ)
    double minTrace = 1 + 2 * Math.cos(Math.toRadians(Math.min(NEIGHBOUR_RADIUS * coveringDegrees, 120)));
    int[][] lists = new int[gridSize][];
    IntStream.range(0, gridSize).parallel().forEach(g -> {
      int[] tmp = new int[64];
      int n = 0;
      for (int h = 0; h < gridSize; h++) {
        if (h == g) {
          continue;
        }
        double tr = 0;
        for (int k = 0; k < 9; k++) {
          tr += rotations[9 * g + k] * rotations[9 * h + k];
        }
        if (tr >= minTrace) {
          if (n == tmp.length) {
            tmp = java.util.Arrays.copyOf(tmp, 2 * n);
          }
          tmp[n++] = h;
        }
      }
      lists[g] = java.util.Arrays.copyOf(tmp, n);
    });
    neighbourStart = new int[gridSize + 1];
    for (int g = 0; g < gridSize; g++) {
      neighbourStart[g + 1] = neighbourStart[g] + lists[g].length;
    }
    neighbours = new int[neighbourStart[gridSize]];
    for (int g = 0; g < gridSize; g++) {
      System.arraycopy(lists[g], 0, neighbours, neighbourStart[g], lists[g].length);
    }
  }
}
