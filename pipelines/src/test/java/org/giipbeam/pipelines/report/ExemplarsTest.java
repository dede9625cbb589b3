package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;

/** The medoid against brute force and against the median of points on a line. */
class ExemplarsTest {

  /** Brute force, written apart: every member's summed distance, the smallest first. */
  private static int bruteForce(double[][] d, int[] members) {
    return IntStream.of(members).boxed().min((a, b) -> {
      double sa = IntStream.of(members).mapToDouble(j -> d[a][j]).sum();
      double sb = IntStream.of(members).mapToDouble(j -> d[b][j]).sum();
      return sa != sb ? Double.compare(sa, sb) : Integer.compare(indexOf(members, a),
          indexOf(members, b));
    }).orElseThrow();
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void medoidMatchesBruteForceOnRandomMetrics() {
    Random rnd = new Random(13);
    for (int trial = 0; trial < 50; trial++) {
      int n = 3 + rnd.nextInt(12);
      double[][] x = new double[n][3];
      for (double[] p : x) {
        for (int k = 0; k < 3; k++) {
          p[k] = rnd.nextGaussian();
        }
      }
      double[][] d = new double[n][n];
      float[] flat = new float[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          d[i][j] = (float) Math.sqrt(Math.pow(x[i][0] - x[j][0], 2)
              + Math.pow(x[i][1] - x[j][1], 2) + Math.pow(x[i][2] - x[j][2], 2));
          flat[i * n + j] = (float) d[i][j];
        }
      }
      int[] members = IntStream.range(0, n).filter(i -> rnd.nextDouble() < 0.7).toArray();
      if (members.length == 0) {
        members = new int[] {0};
      }
      assertEquals(bruteForce(d, members), Exemplars.medoid(flat, n, members), "trial " + trial);
    }
  }

  @Test
  void onALineTheMedoidIsTheMedian() {
    double[] x = {4.0, -1.5, 9.0, 0.25, 2.0, 30.0, -7.0};
    int n = x.length;
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[i * n + j] = (float) Math.abs(x[i] - x[j]);
      }
    }
    // sorted: -7, -1.5, 0.25, 2, 4, 9, 30: the median is 2.0 (index 4)
    assertEquals(4, Exemplars.medoid(d, n, IntStream.range(0, n).toArray()));
    // members {9, 30, -7}: the median is 9 (index 2)
    assertEquals(2, Exemplars.medoid(d, n, new int[] {5, 2, 6}));
  }

  /** Two classes of 2D LAEs at positions along a line: each exemplar is its class's median. */
  @Test
  void classExemplarsAndCoordinateEnds() throws Exception {
    double[] x = {0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 15};
    int n = x.length;
    List<Lae> laes = new ArrayList<>();
    List<LaeResult> rows = new ArrayList<>();
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      laes.add(new Lae("s", i + 1, 1, 2, new float[] {1, 0, 0, 1}, new float[] {1, 1}, 1,
          2 + x[i], new double[] {1}, new double[] {1}, Map.of()));
      rows.add(new LaeResult("s", i + 1, 1, true, x[i] < 5 ? 1 : 2, new double[] {x[i]},
          Map.of("coordination", 2 + x[i])));
      for (int j = 0; j < n; j++) {
        d[i * n + j] = (float) Math.abs(x[i] - x[j]);
      }
    }
    LaeBatch training = LaeBatch.of(laes, 2, 1, new int[] {1}, Map.of(), 2);
    List<Exemplars.Exemplar> ex = Exemplars.of(training, d, rows, List.of(1));
    // class 2 (6 LAEs) first: members 10..15, the medians 12 and 13 tie; the first wins.
    assertEquals("class 2", ex.get(0).group());
    assertEquals(8, ex.get(0).result().centreId());
    assertEquals(2 + 12.5, ex.get(0).means().get("coordination"), 1e-12);
    assertEquals("class 1", ex.get(1).group());
    assertEquals(3, ex.get(1).result().centreId());
    // the ends of φ_1: 5% of 11 rounds to 1 LAE each
    assertEquals("φ₁ low", ex.get(2).group());
    assertEquals(1, ex.get(2).result().centreId());
    assertEquals("φ₁ high", ex.get(3).group());
    assertEquals(11, ex.get(3).result().centreId());
    List<String[]> table = Exemplars.tableRows(ex);
    assertEquals(5, table.size());
    assertEquals("mean coordination", table.get(0)[5]);
    assertTrue(Exemplars.draw(ex).png().length > 1000);
  }
}
