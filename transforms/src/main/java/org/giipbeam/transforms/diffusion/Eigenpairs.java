package org.giipbeam.transforms.diffusion;

/**
 * Eigenpairs of a symmetric matrix, eigenvalues descending; {@code vectors[i]} is the unit
 * eigenvector of {@code values[i]}. {@code smallestRitzValue} is the solver's estimate of the
 * matrix's lowest eigenvalue (exact for a dense solver; for an iterative one, an upper bound that
 * is usually close), {@code residuals[i]} = ‖A v_i − λ_i v_i‖.
 */
public record Eigenpairs(double[] values, double[][] vectors, double[] residuals,
    double smallestRitzValue, int products) {

  public int count() {
    return values.length;
  }
}
