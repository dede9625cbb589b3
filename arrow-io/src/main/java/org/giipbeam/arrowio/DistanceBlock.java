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
