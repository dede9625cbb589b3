package org.giipbeam.pipelines.report;

/**
 * The ε sweep used to choose the diffusion-map kernel scale: Σ_ij W_ij (W_ij = exp(−d_ij²/2ε²))
 * against ε, and the ε that was chosen. On log–log axes the sum runs from n (only the diagonal)
 * to n² (every pair); a useful ε lies on the steep part in between.
 *
 * @param epsilons ε values, all positive
 * @param kernelSums Σ_ij W_ij at each ε, all positive
 * @param chosenEpsilon the ε of the study
 */
public record EpsilonChoice(double[] epsilons, double[] kernelSums, double chosenEpsilon) {

  public EpsilonChoice {
    if (epsilons.length != kernelSums.length) {
      throw new IllegalArgumentException("ε sweep: " + epsilons.length + " values of ε but "
          + kernelSums.length + " kernel sums");
    }
    if (epsilons.length == 0) {
      throw new IllegalArgumentException("ε sweep is empty");
    }
    for (int i = 0; i < epsilons.length; i++) {
      if (!(epsilons[i] > 0) || !(kernelSums[i] > 0)
          || Double.isInfinite(epsilons[i]) || Double.isInfinite(kernelSums[i])) {
        throw new IllegalArgumentException("ε sweep point " + i + " (ε = " + epsilons[i]
            + ", Σ W = " + kernelSums[i] + ") cannot go on log axes: both must be finite and > 0");
      }
    }
    if (!(chosenEpsilon > 0) || Double.isInfinite(chosenEpsilon)) {
      throw new IllegalArgumentException("chosen ε must be finite and > 0, was " + chosenEpsilon);
    }
    epsilons = epsilons.clone();
    kernelSums = kernelSums.clone();
  }

  /**
   * Σ W at the chosen ε, interpolated linearly in log–log between the nearest sweep points
   * (clamped to the ends of the sweep).
   */
  public double kernelSumAtChosen() {
    int n = epsilons.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(epsilons[p], epsilons[q]));
    if (chosenEpsilon <= epsilons[order[0]]) {
      return kernelSums[order[0]];
    }
    for (int s = 1; s < n; s++) {
      int lo = order[s - 1];
      int hi = order[s];
      if (chosenEpsilon <= epsilons[hi]) {
        double t = Math.log(chosenEpsilon / epsilons[lo]) / Math.log(epsilons[hi] / epsilons[lo]);
        return Math.exp(Math.log(kernelSums[lo]) + t * Math.log(kernelSums[hi] / kernelSums[lo]));
      }
    }
    return kernelSums[order[n - 1]];
  }

  /** The sweep a study computed, and the ε it used (automatic or given). */
  public static EpsilonChoice of(org.giipbeam.transforms.diffusion.KernelSumSweep sweep,
      double chosen) {
    return new EpsilonChoice(sweep.eps(), sweep.kernelSum(), chosen);
  }
}
