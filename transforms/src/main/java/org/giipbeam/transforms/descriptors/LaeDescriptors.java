package org.giipbeam.transforms.descriptors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.harmonics.RealSphericalHarmonics;

/**
 * Physical descriptors of LAEs, for naming diffusion coordinates by regression (DESIGN §1,
 * "Interpretation"): coordination Σf, composition (f-weighted and plain count fractions),
 * mean neighbour distance (volumetric strain) and bond-orientational order.
 *
 * <p>Bond-orientational order uses every neighbour of the LAE (r &lt; r_cut), unweighted:
 * in 3D Steinhardt's q_l = √(4π/(2l+1) Σ_m |q_lm|²), q_lm = (1/N) Σ_j Y_lm(r̂_j); in 2D
 * |ψ_l| = |(1/N) Σ_j e^{i l θ_j}|. An LAE without neighbours gets 0.
 *
 * <p>Structure of the centre (docs/descriptors.md defines each): in 3D its Voronoi cell
 * ({@link VoronoiCell3D}: volume, faces, index n3..n6), common-neighbour signatures of its bonds
 * ({@link CommonNeighbourAnalysis}) and the shape and symmetry of its first shell
 * ({@link LocalSymmetry}); in 2D its Voronoi cell ({@link VoronoiCell2D}: sides, area).
 * Undefined values (a cell not fixed by the LAE's atoms, a centre without bonds) are NaN.
 */
public final class LaeDescriptors {
  private LaeDescriptors() {}

