package org.giipbeam.gpu.plan;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.DistanceBlocks;
import org.giipbeam.gpu.GiipParameters;

/**
 * The host side of one engine call, the same for every engine: which pairs are searched, the
 * pruning of the others, and the assembly of the searched pairs' maximal cross terms (and
 * rotations) into the row-major arrays of a {@link DistanceBlock}. An engine only maximises the
 * cross term of {@link #pairs}; pure Java, so it is tested without a GPU.
 *
 * <p>{@link #pairs} holds (row LAE, column LAE) per searched pair (int2 on the GPU). Pairs whose
 * rotation-invariant lower bound ({@link InvariantBound}) exceeds the pruning cut are not
 * searched: their entries hold the bound, are flagged, and their rotations are NaN. In the
 * symmetric case only the upper triangle is searched; the lower one is its mirror (rotation
 * transposed) and the diagonal is 0 with the identity.
 */
public final class PairPlan {
  public final int rows;
  public final int columns;
  public final int dimension;
  public final boolean symmetric;
  /** Searched pairs: row pairs[2p], column pairs[2p + 1]. */
  public final int[] pairs;
  public final int searched;
  private final double[] selfA;
  private final double[] selfB;
  private final float[] dist;
  private final boolean[] bounds;

  private PairPlan(PreparedLaes a, PreparedLaes b, boolean symmetric, int[] pairs, int searched,
      float[] dist, boolean[] bounds) {
    this.rows = a.size;
    this.columns = b.size;
    this.dimension = a.dimension;
    this.symmetric = symmetric;
    this.pairs = pairs;
    this.searched = searched;
    this.selfA = a.self;
    this.selfB = b.self;
    this.dist = dist;
    this.bounds = bounds;
  }

  /** The plan of {@code p}'s call: pruned at its cut with its σ. */
  public static PairPlan of(PreparedLaes a, PreparedLaes b, boolean symmetric,
      GiipParameters p) {
    return of(a, b, symmetric, p.pruneCut(), p.sigma());
  }

  /**
   * Every (row, column) pair, or (symmetric: a == b) every i &lt; j; pruned at {@code cut}
   * (NaN: none) with the invariant bound of width σ (rows bounded in parallel).
   */
  public static PairPlan of(PreparedLaes a, PreparedLaes b, boolean symmetric, double cut,
      double sigma) {
    if (symmetric && a != b) {
      throw new IllegalArgumentException("a symmetric plan pairs one set of LAEs with itself");
    }
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
    if (prune) {
      double[] boundA = new InvariantBound(a.dimension, sigma).selfProducts(a);
      double[] boundB = a == b ? boundA : new InvariantBound(a.dimension, sigma).selfProducts(b);
      IntStream.range(0, nr).parallel().forEach(i -> {
        InvariantBound bound = new InvariantBound(a.dimension, sigma);
        for (int j = symmetric ? i + 1 : 0; j < nc; j++) {
          double lb = bound.lowerBound(a, i, b, j, boundA[i], boundB[j]);
          if (lb > cut) { // surely farther than the cut: record the bound, skip the search
            dist[i * nc + j] = (float) lb;
            bounds[i * nc + j] = true;
            if (symmetric) {
              dist[j * nc + i] = (float) lb;
              bounds[j * nc + i] = true;
            }
          }
        }
      });
    }
    int[] pairs = new int[(int) (2 * total)];
    int p = 0;
    for (int i = 0; i < nr; i++) {
      for (int j = symmetric ? i + 1 : 0; j < nc; j++) {
        if (prune && bounds[i * nc + j]) {
          continue;
        }
        pairs[2 * p] = i;
        pairs[2 * p + 1] = j;
        p++;
      }
    }
    return new PairPlan(a, b, symmetric, Arrays.copyOf(pairs, 2 * p), p, dist, bounds);
  }

  /** Number of pairs (searched or pruned) the call covers, for progress. */
  public long totalPairs() {
    return symmetric ? (long) rows * (rows - 1) / 2 : (long) rows * columns;
  }

  /**
   * Fills in the searched pairs: d = √max(0, ⟨A,A⟩ + ⟨B,B⟩ − 2 C) from the maximal cross terms
   * {@code cross[p]}, mirrored in the symmetric case. Returns the distances.
   */
  public float[] distances(double[] cross) {
    int nc = columns;
    for (int p = 0; p < searched; p++) {
      int i = pairs[2 * p];
      int j = pairs[2 * p + 1];
      float dv = (float) Math.sqrt(Math.max(0, selfA[i] + selfB[j] - 2 * cross[p]));
      dist[i * nc + j] = dv;
      if (symmetric) {
        dist[j * nc + i] = dv;
      }
    }
    return dist;
  }

  /**
   * The rotations array (rows × columns × d × d) from the searched pairs' matrices
   * {@code rots[p d² ...]}: pruned entries NaN, mirrored entries transposed, the diagonal of a
   * symmetric plan the identity.
   */
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
        DistanceBlock.transposeMatrix(rots, p * dd, out, (j * nc + i) * dd, d);
      }
    }
    if (symmetric) {
      for (int i = 0; i < rows; i++) {
        DistanceBlock.identity(out, (i * nc + i) * dd, d);
      }
    }
    return out;
  }

  /** Which entries hold pruning bounds (null without a cut). */
  public boolean[] lowerBounds() {
    return bounds;
  }

  /**
   * The call's result: the block of {@code rowLaes} (row indices from {@code firstRowIndex})
   * against the columns from {@code columnOffset}, from the searched pairs' maximal cross terms
   * and (or null) their matrices.
   */
  public DistanceBlock block(GiipParameters parameters, LaeBatch rowLaes, long firstRowIndex,
      int columnOffset, double[] cross, float[] rots) {
    float[] d = distances(cross);
    float[] r = rots != null ? rotations(rots) : null;
    return DistanceBlocks.of(parameters, rowLaes, firstRowIndex, columnOffset, columns, d, r,
        bounds);
  }
}
