package org.giipbeam.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class GiipParametersTest {

  @Test
  void defaultsFollowThePaper() {
    GiipParameters p = GiipParameters.exhaustive(1.0);
    assertEquals(SearchMode.EXHAUSTIVE, p.mode());
    assertEquals(5, p.coarseCoveringDegrees());
    assertEquals(1, p.refineCoveringDegrees());
    assertEquals(5, p.refineRadiusDegrees());
    assertEquals(1, p.angleStepDegrees2d());
    assertTrue(!p.properOnly() && !p.prunes());
    assertEquals("O(d)", p.toMap().get("giip.group"));
    assertEquals("EXHAUSTIVE", p.toMap().get("giip.search"));
  }

  @Test
  void validationNamesTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.fast(0));
    assertTrue(e.getMessage().contains("σ must be a positive"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.fast(1).withGrid3d(5, 6, 5));
    assertTrue(e.getMessage().contains("refinement covering radius"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.fast(1).withPruneCut(-1));
    assertTrue(e.getMessage().contains("pruning cut"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.fast(1).withFast(1, 15, 8, 1));
    assertTrue(e.getMessage().contains("expansion degree"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.fast(Double.NaN));
  }

  @Test
  void mapSeparatesDistancesOfDifferentParameters() {
    GiipParameters a = GiipParameters.fast(1.0);
    assertNotEquals(a.toMap(), a.withSigma(0.5).toMap());
    assertNotEquals(a.toMap(), a.withProperOnly(true).toMap());
    assertNotEquals(a.toMap(), a.withMode(SearchMode.EXHAUSTIVE).toMap());
    assertNotEquals(a.toMap(), a.withPruneCut(3).toMap());
    assertEquals(a, GiipParameters.fast(1.0));
    assertEquals("3.0", a.withPruneCut(3).toMap().get("giip.pruneCut"));
  }

  @Test
  void serializable() throws Exception {
    GiipParameters p = GiipParameters.fast(0.5).withProperOnly(true).withPruneCut(2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(p, in.readObject());
    }
  }
}
