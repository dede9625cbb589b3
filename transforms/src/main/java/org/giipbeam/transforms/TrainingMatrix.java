package org.giipbeam.transforms;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.coders.DistanceBlockCoder;

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
 *
 * <p>{@link #whole()} does the assembly in a pipeline, once, for every step that needs the
 * matrix (saving it, {@link FitModels}):
 *
 * <pre>{@code
 * PCollection<DistanceBlock> matrix = tiles.apply(TrainingMatrix.whole());  // one n × n block
 * PCollection<StudyModels> models = matrix.apply(FitModels.of(clusters, diffusionMap));
 * }</pre>
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
  private final int dimension;
  private final Map<String, String> parameters;
  private final String[] samples;
  private final long[] centreIds;

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

  private TrainingMatrix(int n, float[] distances, String[] keys, int lowerBounds,
      int dimension, Map<String, String> parameters, String[] samples, long[] centreIds) {
    this.n = n;
    this.distances = distances;
    this.keys = keys;
    this.lowerBounds = lowerBounds;
    this.dimension = dimension;
    this.parameters = parameters;
    this.samples = samples;
    this.centreIds = centreIds;
  }

  /**
   * The matrix as one n × n block of exact distances (row i: training LAE i), as a study saves
   * it; every training LAE must have been a row of some block.
   */
  public DistanceBlock toBlock() {
    long[] index = new long[n];
    for (int i = 0; i < n; i++) {
      if (samples[i] == null) {
        throw new IllegalArgumentException("training LAE " + i + " is a row of no distance "
            + "block: its sample and centre id are unknown");
      }
      index[i] = i;
    }
    return new DistanceBlock(dimension, 0, n, parameters, samples.clone(), centreIds.clone(),
        index, distances.clone(), null, null);
  }

  /** Training × training blocks → one n × n block ({@link #toBlock}), assembled on one worker. */
  public static Whole whole() {
    return new Whole();
  }

  /** See {@link #whole()}. */
  public static final class Whole
      extends PTransform<PCollection<DistanceBlock>, PCollection<DistanceBlock>> {
    private Whole() {}

    @Override
    public PCollection<DistanceBlock> expand(PCollection<DistanceBlock> blocks) {
      return blocks.apply("GatherTrainingRows", Gather.all())
          .apply("Assemble", ParDo.of(new WholeFn()))
          .setCoder(DistanceBlockCoder.of());
    }
  }

  private static final class WholeFn extends DoFn<List<DistanceBlock>, DistanceBlock> {
    @ProcessElement
    public void process(@Element List<DistanceBlock> blocks, OutputReceiver<DistanceBlock> out) {
      out.output(assemble(blocks, 0).toBlock());
    }
  }

  /**
   * @param expectedSize n_train, or 0 to take it from the largest row or column index
   */
  public static TrainingMatrix assemble(Iterable<DistanceBlock> blocks, int expectedSize) {
    int n = expectedSize;
    Map<String, String> parameters = null;
    int count = 0;
    for (DistanceBlock b : blocks) {
      count++;
      if (parameters == null) {
        parameters = b.parameters();
      } else if (!parameters.equals(b.parameters())) {
        throw new IllegalArgumentException("training distance blocks were made with different "
            + "parameters: " + parameters + " and " + b.parameters());
      }
      if (expectedSize <= 0) {
        n = Math.max(n, b.columnOffset() + b.columns());
        for (long r : b.rowIndices()) {
          n = (int) Math.max(n, r + 1);
        }
      }
    }
    if (count == 0 || n < 1) {
      throw new IllegalArgumentException("no training distance rows");
    }
    float[] d = new float[n * n];
    byte[] state = new byte[n * n];
    String[] keys = new String[n];
    String[] samples = new String[n];
    long[] centreIds = new long[n];
    DistanceBlock first = null;
    for (DistanceBlock b : blocks) {
      first = first == null ? b : first;
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
        samples[i] = b.samples()[r];
        centreIds[i] = b.centreIds()[r];
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
    return new TrainingMatrix(n, d, keys, lowerBounds / 2, first.dimension(), parameters,
        samples, centreIds);
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
    return b.samples()[r] + "/" + b.centreIds()[r];
  }

  @Override
  public String toString() {
    return "TrainingMatrix[" + n + " × " + n + ", " + Arrays.stream(keys).filter(k -> k != null)
        .count() + " keyed rows]";
  }
}
