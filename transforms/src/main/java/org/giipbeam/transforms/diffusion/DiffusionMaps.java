package org.giipbeam.transforms.diffusion;

import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Diffusion maps of the training LAEs (Coifman &amp; Lafon, "Diffusion maps", Appl. Comput.
 * Harmon. Anal. 21, 2006; Hardin et al. 2022, Eqns 14–17; DESIGN §1):
 *
 * <pre>
 *   W_ij = exp(−d_ij² / (2ε²))            Gaussian kernel on d_inv distances
 *   P    = diag(Σ_j W_ij)                 density
 *   W̃   = P⁻¹ W P⁻¹                       density normalisation (α = 1)
 *   D    = diag(Σ_j W̃_ij)
 *   M    = D⁻¹ W̃                          Markov matrix, M φ_k = λ_k φ_k
 *   S    = D^−½ W̃ D^−½ ,  S ψ_k = λ_k ψ_k ,  φ_k = D^−½ ψ_k   (symmetric form, same λ)
 * </pre>
 *
 * The trivial pair λ₀ = 1, ψ₀ ∝ D^½·1 (φ₀ constant) is known exactly and deflated: the solver
 * returns the k largest eigenvalues of S on the complement of ψ₀, λ_1 ≥ … ≥ λ_k.
 *
 * <p><b>Normalisation.</b> φ_k = √(Σ_j D_jj) · D^−½ ψ_k with ‖ψ_k‖ = 1, i.e. the coordinates are
 * orthonormal with respect to the stationary distribution π_j = D_jj / Σ D: Σ_j π_j φ_k(x_j)
 * φ_l(x_j) = δ_kl (φ₀ ≡ 1). Values are O(1) whatever n is. <b>Sign.</b> The entry of largest
 * |φ_k| is positive (the first such index, with a relative tolerance of 1e-9 for ties), so that
 * results are reproducible across solvers and runs.
 *
 * <p><b>Errors.</b> A training LAE whose kernel row, without its own diagonal term, sums to less
 * than 1e-12 is isolated (ε too small): an {@link IsolatedLaeException} names it and suggests
 * ε. Negative eigenvalues of S are expected: d_inv is a pseudometric (it obeys the triangle
 * inequality) but not a Euclidean one, so a Gaussian kernel of it need not be positive definite
 * (Schoenberg; DESIGN §1). They are logged and kept in the model's diagnostics, never fatal.
 */
public final class DiffusionMaps {
  private static final Logger LOG = LoggerFactory.getLogger(DiffusionMaps.class);

  /** Kernel row mass (other LAEs only) below which an LAE counts as isolated. */
  public static final double MIN_KERNEL_MASS = 1e-12;

  private DiffusionMaps() {}

  /** Distances by (row, column), so that float32 and float64 matrices share one code path. */
  @FunctionalInterface
  interface Distances {
    double get(int i, int j);
  }

  /** k coordinates of n training LAEs from their n × n row-major float32 distances. */
  public static DiffusionModel fit(float[] distances, int n, double epsilon, int k) {
    return fit(distances, n, epsilon, k, null, new BlockKrylovEigensolver());
  }

  /**
   * @param keys optional LAE names for error messages (null, or one per training LAE)
   * @param solver top-k symmetric eigensolver ({@link BlockKrylovEigensolver}, or
   *     {@link DenseEigensolver} for small n)
   */
  public static DiffusionModel fit(float[] distances, int n, double epsilon, int k, String[] keys,
      SymmetricEigensolver solver) {
    checkSquare(distances.length, n);
    return fit((i, j) -> distances[i * n + j], n, epsilon, k, keys, solver);
  }

  public static DiffusionModel fit(double[] distances, int n, double epsilon, int k,
      String[] keys, SymmetricEigensolver solver) {
    checkSquare(distances.length, n);
    return fit((i, j) -> distances[i * n + j], n, epsilon, k, keys, solver);
  }

  private static void checkSquare(int length, int n) {
    if (n < 1 || length != (long) n * n) {
      throw new IllegalArgumentException("expected an " + n + " × " + n
          + " training distance matrix, got " + length + " entries");
    }
  }

