package org.giipbeam.transforms.diffusion;

/** The k largest (algebraic) eigenpairs of a symmetric matrix, orthogonal to given vectors. */
public interface SymmetricEigensolver {

  /**
   * @param k number of eigenpairs
   * @param deflate orthonormal vectors (eigenvectors of A known beforehand, e.g. the trivial
   *     diffusion eigenvector) whose directions are excluded; may be empty
   * @return the k largest eigenvalues of A restricted to the orthogonal complement of
   *     {@code deflate}, descending, with unit eigenvectors
   */
  Eigenpairs largest(SymmetricOperator a, int k, double[][] deflate);
}
