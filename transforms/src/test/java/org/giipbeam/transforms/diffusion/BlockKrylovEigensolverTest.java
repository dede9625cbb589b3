package org.giipbeam.transforms.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The iterative solver equals EJML's dense decomposition (the oracle) on diffusion kernels. */
class BlockKrylovEigensolverTest {

  static DiffusionMaps.Kernel kernel(float[] d, int n, double epsilon) {
    return DiffusionMaps.kernel((i, j) -> d[i * n + j], n, epsilon, null);
  }

  static double[] trivial(DiffusionMaps.Kernel kernel) {
    int n = kernel.degree.length;
    double[] psi0 = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      psi0[i] = Math.sqrt(kernel.degree[i]);
      norm += kernel.degree[i];
    }
    for (int i = 0; i < n; i++) {
      psi0[i] /= Math.sqrt(norm);
    }
    return psi0;
  }

  /**
   * Eigenvalues to 1e-8; each eigenvector lies in the oracle's eigenspace of the same eigenvalue
   * (so sign, and rotations within a multiple eigenvalue, do not matter).
   */
  static void assertSameEigenpairs(Eigenpairs expected, Eigenpairs actual, int k) {
    for (int r = 0; r < k; r++) {
      assertEquals(expected.values()[r], actual.values()[r], 1e-8, "eigenvalue " + r);
      double inSpace = 0;
      for (int e = 0; e < expected.count(); e++) {
        if (Math.abs(expected.values()[e] - actual.values()[r]) < 1e-6) {
          double o = BlockKrylovEigensolver.dot(expected.vectors()[e], actual.vectors()[r]);
          inSpace += o * o;
        }
      }
      assertEquals(1, inSpace, 1e-8, "eigenvector " + r + " outside the oracle's eigenspace");
    }
  }

  static void compare(float[] d, int n, double epsilon, int k) {
    DiffusionMaps.Kernel kernel = kernel(d, n, epsilon);
    double[][] deflate = {trivial(kernel)};
    Eigenpairs oracle = new DenseEigensolver().largest(kernel.s, Math.min(n - 1, k + 4), deflate);
    Eigenpairs lanczos = new BlockKrylovEigensolver().largest(kernel.s, k, deflate);
    assertSameEigenpairs(oracle, lanczos, k);
    for (double res : lanczos.residuals()) {
      assertTrue(res <= 1e-11, "residual " + res);
    }
  }

  @Test
  void circleKernelWithDoubleEigenvalues() {
    // Evenly spaced points on a circle: exact pairs (cos kθ, sin kθ).
    int n = 200;
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      double a = 2 * Math.PI * i / n;
      x[i] = new double[] {Math.cos(a), Math.sin(a)};
    }
    compare(Manifolds.distances(x), n, 0.3, 10);
  }

  @Test
  void gaussianPointsIn5Dimensions() {
    Manifolds.Sample s = Manifolds.gaussian(400, 5, 11);
    compare(s.distances(), 400, 1.5, 10);
  }

  @Test
  void nonMetricDistancesWithNegativeEigenvalues() {
    int n = 300;
    float[] d = Manifolds.nonMetric(n, 0.2, 2.0, 5);
    DiffusionMaps.Kernel kernel = kernel(d, n, 0.8);
    Eigenpairs all = new DenseEigensolver().largest(kernel.s, n - 1, new double[][] {
        trivial(kernel)});
    assertTrue(all.smallestRitzValue() < -1e-3, "expected negative eigenvalues, lowest is "
        + all.smallestRitzValue());
    compare(d, n, 0.8, 10);
  }

  @Test
  void smallMatrixWhereTheBasisSpansEverything() {
    Manifolds.Sample s = Manifolds.gaussian(14, 2, 3);
    compare(s.distances(), 14, 1.0, 13);
    compare(s.distances(), 14, 1.0, 3);
  }

  @Test
  void randomSymmetricMatrixWithKnownSpectrum() {
    // A = Q diag(λ) Qᵀ with λ_i = 1 − i/n and a random orthogonal Q (Householder products).
    int n = 150;
    SplittableRandom r = new SplittableRandom(9);
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = 1.0 - (double) i / n;
    }
    for (int h = 0; h < 3; h++) {
      double[] v = new double[n];
      double norm = 0;
      for (int i = 0; i < n; i++) {
        v[i] = r.nextGaussian();
        norm += v[i] * v[i];
      }
      for (int i = 0; i < n; i++) {
        v[i] /= Math.sqrt(norm);
      }
      // A ← H A H with H = I − 2 v vᵀ
      double[] av = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          av[i] += a[i * n + j] * v[j];
        }
      }
      double vav = BlockKrylovEigensolver.dot(v, av);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i * n + j] += -2 * v[i] * av[j] - 2 * av[i] * v[j] + 4 * vav * v[i] * v[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        a[i * n + j] = a[j * n + i] = 0.5 * (a[i * n + j] + a[j * n + i]);
      }
    }
    Eigenpairs e = new BlockKrylovEigensolver().largest(new DenseSymmetricMatrix(n, a), 6,
        new double[0][]);
    double[] expected = new double[6];
    for (int i = 0; i < 6; i++) {
      expected[i] = 1.0 - (double) i / n;
    }
    assertArrayEquals(expected, e.values(), 1e-10);
  }
}
