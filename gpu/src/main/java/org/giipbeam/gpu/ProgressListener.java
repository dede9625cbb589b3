package org.giipbeam.gpu;

/**
 * Receives progress of a distance computation: pairs done out of the total. Engines call it on
 * the thread that called them (never from worker threads), a few times a second and once at the
 * end with {@code done == total}.
 */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores progress. */
  ProgressListener NONE = (done, total) -> {};

  void progress(long pairsDone, long pairsTotal);
}
