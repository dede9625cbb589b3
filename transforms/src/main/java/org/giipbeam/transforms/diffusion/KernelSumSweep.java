package org.giipbeam.transforms.diffusion;

import java.io.Serializable;

/**
 * How the kernel sum S(ε) = Σ_ij W_ij = Σ_ij exp(−d_ij²/(2ε²)) grows with ε, for choosing the
 * diffusion-map scale (Coifman et al., "Graph Laplacian tomography from unknown random
 * projections", IEEE TIP 2008; Singer 2006). S goes from n (only self-pairs, ε → 0) to n²
 * (every pair, ε → ∞); in between, log S grows linearly in log ε with a slope of about the
 * intrinsic dimension (ε is a length here). {@link #automatic()} is the ε where the log–log
 * slope is largest: the middle of that linear region.
 *
 * <p>To stay O(n²) once, distances go into a fine histogram (4,096 bins up to the largest
 * distance); each ε then costs one pass over the bins.
 *
 * @param eps the ε values, increasing (geometric)
 * @param kernelSum S(ε) for each
 */
public record KernelSumSweep(double[] eps, double[] kernelSum) implements Serializable {
  private static final int BINS = 4096;

  /** S(ε) on {@code points} geometric ε values spanning the distances' range. */
  public static KernelSumSweep of(float[] distances, int n, int points) {
    if (distances.length != (long) n * n || n < 2) {
      throw new IllegalArgumentException("need an n × n matrix with n ≥ 2");
    }
    double max = 0;
    double minPositive = Double.POSITIVE_INFINITY;
    for (float v : distances) {
      max = Math.max(max, v);
      if (v > 0) {
        minPositive = Math.min(minPositive, v);
      }
    }
    if (!(max > 0)) {
      throw new IllegalArgumentException("all training distances are 0: nothing to sweep");
    }
    long[] counts = new long[BINS];
    double width = max / BINS;
    long zeros = 0;
    for (float v : distances) {
      if (v <= 0) {
        zeros++;
      } else {
        counts[Math.min(BINS - 1, (int) (v / width))]++;
      }
    }
    double lo = Math.log(minPositive / 4);
    double hi = Math.log(max * 4);
    double[] eps = new double[points];
    double[] s = new double[points];
    for (int p = 0; p < points; p++) {
      double e = Math.exp(lo + (hi - lo) * p / (points - 1));
      double sum = zeros;
      for (int b = 0; b < BINS; b++) {
        if (counts[b] > 0) {
          double d = (b + 0.5) * width;
          sum += counts[b] * Math.exp(-d * d / (2 * e * e));
        }
      }
      eps[p] = e;
      s[p] = sum;
    }
    return new KernelSumSweep(eps, s);
  }

  /** d log S / d log ε at each point (central differences, one-sided at the ends). */
  public double[] slopes() {
    int m = eps.length;
    double[] out = new double[m];
    for (int p = 0; p < m; p++) {
      int a = Math.max(0, p - 1);
      int b = Math.min(m - 1, p + 1);
      out[p] = (Math.log(kernelSum[b]) - Math.log(kernelSum[a]))
          / (Math.log(eps[b]) - Math.log(eps[a]));
    }
    return out;
  }

  /** The ε of largest log–log slope. */
  public double automatic() {
    double[] sl = slopes();
    int best = 0;
    for (int p = 1; p < sl.length; p++) {
      if (sl[p] > sl[best]) {
        best = p;
      }
    }
    return eps[best];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KernelSumSweep s && java.util.Arrays.equals(eps, s.eps)
        && java.util.Arrays.equals(kernelSum, s.kernelSum);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(eps) * 31 + java.util.Arrays.hashCode(kernelSum);
  }

  @Override
  public String toString() {
    return "KernelSumSweep[" + eps.length + " values of ε from " + eps[0] + " to "
        + eps[eps.length - 1] + "]";
  }
}
