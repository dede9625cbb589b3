package org.giipbeam.transforms.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompleteLinkageTest {

  /** Naive O(n³) complete linkage on distinct distances: the merge heights must agree. */
  static double[] naiveHeights(double[][] dist) {
    int n = dist.length;
    double[][] d = new double[n][];
    for (int i = 0; i < n; i++) {
      d[i] = dist[i].clone();
    }
    boolean[] live = new boolean[n];
    Arrays.fill(live, true);
    double[] h = new double[n - 1];
    for (int k = 0; k < n - 1; k++) {
      int bx = -1;
      int by = -1;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (live[i] && live[j] && (bx < 0 || d[i][j] < d[bx][by])) {
            bx = i;
            by = j;
          }
        }
      }
      h[k] = d[bx][by];
      live[bx] = false;
      for (int i = 0; i < n; i++) {
        d[by][i] = d[i][by] = Math.max(d[bx][i], d[by][i]);
      }
    }
    Arrays.sort(h);
    return h;
  }

  static double[][] randomEuclidean(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][dim];
    for (double[] p : x) {
      for (int c = 0; c < dim; c++) {
        p[c] = r.nextGaussian();
      }
    }
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < dim; c++) {
          s += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c]);
        }
        d[i][j] = Math.sqrt(s);
      }
    }
    return d;
  }

  static double[] condensed(double[][] d) {
    int n = d.length;
    double[] y = new double[n * (n - 1) / 2];
    for (int i = 0, p = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        y[p++] = d[i][j];
      }
    }
    return y;
  }

  @Test
  void heightsEqualNaiveReference() {
    for (long seed = 1; seed <= 5; seed++) {
      double[][] d = randomEuclidean(80, 4, seed);
      Dendrogram z = CompleteLinkage.linkage(condensed(d), d.length);
      assertArrayEquals(naiveHeights(d), z.heights(), 0.0);
      assertEquals(80, z.count(78));
    }
  }

  @Test
  void classesHaveDiameterAtMostT() {
    double[][] d = randomEuclidean(120, 3, 7);
    Dendrogram z = CompleteLinkage.linkage(condensed(d), d.length);
    for (double t : new double[] {0.5, 1.0, 2.0, 3.0}) {
      int[] labels = z.cutAtDistance(t);
      for (int i = 0; i < labels.length; i++) {
        for (int j = 0; j < labels.length; j++) {
          if (labels[i] == labels[j]) {
            assertTrue(d[i][j] <= t, "class diameter above t=" + t);
          }
        }
      }
    }
    int[] ten = z.cutIntoClasses(10);
    assertEquals(10, Arrays.stream(ten).max().getAsInt());
  }

  @Test
  void tinyInputs() {
    Dendrogram one = CompleteLinkage.linkage(new double[0], 1);
    assertEquals(0, one.merges());
    assertArrayEquals(new int[] {1}, one.cutAtDistance(0));
    assertArrayEquals(new int[] {1}, one.cutIntoClasses(3));
    Dendrogram two = CompleteLinkage.linkage(new double[] {2.5}, 2);
    assertArrayEquals(new double[] {0, 1, 2.5, 2}, two.toLinkageMatrix()[0], 0.0);
    assertArrayEquals(new int[] {1, 2}, two.cutAtDistance(1));
    assertArrayEquals(new int[] {1, 1}, two.cutIntoClasses(1));
  }

  @Test
  void badDistancesAreClearErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CompleteLinkage.linkage(new double[] {1, Double.NaN, 2}, 3));
    assertTrue(e.getMessage().contains("observations 0 and 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> CompleteLinkage.linkage(new double[] {1, -1, 2}, 3));
    assertThrows(IllegalArgumentException.class,
        () -> CompleteLinkage.linkage(new double[] {1, 2}, 3));
    assertThrows(IllegalArgumentException.class, () -> Cut.atDistance(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Cut.intoClasses(0));
  }

  @Test
  void extensionLaeTakesClassOfNearestTrainingLae() throws Exception {
    // Two tight groups on a line: {0, 1, 2} near 0 and {3, 4} near 10.
    double[] x = {0, 0.5, 1, 10, 10.5};
    int n = x.length;
    float[] square = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        square[i * n + j] = (float) Math.abs(x[i] - x[j]);
      }
    }
    ClusterModel model = ClusterModel.fit(square, n, Cut.atDistance(2));
    assertEquals(2, model.classCount());
    // scipy: fcluster(linkage(pdist(x), 'complete'), 2, 'distance') = [2 2 2 1 1]
    assertArrayEquals(new int[] {2, 2, 2, 1, 1}, model.trainingClasses());
    float[] rowNear9 = new float[n];
    for (int j = 0; j < n; j++) {
      rowNear9[j] = (float) Math.abs(9 - x[j]);
    }
    assertEquals(3, model.nearestTraining(rowNear9, 0));
    assertEquals(1, model.assign(rowNear9));
    // tie between training LAEs 1 and 2 at 0.75: the lower index wins
    float[] padded = new float[n + 2];
    for (int j = 0; j < n; j++) {
      padded[2 + j] = (float) Math.abs(0.75 - x[j]);
    }
    assertEquals(1, model.nearestTraining(padded, 2));
    assertEquals(model.trainingClass(4), model.assign(new double[] {5, 4, 3, 2, 1}));
    assertThrows(IllegalArgumentException.class, () -> model.assign(new float[3]));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(model, in.readObject());
    }
  }
}
