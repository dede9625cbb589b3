package org.giipbeam.pipelines.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.giipbeam.arrowio.LaeResult;

/**
 * Where two groups of samples differ in a plane of two diffusion coordinates (paper Fig. 3c:
 * slow against fast quench in the φ_2 × φ_3 plane): the smoothed density of group A minus that
 * of group B on one common grid, each normalised to unit mass.
 *
 * <p>The rule, fixed so that a plot can be reproduced from its inputs alone:
 * <ul>
 *   <li><b>Bandwidth</b>: a Gaussian kernel per axis, width h = factor · s · N^(−1/6) (Scott's
 *       rule in two dimensions), with s the standard deviation and N the number of the pooled
 *       points of both groups; the same h for both groups, so that the difference shows the
 *       data and not two different smoothings. An axis without spread gets h = 10⁻³·max(1, |mean|).
 *   <li><b>Grid</b>: {@code gridSize} × {@code gridSize} cells spanning the pooled points' range
 *       widened by 3h on each side; densities are evaluated at cell centres, with the kernel cut
 *       at 4h.
 *   <li><b>Normalisation</b>: each group's grid is scaled so that Σ value · Δx · Δy = 1, so the
 *       difference has zero mass and its units are 1 / (Δφ_i · Δφ_j).
 *   <li>Points are sorted before they are summed, so the result does not depend on the order the
 *       LAEs arrive in, and identical groups give exactly zero.
 *   <li>h is never less than one cell width (far outliers widen the grid).
 * </ul>
 *
 * <pre>{@code
 * DensityDifference d = DensityDifference.of(results, Set.of("slow"), Set.of("fast"), 2, 3);
 * double[][] grid = d.difference();   // [ix][iy], positive where slow is denser
 * }</pre>
 *
 * @param coordinateI 1-based index of the horizontal coordinate (0 when built from raw points)
 * @param coordinateJ 1-based index of the vertical coordinate (0 when built from raw points)
 * @param xCentres cell centres along the horizontal axis
 * @param yCentres cell centres along the vertical axis
 * @param bandwidthX kernel width along x
 * @param bandwidthY kernel width along y
 * @param densityA group A's density, [ix][iy], unit mass
 * @param densityB group B's density, [ix][iy], unit mass
 * @param countA LAEs in group A
 * @param countB LAEs in group B
 */
