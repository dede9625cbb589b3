package org.giipbeam.gpu.rotation;

import java.util.Random;

/**
 * Small helpers for orthogonal d × d matrices stored row-major in {@code double[]} (d = 2 or 3),
 * possibly at an offset in a larger array. A rotoinversion is −R for a rotation R (3D) or a
 * rotation composed with the reflection y → −y (2D).
 */
public final class Rotations {
  private Rotations() {}

  /** Writes the rotation of unit quaternion (w, x, y, z) (normalised here) at {@code out[off]}. */
  public static void fromQuaternion(double w, double x, double y, double z, double[] out,
      int off) {
    double n = Math.sqrt(w * w + x * x + y * y + z * z);
    w /= n;
    x /= n;
    y /= n;
    z /= n;
    out[off] = 1 - 2 * (y * y + z * z);
    out[off + 1] = 2 * (x * y - w * z);
    out[off + 2] = 2 * (x * z + w * y);
    out[off + 3] = 2 * (x * y + w * z);
    out[off + 4] = 1 - 2 * (x * x + z * z);
    out[off + 5] = 2 * (y * z - w * x);
    out[off + 6] = 2 * (x * z - w * y);
    out[off + 7] = 2 * (y * z + w * x);
    out[off + 8] = 1 - 2 * (x * x + y * y);
  }

  /** A rotation drawn uniformly (Haar measure) from SO(3). */
  public static double[] randomRotation(Random rnd) {
    double[] r = new double[9];
    fromQuaternion(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(),
        rnd.nextGaussian(), r, 0);
    return r;
  }

  /**
   * Rodrigues' formula: exp([ω]×), the rotation by |ω| radians about ω/|ω|, written at
   * {@code out[off]}.
   */
  public static void exp(double wx, double wy, double wz, double[] out, int off) {
    double t2 = wx * wx + wy * wy + wz * wz;
    double t = Math.sqrt(t2);
    double a;
    double b;
    if (t < 1e-4) {
      a = 1 - t2 / 6 + t2 * t2 / 120;
      b = 0.5 - t2 / 24 + t2 * t2 / 720;
    } else {
      a = Math.sin(t) / t;
      b = (1 - Math.cos(t)) / t2;
    }
    out[off] = 1 - b * (wy * wy + wz * wz);
    out[off + 1] = -a * wz + b * wx * wy;
    out[off + 2] = a * wy + b * wx * wz;
    out[off + 3] = a * wz + b * wx * wy;
    out[off + 4] = 1 - b * (wx * wx + wz * wz);
    out[off + 5] = -a * wx + b * wy * wz;
    out[off + 6] = -a * wy + b * wx * wz;
    out[off + 7] = a * wx + b * wy * wz;
    out[off + 8] = 1 - b * (wx * wx + wy * wy);
  }

  /** out = a · b for 3 × 3 matrices (out must not alias a or b). */
  public static void multiply3(double[] a, int ao, double[] b, int bo, double[] out, int oo) {
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        out[oo + 3 * i + j] = a[ao + 3 * i] * b[bo + j] + a[ao + 3 * i + 1] * b[bo + 3 + j]
            + a[ao + 3 * i + 2] * b[bo + 6 + j];
      }
    }
  }

  /** Determinant of a 3 × 3 matrix. */
  public static double det3(double[] m, int o) {
    return m[o] * (m[o + 4] * m[o + 8] - m[o + 5] * m[o + 7])
        - m[o + 1] * (m[o + 3] * m[o + 8] - m[o + 5] * m[o + 6])
        + m[o + 2] * (m[o + 3] * m[o + 7] - m[o + 4] * m[o + 6]);
  }

  /**
   * Geodesic angle (radians) between two 3 × 3 orthogonal matrices of the same determinant: the
   * rotation angle of aᵀb. Uses atan2 of |skew part| and trace for accuracy at small angles.
   */
  public static double angle3(double[] a, int ao, double[] b, int bo) {
    double[] m = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[3 * i + j] = a[ao + i] * b[bo + j] + a[ao + 3 + i] * b[bo + 3 + j]
            + a[ao + 6 + i] * b[bo + 6 + j];
      }
    }
    double tr = m[0] + m[4] + m[8];
    double sx = m[7] - m[5];
    double sy = m[2] - m[6];
    double sz = m[3] - m[1];
    return Math.atan2(0.5 * Math.sqrt(sx * sx + sy * sy + sz * sz), 0.5 * (tr - 1));
  }

  /** The 2D rotation by θ, or (improper) the rotation by θ after the reflection y → −y. */
  public static double[] matrix2(double theta, boolean improper) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    return improper ? new double[] {c, s, s, -c} : new double[] {c, -s, s, c};
  }
}
