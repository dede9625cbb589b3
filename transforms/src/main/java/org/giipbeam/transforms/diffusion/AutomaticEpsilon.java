package org.giipbeam.transforms.diffusion;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one place that chooses the diffusion-map kernel scale ε from the training distances
 * ({@code DiffusionMap.automatic(k)}, {@code --eps=auto}), checks an ε the user gave, and makes
 * the kernel-sum sweep recorded beside every fitted model.
 *
 * <pre>{@code
 * KernelSumSweep sweep = AutomaticEpsilon.sweep(distances, n);        // n × n, row-major
 * AutomaticEpsilon.Choice choice = AutomaticEpsilon.choose(distances, n, sweep);
 * String problem = AutomaticEpsilon.check(distances, n, 1.5, choice);  // null: 1.5 is fine
 * }</pre>
 *
 * <p><b>The rule.</b> ε = max(ε_slope, ε_connect):
 *
 * <ul>
 *   <li>ε_slope: the ε where log S(ε) grows fastest against log ε, S(ε) = Σ_ij exp(−d_ij²/2ε²)
 *       (the kernel-sum rule of Coifman et al. 2008 and Berry, Giannakis &amp; Harlim 2015, which
 *       pydiffmap calls "bgh"; {@link KernelSumSweep#automatic()}).
 *   <li>ε_connect: the smallest distance r for which the graph joining every two training LAEs
 *       closer than r is connected — the longest edge of the minimum spanning tree of the
 *       distances (the connectivity threshold of the neighbourhood graph). At ε = ε_connect every
 *       training LAE is joined to every other by a chain of LAEs, each within ε of the next, so
 *       each link has kernel weight ≥ e^−½ ≈ 0.61.
 * </ul>
 *
 * <p><b>Why both.</b> On glasses the kernel sum has one wide linear region and ε_slope is a good
 * scale. On crystals most LAEs are near copies of each other: S(ε) rises steepest across the
 * tiny thermal distances between copies, ε_slope lands there (ε ≈ 0.03 on the bundled 2D
 * crystal, whose defect LAEs are 0.3–0.9 from every other LAE) and the defect LAEs are isolated:
 * their kernel rows vanish and the map has no meaning. ε_connect cannot isolate any LAE or split
 * the training set into pieces that the map would see as separate worlds (λ = 1 several times);
 * on the bundled crystal it gives 0.87, near the paper's hand-chosen 1.0. Taking the larger of the
 * two keeps ε_slope wherever it already connects the graph.
 *
 * <p>Cost: O(n²) time (Prim's algorithm on the dense matrix) and O(n) memory besides the matrix.
 */
public final class AutomaticEpsilon {
  private AutomaticEpsilon() {}

  /** Kernel weight of the weakest link that {@link #check} accepts for a given ε. */
  public static final double MIN_LINK_WEIGHT = 1e-3;

  /**
   * Kernel weights all above this (ε far larger than every distance) leave the kernel flat: the
   * map then only sees round-off.
   */
  public static final double FLAT_KERNEL_WEIGHT = 0.995;

  /**
   * The automatic choice and why.
   *
   * @param epsilon the ε to use
   * @param slopeEpsilon the kernel-sum rule's ε
   * @param connectingDistance the longest minimum-spanning-tree edge of the distances
   * @param weakestLae the training LAE (row index) that this longest edge joins to the rest
   */
  public record Choice(double epsilon, double slopeEpsilon, double connectingDistance,
      int weakestLae) implements Serializable {
    /** One sentence for the report and the console. */
    public String reason() {
      return String.format(Locale.ROOT, "ε = %.4g chosen automatically: the larger of the "
          + "kernel-sum rule's %.4g (steepest log–log slope of Σ W) and the connecting distance "
          + "%.4g (the smallest ε that joins every training LAE to the others by steps shorter "
          + "than ε)", epsilon, slopeEpsilon, connectingDistance);
    }
  }

  /** Number of ε values of the kernel-sum sweep recorded with every fitted model. */
  public static final int SWEEP_POINTS = 60;

  /** The kernel-sum sweep S(ε) of the n × n training distances, as recorded with a model. */
  public static KernelSumSweep sweep(float[] distances, int n) {
    return KernelSumSweep.of(distances, n, SWEEP_POINTS);
  }

  /** The automatic ε of n training LAEs from their n × n row-major distances and sweep. */
  public static Choice choose(float[] distances, int n, KernelSumSweep sweep) {
    double slope = sweep.automatic();
    double[] link = weakestLink(distances, n);
    return new Choice(Math.max(slope, link[0]), slope, link[0], (int) link[1]);
  }

  /**
   * The longest edge of the minimum spanning tree of the complete graph with the given
   * distances (Prim, O(n²)): the smallest r that connects the graph of pairs closer than r.
   * 0 for n = 1.
   */
  public static double connectingDistance(float[] distances, int n) {
    return weakestLink(distances, n)[0];
  }

  /** The longest minimum-spanning-tree edge and the LAE it brings into the tree. */
  private static double[] weakestLink(float[] distances, int n) {
    if (n < 1 || distances.length != (long) n * n) {
      throw new IllegalArgumentException("expected an " + n + " × " + n
          + " distance matrix, got " + distances.length + " entries");
    }
    double[] link = new double[n];
    boolean[] inTree = new boolean[n];
    Arrays.fill(link, Double.POSITIVE_INFINITY);
    link[0] = 0;
    double longest = 0;
    int weakest = 0;
    for (int step = 0; step < n; step++) {
      int u = -1;
      for (int i = 0; i < n; i++) {
        if (!inTree[i] && (u < 0 || link[i] < link[u])) {
          u = i;
        }
      }
      inTree[u] = true;
      if (link[u] > longest) {
        longest = link[u];
        weakest = u;
      }
      int row = u * n;
      for (int v = 0; v < n; v++) {
        if (!inTree[v] && distances[row + v] < link[v]) {
          link[v] = distances[row + v];
        }
      }
    }
    return new double[] {longest, weakest};
  }

  /**
   * What is wrong with a given ε for these distances, as one sentence naming an ε that works, or
   * null when it is fine: too small if the weakest link that the training LAEs need to stay
   * connected has a kernel weight below {@link #MIN_LINK_WEIGHT} (some LAEs would be isolated or
   * the map would split into disconnected pieces); too large if every kernel weight is above
   * {@link #FLAT_KERNEL_WEIGHT}.
   */
  public static String check(float[] distances, int n, double epsilon, Choice automatic) {
    return check(distances, n, epsilon, automatic, null);
  }

  /**
   * {@link #check} naming the weakest-linked training LAE by {@code keys[i]} (null: by index
   * only).
   */
  public static String check(float[] distances, int n, double epsilon, Choice automatic,
      String[] keys) {
    double b = automatic.connectingDistance();
    double linkWeight = Math.exp(-b * b / (2 * epsilon * epsilon));
    if (linkWeight < MIN_LINK_WEIGHT) {
      int w = automatic.weakestLae();
      String name = "training LAE " + w + (keys != null && w < keys.length && keys[w] != null
          ? " (" + keys[w] + ")" : "");
      return String.format(Locale.ROOT, "ε = %.4g is too small for these training LAEs: %s is "
          + "joined to the others only through a link of length %.4g, whose kernel weight at "
          + "this ε is %.2g, so it (and any LAEs beyond that link) is isolated from the rest; "
          + "use ε ≥ %.3g (weight %.0e on that link), or --eps=auto (%.4g)", epsilon, name, b,
          linkWeight, b / Math.sqrt(2 * Math.log(1 / MIN_LINK_WEIGHT)), MIN_LINK_WEIGHT,
          automatic.epsilon());
    }
    double max = 0;
    for (float d : distances) {
      max = Math.max(max, d);
    }
    double smallestWeight = Math.exp(-max * max / (2 * epsilon * epsilon));
    if (smallestWeight > FLAT_KERNEL_WEIGHT) {
      return String.format(Locale.ROOT, "ε = %.4g is too large for these training LAEs: their "
          + "largest distance is %.4g, so every kernel weight is above %.3f and the coordinates "
          + "would only show round-off; use ε ≤ %.3g, or --eps=auto (%.4g)", epsilon, max,
          FLAT_KERNEL_WEIGHT, max / Math.sqrt(2 * Math.log(1 / FLAT_KERNEL_WEIGHT)),
          automatic.epsilon());
    }
    return null;
  }
}
