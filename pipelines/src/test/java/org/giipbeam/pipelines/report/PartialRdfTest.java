package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;
import org.junit.jupiter.api.Test;

/** Partial RDFs of perfect lattices against their shells counted by hand. */
class PartialRdfTest {

  /**
   * Rock salt as two types alternating on a simple cubic lattice (a = 1, 6 × 6 × 6, periodic):
   * around a type-1 centre the shells hold 6 (r = 1, type 2), 12 (√2, type 1), 8 (√3, type 2),
   * 6 (2, type 1), 24 (√5, type 2), 24 (√6, type 1), 12 (√8, type 1).
   */
  @Test
  void rockSaltShells() {
    int l = 6;
    int n = l * l * l;
    long[] ids = new long[n];
    int[] types = new int[n];
    double[] pos = new double[3 * n];
    Set<Long> centres = new HashSet<>();
    for (int i = 0, a = 0; i < l; i++) {
      for (int j = 0; j < l; j++) {
        for (int k = 0; k < l; k++, a++) {
          ids[a] = a + 1;
          types[a] = (i + j + k) % 2 == 0 ? 1 : 2;
          pos[3 * a] = i;
          pos[3 * a + 1] = j;
          pos[3 * a + 2] = k;
          if (types[a] == 1) {
            centres.add(ids[a]);
          }
        }
      }
    }
    Frame f = Frame.builder().sample("nacl").box(Box.orthogonal(new double[] {-0.5, -0.5, -0.5},
        new double[] {l - 0.5, l - 0.5, l - 0.5}, new boolean[] {true, true, true}))
        .atoms(ids, types, pos).build();
    double rMax = 2.9;
    int bins = 20; // width 0.145: no shell on a bin edge
    PartialRdf g = PartialRdf.of(List.of(f), Map.of("nacl", centres), rMax, bins);
    assertEquals(List.of("1-1", "1-2"), g.pairs());
    double w = rMax / bins;
    double[][] shells = {{1, 0, 6}, {Math.sqrt(2), 12, 0}, {Math.sqrt(3), 0, 8}, {2, 6, 0},
        {Math.sqrt(5), 0, 24}, {Math.sqrt(6), 24, 0}, {Math.sqrt(8), 12, 0}};
    double[] same = new double[bins];
    double[] other = new double[bins];
    for (double[] s : shells) {
      int bin = (int) (s[0] / w);
      same[bin] += s[1];
      other[bin] += s[2];
    }
    double rho = 0.5; // 108 atoms of each type in 216 unit cells
    for (int b = 0; b < bins; b++) {
      double r1 = b * w;
      double r2 = r1 + w;
      double shell = 4 * Math.PI / 3 * (r2 * r2 * r2 - r1 * r1 * r1);
      assertEquals(same[b], g.neighboursPerCentre("1-1")[b], 1e-12, "1-1 bin " + b);
      assertEquals(other[b], g.neighboursPerCentre("1-2")[b], 1e-12, "1-2 bin " + b);
      assertEquals(same[b] / (rho * shell), g.g("1-1")[b], 1e-9, "g_11 bin " + b);
      assertEquals(other[b] / (rho * shell), g.g("1-2")[b], 1e-9, "g_12 bin " + b);
    }
    assertEquals(Map.of(1, 108), g.centres());
  }

  /** A 2D square lattice (a = 1, 8 × 8): 4 at 1, 4 at √2, 4 at 2, 8 at √5, 4 at √8. */
  @Test
  void squareLatticeIn2D() {
    int l = 8;
    int n = l * l;
    long[] ids = new long[n];
    int[] types = new int[n];
    double[] pos = new double[2 * n];
    Set<Long> centres = new HashSet<>();
    for (int i = 0, a = 0; i < l; i++) {
      for (int j = 0; j < l; j++, a++) {
        ids[a] = a + 1;
        types[a] = 1;
        pos[2 * a] = i;
        pos[2 * a + 1] = j;
        centres.add(ids[a]);
      }
    }
    Frame f = Frame.builder().sample("sq").box(Box.orthogonal(new double[] {0, 0},
        new double[] {l, l}, new boolean[] {true, true})).atoms(ids, types, pos).build();
    double rMax = 3.1;
    int bins = 31; // width 0.1; shells at 1, 1.414, 2, 2.236, 2.828, 3 (bins 10, 14, 20, 22, 28, 30)
    PartialRdf g = PartialRdf.of(List.of(f), Map.of("sq", centres), rMax, bins);
    double[] per = g.neighboursPerCentre("1-1");
    // r = 1, 2, 3 fall on bin edges: count them in either neighbouring bin.
    assertEquals(4, per[9] + per[10], 1e-12);
    assertEquals(4, per[14], 1e-12);
    assertEquals(4, per[19] + per[20], 1e-12);
    assertEquals(8, per[22], 1e-12);
    assertEquals(4, per[28], 1e-12);
    assertEquals(4, per[29] + per[30], 1e-12);
    double total = 0;
    for (double v : per) {
      total += v;
    }
    assertEquals(28, total, 1e-12);
    double w = rMax / bins;
    double shell = Math.PI * (Math.pow(15 * w, 2) - Math.pow(14 * w, 2));
    assertEquals(4 / (1.0 * shell), g.g("1-1")[14], 1e-9);
  }

  @Test
  void refusesARadiusBeyondHalfTheCell() {
    Frame f = Frame.builder().sample("s").box(Box.orthogonal(new double[] {0, 0, 0},
        new double[] {4, 4, 4}, new boolean[] {true, true, true}))
        .atoms(new long[] {1, 2}, new int[] {1, 1}, new double[] {0, 0, 0, 1, 1, 1}).build();
    assertThrows(IllegalArgumentException.class,
        () -> PartialRdf.of(List.of(f), Map.of("s", Set.of(1L)), 2.5, 10));
  }
}
