package org.giipbeam.gpu.cpu;

/**
 * Finds max over R of the cross term C(R) = ⟨A, R·B⟩ for one pair. One instance per worker
 * thread: implementations keep their scratch buffers, so the inner loops allocate nothing.
 */
abstract class OrientationSearch {
  /**
   * @return max C(R) over the search's set of orthogonal matrices
   * @param rot receives the maximising d × d matrix (row-major) at {@code rotOffset}
   */
  abstract double maximise(PairTerms pair, double[] rot, int rotOffset);
}
