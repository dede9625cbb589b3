package org.giipbeam.arrowio.io;

import java.util.HashMap;
import java.util.Map;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;

/** The checks every reader applies to the atoms it read (see {@link SampleReader}). */
public final class FrameChecks {
  /** Atoms closer than this fraction of the mean atomic spacing (V/N)^(1/d) coincide. */
  public static final double COINCIDENT = 1e-6;

  private FrameChecks() {}

  /** An atom type token: a positive integer no larger than {@link SampleReader#MAX_TYPE}. */
  static int type(LineSource lines, String token) throws SampleFormatException {
    long t = lines.parseLong(token, "atom type");
    if (t <= 0) {
      throw lines.error(token, "atom type must be a positive integer");
    }
    if (t > SampleReader.MAX_TYPE) {
      throw lines.error(token, "atom type larger than " + SampleReader.MAX_TYPE
          + ": types must be small positive integers (1, 2, ...)");
    }
    return (int) t;
  }

  /**
   * Refuses all atoms at one point and any two atoms that coincide (closer than
   * {@link #COINCIDENT} of the mean spacing; positions wrapped into the cell where it is
   * periodic). Atom i is on line {@code firstAtomLine + i}. Expected O(N): a hash grid of cells
   * as wide as the tolerance.
   */
  static void requireSeparated(LineSource lines, Frame f, long firstAtomLine)
      throws SampleFormatException {
    int n = f.atomCount();
    if (n < 2) {
      return;
    }
    int d = f.dimension();
    Box box = f.box();
    double[] p = wrapped(f);
    boolean onePoint = true;
    for (int i = 1; i < n && onePoint; i++) {
      for (int k = 0; k < d; k++) {
        onePoint &= p[i * d + k] == p[k];
      }
    }
    if (onePoint) {
      throw lines.error(firstAtomLine, positionText(f, 0),
          "all " + n + " atoms are at one point");
    }
    double spacing = Math.pow(Math.abs(box.volume()) / n, 1.0 / d);
    double tol = COINCIDENT * spacing;
    if (!(tol > 0) || !Double.isFinite(tol)) {
      return;
    }
    Map<Long, Integer> head = new HashMap<>(2 * n);
    int[] next = new int[n];
    long[] cell = new long[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        cell[k] = (long) Math.floor(p[i * d + k] / tol);
      }
      int stencil = d == 2 ? 9 : 27;
      for (int s = 0; s < stencil; s++) {
        long key = 0;
        int rest = s;
        for (int k = 0; k < d; k++) {
          key = key * 1_000_003L + (cell[k] + rest % 3 - 1);
          rest /= 3;
        }
        Integer j = head.get(key);
        while (j != null && j >= 0) {
          double r2 = 0;
          for (int k = 0; k < d; k++) {
            double dx = p[i * d + k] - p[j * d + k];
            r2 += dx * dx;
          }
          if (r2 <= tol * tol) {
            throw lines.error(firstAtomLine + i, positionText(f, i),
                "atom " + f.ids()[i] + " is at the position of atom " + f.ids()[j]
                    + " (distance " + Math.sqrt(r2) + "): two atoms cannot coincide");
          }
          j = next[j] < 0 ? null : next[j];
        }
      }
      long own = 0;
      for (int k = 0; k < d; k++) {
        own = own * 1_000_003L + cell[k];
      }
      Integer before = head.put(own, i);
      next[i] = before == null ? -1 : before;
    }
  }

  /**
   * For a 3D frame whose z is the same for every atom: a one-line hint that it may be a 2D
   * sample to read with {@code --dimension=2}; null otherwise. Callers add it to the message of
   * a check that then fails (e.g. r_cut against a thin periodic box) or show it as a warning.
   */
  public static String planarHint(Frame f) {
    if (f.dimension() != 3 || f.atomCount() < 2) {
      return null;
    }
    double[] p = f.positions();
    double z = p[2];
    for (int i = 1; i < f.atomCount(); i++) {
      if (p[i * 3 + 2] != z) {
        return null;
      }
    }
    return (f.source().isEmpty() ? f.sample() : f.source()) + ": z is " + z + " for all "
        + f.atomCount() + " atoms: if this is a 2D sample, read it with --dimension=2";
  }

  /**
   * Null when a cutoff {@code rCut} fits the frame's periodic cell (every periodic
   * perpendicular width above 2 r_cut, so an atom has at most one image within r_cut), else one
   * line naming the file, the direction and its width, with {@link #planarHint} appended where
   * z is constant (a 2D sample read as 3D has a thin periodic z). For checks before any work.
   */
  public static String cutoffProblem(Frame f, double rCut) {
    String[] axis = {"x", "y", "z"};
    for (int k = 0; k < f.dimension(); k++) {
      double w = f.box().perpendicularWidth(k);
      if (f.box().periodic(k) && w <= 2 * rCut) {
        String hint = planarHint(f);
        return (f.source().isEmpty() ? f.sample() : f.source()) + ": r_cut " + rCut
            + " is not smaller than half the periodic cell width " + w + " across "
            + axis[k] + "; replicate the sample or use a smaller cutoff"
            + (hint == null ? "" : hint.substring(hint.indexOf(": ") + 1).replaceFirst(" ", "; "));
      }
    }
    return null;
  }

  private static double[] wrapped(Frame f) {
    int d = f.dimension();
    Box box = f.box();
    double[] out = f.positions().clone();
    boolean any = false;
    for (int k = 0; k < d; k++) {
      any |= box.periodic(k);
    }
    if (!any) {
      return out;
    }
    double[] r = new double[d];
    double[] s = new double[d];
    for (int i = 0; i < f.atomCount(); i++) {
      System.arraycopy(out, i * d, r, 0, d);
      box.toFractional(r, s);
      for (int k = 0; k < d; k++) {
        if (box.periodic(k)) {
          s[k] -= Math.floor(s[k]);
          if (s[k] >= 1) {
            s[k] = 0;
          }
        }
      }
      box.toCartesian(s, r);
      System.arraycopy(r, 0, out, i * d, d);
    }
    return out;
  }

  private static String positionText(Frame f, int i) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < f.dimension(); k++) {
      sb.append(k == 0 ? "" : " ").append(f.position(i, k));
    }
    return sb.toString();
  }
}
