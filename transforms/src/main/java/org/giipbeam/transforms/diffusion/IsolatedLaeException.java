package org.giipbeam.transforms.diffusion;

/**
 * An LAE whose diffusion kernel row is zero to double precision: no other LAE is within a few ε
 * of it, so its coordinates cannot be trusted. The message names the LAE and suggests an ε.
 */
public final class IsolatedLaeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final long row;
  private final String key;
  private final double nearestDistance;
  private final double suggestedEpsilon;

  IsolatedLaeException(String what, long row, String key, double kernelMass,
      double nearestDistance, double epsilon) {
    super(message(what, row, key, kernelMass, nearestDistance, epsilon));
    this.row = row;
    this.key = key;
    this.nearestDistance = nearestDistance;
    this.suggestedEpsilon = suggest(nearestDistance);
  }

  /** ε that gives a neighbour at distance d the kernel weight 1e-3: d / sqrt(2 ln 1000). */
  static double suggest(double d) {
    return d / Math.sqrt(2 * Math.log(1000));
  }

  private static String message(String what, long row, String key, double kernelMass,
      double nearestDistance, double epsilon) {
    return String.format(java.util.Locale.ROOT,
        "%s LAE %d%s is isolated: its diffusion kernel row sums to %.3g (other LAEs only) with "
            + "ε = %g, because its nearest %s LAE is %g away (%.1f ε); its coordinates would be "
            + "noise. Use a larger ε (≥ %.3g gives that neighbour a kernel weight of 1e-3) or "
            + "leave this LAE out.",
        what, row, key == null ? "" : " (" + key + ")", kernelMass, epsilon,
        what.startsWith("training") ? "other" : "training", nearestDistance,
        nearestDistance / epsilon, suggest(nearestDistance));
  }

  /** The LAE's row index (training index, or extension row). */
  public long row() {
    return row;
  }

  /** The LAE's key where one was given, else null. */
  public String key() {
    return key;
  }

  public double nearestDistance() {
    return nearestDistance;
  }

  public double suggestedEpsilon() {
    return suggestedEpsilon;
  }
}
