package org.giipbeam.gpu;

import java.util.Arrays;
import java.util.Locale;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;

/**
 * FAST against EXHAUSTIVE on the same rows × columns: the excess FAST − EXHAUSTIVE per pair
 * (positive = FAST missed the best orientation the grid found), and timings.
 */
public final class AccuracyComparison {
  public final int pairs;
  public final int within;
  public final double maxExcess;
  public final double minExcess;
  public final double medianGain;
  public final double fastSeconds;
  public final double exhaustiveSeconds;

  private AccuracyComparison(float[] fast, float[] exhaustive, double fastSeconds,
      double exhaustiveSeconds, double tolerance) {
    pairs = fast.length;
    int w = 0;
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    double[] gains = new double[pairs];
    for (int k = 0; k < pairs; k++) {
      double ex = (double) fast[k] - exhaustive[k];
      if (ex <= tolerance) {
        w++;
      }
      max = Math.max(max, ex);
      min = Math.min(min, ex);
      gains[k] = -ex;
    }
    Arrays.sort(gains);
    within = w;
    maxExcess = max;
    minExcess = min;
    medianGain = gains[pairs / 2];
    this.fastSeconds = fastSeconds;
    this.exhaustiveSeconds = exhaustiveSeconds;
  }

  public static AccuracyComparison run(GiipParameters fast, GiipParameters exhaustive,
      LaeBatch rows, LaeBatch columns) {
    long t0 = System.nanoTime();
    DistanceBlock f;
    try (GiipEngine e = GiipEngines.cpu(fast)) {
      f = e.distances(rows, columns);
    }
    long t1 = System.nanoTime();
    DistanceBlock x;
    try (GiipEngine e = GiipEngines.cpu(exhaustive)) {
      x = e.distances(rows, columns);
    }
    long t2 = System.nanoTime();
    return new AccuracyComparison(f.distances(), x.distances(), (t1 - t0) * 1e-9,
        (t2 - t1) * 1e-9, 1e-3);
  }

  public double fractionWithin() {
    return within / (double) pairs;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "%d pairs: %.4f%% within 1e-3 (%d), max excess %.3g, largest gain %.3g, median gain "
            + "%.3g; FAST %.2f s (%.1f pairs/s), EXHAUSTIVE %.2f s (%.2f pairs/s)",
        pairs, 100.0 * fractionWithin(), within, maxExcess, -minExcess, medianGain, fastSeconds,
        pairs / fastSeconds, exhaustiveSeconds, pairs / exhaustiveSeconds);
  }
}
