package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;

/** Plane directions, informative descriptors and sample strain against constructed answers. */
class DescriptorDirectionsTest {

  /**
   * A descriptor that is a known direction of (φ_1, φ_2) plus noise: the fit finds the angle,
   * and its r² beats either coordinate alone; the exact r² is the variance ratio.
   */
  @Test
  void planeFitFindsTheDirection() {
    Random rnd = new Random(5);
    int n = 4000;
    double angle = Math.toRadians(37);
    List<LaeResult> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = rnd.nextGaussian();
      double b = rnd.nextGaussian();
      Map<String, Double> d = new LinkedHashMap<>();
      d.put("coordination", 6 + 2 * (Math.cos(angle) * a + Math.sin(angle) * b)
          + 0.2 * rnd.nextGaussian());
      d.put("constant", 1.0);
      d.put("composition_1", 0.3 + 0.01 * a);
      d.put("composition_2", 0.7 - 0.01 * a);
      d.put("undefined", Double.NaN);
      rows.add(new LaeResult("s", i, 1, true, 1, new double[] {a, b, rnd.nextGaussian()}, d));
    }
    List<String> informative = InterpretationTable.informativeDescriptors(rows);
    // Descriptors come in name order (LaeResult keeps them canonical).
    assertEquals(List.of("composition_1", "coordination"), informative,
        "constant, undefined and affine copies left out");
    List<DescriptorDirections.Row> dir = DescriptorDirections.of(rows, List.of(1, 2, 3),
        List.of(new int[] {1, 2}, new int[] {2, 3}), informative);
    DescriptorDirections.Row coord = dir.get(1);
    assertTrue(coord.planeWins());
    assertEquals(1, coord.bestPlane().i());
    assertEquals(2, coord.bestPlane().j());
    assertEquals(37, coord.bestPlane().angleDegrees(), 1.0);
    // Var(signal) = 4, Var(noise) = 0.04: r² ≈ 4/4.04.
    assertEquals(4 / 4.04, coord.bestPlane().rSquared(), 0.005);
    assertEquals(1, coord.coordinate(), "cos 37° > sin 37°: φ_1 alone is the better single");
    assertEquals(Math.pow(Math.cos(angle), 2) * 4 / 4.04, coord.coordinateFit().rSquared(),
        0.02);
    // A descriptor of φ_1 alone: the single coordinate is as good as any direction.
    DescriptorDirections.Row comp = dir.get(0);
    assertEquals(1, comp.coordinate());
    assertEquals(1.0, comp.coordinateFit().rSquared(), 1e-12);
    assertFalse(comp.planeWins());
  }

  @Test
  void planeFitIsUndefinedWithoutSpread() {
    double[] x = {1, 2, 3, 4};
    PlaneFit f = PlaneFit.of(1, 2, x, x.clone(), new double[] {1, 2, 3, 5});
    assertFalse(f.defined(), "collinear coordinates");
    assertFalse(PlaneFit.of(1, 2, x, new double[] {4, 1, 3, 2}, new double[] {2, 2, 2, 2})
        .defined(), "constant descriptor");
  }

  @Test
  void strainIsRelativeToTheSampleMean() {
    List<LaeResult> rows = new ArrayList<>();
    double[][] cells = {{1, 2, 3, Double.NaN}, {10, 30}};
    String[] samples = {"a", "b"};
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < cells[s].length; i++) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("voronoi_area", cells[s][i]);
        d.put("psi6", 0.5);
        rows.add(new LaeResult(samples[s], i, 1, false, 1, new double[] {0}, d));
      }
    }
    List<LaeResult> out = SampleStrain.withStrain(rows);
    // Name order: the strain stands before the cell size it is an affine copy of.
    assertEquals(List.of("area_strain", "psi6", "voronoi_area"),
        List.copyOf(out.get(0).descriptors().keySet()));
    assertEquals(-0.5, out.get(0).descriptors().get("area_strain"), 1e-12);
    assertEquals(0.5, out.get(2).descriptors().get("area_strain"), 1e-12);
    assertTrue(Double.isNaN(out.get(3).descriptors().get("area_strain")));
    assertEquals(-0.5, out.get(4).descriptors().get("area_strain"), 1e-12);
  }
}
