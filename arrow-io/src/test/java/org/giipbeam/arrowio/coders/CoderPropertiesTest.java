package org.giipbeam.arrowio.coders;

import static org.giipbeam.arrowio.testing.CoderChecks.canonical;
import static org.giipbeam.arrowio.testing.CoderChecks.reordered;
import static org.giipbeam.arrowio.testing.CoderChecks.serializableOnly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Beam's {@link CoderProperties} for every coder of the data model: decode(encode(x)) equals x
 * (also nested in a context), each coder is serializable, and those that claim determinism and
 * consistency with equals hold to it even for equal values built with their maps in another
 * order (the maps are kept in name order).
 */
class CoderPropertiesTest {

  @Test
  void laeBatchCoder() throws Exception {
    for (int d = 2; d <= 3; d++) {
      LaeBatch a = Fixtures.randomBatch(new Random(d), 9, d, d == 3 ? 1 : 2);
      assertTrue(a.properties().size() > 1, "the fixture has several properties to reorder");
      canonical(LaeBatchCoder.of(), a, reordered(a),
          Fixtures.randomBatch(new Random(10 + d), 9, d, d == 3 ? 1 : 2));
    }
  }

  @Test
  void distanceBlockCoder() throws Exception {
    DistanceBlock a = Fixtures.randomBlock(new Random(1), 5, 7, 3, true, true);
    canonical(DistanceBlockCoder.of(), a, reordered(a),
        Fixtures.randomBlock(new Random(2), 5, 7, 3, true, true));
    DistanceBlock plain = Fixtures.randomBlock(new Random(3), 4, 6, 2, false, false);
    canonical(DistanceBlockCoder.of(), plain, reordered(plain),
        Fixtures.randomBlock(new Random(4), 4, 6, 2, false, false));
  }

  @Test
  void laeResultCoders() throws Exception {
    List<LaeResult> rows = Fixtures.randomResults(new Random(5), 6, 3);
    List<LaeResult> same = reordered(rows);
    canonical(LaeResultListCoder.of(), rows, same,
        Fixtures.randomResults(new Random(6), 6, 3));
    canonical(LaeResultCoder.of(), rows.get(1), same.get(1), rows.get(2));
    CoderProperties.coderDecodeEncodeEqual(LaeResultListCoder.of(), List.of());
  }

  @Test
  void frameSerializableCoder() throws Exception {
    // Frames travel with Beam's SerializableCoder, which claims neither determinism nor
    // consistency with equals.
    Box box = Box.orthogonal(new double[] {0, 0, 0}, new double[] {10, 10, 10},
        new boolean[] {true, true, true});
    Frame f = Frame.builder().sample("s").source("s.dump").timestep(7).box(box)
        .atoms(new long[] {1, 2}, new int[] {1, 2}, new double[] {1, 2, 3, 4, 5, 6})
        .typeName(1, "Ni").typeName(2, "Nb").property("c_pe", new double[] {-4, -5}).build();
    serializableOnly(SerializableCoder.of(Frame.class), f);
  }
}