  static DiffusionModel fit(Distances d, int n, double epsilon, int k, String[] keys,
      SymmetricEigensolver solver) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("kernel scale ε must be finite and > 0, got " + epsilon);
    }
    if (k < 1 || k > n - 1) {
      throw new IllegalArgumentException("number of diffusion coordinates k must be in 1.."
          + (n - 1) + " for " + n + " training LAEs, got " + k);
    }
    if (keys != null && keys.length != n) {
      throw new IllegalArgumentException(keys.length + " keys for " + n + " training LAEs");
    }
    Kernel kernel = kernel(d, n, epsilon, keys);
    double[] sqrtD = new double[n];
    double sumD = 0;
    for (int i = 0; i < n; i++) {
      sqrtD[i] = Math.sqrt(kernel.degree[i]);
      sumD += kernel.degree[i];
    }
    double norm = Math.sqrt(sumD);
    double[] psi0 = new double[n];
    for (int i = 0; i < n; i++) {
      psi0[i] = sqrtD[i] / norm;
    }
    Eigenpairs eig = solver.largest(kernel.s, k, new double[][] {psi0});
    double[][] phi = new double[k][n];
    for (int r = 0; r < k; r++) {
      for (int i = 0; i < n; i++) {
        phi[r][i] = norm * eig.vectors()[r][i] / sqrtD[i];
      }
      fixSign(phi[r]);
    }
    int nonPositive = 0;
    for (double l : eig.values()) {
      if (l <= 0) {
        nonPositive++;
      }
    }
    if (nonPositive > 0) {
      LOG.warn(nonPositive + " of the " + k + " requested diffusion eigenvalues are ≤ 0 "
          + "(" + java.util.Arrays.toString(eig.values()) + "): those coordinates carry no "
          + "diffusion and their Nyström extension divides by λ ≤ 0. Ask for fewer coordinates.");
    }
    if (eig.smallestRitzValue() < -1e-8) {
      LOG.info("S has negative eigenvalues (lowest about " + eig.smallestRitzValue()
          + "): expected, because d_inv is a metric but not a Euclidean one, so its Gaussian"
          + " kernel need not be positive definite.");
    }
    return new DiffusionModel(epsilon, eig.values(), phi, kernel.density, eig.residuals(),
        eig.smallestRitzValue(), eig.products());
  }

  /** The symmetric matrix S with the density P and degrees D that made it. */
  static final class Kernel {
    final DenseSymmetricMatrix s;
    final double[] density;
    final double[] degree;

    Kernel(DenseSymmetricMatrix s, double[] density, double[] degree) {
      this.s = s;
      this.density = density;
      this.degree = degree;
    }
  }

  static Kernel kernel(Distances d, int n, double epsilon, String[] keys) {
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double dij = d.get(i, j);
        if (!(dij >= 0) || Double.isInfinite(dij)) {
          throw new IllegalArgumentException("training distance (" + i + ", " + j + ") is "
              + dij + "; distances must be finite and ≥ 0");
        }
        if (dij != d.get(j, i)) {
          throw new IllegalArgumentException("training distances are not symmetric: d(" + i
              + ", " + j + ") = " + dij + " but d(" + j + ", " + i + ") = " + d.get(j, i));
        }
      }
    }
    double c = 1 / (2 * epsilon * epsilon);
    double[] s = new double[n * n];
    double[] p = new double[n];
    double[] offDiagonal = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      double off = 0;
      for (int j = 0; j < n; j++) {
        double dij = d.get(i, j);
        double w = Math.exp(-dij * dij * c);
        s[i * n + j] = w;
        if (j != i) {
          off += w;
        }
      }
      p[i] = off + s[i * n + i];
      offDiagonal[i] = off;
    });
    for (int i = 0; i < n && n > 1; i++) {
      if (offDiagonal[i] < MIN_KERNEL_MASS) {
        double nearest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          if (j != i) {
            nearest = Math.min(nearest, d.get(i, j));
          }
        }
        throw new IsolatedLaeException("training", i, keys == null ? null : keys[i],
            offDiagonal[i], nearest, epsilon);
      }
    }
    // W̃ = P⁻¹ W P⁻¹ and its row sums D.
    double[] degree = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      double sum = 0;
      double pi = p[i];
      for (int j = 0; j < n; j++) {
        double v = s[i * n + j] / (pi * p[j]);
        s[i * n + j] = v;
        sum += v;
      }
      degree[i] = sum;
    });
    double[] invSqrtD = new double[n];
    for (int i = 0; i < n; i++) {
      invSqrtD[i] = 1 / Math.sqrt(degree[i]);
    }
    IntStream.range(0, n).parallel().forEach(i -> {
      for (int j = 0; j < n; j++) {
        s[i * n + j] *= invSqrtD[i] * invSqrtD[j];
      }
    });
    return new Kernel(new DenseSymmetricMatrix(n, s), p, degree);
  }

  /** Makes the entry of largest magnitude positive (first index on ties within 1e-9). */
  static void fixSign(double[] v) {
    double max = 0;
    for (double x : v) {
      max = Math.max(max, Math.abs(x));
    }
    for (double x : v) {
      if (Math.abs(x) >= max * (1 - 1e-9)) {
        if (x < 0) {
          for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
          }
        }
        return;
      }
    }
  }
}
