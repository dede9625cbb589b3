package org.giipbeam.transforms.diffusion;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted diffusion map: ε, the eigenvalues λ_1 ≥ … ≥ λ_k, the coordinates φ_k of the training
 * LAEs, and their densities P_jj — everything the Nyström extension needs — plus diagnostics
 * (solver residuals, the lowest eigenvalue estimate of S) and, once computed, the redundancy of
 * each coordinate ({@link CoordinateRedundancy}) and the kernel-sum sweep of the training
 * distances that ε was (or could have been) chosen from ({@link AutomaticEpsilon}).
 *
 * <p><b>Nyström extension</b> (Hardin et al. 2022, Eqn 17; DESIGN §1): for an LAE x with
 * distances d(x, x_j) to all n training LAEs,
 * <pre>
 *   M(x, x_j) = (W(x, x_j) / P_jj) / Σ_l (W(x, x_l) / P_ll),   W(x, x_j) = exp(−d² / (2ε²))
 *   φ_k(x)    = (1 / λ_k) Σ_j M(x, x_j) φ_k(x_j)
 * </pre>
 * A training LAE's own row (its zero self-distance included) gives back its coordinates. An LAE
 * whose kernel row sums to less than {@link DiffusionMaps#MIN_KERNEL_MASS} is isolated: an
 * {@link IsolatedLaeException}, not a NaN.
 *
 * <p>Immutable; the arrays are never exposed without copying. A side input of k·n + n doubles.
 */
public final class DiffusionModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double epsilon;
  private final double[] eigenvalues;
  private final double[][] coordinates;
  private final double[] density;
  private final double[] residuals;
  private final double smallestEigenvalueEstimate;
  private final int products;
  private final double[] localLinearResiduals;
  private final double[] polynomialR2;
  private final KernelSumSweep sweep;
  private final String epsilonReason;

  DiffusionModel(double epsilon, double[] eigenvalues, double[][] coordinates, double[] density,
      double[] residuals, double smallestEigenvalueEstimate, int products) {
    this(epsilon, eigenvalues, coordinates, density, residuals, smallestEigenvalueEstimate,
        products, null, null, null, null);
  }

  private DiffusionModel(double epsilon, double[] eigenvalues, double[][] coordinates,
      double[] density, double[] residuals, double smallestEigenvalueEstimate, int products,
      double[] localLinearResiduals, double[] polynomialR2, KernelSumSweep sweep,
      String epsilonReason) {
    int k = eigenvalues.length;
    if (coordinates.length != k || residuals.length != k) {
      throw new IllegalArgumentException("k eigenvalues, k coordinate vectors, k residuals");
    }
    for (double[] c : coordinates) {
      if (c.length != density.length) {
        throw new IllegalArgumentException("coordinates need one value per training LAE");
      }
    }
    this.epsilon = epsilon;
    this.eigenvalues = eigenvalues;
    this.coordinates = coordinates;
    this.density = density;
    this.residuals = residuals;
    this.smallestEigenvalueEstimate = smallestEigenvalueEstimate;
    this.products = products;
    this.localLinearResiduals = localLinearResiduals;
    this.polynomialR2 = polynomialR2;
    this.sweep = sweep;
    this.epsilonReason = epsilonReason;
  }

  /** This model with the redundancy of its coordinates computed (O(n² k²) work). */
  public DiffusionModel withRedundancy() {
    return new DiffusionModel(epsilon, eigenvalues, coordinates, density, residuals,
        smallestEigenvalueEstimate, products,
        CoordinateRedundancy.localLinearResiduals(coordinates),
        CoordinateRedundancy.polynomialR2(coordinates, CoordinateRedundancy.DEFAULT_DEGREE),
        sweep, epsilonReason);
  }

  /** This model with the kernel-sum sweep of its training distances recorded beside it. */
  public DiffusionModel withKernelSumSweep(KernelSumSweep sweep) {
    return new DiffusionModel(epsilon, eigenvalues, coordinates, density, residuals,
        smallestEigenvalueEstimate, products, localLinearResiduals, polynomialR2,
        Objects.requireNonNull(sweep, "sweep"), epsilonReason);
  }

  /** This model with one sentence on how its ε was chosen ({@link AutomaticEpsilon}). */
  public DiffusionModel withEpsilonReason(String reason) {
    return new DiffusionModel(epsilon, eigenvalues, coordinates, density, residuals,
        smallestEigenvalueEstimate, products, localLinearResiduals, polynomialR2, sweep,
        Objects.requireNonNull(reason, "reason"));
  }

  /**
   * How ε was chosen, as one sentence (set by {@code DiffusionMap} and {@code FitModels}); an
   * explanation, not part of the model's value (not in {@link #equals}).
   */
  public Optional<String> epsilonReason() {
    return Optional.ofNullable(epsilonReason);
  }

  /**
   * The kernel-sum sweep S(ε) of the training distances (set by {@code DiffusionMap} and
   * {@code FitModels}; empty for a model fitted with {@link DiffusionMaps} directly).
   */
  public Optional<KernelSumSweep> kernelSumSweep() {
    return Optional.ofNullable(sweep);
  }

  public double epsilon() {
    return epsilon;
  }

  /** k, the number of non-trivial coordinates. */
  public int dimension() {
    return eigenvalues.length;
  }

  /** Number of training LAEs. */
  public int trainingSize() {
    return density.length;
  }

  /** λ_1 ≥ … ≥ λ_k: the significance of each coordinate. */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** φ_k(x_j) for coordinate k (0-based: k = 0 is φ_1), all training LAEs j (a copy). */
  public double[] coordinate(int k) {
    return coordinates[k].clone();
  }

  /** The k coordinates of training LAE j. */
  public double[] trainingCoordinates(int j) {
    double[] out = new double[eigenvalues.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = coordinates[k][j];
    }
    return out;
  }

  /** k × n_train, a copy. */
  public double[][] coordinates() {
    double[][] out = new double[coordinates.length][];
    for (int k = 0; k < out.length; k++) {
      out[k] = coordinates[k].clone();
    }
    return out;
  }

  /** P_jj = Σ_l W(x_j, x_l), the kernel density of each training LAE. */
  public double[] density() {
    return density.clone();
  }

  /** ‖S ψ_k − λ_k ψ_k‖ of each eigenpair as the solver left it. */
  public double[] residuals() {
    return residuals.clone();
  }

  /**
   * The solver's estimate of the lowest eigenvalue of S; negative is expected with d_inv (not a
   * metric) and reported, not an error.
   */
  public double smallestEigenvalueEstimate() {
    return smallestEigenvalueEstimate;
  }

  /** Matrix–vector products the eigensolver used. */
  public int products() {
    return products;
  }

  public boolean hasRedundancy() {
    return localLinearResiduals != null;
  }

  /** r_k of each coordinate (r_1 = 1), see {@link CoordinateRedundancy}; needs redundancy. */
  public double[] localLinearResiduals() {
    requireRedundancy();
    return localLinearResiduals.clone();
  }

  /** Polynomial-regression r² of each coordinate on the earlier ones (r²_1 = 0). */
  public double[] polynomialR2() {
    requireRedundancy();
    return polynomialR2.clone();
  }

  /**
   * 1-based numbers of the non-harmonic coordinates: those with local-linear residual at least
   * {@code threshold} (see {@link CoordinateRedundancy#nonHarmonic}).
   */
  public int[] nonHarmonicCoordinates(double threshold) {
    requireRedundancy();
    return CoordinateRedundancy.nonHarmonic(localLinearResiduals, threshold);
  }

  /** Localisation and near-disconnection warnings ({@link CoordinateRedundancy#warnings}). */
  public java.util.List<String> warnings() {
    return CoordinateRedundancy.warnings(eigenvalues(), coordinates());
  }

  private void requireRedundancy() {
    if (localLinearResiduals == null) {
      throw new IllegalStateException("redundancy not computed: call withRedundancy() first");
    }
  }

  /** Nyström coordinates of an LAE from its float32 distances to every training LAE. */
  public double[] extend(float[] row, int offset, long rowIndex, String key) {
    int n = density.length;
    if (offset < 0 || row.length - offset < n) {
      throw new IllegalArgumentException("a distance row needs " + n
          + " entries (one per training LAE), got " + (row.length - offset));
    }
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      w[j] = row[offset + j];
    }
    return extendDistances(w, rowIndex, key);
  }

  public double[] extend(float[] row) {
    return extend(row, 0, -1, null);
  }

  /** Nyström coordinates of an LAE from its distances to every training LAE. */
  public double[] extend(double[] row) {
    if (row.length != density.length) {
      throw new IllegalArgumentException("a distance row needs " + density.length
          + " entries (one per training LAE), got " + row.length);
    }
    return extendDistances(row.clone(), -1, null);
  }

  /** d holds the distances and is overwritten with the kernel weights. */
  private double[] extendDistances(double[] d, long rowIndex, String key) {
    int n = density.length;
    double c = 1 / (2 * epsilon * epsilon);
    double mass = 0;
    double sum = 0;
    double nearest = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      double dj = d[j];
      if (!(dj >= 0) || Double.isInfinite(dj)) {
        throw new IllegalArgumentException("distance from LAE " + rowIndex
            + (key == null ? "" : " (" + key + ")") + " to training LAE " + j + " is " + dj);
      }
      nearest = Math.min(nearest, dj);
      double wj = Math.exp(-dj * dj * c);
      mass += wj;
      wj /= density[j];
      d[j] = wj;
      sum += wj;
    }
    if (mass < DiffusionMaps.MIN_KERNEL_MASS) {
      throw new IsolatedLaeException("extension", rowIndex, key, mass, nearest, epsilon);
    }
    int k = eigenvalues.length;
    double[] out = new double[k];
    for (int r = 0; r < k; r++) {
      double[] phi = coordinates[r];
      double acc = 0;
      for (int j = 0; j < n; j++) {
        acc += d[j] * phi[j];
      }
      out[r] = acc / (sum * eigenvalues[r]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiffusionModel m && epsilon == m.epsilon
        && Arrays.equals(eigenvalues, m.eigenvalues) && Arrays.deepEquals(coordinates,
        m.coordinates) && Arrays.equals(density, m.density)
        && Arrays.equals(localLinearResiduals, m.localLinearResiduals)
        && Arrays.equals(polynomialR2, m.polynomialR2) && Objects.equals(sweep, m.sweep);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(epsilon) * 31 + Arrays.hashCode(eigenvalues);
  }

  @Override
  public String toString() {
    return "DiffusionModel[ε=" + epsilon + ", " + trainingSize() + " training LAEs, λ="
        + Arrays.toString(eigenvalues) + "]";
  }
}
