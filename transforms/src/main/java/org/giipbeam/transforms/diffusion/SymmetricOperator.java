package org.giipbeam.transforms.diffusion;

/** A real symmetric n × n matrix that can multiply blocks of vectors: what an eigensolver needs. */
public interface SymmetricOperator {

  /** n. */
  int size();

  /**
   * y = A x for a block of b vectors, both n × b row-major: {@code x[j * b + c]} is entry j of
   * vector c.
   */
  void multiply(double[] x, double[] y, int b);
}
