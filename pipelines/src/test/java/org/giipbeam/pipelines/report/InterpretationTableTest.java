package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;

class InterpretationTableTest {

  /** φ_1 exact in composition, φ_2 unrelated to anything, coordination = 10 − 3φ_2 + noise. */
  private static List<LaeResult> rows(int n) {
    Random rnd = new Random(3);
    List<LaeResult> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double comp = rnd.nextDouble();
      double phi2 = rnd.nextGaussian();
      double[] phi = {2.0 * comp - 1.0, phi2};
      rows.add(new LaeResult("s", i, 1, i % 2 == 0, 1, phi, Map.of(
          "composition_1", comp,
          "coordination", 10 - 3 * phi2 + 3 * rnd.nextGaussian(),
          "noise", rnd.nextGaussian())));
    }
    return rows;
  }

  @Test
  void tableFindsWhichCoordinateIsWhich() {
    List<LaeResult> rows = rows(50_000);
    InterpretationTable t = InterpretationTable.of(rows, 10);
    assertEquals(List.of(1, 2), t.coordinates(), "capped at the coordinates the rows carry");
    assertEquals(3, t.descriptors().size());
    assertEquals(1.0, t.rSquared(1, "composition_1"), 1e-12);
    assertEquals("composition_1", t.bestDescriptor(1).orElseThrow());
    // coordination = 10 − 3φ_2 + 3e: r² = 9 / (9 + 9) = 1/2.
    assertEquals(0.5, t.rSquared(2, "coordination"), 0.01);
    assertEquals("coordination", t.bestDescriptor(2).orElseThrow());
    assertTrue(t.rSquared(1, "noise") < 1e-3);
    assertTrue(t.rSquared(2, "composition_1") < 1e-3);
  }

  @Test
  void fitOfDescriptorFromPhi1() {
    // composition = (φ_1 + 1) / 2: slope 0.5, intercept 0.5.
    LinearFit f = InterpretationTable.fitFromPhi1(rows(1000), "composition_1");
    assertEquals(0.5, f.slope(), 1e-12);
    assertEquals(0.5, f.intercept(), 1e-12);
    assertEquals(1.0, f.rSquared(), 1e-12);
    assertEquals(1000, f.n());
  }

  @Test
  void rowsWithoutADescriptorAreLeftOutOfItsFit() {
    List<LaeResult> rows = new ArrayList<>(rows(100));
    rows.add(new LaeResult("t", 0, 1, false, 1, new double[] {5, 5}, Map.of("other", 1.0)));
    InterpretationTable t = InterpretationTable.of(rows, 2);
    assertEquals(100, t.fit(1, "composition_1").n());
    // One LAE carries "other": no line, so no column.
    assertEquals(List.of("composition_1", "coordination", "noise"),
        t.descriptors().stream().sorted().toList());
    assertFalse(InterpretationTable.fitFromCoordinate(rows, 1, "other").defined());
  }

  @Test
  void unknownCellsAndCoordinatesFailClearly() {
    List<LaeResult> rows = rows(10);
    InterpretationTable t = InterpretationTable.of(rows, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.fit(1, "q6"));
    assertTrue(e.getMessage().contains("q6"));
    assertThrows(IllegalArgumentException.class,
        () -> InterpretationTable.fitFromCoordinate(rows, 3, "coordination"));
    assertThrows(IllegalArgumentException.class, () -> InterpretationTable.of(List.of(), 3));
  }
}
