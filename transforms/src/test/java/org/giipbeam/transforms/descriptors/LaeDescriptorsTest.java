package org.giipbeam.transforms.descriptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.junit.jupiter.api.Test;

/** Bond-orientational order of ideal shells against their published values. */
class LaeDescriptorsTest {

  static LaeBatch batchOf(int d, double[][]... shells) {
    return batchOf(Map.of(), d, shells);
  }

  static LaeBatch batchOf(Map<String, String> parameters, int d, double[][]... shells) {
    List<Lae> laes = new ArrayList<>();
    long id = 1;
    for (double[][] shell : shells) {
      float[] pos = new float[shell.length * d];
      float[] w = new float[shell.length];
      for (int j = 0; j < shell.length; j++) {
        for (int k = 0; k < d; k++) {
          pos[j * d + k] = (float) shell[j][k];
        }
        w[j] = 1;
      }
      laes.add(new Lae("s", id++, 1, d, pos, w, 1, shell.length, new double[] {1},
          new double[] {1}, Map.of()));
    }
    return LaeBatch.of(laes, d, 1, new int[] {1}, parameters, 0);
  }

  static double[][] fcc() {
    List<double[]> v = new ArrayList<>();
    for (int a = -1; a <= 1; a += 2) {
      for (int b = -1; b <= 1; b += 2) {
        v.add(new double[] {a, b, 0});
        v.add(new double[] {a, 0, b});
        v.add(new double[] {0, a, b});
      }
    }
    return v.toArray(new double[0][]);
  }

  static double[][] icosahedron() {
    double g = (1 + Math.sqrt(5)) / 2;
    List<double[]> v = new ArrayList<>();
    for (int a = -1; a <= 1; a += 2) {
      for (int b = -1; b <= 1; b += 2) {
        v.add(new double[] {0, a, b * g});
        v.add(new double[] {a, b * g, 0});
        v.add(new double[] {b * g, 0, a});
      }
    }
    return v.toArray(new double[0][]);
  }

  static double[][] simpleCubic() {
    return new double[][] {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1},
        {0, 0, -1}};
  }

  @Test
  void steinhardtOrderOfIdealShells() {
    LaeBatch b = batchOf(3, fcc(), icosahedron(), simpleCubic());
    // Published values (Steinhardt, Nelson, Ronchetti 1983; Mickel et al. 2013).
    assertEquals(0.19094, LaeDescriptors.bondOrder(b, 0, 4), 1e-5);
    assertEquals(0.57452, LaeDescriptors.bondOrder(b, 0, 6), 1e-5);
    assertEquals(0.0, LaeDescriptors.bondOrder(b, 1, 4), 1e-6);
    assertEquals(0.66332, LaeDescriptors.bondOrder(b, 1, 6), 1e-5);
    assertEquals(0.76376, LaeDescriptors.bondOrder(b, 2, 4), 1e-5);
    assertEquals(0.35355, LaeDescriptors.bondOrder(b, 2, 6), 1e-5);
    assertEquals(Math.sqrt(2), LaeDescriptors.meanNeighbourDistance(b, 0), 1e-6);
  }

  @Test
  void twoDimensionalHexatic() {
    double[][] hex = new double[6][];
    for (int j = 0; j < 6; j++) {
      hex[j] = new double[] {Math.cos(j * Math.PI / 3 + 0.3), Math.sin(j * Math.PI / 3 + 0.3)};
    }
    double[][] square = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    LaeBatch b = batchOf(2, hex, square);
    assertEquals(1.0, LaeDescriptors.bondOrder(b, 0, 6), 1e-6);
    assertEquals(0.0, LaeDescriptors.bondOrder(b, 0, 4), 1e-6);
    assertEquals(1.0, LaeDescriptors.bondOrder(b, 1, 4), 1e-6);
    assertEquals(0.0, LaeDescriptors.bondOrder(b, 1, 6), 1e-6);
    Map<String, double[]> all = LaeDescriptors.all(b);
    assertEquals(List.of("coordination", "composition_1", "composition_count_1",
        "mean_neighbour_distance", "psi4", "psi6", "voronoi_sides", "voronoi_area"),
        List.copyOf(all.keySet()));
    // Without the r_cut they were cut with, nothing says the cells are closed: undefined.
    assertTrue(Double.isNaN(all.get("voronoi_sides")[0]));
    // With it: the hexagon's cell has six sides and apothem 1/2; the square's four sites on a
    // circle, four.
    Map<String, double[]> cut = LaeDescriptors.all(
        batchOf(Map.of("lae.rCut", "1.75"), 2, hex, square));
    assertEquals(6, cut.get("voronoi_sides")[0]);
    assertEquals(Math.sqrt(3) / 2, cut.get("voronoi_area")[0], 1e-6);
    assertEquals(4, cut.get("voronoi_sides")[1]);
  }
}
