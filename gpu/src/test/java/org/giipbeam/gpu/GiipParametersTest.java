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
    assertEquals(new SearchSpec.Exhaustive(5, 1, 5, 1), p.search());
    assertEquals(5, p.exhaustiveSearch().coarseCoveringDegrees());
    assertEquals(1, p.exhaustiveSearch().refineCoveringDegrees());
    assertEquals(5, p.exhaustiveSearch().refineRadiusDegrees());
    assertEquals(1, p.exhaustiveSearch().angleStepDegrees2d());
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
        () -> GiipParameters.exhaustive(1).withGrid3d(5, 6, 5));
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

  @Test
  void settingsOfTheOtherModeAreRefusedNotHidden() {
    // Old behaviour: exhaustive(1).withFast(...) kept invisible FAST settings, so two equal
    // parameters became unequal after withMode(FAST). Now the FAST settings cannot be set on
    // an EXHAUSTIVE search at all, and withMode starts from the new mode's defaults.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.exhaustive(1).withFast(4, 12, 24, 3));
    assertTrue(e.getMessage().contains("FAST settings asked of parameters that search "
        + "EXHAUSTIVE"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.fast(1).withAngleStep2d(2));
    assertThrows(IllegalArgumentException.class, () -> GiipParameters.fast(1).exhaustiveSearch());
    GiipParameters a = GiipParameters.exhaustive(1);
    GiipParameters b = GiipParameters.exhaustive(1).withGrid3d(10, 2, 10);
    assertNotEquals(a, b);
    assertEquals(a.withMode(SearchMode.FAST), b.withMode(SearchMode.FAST));
    assertEquals(GiipParameters.fast(1), a.withMode(SearchMode.FAST));
    assertEquals(a, a.withMode(SearchMode.FAST).withMode(SearchMode.EXHAUSTIVE));
  }

  @Test
  void equalsFollowsTheMapBothWays() {
    GiipParameters[] all = {
        GiipParameters.exhaustive(1), GiipParameters.exhaustive(1).withGrid3d(10, 1, 10),
        GiipParameters.exhaustive(1).withAngleStep2d(2), GiipParameters.fast(1),
        GiipParameters.fast(1).withFast(4, 12, 24, 3), GiipParameters.fast(1).withFast2d(20, 0),
        GiipParameters.fast(1).withProperOnly(true), GiipParameters.fast(1).withPruneCut(2),
        GiipParameters.fast(0.5)};
    for (GiipParameters x : all) {
      for (GiipParameters y : all) {
        assertEquals(x.equals(y), x.toMap().equals(y.toMap()), x + " vs " + y);
        if (x.equals(y)) {
          assertEquals(x.hashCode(), y.hashCode());
        }
      }
      assertEquals(x, GiipParameters.fromMap(x.toMap()), "round trip of " + x);
    }
  }

  @Test
  void fromMapNamesTheBadKey() {
    java.util.Map<String, String> m = new java.util.TreeMap<>(GiipParameters.fast(1).toMap());
    m.put("giip.search", "ANNEALING");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.fromMap(m));
    assertEquals("giip.search: unknown search mode 'ANNEALING'", e.getMessage());
    m.put("giip.search", "FAST");
    m.remove("giip.fast.degree");
    e = assertThrows(IllegalArgumentException.class, () -> GiipParameters.fromMap(m));
    assertEquals("giip.fast.degree is missing", e.getMessage());
  }

  @Test
  void everyModeHasOneSpecAndDefaults() {
    // One record per mode, each naming its mode, each mode with defaults: a mode added to the
    // enum without a record (or the other way round) fails here, and SearchSpec.defaults's
    // switch (no default branch) stops compiling.
    Class<?>[] permitted = SearchSpec.class.getPermittedSubclasses();
    assertEquals(SearchMode.values().length, permitted.length);
    for (SearchMode m : SearchMode.values()) {
      SearchSpec d = SearchSpec.defaults(m);
      assertEquals(m, d.mode());
      assertTrue(d.getClass().isRecord());
      assertEquals(m, GiipParameters.fast(1).withMode(m).mode());
    }
  }

  @Test
  void modeNamesParseOrFailNamingTheChoices() {
    assertEquals(SearchMode.FAST, SearchMode.parse("fast"));
    assertEquals(SearchMode.EXHAUSTIVE, SearchMode.parse("Exhaustive"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SearchMode.parse("annealing"));
    assertEquals("must be exhaustive or fast, got 'annealing'", e.getMessage());
    assertEquals(GiipParameters.fast(0.5), GiipParameters.of(SearchMode.FAST, 0.5));
    assertEquals(GiipParameters.exhaustive(0.5), GiipParameters.of(SearchMode.EXHAUSTIVE, 0.5));
  }
}
