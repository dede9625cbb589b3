package org.giipbeam.transforms.descriptors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Voronoi cell of an LAE's centre (at the origin) among its neighbours, in 3D: its volume
 * and its faces' edge counts, from which the Voronoi index ⟨n3, n4, n5, n6⟩ (faces with 3, 4,
 * 5, 6 edges; Finney 1970, Sheng et al. 2006) follows.
 *
 * <p>Written by hand: no well-kept Java library computes single 3D Voronoi cells. The cell is a
 * cube of half-side r_cut clipped, nearest neighbour first, by the bisector plane of each
 * neighbour (the method of Voro++, Rycroft 2009, without its data structures); clipping stops
 * once the next bisector lies beyond the cell's farthest vertex. The cell is exact when every
 * atom that could cut it is in the LAE: when twice the farthest vertex distance is below
 * r_cut. Otherwise (a sparse LAE, a free surface) it is {@linkplain #complete() incomplete}
 * and its numbers are NaN.
 *
 * <p>Only numerical tolerances (10⁻⁵ of the cell size) decide faces: vertices closer than that
 * merge, faces with area below 10⁻⁸ of the cube face vanish. No area threshold is applied, so
 * the index of a thermally perturbed crystal shows its small faces.
 *
 * @param volume the cell volume (NaN when incomplete)
 * @param faceEdges the number of edges of each face (empty when incomplete)
 * @param complete whether the cell is fixed by the LAE's atoms
 */
public record VoronoiCell3D(double volume, int[] faceEdges, boolean complete) {

  public VoronoiCell3D {
    faceEdges = faceEdges.clone();
  }

  /** Number of faces with e edges (NaN when incomplete). */
  public double facesWithEdges(int e) {
    if (!complete) {
      return Double.NaN;
    }
    int c = 0;
    for (int f : faceEdges) {
      if (f == e) {
        c++;
      }
    }
    return c;
  }

  /** Number of faces, the Voronoi coordination (NaN when incomplete). */
  public double faces() {
    return complete ? faceEdges.length : Double.NaN;
  }

  /**
   * The cell of the origin among neighbours {@code xyz[3j..3j+2]}, j &lt; n.
   *
   * @param rCut the LAE cutoff: every atom nearer than it is among the neighbours
   */
  public static VoronoiCell3D of(double[] xyz, int n, double rCut) {
    Integer[] order = new Integer[n];
    double[] r = new double[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
      r[j] = Math.sqrt(xyz[3 * j] * xyz[3 * j] + xyz[3 * j + 1] * xyz[3 * j + 1]
          + xyz[3 * j + 2] * xyz[3 * j + 2]);
    }
    Arrays.sort(order, (a, b) -> Double.compare(r[a], r[b]));
    double half = rCut;
    double tol = 1e-5 * half;
    List<Face> faces = cube(half);
    for (int oi = 0; oi < n; oi++) {
      int j = order[oi];
      if (r[j] == 0) {
        continue;
      }
      double h = r[j] / 2;
      if (h > maxRadius(faces) + tol) {
        break;
      }
      double[] nrm = {xyz[3 * j] / r[j], xyz[3 * j + 1] / r[j], xyz[3 * j + 2] / r[j]};
      faces = clip(faces, nrm, h, tol);
    }
    double maxR = maxRadius(faces);
    boolean boxLeft = faces.stream().anyMatch(f -> f.box);
    if (boxLeft || 2 * maxR >= rCut) {
      return new VoronoiCell3D(Double.NaN, new int[0], false);
    }
    double volume = 0;
    List<Integer> edges = new ArrayList<>();
    double areaTol = 1e-8 * half * half;
    for (Face f : faces) {
      List<double[]> v = merge(f.vertices, tol);
      double a = area(v);
      if (v.size() < 3 || a < areaTol) {
        continue;
      }
      volume += a * f.h / 3;
      edges.add(v.size());
    }
    return new VoronoiCell3D(volume, edges.stream().mapToInt(Integer::intValue).toArray(), true);
  }

  private static final class Face {
    final List<double[]> vertices;
    final double[] normal;
    final double h;
    final boolean box;

    Face(List<double[]> vertices, double[] normal, double h, boolean box) {
      this.vertices = vertices;
      this.normal = normal;
      this.h = h;
      this.box = box;
    }
  }

  private static List<Face> cube(double a) {
    List<Face> faces = new ArrayList<>();
    for (int axis = 0; axis < 3; axis++) {
      for (int s = -1; s <= 1; s += 2) {
        int u = (axis + 1) % 3;
        int w = (axis + 2) % 3;
        List<double[]> v = new ArrayList<>();
        double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        for (double[] c : corners) {
          double[] p = new double[3];
          p[axis] = s * a;
          p[u] = c[0] * a;
          p[w] = c[1] * a;
          v.add(p);
        }
        double[] nrm = new double[3];
        nrm[axis] = s;
        faces.add(new Face(v, nrm, a, true));
      }
    }
    return faces;
  }

  private static double maxRadius(List<Face> faces) {
    double m = 0;
    for (Face f : faces) {
      for (double[] p : f.vertices) {
        m = Math.max(m, Math.sqrt(dot(p, p)));
      }
    }
    return m;
  }

  /** Keeps the part of the polyhedron with n·x ≤ h and closes it with a face on the plane. */
  private static List<Face> clip(List<Face> faces, double[] nrm, double h, double tol) {
    List<Face> out = new ArrayList<>();
    List<double[]> cap = new ArrayList<>();
    boolean cut = false;
    for (Face f : faces) {
      for (double[] p : f.vertices) {
        if (dot(nrm, p) - h > tol) {
          cut = true;
        }
      }
    }
    if (!cut) {
      return faces;
    }
    for (Face f : faces) {
      List<double[]> v = f.vertices;
      List<double[]> kept = new ArrayList<>();
      int m = v.size();
      for (int i = 0; i < m; i++) {
        double[] p = v.get(i);
        double[] q = v.get((i + 1) % m);
        double sp = dot(nrm, p) - h;
        double sq = dot(nrm, q) - h;
        if (sp <= tol) {
          kept.add(p);
          if (sp >= -tol) {
            cap.add(p);
          }
        }
        if ((sp < -tol && sq > tol) || (sp > tol && sq < -tol)) {
          double t = sp / (sp - sq);
          double[] x = {p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]),
              p[2] + t * (q[2] - p[2])};
          kept.add(x);
          cap.add(x);
        }
      }
      if (kept.size() >= 3) {
        out.add(new Face(kept, f.normal, f.h, f.box));
      }
    }
    List<double[]> capVertices = orderAround(merge(cap, tol), nrm);
    if (capVertices.size() >= 3) {
      out.add(new Face(capVertices, nrm, h, false));
    }
    return out;
  }

  /** Points on a plane, ordered counter-clockwise seen from the side the normal points to. */
  private static List<double[]> orderAround(List<double[]> pts, double[] nrm) {
    if (pts.size() < 3) {
      return pts;
    }
    double[] c = new double[3];
    for (double[] p : pts) {
      for (int k = 0; k < 3; k++) {
        c[k] += p[k] / pts.size();
      }
    }
    double[] e1 = Math.abs(nrm[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
    double[] u = cross(nrm, e1);
    double nu = Math.sqrt(dot(u, u));
    for (int k = 0; k < 3; k++) {
      u[k] /= nu;
    }
    double[] w = cross(nrm, u);
    List<double[]> sorted = new ArrayList<>(pts);
    sorted.sort((a, b) -> Double.compare(angle(a, c, u, w), angle(b, c, u, w)));
    return sorted;
  }

  private static double angle(double[] p, double[] c, double[] u, double[] w) {
    double[] d = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
    return Math.atan2(dot(d, w), dot(d, u));
  }

  /** Drops points within tol of an earlier one (and consecutive duplicates of a polygon). */
  private static List<double[]> merge(List<double[]> pts, double tol) {
    List<double[]> out = new ArrayList<>();
    for (double[] p : pts) {
      boolean dup = false;
      for (double[] q : out) {
        double dx = p[0] - q[0];
        double dy = p[1] - q[1];
        double dz = p[2] - q[2];
        if (dx * dx + dy * dy + dz * dz < tol * tol) {
          dup = true;
          break;
        }
      }
      if (!dup) {
        out.add(p);
      }
    }
    return out;
  }

  private static double area(List<double[]> v) {
    double[] s = new double[3];
    for (int i = 0; i < v.size(); i++) {
      double[] c = cross(v.get(i), v.get((i + 1) % v.size()));
      for (int k = 0; k < 3; k++) {
        s[k] += c[k];
      }
    }
    return Math.sqrt(dot(s, s)) / 2;
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0]};
  }
}
