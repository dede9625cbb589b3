package org.giipbeam.transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.DistanceBlock;

/**
 * The n_train × n_train training distance matrix, assembled on one worker from training ×
 * training {@link DistanceBlock}s in any order and any split (rows, column ranges, one triangle
 * or both).
 *
 * <p>Rules, all independent of the order the blocks arrive in: d(i, j) fills both (i, j) and
 * (j, i); the diagonal is 0 (d_inv(A, A) = 0 by definition); where a pair is given more than
 * once, an exact value beats a lower bound, the smaller of two exact values wins (d_inv is a
 * minimum over rotations, so the smaller is the better search result), and the larger of two
 * lower bounds. Every pair must be given at least once; blocks must agree on their parameters.
 */
public final class TrainingMatrix {
  private static final byte UNSET = 0;
  private static final byte LOWER_BOUND = 1;
  private static final byte EXACT = 2;

  final int n;
  final float[] distances;
  /** "sample/centreId" of each training LAE, or null where no block had it as a row. */
  final String[] keys;
  final int lowerBounds;

  /** n_train. */
  public int n() {
    return n;
  }

  /** The n × n distances, row-major. */
  public float[] distances() {
    return distances;
  }

  /** "sample/centreId" of each training LAE (null where no block had it as a row). */
  public String[] keys() {
    return keys;
  }

  /** How many entries are lower bounds (pruned pairs), not exact distances. */
  public int lowerBounds() {
    return lowerBounds;
  }

  private TrainingMatrix(int n, float[] distances, String[] keys, int lowerBounds) {
    this.n = n;
    this.distances = distances;
    this.keys = keys;
    this.lowerBounds = lowerBounds;
  }

  /**
   * @param expectedSize n_train, or 0 to take it from the largest row or column index
   */
  public static TrainingMatrix assemble(Iterable<DistanceBlock> blocks, int expectedSize) {
    // A grouped Iterable may be read only once (Flink's batch GroupByKey): one pass when n is
    // known, else the blocks are held while n is found.
    Iterable<DistanceBlock> source = blocks;
    int n = expectedSize;
    if (expectedSize <= 0) {
      List<DistanceBlock> held = new ArrayList<>();
      for (DistanceBlock b : blocks) {
        held.add(b);
        n = Math.max(n, b.columnOffset() + b.columns());
        for (long r : b.rowIndices()) {
          n = (int) Math.max(n, r + 1);
        }
      }
      source = held;
      if (held.isEmpty()) {
        n = 0;
      }
    }
    if (n < 1) {
      throw new IllegalArgumentException("no training distance rows");
    }
    Map<String, String> parameters = null;
    int count = 0;
    float[] d = new float[n * n];
    byte[] state = new byte[n * n];
    String[] keys = new String[n];
    for (DistanceBlock b : source) {
      count++;
      if (parameters == null) {
        parameters = b.parameters();
      } else if (!parameters.equals(b.parameters())) {
        throw new IllegalArgumentException("training distance blocks were made with different "
            + "parameters: " + parameters + " and " + b.parameters());
      }
      if (b.columnOffset() + b.columns() > n) {
        throw new IllegalArgumentException("distance block " + b + " has columns beyond the "
            + n + " training LAEs");
      }
      for (int r = 0; r < b.rows(); r++) {
        long row = b.rowIndices()[r];
        if (row < 0 || row >= n) {
          throw new IllegalArgumentException("training row index " + row + " (" + key(b, r)
              + ") is outside 0.." + (n - 1));
        }
        int i = (int) row;
        keys[i] = key(b, r);
        for (int c = 0; c < b.columns(); c++) {
          int j = b.columnOffset() + c;
          if (i == j) {
            continue;
          }
          float v = b.distance(r, c);
          if (!(v >= 0) || Float.isInfinite(v)) {
            throw new IllegalArgumentException("training distance (" + i + ", " + j + ") of "
                + key(b, r) + " is " + v);
          }
          byte s = b.isLowerBound(r, c) ? LOWER_BOUND : EXACT;
          put(d, state, i * n + j, v, s);
          put(d, state, j * n + i, v, s);
        }
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("no training distance rows");
    }
    int lowerBounds = 0;
    int missing = 0;
    int firstMissing = -1;
    for (int p = 0; p < n * n; p++) {
      if (p / n == p % n) {
        d[p] = 0;
      } else if (state[p] == UNSET) {
        missing++;
        if (firstMissing < 0) {
          firstMissing = p;
        }
      } else if (state[p] == LOWER_BOUND) {
        lowerBounds++;
      }
    }
    if (missing > 0) {
      throw new IllegalArgumentException("training distances are incomplete: " + missing / 2
          + " of " + (long) n * (n - 1) / 2 + " pairs missing, the first (" + firstMissing / n
          + ", " + firstMissing % n + "); training × training blocks must cover every pair");
    }
    return new TrainingMatrix(n, d, keys, lowerBounds / 2);
  }

  private static void put(float[] d, byte[] state, int p, float v, byte s) {
    byte old = state[p];
    if (old == UNSET || s > old) {
      d[p] = v;
      state[p] = s;
    } else if (s == old) {
      d[p] = s == EXACT ? Math.min(d[p], v) : Math.max(d[p], v);
    }
  }

  static String key(DistanceBlock b, int r) {
    return b.key(r).toString();
  }

  @Override
  public String toString() {
    return "TrainingMatrix[" + n + " × " + n + ", " + Arrays.stream(keys).filter(k -> k != null)
        .count() + " keyed rows]";
  }
}
