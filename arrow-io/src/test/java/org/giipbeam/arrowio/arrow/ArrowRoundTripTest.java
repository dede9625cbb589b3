package org.giipbeam.arrowio.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.util.CoderUtils;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.coders.DistanceBlockCoder;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.coders.LaeResultCoder;
import org.giipbeam.arrowio.coders.LaeResultListCoder;
import org.giipbeam.arrowio.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every data-model type round-trips bit-exactly through Arrow IPC streams, files and coders. */
class ArrowRoundTripTest {
  private BufferAllocator allocator;
  @TempDir Path tmp;

  @BeforeEach
  void allocator() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void noLeak() {
    allocator.close(); // throws IllegalStateException on a leak
  }

  private static int[] bits(float[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Float.floatToRawIntBits(a[i]);
    }
    return out;
  }

  private static long[] bits(double[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Double.doubleToRawLongBits(a[i]);
    }
    return out;
  }

  private static void assertBitExact(LaeBatch a, LaeBatch b) {
    assertEquals(a, b);
    assertArrayEquals(bits(a.positions()), bits(b.positions()));
    assertArrayEquals(bits(a.weights()), bits(b.weights()));
    assertArrayEquals(bits(a.coordination()), bits(b.coordination()));
    assertArrayEquals(bits(a.composition()), bits(b.composition()));
    for (String k : a.properties().keySet()) {
      assertArrayEquals(bits(a.properties().get(k)), bits(b.properties().get(k)));
    }
  }

  private <T> List<T> viaStream(ArrowTable<T> table, List<T> values) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    table.writeStream(values, out, allocator);
    return table.readStream(new ByteArrayInputStream(out.toByteArray()), allocator);
  }

  private <T> List<T> viaFile(ArrowTable<T> table, List<T> values) throws IOException {
    Path file = tmp.resolve("x.arrow");
    table.writeFile(file, values);
    byte[] head = Files.readAllBytes(file);
    assertEquals("ARROW1", new String(head, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
    return table.readFile(file);
  }

  private static <T> void assertCoderRoundTrip(Coder<T> coder, T value) throws Exception {
    byte[] once = CoderUtils.encodeToByteArray(coder, value);
    assertArrayEquals(once, CoderUtils.encodeToByteArray(coder, value), "deterministic");
    assertEquals(value, CoderUtils.decodeFromByteArray(coder, once));
    // Nested in another coder's stream (length-prefixed), and serializable as Beam needs.
    KvCoder<String, T> kv = KvCoder.of(StringUtf8Coder.of(), coder);
    KV<String, T> pair = KV.of("key", value);
    assertEquals(pair, CoderUtils.clone(kv, pair));
    Coder<T> copy = SerializableUtils.clone(coder);
    assertEquals(value, CoderUtils.clone(copy, value));
    coder.verifyDeterministic();
  }

  @Test
  void laeBatchesRoundTripBitExactly() throws Exception {
    Random rnd = new Random(3);
    for (int d = 2; d <= 3; d++) {
      for (int channels = 1; channels <= 2; channels++) {
        LaeBatch a = Fixtures.randomBatch(rnd, 37, d, channels);
        LaeBatch b = Fixtures.randomBatch(rnd, 5, d, channels);
        List<LaeBatch> s = viaStream(LaeBatchArrow.INSTANCE, List.of(a, b));
        assertBitExact(a, s.get(0));
        assertBitExact(b, s.get(1));
        List<LaeBatch> f = viaFile(LaeBatchArrow.INSTANCE, List.of(a, b));
        assertBitExact(a, f.get(0));
        assertBitExact(b, f.get(1));
        assertCoderRoundTrip(LaeBatchCoder.of(), a);
        assertBitExact(a, CoderUtils.clone(LaeBatchCoder.of(), a));
      }
    }
  }

  @Test
  void emptyLaeBatchRoundTrips() throws Exception {
    LaeBatch empty = Fixtures.randomBatch(new Random(1), 0, 3, 1);
    assertEquals(empty, viaStream(LaeBatchArrow.INSTANCE, List.of(empty)).get(0));
    assertCoderRoundTrip(LaeBatchCoder.of(), empty);
  }

  @Test
  void distanceBlocksRoundTripBitExactly() throws Exception {
    Random rnd = new Random(5);
    for (boolean rot : new boolean[] {false, true}) {
      for (boolean low : new boolean[] {false, true}) {
        DistanceBlock a = Fixtures.randomBlock(rnd, 13, 9, 3, rot, low);
        DistanceBlock b = Fixtures.randomBlock(rnd, 4, 9, 3, rot, low);
        assertEquals(List.of(a, b), viaStream(DistanceBlockArrow.INSTANCE, List.of(a, b)));
        List<DistanceBlock> f = viaFile(DistanceBlockArrow.INSTANCE, List.of(a, b));
        assertEquals(List.of(a, b), f);
        assertArrayEquals(bits(a.distances()), bits(f.get(0).distances()));
        assertCoderRoundTrip(DistanceBlockCoder.of(), a);
      }
    }
  }

  @Test
  void resultsRoundTripBitExactly() throws Exception {
    List<LaeResult> rows = Fixtures.randomResults(new Random(9), 50, 4);
    assertEquals(rows, viaStream(LaeResultArrow.INSTANCE, List.of(rows)).get(0));
    assertEquals(rows, viaFile(LaeResultArrow.INSTANCE, List.of(rows)).get(0));
    assertCoderRoundTrip(LaeResultListCoder.of(), rows);
    assertCoderRoundTrip(LaeResultCoder.of(), rows.get(0)); // holds a NaN descriptor
  }

  @Test
  void mixedSchemasInOneFileAreRefused() {
    Random rnd = new Random(2);
    LaeBatch a = Fixtures.randomBatch(rnd, 3, 3, 1);
    LaeBatch b = Fixtures.randomBatch(rnd, 3, 2, 1);
    assertThrows(IllegalArgumentException.class,
        () -> LaeBatchArrow.INSTANCE.writeFile(tmp.resolve("mixed.arrow"), List.of(a, b)));
    // The failed write left nothing behind.
    assertEquals(0, tmp.toFile().list().length);
  }

  @Test
  void garbageIsAnIoExceptionNotACrash() {
    byte[] junk = "definitely not arrow".getBytes();
    assertThrows(IOException.class, () -> LaeBatchArrow.INSTANCE.decode(junk));
  }
}
