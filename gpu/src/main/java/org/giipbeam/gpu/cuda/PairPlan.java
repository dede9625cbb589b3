package org.giipbeam.gpu.cuda;

import java.util.Arrays;

/**
 * The pairs of one engine call, as the kernels take them, and the assembly of their results
 * into the row-major distance (and rotation) arrays of a {@code DistanceBlock}. Host-only and
 * pure Java: the packing is tested against the CPU engine without a GPU.
 *
 * <p>{@link #pairs} holds (row LAE, column LAE) per searched pair (int2 on the GPU). Pairs whose
 * rotation-invariant lower bound exceeds the pruning cut are not searched: their entries hold
 * the bound, are flagged, and their rotations are NaN — as in the CPU engine. In the symmetric
 * case only the upper triangle is searched; the lower one is its mirror (rotation transposed)
 * and the diagonal is 0 with the identity.
 */
public final class PairPlan {
  public final int rows;
  public final int columns;
  public final int dimension;
  public final boolean symmetric;
  /** Searched pairs: row pairs[2p], column pairs[2p + 1]. */
  public final int[] pairs;
  public final int searched;
  final float[] dist;
  final boolean[] bounds;

  private PairPlan(int rows, int columns, int dimension, boolean symmetric, int[] pairs,
      int searched, float[] dist, boolean[] bounds) {
    this.rows = rows;
    this.columns = columns;
    this.dimension = dimension;
    this.symmetric = symmetric;
    this.pairs = pairs;
    this.searched = searched;
    this.dist = dist;
    this.bounds = bounds;
  }

  /**
   * Every (row, column) pair, or (symmetric: a == b) every i &lt; j; pruned at {@code cut}
   * (NaN: none) with the invariant bound of width σ.
   */
  public static PairPlan of(PackedLaes a, PackedLaes b, boolean symmetric, double cut,
      double sigma) {
    int nr = a.size;
    int nc = b.size;
    long total = symmetric ? (long) nr * (nr - 1) / 2 : (long) nr * nc;
    if (2 * total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many pairs in one call (" + total
          + "): split the rows into smaller blocks");
    }
    float[] dist = new float[nr * nc];
    boolean prune = !Double.isNaN(cut);
    boolean[] bounds = prune ? new boolean[nr * nc] : null;
    PruneBound bound = prune ? new PruneBound(a.dimension, sigma) : null;
    double[] selfA = prune ? bound.selfProducts(a) : null;
    double[] selfB = prune ? (a == b ? selfA : bound.selfProducts(b)) : null;
    int[] pairs = new int[(int) (2 * total)];
    int p = 0;
    for (int i = 0; i < nr; i++) {
      for (int j = symmetric ? i + 1 : 0; j < nc; j++) {
        if (prune) {
          double lb = bound.lowerBound(a, i, b, j, selfA[i], selfB[j]);
          if (lb > cut) {
            dist[i * nc + j] = (float) lb;
            bounds[i * nc + j] = true;
            if (symmetric) {
              dist[j * nc + i] = (float) lb;
              bounds[j * nc + i] = true;
            }
            continue;
          }
        }
        pairs[2 * p] = i;
        pairs[2 * p + 1] = j;
        p++;
      }
    }
    return new PairPlan(nr, nc, a.dimension, symmetric, Arrays.copyOf(pairs, 2 * p), p, dist,
        bounds);
  }

  /** Number of pairs (searched or pruned) the call covers, for progress. */
  public long totalPairs() {
    return symmetric ? (long) rows * (rows - 1) / 2 : (long) rows * columns;
  }

  /**
   * Fills in the searched pairs: d = √max(0, ⟨A,A⟩ + ⟨B,B⟩ − 2 C) from the kernels' maximal
   * cross terms {@code cross[p]} and, if {@code rots} is not null, their d × d matrices
   * {@code rots[p d² ...]}. Returns the distances; {@link #rotations} the matrices.
   */
  public float[] distances(PackedLaes a, PackedLaes b, double[] cross) {
    int nc = columns;
    for (int p = 0; p < searched; p++) {
      int i = pairs[2 * p];
      int j = pairs[2 * p + 1];
      float dv = (float) Math.sqrt(Math.max(0, a.self[i] + b.self[j] - 2 * cross[p]));
      dist[i * nc + j] = dv;
      if (symmetric) {
        dist[j * nc + i] = dv;
      }
    }
    return dist;
  }

  /** The rotations array (rows × columns × d × d) from the searched pairs' matrices. */
  public float[] rotations(float[] rots) {
    int d = dimension;
    int dd = d * d;
    int nc = columns;
    float[] out = new float[rows * nc * dd];
    if (bounds != null) {
      for (int k = 0; k < rows * nc; k++) {
        if (bounds[k]) {
          Arrays.fill(out, k * dd, (k + 1) * dd, Float.NaN);
        }
      }
    }
    for (int p = 0; p < searched; p++) {
      int i = pairs[2 * p];
      int j = pairs[2 * p + 1];
      System.arraycopy(rots, p * dd, out, (i * nc + j) * dd, dd);
      if (symmetric) {
        int o2 = (j * nc + i) * dd;
        for (int r = 0; r < d; r++) {
          for (int c = 0; c < d; c++) {
            out[o2 + r * d + c] = rots[p * dd + c * d + r];
          }
        }
      }
    }
    if (symmetric) {
      for (int i = 0; i < rows; i++) {
        for (int k = 0; k < d; k++) {
          out[(i * nc + i) * dd + k * d + k] = 1f;
        }
      }
    }
    return out;
  }

  /** Which entries hold pruning bounds (null without a cut). */
  public boolean[] lowerBounds() {
    return bounds;
  }
}
