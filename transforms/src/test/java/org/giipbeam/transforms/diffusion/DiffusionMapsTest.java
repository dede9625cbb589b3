package org.giipbeam.transforms.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class DiffusionMapsTest {

  /**
   * Independent reference: M = D⁻¹ P⁻¹ W P⁻¹ built naively from the definitions, non-symmetric.
   */
  static double[][] markovMatrix(float[] d, int n, double epsilon) {
    double[][] w = new double[n][n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dij = d[i * n + j];
        w[i][j] = Math.exp(-dij * dij / (2 * epsilon * epsilon));
        p[i] += w[i][j];
      }
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      double rowSum = 0;
      for (int j = 0; j < n; j++) {
        m[i][j] = w[i][j] / (p[i] * p[j]);
        rowSum += m[i][j];
      }
      for (int j = 0; j < n; j++) {
        m[i][j] /= rowSum;
      }
    }
    return m;
  }

  @Test
  void coordinatesAreEigenvectorsOfTheMarkovMatrix() {
    Manifolds.Sample s = Manifolds.gaussian(250, 3, 4);
    float[] d = s.distances();
    int n = s.size();
    double eps = 1.0;
    int k = 6;
    DiffusionModel model = DiffusionMaps.fit(d, n, eps, k);
    double[][] m = markovMatrix(d, n, eps);
    double[] lambda = model.eigenvalues();
    for (int r = 0; r < k; r++) {
      double[] phi = model.coordinate(r);
      for (int i = 0; i < n; i++) {
        double mphi = 0;
        for (int j = 0; j < n; j++) {
          mphi += m[i][j] * phi[j];
        }
        assertEquals(lambda[r] * phi[i], mphi, 1e-9, "M φ = λ φ, coordinate " + r);
      }
      if (r > 0) {
        assertTrue(lambda[r] <= lambda[r - 1], "λ descending");
      }
    }
    // λ equal EJML's eigenvalues of the non-symmetric M (λ₀ = 1 dropped).
    DMatrixRMaj mm = new DMatrixRMaj(m);
    EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(n, false, false);
    assertTrue(dec.decompose(mm));
    double[] all = new double[n];
    for (int i = 0; i < n; i++) {
      assertEquals(0, dec.getEigenvalue(i).imaginary, 1e-10);
      all[i] = dec.getEigenvalue(i).real;
    }
    Arrays.sort(all);
    assertEquals(1.0, all[n - 1], 1e-10);
    for (int r = 0; r < k; r++) {
      assertEquals(all[n - 2 - r], lambda[r], 1e-8, "λ_" + (r + 1));
    }
  }

  @Test
  void normalisationAndSignConvention() {
    Manifolds.Sample s = Manifolds.gaussian(200, 2, 8);
    DiffusionModel model = DiffusionMaps.fit(s.distances(), 200, 1.0, 4);
    double[][] phi = model.coordinates();
    double[][] m = markovMatrix(s.distances(), 200, 1.0);
    // Stationary distribution π ∝ D (row sums of W̃); here recomputed from the model's density.
    int n = 200;
    float[] d = s.distances();
    double[] degree = new double[n];
    double[] p = model.density();
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dij = d[i * n + j];
        degree[i] += Math.exp(-dij * dij / 2.0) / (p[i] * p[j]);
      }
      total += degree[i];
    }
    for (int a = 0; a < 4; a++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += degree[i] / total * phi[a][i];
      }
      assertEquals(0, mean, 1e-9, "orthogonal to φ₀ ≡ 1");
      for (int b = 0; b < 4; b++) {
        double g = 0;
        for (int i = 0; i < n; i++) {
          g += degree[i] / total * phi[a][i] * phi[b][i];
        }
        assertEquals(a == b ? 1 : 0, g, 1e-9, "Σ π φ_a φ_b");
      }
      double max = Arrays.stream(phi[a]).map(Math::abs).max().getAsDouble();
      assertEquals(max, Arrays.stream(phi[a]).max().getAsDouble(), 0.0, "largest entry > 0");
    }
    assertTrue(m.length == n);
  }

  @Test
  void iterativeAndDenseSolversGiveTheSameModel() {
    Manifolds.Sample s = Manifolds.gaussian(300, 4, 2);
    DiffusionModel lanczos = DiffusionMaps.fit(s.distances(), 300, 1.2, 8, null,
        new BlockKrylovEigensolver());
    DiffusionModel dense = DiffusionMaps.fit(s.distances(), 300, 1.2, 8, null,
        new DenseEigensolver());
    assertArrayEquals(dense.eigenvalues(), lanczos.eigenvalues(), 1e-10);
    for (int r = 0; r < 8; r++) {
      // distinct eigenvalues here, and the sign convention makes the vectors equal
      assertArrayEquals(dense.coordinate(r), lanczos.coordinate(r), 1e-7, "φ_" + (r + 1));
    }
  }

  @Test
  void noisyCircleGivesCosineAndSine() {
    Manifolds.Sample s = Manifolds.noisyCircle(500, 0.02, 17);
    DiffusionModel model = DiffusionMaps.fit(s.distances(), 500, 0.25, 4);
    double[] angle = Manifolds.column(s.parameters(), 0);
    double[] cos = Arrays.stream(angle).map(Math::cos).toArray();
    double[] sin = Arrays.stream(angle).map(Math::sin).toArray();
    double[] phi1 = model.coordinate(0);
    double[] phi2 = model.coordinate(1);
    // cos and sin are linear in (φ1, φ2): a rotation (and scale) of the pair.
    double r2cos = Manifolds.r2(cos, phi1, phi2);
    double r2sin = Manifolds.r2(sin, phi1, phi2);
    assertTrue(r2cos > 0.99, "cos θ from (φ1, φ2): r² = " + r2cos);
    assertTrue(r2sin > 0.99, "sin θ from (φ1, φ2): r² = " + r2sin);
    // ... and the fit is orthogonal: φ1, φ2 have equal scale and are uncorrelated.
    double[] l = model.eigenvalues();
    assertEquals(l[0], l[1], 0.02, "a near-double eigenvalue");
    assertTrue(l[2] < l[1] - 0.02, "the next pair (cos 2θ, sin 2θ) is clearly lower");
  }

  @Test
  void nystromGivesTrainingPointsTheirOwnCoordinates() {
    Manifolds.Sample s = Manifolds.swissRoll(600, 20, 3);
    int n = s.size();
    float[] d = s.distances();
    DiffusionModel model = DiffusionMaps.fit(d, n, 1.5, 10);
    for (int i = 0; i < n; i++) {
      double[] extended = model.extend(d, i * n, i, "train-" + i);
      assertArrayEquals(model.trainingCoordinates(i), extended, 1e-8, "training LAE " + i);
    }
    double[] drow = new double[n];
    for (int j = 0; j < n; j++) {
      drow[j] = d[7 * n + j];
    }
    assertArrayEquals(model.trainingCoordinates(7), model.extend(drow), 1e-8);
  }

  @Test
  void nystromOfNewPointsIsCloseToTheirNeighbours() {
    Manifolds.Sample s = Manifolds.noisyCircle(400, 0.0, 2);
    DiffusionModel model = DiffusionMaps.fit(s.distances(), 400, 0.3, 2);
    double[][] extra = {{Math.cos(1.0), Math.sin(1.0)}, {Math.cos(4.0), Math.sin(4.0)}};
    float[] rows = Manifolds.crossDistances(extra, s.points());
    double[] angle = Manifolds.column(s.parameters(), 0);
    for (int e = 0; e < 2; e++) {
      double[] c = model.extend(rows, e * 400, e, null);
      int nearest = 0;
      for (int j = 0; j < 400; j++) {
        if (rows[e * 400 + j] < rows[e * 400 + nearest]) {
          nearest = j;
        }
      }
      double[] t = model.trainingCoordinates(nearest);
      assertEquals(t[0], c[0], 0.05);
      assertEquals(t[1], c[1], 0.05);
      assertTrue(Math.abs(angle[nearest] - (e == 0 ? 1.0 : 4.0)) < 0.05);
    }
  }

  @Test
  void isolatedTrainingLaeIsAClearError() {
    // Two clusters and one far point.
    double[][] x = new double[41][];
    for (int i = 0; i < 40; i++) {
      x[i] = new double[] {0.01 * i, 0};
    }
    x[40] = new double[] {100, 0};
    float[] d = Manifolds.distances(x);
    String[] keys = new String[41];
    for (int i = 0; i < 41; i++) {
      keys[i] = "sample-a/" + (1000 + i);
    }
    IsolatedLaeException e = assertThrows(IsolatedLaeException.class,
        () -> DiffusionMaps.fit(d, 41, 1.0, 2, keys, new BlockKrylovEigensolver()));
    assertEquals(40, e.row());
    assertEquals("sample-a/1040", e.key());
    assertTrue(e.getMessage().contains("training LAE 40 (sample-a/1040)"), e.getMessage());
    assertTrue(e.getMessage().contains("larger ε"), e.getMessage());
    assertTrue(e.suggestedEpsilon() > 20, "suggests an ε that reaches its neighbour");

    DiffusionModel model = DiffusionMaps.fit(Arrays.copyOf(d, d.length), 41, 60.0, 2, keys,
        new DenseEigensolver());
    assertEquals(2, model.dimension());
    // An extension row far from everything.
    double[] far = new double[41];
    Arrays.fill(far, 1e4);
    IsolatedLaeException ext = assertThrows(IsolatedLaeException.class, () -> model.extend(far));
    assertTrue(ext.getMessage().contains("extension LAE"), ext.getMessage());
  }

  @Test
  void badInputIsRejectedWithClearMessages() {
    float[] d = Manifolds.gaussian(10, 2, 1).distances();
    assertThrows(IllegalArgumentException.class, () -> DiffusionMaps.fit(d, 10, 0, 2));
    assertThrows(IllegalArgumentException.class, () -> DiffusionMaps.fit(d, 10, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> DiffusionMaps.fit(d, 9, 1, 2));
    float[] asym = d.clone();
    asym[1] += 0.5f;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionMaps.fit(asym, 10, 1, 2));
    assertTrue(e.getMessage().contains("not symmetric"), e.getMessage());
    float[] nan = d.clone();
    nan[3 * 10 + 4] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> DiffusionMaps.fit(nan, 10, 1, 2));
    assertTrue(e.getMessage().contains("(3, 4)"), e.getMessage());
  }

  @Test
  void modelSerialises() throws Exception {
    DiffusionModel model = DiffusionMaps.fit(Manifolds.gaussian(50, 2, 1).distances(), 50, 1,
        3).withRedundancy();
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