  /** Mean distance from the centre to its neighbours (0 without neighbours). */
  public static double meanNeighbourDistance(LaeBatch b, int lae) {
    int d = b.dimension();
    int n = b.neighbourCounts()[lae];
    float[] pos = b.positions();
    int off = b.positionOffset(lae);
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double r2 = 0;
      for (int k = 0; k < d; k++) {
        double v = pos[off + j * d + k];
        r2 += v * v;
      }
      sum += Math.sqrt(r2);
    }
    return n == 0 ? 0 : sum / n;
  }

  /** q_l (3D) or |ψ_l| (2D) of the LAE's neighbours. */
  public static double bondOrder(LaeBatch b, int lae, int l) {
    int d = b.dimension();
    int n = b.neighbourCounts()[lae];
    if (n == 0) {
      return 0;
    }
    float[] pos = b.positions();
    int off = b.positionOffset(lae);
    if (d == 2) {
      double re = 0;
      double im = 0;
      for (int j = 0; j < n; j++) {
        double theta = Math.atan2(pos[off + j * 2 + 1], pos[off + j * 2]);
        re += Math.cos(l * theta);
        im += Math.sin(l * theta);
      }
      return Math.hypot(re, im) / n;
    }
    int size = RealSphericalHarmonics.size(l);
    double[] y = new double[size];
    double[] work = new double[size];
    double[] q = new double[2 * l + 1];
    for (int j = 0; j < n; j++) {
      double x = pos[off + j * 3];
      double yy = pos[off + j * 3 + 1];
      double z = pos[off + j * 3 + 2];
      double r = Math.sqrt(x * x + yy * yy + z * z);
      if (r == 0) {
        continue;
      }
      RealSphericalHarmonics.evaluate(l, x / r, yy / r, z / r, y, 0, work);
      for (int m = -l; m <= l; m++) {
        q[m + l] += y[l * l + l + m];
      }
    }
    double sum = 0;
    for (double v : q) {
      sum += (v / n) * (v / n);
    }
    // Real harmonics are an orthogonal change of basis of the complex ones within each l.
    return Math.sqrt(4 * Math.PI / (2 * l + 1) * sum);
  }

  /**
   * Every descriptor of every LAE of the batch, by name: {@code coordination},
   * {@code composition_T} and {@code composition_count_T} for each species type T,
   * {@code mean_neighbour_distance}, {@code q4} and {@code q6} (3D) or {@code psi4} and
   * {@code psi6} (2D), then the carried per-atom properties of the centre.
   */
  public static Map<String, double[]> all(LaeBatch b) {
    int n = b.size();
    int s = b.species().length;
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put("coordination", b.coordination().clone());
    for (int k = 0; k < s; k++) {
      double[] f = new double[n];
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = b.composition()[i * s + k];
        c[i] = b.countComposition()[i * s + k];
      }
      out.put("composition_" + b.species()[k], f);
      out.put("composition_count_" + b.species()[k], c);
    }
    double[] mnd = new double[n];
    double[] o4 = new double[n];
    double[] o6 = new double[n];
    for (int i = 0; i < n; i++) {
      mnd[i] = meanNeighbourDistance(b, i);
      o4[i] = bondOrder(b, i, 4);
      o6[i] = bondOrder(b, i, 6);
    }
    out.put("mean_neighbour_distance", mnd);
    String prefix = b.dimension() == 3 ? "q" : "psi";
    out.put(prefix + "4", o4);
    out.put(prefix + "6", o6);
    out.putAll(b.dimension() == 3 ? structure3d(b) : structure2d(b));
    out.putAll(b.properties());
    return out;
  }

  /** The names of the Voronoi, CNA and symmetry descriptors of {@link #all} in dimension d. */
  public static java.util.List<String> structureNames(int d) {
    java.util.List<String> names = new java.util.ArrayList<>();
    if (d == 2) {
      names.add(VORONOI_SIDES);
      names.add(VORONOI_AREA);
      return names;
    }
    names.add(VORONOI_VOLUME);
    names.add("voronoi_faces");
    for (int e = 3; e <= 6; e++) {
      names.add("voronoi_n" + e);
    }
    for (int sig : CommonNeighbourAnalysis.SIGNATURES) {
      names.add("cna_" + sig);
    }
    names.add("cna_other");
    names.add("shape_anisotropy");
    names.add("sym_cyclic");
    names.add("sym_d2h");
    return names;
  }

  /** Name of the 3D Voronoi cell volume of the centre. */
  public static final String VORONOI_VOLUME = "voronoi_volume";
  /** Name of the 2D Voronoi cell area of the centre. */
  public static final String VORONOI_AREA = "voronoi_area";
  /** Name of the 2D Voronoi (Delaunay) coordination of the centre. */
  public static final String VORONOI_SIDES = "voronoi_sides";

  /** r_cut the batch was cut with; without it, just beyond its farthest neighbour. */
  static double rCut(LaeBatch b) {
    String r = b.parameters().get("lae.rCut");
    if (r != null) {
      return Double.parseDouble(r);
    }
    double max = 0;
    for (int i = 0; i < b.size(); i++) {
      max = Math.max(max, farthest(b, i));
    }
    return Math.nextUp(max);
  }

  private static double farthest(LaeBatch b, int lae) {
    double max = 0;
    double[] x = neighbours(b, lae);
    int d = b.dimension();
    for (int j = 0; j < b.neighbourCounts()[lae]; j++) {
      double r2 = 0;
      for (int k = 0; k < d; k++) {
        r2 += x[j * d + k] * x[j * d + k];
      }
      max = Math.max(max, Math.sqrt(r2));
    }
    return max;
  }

  /** The LAE's neighbour positions in double precision, d per neighbour. */
  static double[] neighbours(LaeBatch b, int lae) {
    int d = b.dimension();
    int n = b.neighbourCounts()[lae];
    double[] x = new double[n * d];
    int off = b.positionOffset(lae);
    for (int j = 0; j < n * d; j++) {
      x[j] = b.positions()[off + j];
    }
    return x;
  }

  private static Map<String, double[]> structure3d(LaeBatch b) {
    java.util.List<String> names = structureNames(3);
    int n = b.size();
    double[][] v = new double[names.size()][n];
    double rCut = rCut(b);
    for (int i = 0; i < n; i++) {
      double[] x = neighbours(b, i);
      int m = b.neighbourCounts()[i];
      VoronoiCell3D cell = VoronoiCell3D.of(x, m, rCut);
      int c = 0;
      v[c++][i] = cell.volume();
      v[c++][i] = cell.faces();
      for (int e = 3; e <= 6; e++) {
        v[c++][i] = cell.facesWithEdges(e);
      }
      for (double f : CommonNeighbourAnalysis.fractions(x, m, rCut)) {
        v[c++][i] = f;
      }
      double rb = CommonNeighbourAnalysis.bondCutoff(x, m, rCut);
      for (double s : m == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN}
          : LocalSymmetry.of(x, m, rb)) {
        v[c++][i] = s;
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      out.put(names.get(c), v[c]);
    }
    return out;
  }

  private static Map<String, double[]> structure2d(LaeBatch b) {
    int n = b.size();
    double[] sides = new double[n];
    double[] area = new double[n];
    double rCut = rCut(b);
    for (int i = 0; i < n; i++) {
      VoronoiCell2D cell = VoronoiCell2D.of(neighbours(b, i), b.neighbourCounts()[i], rCut);
      sides[i] = cell.sides();
      area[i] = cell.area();
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put(VORONOI_SIDES, sides);
    out.put(VORONOI_AREA, area);
    return out;
  }
}
