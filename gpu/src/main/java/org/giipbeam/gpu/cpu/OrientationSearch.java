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

  /**
   * Maximises {@code count} pairs (a tile) at once; {@code cross[q]} and the matrices at
   * {@code rots[q * d * d]} receive the results. Searches whose tables are large override this
   * to stream them once per tile instead of once per pair.
   */
  void maximiseTile(PairTerms[] pairs, int count, double[] cross, double[] rots) {
    int dd = pairs[0].dimension * pairs[0].dimension;
    for (int q = 0; q < count; q++) {
      cross[q] = maximise(pairs[q], rots, q * dd);
    }
  }
}
