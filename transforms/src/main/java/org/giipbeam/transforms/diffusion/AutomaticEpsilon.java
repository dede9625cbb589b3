package org.giipbeam.transforms.diffusion;

/**
 * The one place that chooses the diffusion-map kernel scale ε from the training distances when
 * the user asks for it ({@code DiffusionMap.automatic(k)}, {@code --eps=auto}), and the one place
 * that makes the kernel-sum sweep recorded beside every fitted model.
 *
 * <pre>{@code
 * double eps = AutomaticEpsilon.choose(distances, n);      // n × n, row-major
 * KernelSumSweep sweep = AutomaticEpsilon.sweep(distances, n);
 * }</pre>
 */
public final class AutomaticEpsilon {
  private AutomaticEpsilon() {}

  /** Number of ε values of the kernel-sum sweep. */
  public static final int SWEEP_POINTS = 60;

  /** The automatic ε of the n × n training distances (row-major). */
  public static double choose(float[] distances, int n) {
    return KernelSumSweep.of(distances, n, SWEEP_POINTS).automatic();
  }

  /** The kernel-sum sweep S(ε) of the n × n training distances, as recorded with a model. */
  public static KernelSumSweep sweep(float[] distances, int n) {
    return KernelSumSweep.of(distances, n, SWEEP_POINTS);
  }
}
