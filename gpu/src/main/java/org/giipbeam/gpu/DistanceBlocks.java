package org.giipbeam.gpu;

import java.util.Map;
import java.util.TreeMap;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;

/** What every {@link GiipEngine} does around its search: the input check and the result block. */
public final class DistanceBlocks {
  private DistanceBlocks() {}

  /** Rows and columns must be LAEs of one dimension, channel count and LAE parameters. */
  public static void checkCompatible(LaeBatch rows, LaeBatch columns) {
    if (rows.dimension() != columns.dimension()) {
      throw new IllegalArgumentException("row LAEs are " + rows.dimension()
          + "D but column LAEs are " + columns.dimension() + "D");
    }
    if (rows.channels() != columns.channels()) {
      throw new IllegalArgumentException("row LAEs have " + rows.channels()
          + " weight channel(s) but column LAEs have " + columns.channels());
    }
    if (!rows.parameters().equals(columns.parameters())) {
      throw new IllegalArgumentException("row and column LAEs were made with different LAE "
          + "parameters: " + rows.parameters() + " vs " + columns.parameters());
    }
  }

  /**
   * The block of {@code rows} (global indices from {@code firstRowIndex}) against
   * {@code columns} columns from {@code columnOffset}: the LAE parameters and the engine's
   * {@code giip.*} parameters, the rows' samples and centres, the distances, rotations (or null)
   * and lower-bound flags (or null).
   */
  public static DistanceBlock of(GiipParameters parameters, LaeBatch rows, long firstRowIndex,
      int columnOffset, int columns, float[] dist, float[] rots, boolean[] bounds) {
    long[] rowIndices = DistanceBlock.consecutive(firstRowIndex, rows.size());
    Map<String, String> params = new TreeMap<>(rows.parameters());
    params.putAll(parameters.toMap());
    return new DistanceBlock(rows.dimension(), columnOffset, columns, params,
        rows.samples().clone(), rows.centreIds().clone(), rowIndices, dist, rots, bounds);
  }
}