public record DensityDifference(
    int coordinateI,
    int coordinateJ,
    double[] xCentres,
    double[] yCentres,
    double bandwidthX,
    double bandwidthY,
    double[][] densityA,
    double[][] densityB,
    int countA,
    int countB) {

  /** Cells per axis unless told otherwise. */
  public static final int DEFAULT_GRID_SIZE = 64;

  /** Cut of the kernel, in bandwidths. */
  static final double KERNEL_CUT = 4.0;

  /** Margin of the grid beyond the data, in bandwidths. */
  static final double MARGIN = 3.0;

  /** The default rule for the LAEs of two groups of samples in the φ_i × φ_j plane (1-based). */
  public static DensityDifference of(List<LaeResult> rows, Collection<String> samplesA,
      Collection<String> samplesB, int i, int j) {
    return of(rows, samplesA, samplesB, i, j, DEFAULT_GRID_SIZE, 1.0);
  }

  /** As {@link #of(List, Collection, Collection, int, int)} with a grid size and bandwidth factor. */
  public static DensityDifference of(List<LaeResult> rows, Collection<String> samplesA,
      Collection<String> samplesB, int i, int j, int gridSize, double bandwidthFactor) {
    List<double[]> a = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    for (LaeResult r : rows) {
      double[] phi = r.coordinates();
      if (i < 1 || j < 1 || i > phi.length || j > phi.length) {
        throw new IllegalArgumentException("plane φ_" + i + " × φ_" + j + " requested but LAE "
            + r.sample() + "#" + r.centreId() + " has " + phi.length + " coordinates");
      }
      boolean inA = samplesA.contains(r.sample());
      boolean inB = samplesB.contains(r.sample());
      if (inA) {
        a.add(new double[] {phi[i - 1], phi[j - 1]});
      }
      if (inB) {
        b.add(new double[] {phi[i - 1], phi[j - 1]});
      }
    }
    if (a.isEmpty()) {
      throw new IllegalArgumentException("group A " + samplesA + " has no LAEs");
    }
    if (b.isEmpty()) {
      throw new IllegalArgumentException("group B " + samplesB + " has no LAEs");
    }
    DensityDifference d = of(a, b, gridSize, bandwidthFactor);
    return new DensityDifference(i, j, d.xCentres, d.yCentres, d.bandwidthX, d.bandwidthY,
        d.densityA, d.densityB, d.countA, d.countB);
  }

  /** The rule on raw points {x, y} of two groups. */
  public static DensityDifference of(
      List<double[]> pointsA, List<double[]> pointsB, int gridSize, double bandwidthFactor) {
    if (gridSize < 2) {
      throw new IllegalArgumentException("grid size must be at least 2, was " + gridSize);
    }
    if (!(bandwidthFactor > 0) || Double.isInfinite(bandwidthFactor)) {
      throw new IllegalArgumentException("bandwidth factor must be > 0, was " + bandwidthFactor);
    }
    if (pointsA.isEmpty() || pointsB.isEmpty()) {
      throw new IllegalArgumentException("both groups need points: A has " + pointsA.size()
          + ", B has " + pointsB.size());
    }
    double[][] a = sortedFinite(pointsA, "A");
    double[][] b = sortedFinite(pointsB, "B");
    int n = a.length + b.length;
    double hx = bandwidth(a, b, 0, n) * bandwidthFactor;
    double hy = bandwidth(a, b, 1, n) * bandwidthFactor;
    double[] xs = centres(a, b, 0, hx, gridSize);
    double[] ys = centres(a, b, 1, hy, gridSize);
    // A kernel narrower than a cell could fall between cell centres (far outliers widen the
    // grid): never narrower than one cell.
    hx = Math.max(hx, step(xs));
    hy = Math.max(hy, step(ys));
    return new DensityDifference(0, 0, xs, ys, hx, hy, density(a, xs, ys, hx, hy),
        density(b, xs, ys, hx, hy), a.length, b.length);
  }

  /** Density of A minus density of B, [ix][iy]. */
  public double[][] difference() {
    double[][] d = new double[xCentres.length][yCentres.length];
    for (int ix = 0; ix < d.length; ix++) {
      for (int iy = 0; iy < d[ix].length; iy++) {
        d[ix][iy] = densityA[ix][iy] - densityB[ix][iy];
      }
    }
    return d;
  }

  /** The largest |A − B| on the grid: the half-range of a symmetric colour scale. */
  public double maxAbsDifference() {
    double m = 0;
    for (double[] col : difference()) {
      for (double v : col) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  /** Area of one cell, Δx · Δy. */
  public double cellArea() {
    return step(xCentres) * step(yCentres);
  }

  /** Σ value · Δx · Δy of a grid on this record's cells. */
  public double mass(double[][] grid) {
    double s = 0;
    for (double[] col : grid) {
      for (double v : col) {
        s += v;
      }
    }
    return s * cellArea();
  }

  private static double step(double[] c) {
    return c[1] - c[0];
  }

  private static double[][] sortedFinite(List<double[]> points, String group) {
    double[][] p = new double[points.size()][];
    for (int k = 0; k < p.length; k++) {
      double[] q = points.get(k);
      if (q.length != 2 || !Double.isFinite(q[0]) || !Double.isFinite(q[1])) {
        throw new IllegalArgumentException("group " + group + ", point " + k
            + ": expected two finite coordinates, got " + Arrays.toString(q));
      }
      p[k] = q.clone();
    }
    Arrays.sort(p, Comparator.<double[]>comparingDouble(q -> q[0]).thenComparingDouble(q -> q[1]));
    return p;
  }

  private static double bandwidth(double[][] a, double[][] b, int axis, int n) {
    double sum = 0;
    for (double[] p : a) {
      sum += p[axis];
    }
    for (double[] p : b) {
      sum += p[axis];
    }
    double mean = sum / n;
    double ss = 0;
    for (double[] p : a) {
      ss += (p[axis] - mean) * (p[axis] - mean);
    }
    for (double[] p : b) {
      ss += (p[axis] - mean) * (p[axis] - mean);
    }
    double s = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    if (!(s > 0)) {
      return 1e-3 * Math.max(1, Math.abs(mean));
    }
    return s * Math.pow(n, -1.0 / 6.0);
  }

  private static double[] centres(double[][] a, double[][] b, int axis, double h, int g) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[][] group : new double[][][] {a, b}) {
      for (double[] p : group) {
        lo = Math.min(lo, p[axis]);
        hi = Math.max(hi, p[axis]);
      }
    }
    lo -= MARGIN * h;
    hi += MARGIN * h;
    double step = (hi - lo) / g;
    double[] c = new double[g];
    for (int k = 0; k < g; k++) {
      c[k] = lo + (k + 0.5) * step;
    }
    return c;
  }

  private static double[][] density(double[][] pts, double[] xs, double[] ys, double hx,
      double hy) {
    int gx = xs.length;
    int gy = ys.length;
    double dx = step(xs);
    double dy = step(ys);
    double[][] grid = new double[gx][gy];
    double[] wx = new double[gx];
    double[] wy = new double[gy];
    for (double[] p : pts) {
      // Separable product kernel, evaluated only within KERNEL_CUT bandwidths.
      int x0 = Math.max(0, (int) Math.floor((p[0] - KERNEL_CUT * hx - xs[0]) / dx));
      int x1 = Math.min(gx - 1, (int) Math.ceil((p[0] + KERNEL_CUT * hx - xs[0]) / dx));
      int y0 = Math.max(0, (int) Math.floor((p[1] - KERNEL_CUT * hy - ys[0]) / dy));
      int y1 = Math.min(gy - 1, (int) Math.ceil((p[1] + KERNEL_CUT * hy - ys[0]) / dy));
      for (int ix = x0; ix <= x1; ix++) {
        double u = (xs[ix] - p[0]) / hx;
        wx[ix] = Math.abs(u) <= KERNEL_CUT ? Math.exp(-0.5 * u * u) : 0;
      }
      for (int iy = y0; iy <= y1; iy++) {
        double v = (ys[iy] - p[1]) / hy;
        wy[iy] = Math.abs(v) <= KERNEL_CUT ? Math.exp(-0.5 * v * v) : 0;
      }
      for (int ix = x0; ix <= x1; ix++) {
        if (wx[ix] == 0) {
          continue;
        }
        double[] col = grid[ix];
        for (int iy = y0; iy <= y1; iy++) {
          col[iy] += wx[ix] * wy[iy];
        }
      }
    }
    double total = 0;
    for (double[] col : grid) {
      for (double v : col) {
        total += v;
      }
    }
    // h ≥ one cell and every point lies inside the grid, so each point reaches a cell: total > 0.
    double scale = 1.0 / (total * dx * dy);
    for (double[] col : grid) {
      for (int iy = 0; iy < gy; iy++) {
        col[iy] *= scale;
      }
    }
    return grid;
  }
}
