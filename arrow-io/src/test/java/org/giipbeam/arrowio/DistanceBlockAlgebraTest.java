package org.giipbeam.arrowio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.giipbeam.arrowio.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The block algebra the engines and GiipBlocks share: mirror, relabel, row indices. */
class DistanceBlockAlgebraTest {

  @Test
  void transposedMirrorsEveryEntryAndInvertsEveryMatrix() {
    int d = 3;
    DistanceBlock b = Fixtures.randomBlock(new Random(7), 4, 5, d, true, true);
    String[] colSamples = {"c0", "c1", "c2", "c3", "c4"};
    long[] colIds = {10, 11, 12, 13, 14};
    DistanceBlock t = b.transposed(colSamples, colIds, 20, 30);
    assertEquals(5, t.rows());
    assertEquals(4, t.columns());
    assertEquals(30, t.columnOffset());
    assertArrayEquals(new long[] {20, 21, 22, 23, 24}, t.rowIndices());
    assertArrayEquals(colSamples, t.samples());
    for (int r = 0; r < 4; r++) {
      for (int k = 0; k < 5; k++) {
        assertEquals(b.distance(r, k), t.distance(k, r));
        assertEquals(b.isLowerBound(r, k), t.isLowerBound(k, r));
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            assertEquals(b.rotations()[((r * 5 + k) * d + i) * d + j],
                t.rotations()[((k * 4 + r) * d + j) * d + i]);
          }
        }
      }
    }
    // Mirroring twice with the original labels gives the block back.
    assertEquals(b, t.transposed(b.samples(), b.centreIds(), b.rowIndices()[0],
        b.columnOffset()));
  }

  @Test
  void relabelAndRowIndices() {
    DistanceBlock b = Fixtures.randomBlock(new Random(8), 3, 2, 2, false, false);
    DistanceBlock r = b.relabelled(100, 9);
    assertArrayEquals(new long[] {100, 101, 102}, r.rowIndices());
    assertEquals(9, r.columnOffset());
    assertArrayEquals(b.distances(), r.distances());
    assertArrayEquals(new long[] {-1, -1, -1},
        b.withRowIndices(new long[] {-1, -1, -1}).rowIndices());
    assertArrayEquals(new long[] {5, 6, 7, 8}, DistanceBlock.consecutive(5, 4));
    float[] id = new float[9];
    DistanceBlock.identity(id, 0, 3);
    assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, id);
  }
}
