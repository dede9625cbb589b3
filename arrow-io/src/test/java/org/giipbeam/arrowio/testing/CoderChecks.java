package org.giipbeam.arrowio.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;

/**
 * Beam's {@link CoderProperties}, as every module's coder tests apply them: the checks a coder
 * that claims determinism and consistency with equals must pass, the checks of a coder that
 * claims neither ({@code SerializableCoder}), and equal values of the data model built with
 * their maps inserted in another order (the values keep them in name order, so they must encode
 * the same).
 */
public final class CoderChecks {
  private CoderChecks() {}

  /**
   * A deterministic coder consistent with equals: {@code value} and {@code equalValue} are equal
   * (and encode the same), {@code otherValue} differs (and encodes differently); round trips,
   * plain and nested; serializable; structural values consistent with equals.
   */
  public static <T> void canonical(Coder<T> coder, T value, T equalValue, T otherValue)
      throws Exception {
    assertTrue(coder.consistentWithEquals(), coder + " claims consistency with equals");
    deterministic(coder, value, equalValue, otherValue);
  }

  /**
   * The checks of {@link #canonical} for a coder that claims determinism but, conservatively,
   * not consistency with equals (a {@code KvCoder} with Beam's {@code VoidCoder} key, as into
   * {@code Gather}'s GroupByKey): it still encodes equal values the same and unequal ones
   * differently.
   */
  public static <T> void deterministic(Coder<T> coder, T value, T equalValue, T otherValue)
      throws Exception {
    assertEquals(value, equalValue);
    assertNotEquals(value, otherValue);
    coder.verifyDeterministic();
    CoderProperties.coderSerializable(coder);
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    CoderProperties.coderDecodeEncodeEqual(coder, otherValue);
    CoderProperties.coderDecodeEncodeEqualInContext(coder, Coder.Context.NESTED, value);
    CoderProperties.coderDeterministic(coder, value, equalValue);
    CoderProperties.coderConsistentWithEquals(coder, value, equalValue);
    CoderProperties.coderConsistentWithEquals(coder, value, otherValue);
    CoderProperties.structuralValueConsistentWithEquals(coder, value, equalValue);
    CoderProperties.structuralValueDecodeEncodeEqual(coder, value);
  }

  /**
   * A coder that claims neither determinism nor consistency with equals (Beam's
   * {@code SerializableCoder}; such values are never keys): the round trip, plain and nested,
   * the coder's serializability, and that it honestly refuses to be deterministic.
   */
  public static <T> void serializableOnly(Coder<T> coder, T value) throws Exception {
    CoderProperties.coderSerializable(coder);
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    CoderProperties.coderDecodeEncodeEqualInContext(coder, Coder.Context.NESTED, value);
    assertFalse(coder.consistentWithEquals(), coder + " claims consistency with equals");
    assertThrows(Coder.NonDeterministicException.class, coder::verifyDeterministic);
  }

  /** The same entries, inserted in reverse order. */
  public static <V> Map<String, V> reversed(Map<String, V> m) {
    List<String> keys = new ArrayList<>(m.keySet());
    Collections.reverse(keys);
    Map<String, V> out = new LinkedHashMap<>();
    for (String k : keys) {
      out.put(k, m.get(k));
    }
    return out;
  }

  /** An equal batch whose parameter and property maps were built in reverse order. */
  public static LaeBatch reordered(LaeBatch b) {
    return new LaeBatch(b.dimension(), b.channels(), b.maxAtoms(), b.species(),
        reversed(b.parameters()), b.samples(), b.centreIds(), b.centreTypes(),
        b.neighbourCounts(), b.coordination(), b.composition(), b.countComposition(),
        reversed(b.properties()), b.positions(), b.weights());
  }

  /** An equal result whose descriptors were put in reverse order. */
  public static LaeResult reordered(LaeResult r) {
    return new LaeResult(r.sample(), r.centreId(), r.centreType(), r.training(),
        r.classLabel(), r.coordinates(), reversed(r.descriptors()));
  }

  /** Equal results, each with its descriptors in reverse order. */
  public static List<LaeResult> reordered(List<LaeResult> rows) {
    List<LaeResult> out = new ArrayList<>();
    rows.forEach(r -> out.add(reordered(r)));
    return out;
  }

  /** An equal block whose parameter map was built in reverse order. */
  public static DistanceBlock reordered(DistanceBlock d) {
    return new DistanceBlock(d.dimension(), d.columnOffset(), d.columns(),
        reversed(d.parameters()), d.samples(), d.centreIds(), d.rowIndices(), d.distances(),
        d.rotations(), d.lowerBounds());
  }
}
