package org.giipbeam.transforms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.DistanceBlock;

/** Cuts a distance matrix into DistanceBlocks in the ways GiipBlocks might. */
final class DistanceBlocks {
  private DistanceBlocks() {}

  static final Map<String, String> PARAMETERS = Map.of("sigma", "1.0", "rCut", "4.0");

  static String sample(long row) {
    return row % 2 == 0 ? "quench-a" : "quench-b";
  }

  static long centreId(long row) {
    return 1000 + 3 * row;
  }

  /**
   * Rows [0, m) of an m × n row-major matrix in blocks of {@code rowsPerBlock} rows; with
   * {@code upperTriangle}, each block holds only the columns from its first row on (training
   * × training, each pair once, plus a few both ways); with {@code columnSplits} > 1, each
   * block's columns are cut into that many ranges. Shuffled with the seed (0: in order).
   */
  static List<DistanceBlock> cut(float[] d, int m, int n, int rowsPerBlock,
      boolean upperTriangle, int columnSplits, long seed, long rowIndexOffset) {
    List<DistanceBlock> out = new ArrayList<>();
    for (int r0 = 0; r0 < m; r0 += rowsPerBlock) {
      int r1 = Math.min(m, r0 + rowsPerBlock);
      int c0 = upperTriangle ? r0 : 0;
      int width = n - c0;
      int splits = Math.max(1, Math.min(columnSplits, width));
      for (int s = 0; s < splits; s++) {
        int a = c0 + s * width / splits;
        int b = c0 + (s + 1) * width / splits;
        int rows = r1 - r0;
        float[] values = new float[rows * (b - a)];
        String[] samples = new String[rows];
        long[] ids = new long[rows];
        long[] index = new long[rows];
        for (int r = 0; r < rows; r++) {
          long row = r0 + r + rowIndexOffset;
          samples[r] = sample(row);
          ids[r] = centreId(row);
          index[r] = row;
          System.arraycopy(d, (r0 + r) * n + a, values, r * (b - a), b - a);
        }
        out.add(new DistanceBlock(3, a, b - a, PARAMETERS, samples, ids, index, values, null,
            null));
      }
    }
    if (seed != 0) {
      Collections.shuffle(out, new Random(seed));
    }
    return out;
  }
}
