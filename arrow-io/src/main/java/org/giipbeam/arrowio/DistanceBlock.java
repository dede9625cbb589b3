package org.giipbeam.arrowio;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows of orientation-invariant GIIP distances from some LAEs to a contiguous range of training
 * LAEs: row r, column c is d_inv(row LAE r, training LAE columnOffset + c), stored as float32
 * {@code distances[r * columns + c]}.
 *
 * <p>Optionally, for each entry the optimal orthogonal matrix R (d × d, row-major, det ±1) that
 * maps the training LAE onto the row LAE, and a flag marking entries that are only a lower bound
 * (pairs that pruning proved farther than a cut, so the search was skipped).
 */
public final class DistanceBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dimension;
  private final int columnOffset;
  private final int columns;
  private final TreeMap<String, String> parameters;
  private final String[] samples;
  private final long[] centreIds;
  private final long[] rowIndices;
  private final float[] distances;
  private final float[] rotations;
  private final boolean[] lowerBounds;

  /**
   * @param rowIndices the row's index in its set (training index for training rows, a running
   *     index for extension rows)
   * @param rotations null, or rows × columns × d × d
   * @param lowerBounds null, or rows × columns flags
   */
  public DistanceBlock(int dimension, int columnOffset, int columns,
      Map<String, String> parameters, String[] samples, long[] centreIds, long[] rowIndices,
      float[] distances, float[] rotations, boolean[] lowerBounds) {
    int n = samples.length;
    if (dimension != 2 && dimension != 3) {
      throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
    }
    if (columnOffset < 0 || columns < 0) {
      throw new IllegalArgumentException("negative column range");
    }
    if (centreIds.length != n || rowIndices.length != n
        || distances.length != (long) n * columns) {
      throw new IllegalArgumentException("distance block arrays do not match " + n + " rows × "
          + columns + " columns");
    }
    if (rotations != null && rotations.length != (long) n * columns * dimension * dimension) {
      throw new IllegalArgumentException("rotations must be rows × columns × d × d");
    }
    if (lowerBounds != null && lowerBounds.length != (long) n * columns) {
      throw new IllegalArgumentException("lower-bound flags must be rows × columns");
    }
    this.dimension = dimension;
    this.columnOffset = columnOffset;
    this.columns = columns;
    this.parameters = new TreeMap<>(parameters);
    this.samples = samples;
    this.centreIds = centreIds;
    this.rowIndices = rowIndices;
    this.distances = distances;
    this.rotations = rotations;
    this.lowerBounds = lowerBounds;
  }

  public int rows() {
    return samples.length;
  }

  public int columns() {
    return columns;
  }

  public int columnOffset() {
    return columnOffset;
  }

  public int dimension() {
    return dimension;
  }

  public Map<String, String> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  public String[] samples() {
    return samples;
  }

  /** The key of row r's LAE. */
  public LaeKey key(int r) {
    return new LaeKey(samples[r], centreIds[r]);
  }

  public long[] centreIds() {
    return centreIds;
  }

  public long[] rowIndices() {
    return rowIndices;
  }

  public float[] distances() {
    return distances;
  }

  public float distance(int row, int column) {
    return distances[row * columns + column];
  }

  public boolean hasRotations() {
    return rotations != null;
  }

  /** rows × columns × d × d, or null. */
  public float[] rotations() {
    return rotations;
  }

  public boolean hasLowerBounds() {
    return lowerBounds != null;
  }

  /** rows × columns, or null. */
  public boolean[] lowerBounds() {
    return lowerBounds;
  }

  public boolean isLowerBound(int row, int column) {
    return lowerBounds != null && lowerBounds[row * columns + column];
  }

  /** The same distances with row indices from {@code firstRowIndex} and another column offset. */
  public DistanceBlock relabelled(long firstRowIndex, int newColumnOffset) {
    return new DistanceBlock(dimension, newColumnOffset, columns, parameters, samples, centreIds,
        consecutive(firstRowIndex, rows()), distances, rotations, lowerBounds);
  }

  /** The same distances with other row indices (e.g. −1 for extension rows). */
  public DistanceBlock withRowIndices(long[] newRowIndices) {
    return new DistanceBlock(dimension, columnOffset, columns, parameters, samples, centreIds,
        newRowIndices, distances, rotations, lowerBounds);
  }

  /**
   * The mirror block: its rows are this block's column LAEs ({@code columnSamples},
   * {@code columnCentreIds}, row indices from {@code firstRowIndex}), its columns this block's
   * rows from {@code newColumnOffset}; d_inv is symmetric, the rotations are inverted
   * (transposed), lower-bound flags carried over.
   */
  public DistanceBlock transposed(String[] columnSamples, long[] columnCentreIds,
      long firstRowIndex, int newColumnOffset) {
    int n = rows();
    int m = columns;
    int dd = dimension * dimension;
    float[] dist = new float[n * m];
    float[] rot = rotations != null ? new float[n * m * dd] : null;
    boolean[] low = lowerBounds != null ? new boolean[n * m] : null;
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < m; k++) {
        dist[k * n + r] = distances[r * m + k];
        if (low != null) {
          low[k * n + r] = lowerBounds[r * m + k];
        }
        if (rot != null) {
          transposeMatrix(rotations, (r * m + k) * dd, rot, (k * n + r) * dd, dimension);
        }
      }
    }
    return new DistanceBlock(dimension, newColumnOffset, n, parameters, columnSamples,
        columnCentreIds, consecutive(firstRowIndex, m), dist, rot, low);
  }

  /** first, first + 1, …, first + n − 1: the row indices of consecutive rows. */
  public static long[] consecutive(long first, int n) {
    long[] out = new long[n];
    for (int r = 0; r < n; r++) {
      out[r] = first + r;
    }
    return out;
  }

  /** Writes the transpose (for a rotation: the inverse) of the d × d row-major matrix at src. */
  public static void transposeMatrix(float[] src, int srcOffset, float[] dst, int dstOffset,
      int d) {
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        dst[dstOffset + a * d + b] = src[srcOffset + b * d + a];
      }
    }
  }

  /** Writes the d × d identity at {@code offset} (the rotation of an LAE to itself). */
  public static void identity(float[] dst, int offset, int d) {
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        dst[offset + a * d + b] = a == b ? 1f : 0f;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DistanceBlock b && dimension == b.dimension
        && columnOffset == b.columnOffset && columns == b.columns
        && parameters.equals(b.parameters) && Arrays.equals(samples, b.samples)
        && Arrays.equals(centreIds, b.centreIds) && Arrays.equals(rowIndices, b.rowIndices)
        && Arrays.equals(distances, b.distances) && Arrays.equals(rotations, b.rotations)
        && Arrays.equals(lowerBounds, b.lowerBounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rowIndices) * 31 + columnOffset;
  }

  @Override
  public String toString() {
    return "DistanceBlock[" + rows() + " rows × columns " + columnOffset + ".."
        + (columnOffset + columns) + (rotations != null ? ", with rotations" : "") + "]";
  }
}
