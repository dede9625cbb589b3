package org.giipbeam.arrowio;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The simulation cell of a {@link Frame}: an origin and d edge vectors (the columns of the cell
 * matrix h, LAMMPS convention a = (lx, 0, 0), b = (xy, ly, 0), c = (xz, yz, lz) for a restricted
 * triclinic box), and for each direction whether it is periodic.
 *
 * <p>Cartesian r and fractional s are related by r = origin + h s.
 */
public final class Box implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dimension;
  private final double[] origin;
  /** Row-major d × d, column k is edge vector k. */
  private final double[] h;

  private final double[] hInverse;
  private final boolean[] periodic;

  private Box(int dimension, double[] origin, double[] h, boolean[] periodic) {
    if (dimension != 2 && dimension != 3) {
      throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
    }
    if (origin.length != dimension || h.length != dimension * dimension
        || periodic.length != dimension) {
      throw new IllegalArgumentException("box arrays do not match dimension " + dimension);
    }
    for (double v : origin) {
      requireFinite(v, "box origin");
    }
    for (double v : h) {
      requireFinite(v, "box edge");
    }
    this.dimension = dimension;
    this.origin = origin.clone();
    this.h = h.clone();
    this.periodic = periodic.clone();
    this.hInverse = invert(dimension, this.h);
  }

  private static void requireFinite(double v, String what) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(what + " is not finite: " + v);
    }
  }

  /** An orthogonal box from lo to hi in each direction. */
  public static Box orthogonal(double[] lo, double[] hi, boolean[] periodic) {
    int d = lo.length;
    double[] h = new double[d * d];
    for (int k = 0; k < d; k++) {
      h[k * d + k] = hi[k] - lo[k];
    }
    return new Box(d, lo, h, periodic);
  }

  /**
   * A general box from an origin and its edge vectors, {@code edges[k]} being edge k (Cartesian,
   * length d). Throws if the edges are degenerate or left-handed.
   */
  public static Box fromEdges(double[] origin, double[][] edges, boolean[] periodic) {
    int d = origin.length;
    double[] h = new double[d * d];
    for (int k = 0; k < d; k++) {
      for (int i = 0; i < d; i++) {
        h[i * d + k] = edges[k][i];
      }
    }
    return new Box(d, origin, h, periodic);
  }

  /**
   * A LAMMPS restricted triclinic box (lo/hi of the parallelepiped's own axes, tilt factors xy,
   * xz, yz) — what a dump's {@code BOX BOUNDS xy xz yz} lines describe once the bounding-box
   * offsets are removed. For d = 2 only xy is used.
   */
  public static Box lammps(int dimension, double[] lo, double[] hi, double xy, double xz,
      double yz, boolean[] periodic) {
    double[] origin = Arrays.copyOf(lo, dimension);
    double[] h = new double[dimension * dimension];
    if (dimension == 3) {
      h[0] = hi[0] - lo[0];
      h[1] = xy;
      h[2] = xz;
      h[4] = hi[1] - lo[1];
      h[5] = yz;
      h[8] = hi[2] - lo[2];
    } else {
      h[0] = hi[0] - lo[0];
      h[1] = xy;
      h[3] = hi[1] - lo[1];
    }
    return new Box(dimension, origin, h, Arrays.copyOf(periodic, dimension));
  }

  private static double[] invert(int d, double[] m) {
    double det = determinant(d, m);
    if (!(det > 0) || !Double.isFinite(det)) {
      throw new IllegalArgumentException(
          "box is degenerate or inverted (cell volume " + det + ")");
    }
    double[] inv = new double[d * d];
    if (d == 2) {
      inv[0] = m[3] / det;
      inv[1] = -m[1] / det;
      inv[2] = -m[2] / det;
      inv[3] = m[0] / det;
    } else {
      inv[0] = (m[4] * m[8] - m[5] * m[7]) / det;
      inv[1] = (m[2] * m[7] - m[1] * m[8]) / det;
      inv[2] = (m[1] * m[5] - m[2] * m[4]) / det;
      inv[3] = (m[5] * m[6] - m[3] * m[8]) / det;
      inv[4] = (m[0] * m[8] - m[2] * m[6]) / det;
      inv[5] = (m[2] * m[3] - m[0] * m[5]) / det;
      inv[6] = (m[3] * m[7] - m[4] * m[6]) / det;
      inv[7] = (m[1] * m[6] - m[0] * m[7]) / det;
      inv[8] = (m[0] * m[4] - m[1] * m[3]) / det;
    }
    return inv;
  }

  private static double determinant(int d, double[] m) {
    if (d == 2) {
      return m[0] * m[3] - m[1] * m[2];
    }
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
        + m[2] * (m[3] * m[7] - m[4] * m[6]);
  }

  public int dimension() {
    return dimension;
  }

  /** The origin (lo corner), a copy. */
  public double[] origin() {
    return origin.clone();
  }

  public double origin(int i) {
    return origin[i];
  }

  /** Cell matrix element h[i][k]: component i of edge k. */
  public double h(int i, int k) {
    return h[i * dimension + k];
  }

  /** Edge vector k, a copy. */
  public double[] edge(int k) {
    double[] e = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      e[i] = h[i * dimension + k];
    }
    return e;
  }

  public boolean periodic(int k) {
    return periodic[k];
  }

  public boolean[] periodic() {
    return periodic.clone();
  }

  /** True when every edge lies along its own axis. */
  public boolean isOrthogonal() {
    for (int i = 0; i < dimension; i++) {
      for (int k = 0; k < dimension; k++) {
        if (i != k && h[i * dimension + k] != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** Cell volume (area in 2D). */
  public double volume() {
    return determinant(dimension, h);
  }

  /**
   * The distance between opposite faces of the cell across edge k: the widest sphere a cutoff
   * may reach without meeting its own periodic image is half the smallest of these.
   */
  public double perpendicularWidth(int k) {
    // Row k of h^-1 is the normal of the faces spanned by the other edges, scaled by 1/width.
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      double v = hInverse[k * dimension + i];
      norm += v * v;
    }
    return 1.0 / Math.sqrt(norm);
  }

  /** Writes the fractional coordinates of Cartesian r into s (both length d). */
  public void toFractional(double[] r, double[] s) {
    for (int k = 0; k < dimension; k++) {
      double v = 0;
      for (int i = 0; i < dimension; i++) {
        v += hInverse[k * dimension + i] * (r[i] - origin[i]);
      }
      s[k] = v;
    }
  }

  /** Writes the Cartesian coordinates of fractional s into r (both length d). */
  public void toCartesian(double[] s, double[] r) {
    for (int i = 0; i < dimension; i++) {
      double v = origin[i];
      for (int k = 0; k < dimension; k++) {
        v += h[i * dimension + k] * s[k];
      }
      r[i] = v;
    }
  }

  /** Cartesian displacement h·ds for a fractional displacement ds, into out. */
  public void fractionalToCartesianDisplacement(double[] ds, double[] out) {
    for (int i = 0; i < dimension; i++) {
      double v = 0;
      for (int k = 0; k < dimension; k++) {
        v += h[i * dimension + k] * ds[k];
      }
      out[i] = v;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Box)) {
      return false;
    }
    Box b = (Box) o;
    return dimension == b.dimension && Arrays.equals(origin, b.origin) && Arrays.equals(h, b.h)
        && Arrays.equals(periodic, b.periodic);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(h) * 31 + Arrays.hashCode(origin);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Box[");
    for (int k = 0; k < dimension; k++) {
      sb.append(k == 0 ? "" : ", ").append("edge").append(k).append('=')
          .append(Arrays.toString(edge(k)));
    }
    return sb.append(", origin=").append(Arrays.toString(origin)).append(", periodic=")
        .append(Arrays.toString(periodic)).append(']').toString();
  }
}
