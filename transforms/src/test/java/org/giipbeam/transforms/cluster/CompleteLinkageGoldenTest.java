package org.giipbeam.transforms.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Complete linkage and flat cuts equal scipy's exactly (merge pairs, heights, counts, fcluster
 * labels) on golden files made by src/test/python/make_cluster_golden.py — most with ties.
 */
class CompleteLinkageGoldenTest {

  static Stream<String> cases() {
    return Stream.of("integer-ties", "lattice", "cubic-lattice", "random-float32",
        "integer-ties-large");
  }

  record Golden(String name, int n, double[] condensed, double[][] z,
      List<double[]> distanceCuts, List<int[]> distanceLabels,
      List<Integer> classCuts, List<int[]> classLabels) {}

  static Golden read(String name) throws IOException {
    String resource = name + ".txt";
    try (InputStream in = CompleteLinkageGoldenTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing golden file " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int n = 0;
      double[] condensed = null;
      List<double[]> z = new ArrayList<>();
      List<double[]> dCuts = new ArrayList<>();
      List<int[]> dLabels = new ArrayList<>();
      List<Integer> kCuts = new ArrayList<>();
      List<int[]> kLabels = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        switch (f[0]) {
          case "case" -> { }
          case "n" -> n = Integer.parseInt(f[1]);
          case "condensed" -> condensed =
              Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray();
          case "linkage" -> z.add(
              Arrays.stream(f, 1, 5).mapToDouble(Double::parseDouble).toArray());
          case "distance" -> {
            dCuts.add(new double[] {Double.parseDouble(f[1])});
            dLabels.add(Arrays.stream(f, 2, f.length).mapToInt(Integer::parseInt).toArray());
          }
          case "maxclust" -> {
            kCuts.add(Integer.parseInt(f[1]));
            kLabels.add(Arrays.stream(f, 2, f.length).mapToInt(Integer::parseInt).toArray());
          }
          default -> throw new IOException("unknown line in " + resource + ": " + f[0]);
        }
      }
      return new Golden(name, n, condensed, z.toArray(new double[0][]), dCuts, dLabels,
          kCuts, kLabels);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void linkageMatrixEqualsScipy(String name) throws IOException {
    Golden g = read(name);
    Dendrogram d = CompleteLinkage.linkage(g.condensed(), g.n());
    double[][] z = d.toLinkageMatrix();
    assertEquals(g.n() - 1, z.length);
    for (int k = 0; k < z.length; k++) {
      assertArrayEquals(g.z()[k], z[k], 0.0, name + ": linkage row " + k);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void squareInputGivesTheSameDendrogram(String name) throws IOException {
    Golden g = read(name);
    int n = g.n();
    double[] square = new double[n * n];
    float[] squareF = new float[n * n];
    boolean exactInFloat = true;
    for (int i = 0, p = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, p++) {
        square[i * n + j] = square[j * n + i] = g.condensed()[p];
        squareF[i * n + j] = squareF[j * n + i] = (float) g.condensed()[p];
        exactInFloat &= (float) g.condensed()[p] == g.condensed()[p];
      }
    }
    Dendrogram expected = CompleteLinkage.linkage(g.condensed(), n);
    assertEquals(expected, CompleteLinkage.linkageOfSquare(square, n));
    if (exactInFloat) {
      assertEquals(expected, CompleteLinkage.linkageOfSquare(squareF, n));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void cutsEqualScipysFcluster(String name) throws IOException {
    Golden g = read(name);
    Dendrogram d = CompleteLinkage.linkage(g.condensed(), g.n());
    for (int c = 0; c < g.distanceCuts().size(); c++) {
      double t = g.distanceCuts().get(c)[0];
      assertArrayEquals(g.distanceLabels().get(c), d.cutAtDistance(t),
          name + ": fcluster(Z, " + t + ", 'distance')");
      assertArrayEquals(g.distanceLabels().get(c),
          ClusterModel.of(d, Cut.atDistance(t)).trainingClasses());
    }
    for (int c = 0; c < g.classCuts().size(); c++) {
      int k = g.classCuts().get(c);
      assertArrayEquals(g.classLabels().get(c), d.cutIntoClasses(k),
          name + ": fcluster(Z, " + k + ", 'maxclust')");
    }
  }
}
