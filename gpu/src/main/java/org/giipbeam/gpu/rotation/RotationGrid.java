package org.giipbeam.gpu.rotation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A finite set of proper rotations (SO(3), 3 × 3 row-major, {@code matrices[9 * k ...]}).
 * Rotoinversions are not stored: a search evaluates −R beside every R (which, for the GIIP cross
 * term, only flips the sign of a·Rb, so both come from one dot product).
 *
 * <ul>
 *   <li>{@link #covering(double)}: a near-uniform <em>super-Fibonacci spiral</em> (Alexa 2022)
 *       with enough points that every rotation lies within the requested geodesic angle of a
 *       grid rotation. For n points the covering radius θ satisfies n (θ − sin θ)/π ≈ 3.0–3.35
 *       (measured; the volume of a geodesic ball of radius θ is (θ − sin θ)/π of SO(3)), so
 *       {@code n = ⌈3.45 π / (θ − sin θ)⌉}. Tests check it by sampling random rotations.
 *   <li>{@link #localBall(double, double)}: a body-centred cubic lattice in the tangent space
 *       (axis-angle vectors v, R = exp([v]×)), the thinnest lattice covering of 3-space: spacing
 *       a = 4ρ/√5 covers within ρ. Every lattice point with |v| ≤ radius + ρ is kept, so the ball
 *       of the given radius is covered within ρ. Left-multiply onto a centre rotation.
 * </ul>
 */
public final class RotationGrid implements Serializable {
  private static final long serialVersionUID = 1L;

  /** φ = √2 and ψ with ψ⁴ = ψ + 4: the two irrational ratios of Alexa's spiral. */
  private static final double PHI = Math.sqrt(2.0);
  private static final double PSI = 1.533751168755204288118041;
  static final double COVERING_CONSTANT = 3.45;

  private final double[] matrices;
  private final double coveringDegrees;

  private RotationGrid(double[] matrices, double coveringDegrees) {
    this.matrices = matrices;
    this.coveringDegrees = coveringDegrees;
  }

  /** Number of super-Fibonacci points for a covering radius of {@code degrees}. */
  public static int coveringSize(double degrees) {
    double t = Math.toRadians(degrees);
    return (int) Math.ceil(COVERING_CONSTANT * Math.PI / (t - Math.sin(t)));
  }

  /**
   * A super-Fibonacci set of SO(3) with covering radius at most {@code degrees}, with the
   * identity prepended (so that d(A, A) = 0 exactly and symmetric LAEs are found at once).
   */
  public static RotationGrid covering(double degrees) {
    double[] sf = superFibonacci(coveringSize(degrees));
    double[] m = new double[sf.length + 9];
    m[0] = 1;
    m[4] = 1;
    m[8] = 1;
    System.arraycopy(sf, 0, m, 9, sf.length);
    return new RotationGrid(m, degrees);
  }

  /** The first n points of Alexa's super-Fibonacci spiral on S³, as rotations. */
  public static double[] superFibonacci(int n) {
    double[] m = new double[9 * n];
    for (int i = 0; i < n; i++) {
      double s = i + 0.5;
      double r = Math.sqrt(s / n);
      double rr = Math.sqrt(1 - s / n);
      double alpha = 2 * Math.PI * s / PHI;
      double beta = 2 * Math.PI * s / PSI;
      Rotations.fromQuaternion(rr * Math.cos(beta), r * Math.sin(alpha), r * Math.cos(alpha),
          rr * Math.sin(beta), m, 9 * i);
    }
    return m;
  }

  /**
   * Rotations exp([v]×) for v on a BCC lattice with |v| ≤ radius + covering: every rotation
   * within {@code radiusDegrees} of the identity is within {@code coveringDegrees} of one.
   */
  public static RotationGrid localBall(double radiusDegrees, double coveringDegrees) {
    double rho = Math.toRadians(coveringDegrees);
    double lim = Math.toRadians(radiusDegrees) + rho;
    double a = 4 * rho / Math.sqrt(5);
    int k = (int) Math.ceil(lim / a) + 1;
    List<double[]> vs = new ArrayList<>();
    for (int half = 0; half <= 1; half++) {
      double o = 0.5 * half;
      for (int i = -k; i <= k; i++) {
        for (int j = -k; j <= k; j++) {
          for (int l = -k; l <= k; l++) {
            double x = (i + o) * a;
            double y = (j + o) * a;
            double z = (l + o) * a;
            if (x * x + y * y + z * z <= lim * lim) {
              vs.add(new double[] {x, y, z});
            }
          }
        }
      }
    }
    double[] m = new double[9 * vs.size()];
    for (int i = 0; i < vs.size(); i++) {
      double[] v = vs.get(i);
      Rotations.exp(v[0], v[1], v[2], m, 9 * i);
    }
    return new RotationGrid(m, coveringDegrees);
  }

  /** Wraps given rotations (row-major 3 × 3 each). */
  public static RotationGrid of(double[] matrices, double coveringDegrees) {
    if (matrices.length % 9 != 0) {
      throw new IllegalArgumentException("rotation array length must be a multiple of 9");
    }
    return new RotationGrid(matrices.clone(), coveringDegrees);
  }

  public int size() {
    return matrices.length / 9;
  }

  /** All rotations, row-major 3 × 3 each; do not modify. */
  public double[] matrices() {
    return matrices;
  }

  /** Rotation k as a new array. */
  public double[] rotation(int k) {
    double[] r = new double[9];
    System.arraycopy(matrices, 9 * k, r, 0, 9);
    return r;
  }

  /** The covering radius this grid was built for (degrees). */
  public double coveringDegrees() {
    return coveringDegrees;
  }

  /** Uniform angles 0, step, 2·step, … below 2π (radians) for a step in degrees (O(2) grid). */
  public static double[] uniformAngles(double stepDegrees) {
    int n = (int) Math.ceil(360.0 / stepDegrees - 1e-9);
    double[] t = new double[n];
    for (int k = 0; k < n; k++) {
      t[k] = 2 * Math.PI * k / n;
    }
    return t;
  }
}
