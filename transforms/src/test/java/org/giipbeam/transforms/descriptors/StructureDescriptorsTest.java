package org.giipbeam.transforms.descriptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.giipbeam.arrowio.LaeBatch;
import org.junit.jupiter.api.Test;

/**
 * Voronoi cells, common-neighbour signatures and shell symmetry of hand-built environments
 * against their known values, and 3D cell volumes against scipy's Voronoi (Qhull).
 */
class StructureDescriptorsTest {

  /** Lattice points (basis b in cell vectors a) within rCut of the origin, origin excluded. */
  static double[] cutOut(double[][] a, double[][] basis, double rCut) {
    List<Double> out = new ArrayList<>();
    int m = 6;
    for (int i = -m; i <= m; i++) {
      for (int j = -m; j <= m; j++) {
        for (int k = -m; k <= m; k++) {
          for (double[] b : basis) {
            double[] p = new double[3];
            for (int c = 0; c < 3; c++) {
              p[c] = (i + b[0]) * a[0][c] + (j + b[1]) * a[1][c] + (k + b[2]) * a[2][c];
            }
            double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            if (r > 1e-9 && r < rCut) {
              out.add(p[0]);
              out.add(p[1]);
              out.add(p[2]);
            }
          }
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** fcc with nearest-neighbour distance 1. */
  static double[] fcc(double rCut) {
    double a = Math.sqrt(2);
    return cutOut(new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, a}},
        new double[][] {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}, rCut);
  }

  /** bcc with nearest-neighbour distance 1. */
  static double[] bcc(double rCut) {
    double a = 2 / Math.sqrt(3);
    return cutOut(new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, a}},
        new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}}, rCut);
  }

  /** Ideal hcp (c/a = √(8/3)) with nearest-neighbour distance 1, centred on an atom. */
  static double[] hcp(double rCut) {
    double c = Math.sqrt(8.0 / 3);
    return cutOut(new double[][] {{1, 0, 0}, {0.5, Math.sqrt(3) / 2, 0}, {0, 0, c}},
        new double[][] {{0, 0, 0}, {1.0 / 3, 1.0 / 3, 0.5}}, rCut);
  }

  static double[] icosahedron() {
    double g = (1 + Math.sqrt(5)) / 2;
    double s = 1 / Math.sqrt(1 + g * g);
    List<Double> v = new ArrayList<>();
    for (int a = -1; a <= 1; a += 2) {
      for (int b = -1; b <= 1; b += 2) {
        for (double[] p : new double[][] {{0, a, b * g}, {a, b * g, 0}, {b * g, 0, a}}) {
          for (double x : p) {
            v.add(x * s);
          }
        }
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static int count(double[] xyz) {
    return xyz.length / 3;
  }

  @Test
  void fccCellIsTheRhombicDodecahedron() {
    double[] x = fcc(2.2);
    VoronoiCell3D cell = VoronoiCell3D.of(x, count(x), 2.2);
    assertTrue(cell.complete());
    assertEquals(Math.pow(Math.sqrt(2), 3) / 4, cell.volume(), 1e-9);
    assertEquals(12, cell.faces());
    assertEquals(12, cell.facesWithEdges(4));
    double[] cna = CommonNeighbourAnalysis.fractions(x, count(x), 2.2);
    assertEquals(1.0, cna[0], 1e-12, "1421");
  }

  @Test
  void bccCellIsTheTruncatedOctahedron() {
    double[] x = bcc(2.2);
    VoronoiCell3D cell = VoronoiCell3D.of(x, count(x), 2.2);
    assertTrue(cell.complete());
    assertEquals(Math.pow(2 / Math.sqrt(3), 3) / 2, cell.volume(), 1e-9);
    assertEquals(14, cell.faces());
    assertEquals(6, cell.facesWithEdges(4));
    assertEquals(8, cell.facesWithEdges(6));
    double[] cna = CommonNeighbourAnalysis.fractions(x, count(x), 2.2);
    assertEquals(6.0 / 14, cna[2], 1e-12, "1441");
    assertEquals(8.0 / 14, cna[4], 1e-12, "1661");
  }

  @Test
  void hcpHalfAndHalf() {
    double[] x = hcp(2.2);
    VoronoiCell3D cell = VoronoiCell3D.of(x, count(x), 2.2);
    assertTrue(cell.complete());
    assertEquals(Math.pow(Math.sqrt(2), 3) / 4, cell.volume(), 1e-9, "close packing");
    assertEquals(12, cell.faces());
    assertEquals(12, cell.facesWithEdges(4));
    double[] cna = CommonNeighbourAnalysis.fractions(x, count(x), 2.2);
    assertEquals(0.5, cna[0], 1e-12, "1421");
    assertEquals(0.5, cna[1], 1e-12, "1422");
  }

  @Test
  void icosahedronHasFivefoldBondsAndAnIncompleteCellAlone() {
    double[] x = icosahedron();
    double[] cna = CommonNeighbourAnalysis.fractions(x, 12, 2.0);
    assertEquals(1.0, cna[3], 1e-12, "1551");
    // The upper half alone leaves the cell open below: undefined, not a number.
    List<Double> upper = new ArrayList<>();
    for (int j = 0; j < 12; j++) {
      if (x[3 * j + 2] > 0) {
        for (int k = 0; k < 3; k++) {
          upper.add(x[3 * j + k]);
        }
      }
    }
    double[] half = upper.stream().mapToDouble(Double::doubleValue).toArray();
    VoronoiCell3D alone = VoronoiCell3D.of(half, half.length / 3, 2.0);
    assertFalse(alone.complete());
    assertTrue(Double.isNaN(alone.volume()));
    // Nothing else within r_cut: the dodecahedron ⟨0,0,12,0⟩.
    VoronoiCell3D cell = VoronoiCell3D.of(x, 12, 2.0);
    assertTrue(cell.complete());
    assertEquals(12, cell.facesWithEdges(5));
    // Regular dodecahedron with inradius 1/2: V = 12 · (1/3) · face area · 1/2.
    double inradius = 0.5;
    double edge = inradius * 2 / Math.sqrt((25 + 11 * Math.sqrt(5)) / 10);
    double faceArea = Math.sqrt(25 + 10 * Math.sqrt(5)) / 4 * edge * edge;
    assertEquals(12 * faceArea * inradius / 3, cell.volume(), 1e-9);
  }

  @Test
  void shellSymmetryTellsTheThreeCornersApart() {
    double s = 1 / Math.sqrt(3);
    double[] tetra = {s, s, s, s, -s, -s, -s, s, -s, -s, -s, s};
    double[] t = LocalSymmetry.of(tetra, 4, 2);
    assertEquals(0, t[0], 1e-9, "tetrahedron: isotropic");
    assertEquals(1, t[1], 1e-9, "tetrahedron: C3 about a vertex");
    assertTrue(t[2] < 0.9, "tetrahedron: no inversion, so not D2h: " + t[2]);

    double[] anti = squareAntiprism();
    double[] a = LocalSymmetry.of(anti, 8, 3);
    assertTrue(a[0] > 0.01, "antiprism: flattened " + a[0]);
    assertEquals(1, a[1], 1e-9, "antiprism: C4");
    assertTrue(a[2] < 0.9, "antiprism: not D2h " + a[2]);

    double[] cuboid = new double[24];
    int c = 0;
    for (int i = -1; i <= 1; i += 2) {
      for (int j = -1; j <= 1; j += 2) {
        for (int k = -1; k <= 1; k += 2) {
          cuboid[c++] = i;
          cuboid[c++] = 0.8 * j;
          cuboid[c++] = 0.6 * k;
        }
      }
    }
    double[] p = LocalSymmetry.of(cuboid, 8, 3);
    assertTrue(p[0] > 0.01, "cuboid anisotropic");
    assertEquals(1, p[2], 1e-9, "cuboid: D2h");
    assertTrue(p[1] < 0.9, "cuboid: no C3..C6 " + p[1]);

    double[] ico = LocalSymmetry.of(icosahedron(), 12, 2);
    assertEquals(0, ico[0], 1e-9);
    assertEquals(1, ico[1], 1e-9);
  }

  @Test
  void shellSymmetryIsRotationInvariant() {
    double[] anti = squareAntiprism();
    double[] cuboidLike = anti.clone();
    for (int j = 0; j < 8; j++) {
      cuboidLike[3 * j] *= 1.3; // break C4: only D2-like symmetry remains
    }
    Random rnd = new Random(3);
    double[] axis = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
    double len = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
    for (int k = 0; k < 3; k++) {
      axis[k] /= len;
    }
    double[][] r = LocalSymmetry.rotation(axis, 0.7);
    for (double[] x : new double[][] {anti, cuboidLike}) {
      double[] y = new double[x.length];
      for (int j = 0; j < 8; j++) {
        for (int a = 0; a < 3; a++) {
          y[3 * j + a] = r[a][0] * x[3 * j] + r[a][1] * x[3 * j + 1] + r[a][2] * x[3 * j + 2];
        }
      }
      double[] before = LocalSymmetry.of(x, 8, 3);
      double[] after = LocalSymmetry.of(y, 8, 3);
      assertEquals(before[0], after[0], 1e-9, "shape anisotropy");
      assertEquals(before[1], after[1], 1e-6, "sym_cyclic");
      // Where two second moments coincide the D2h frame is scanned in 5° steps.
      assertEquals(before[2], after[2], 1e-3, "sym_d2h");
    }
  }

  /** Square antiprism with all edges equal, circumradius of the rings 1. */
  static double[] squareAntiprism() {
    double h = Math.sqrt(0.5 - Math.pow(Math.sin(Math.PI / 8), 2));
    double[] x = new double[24];
    for (int k = 0; k < 4; k++) {
      double t = k * Math.PI / 2;
      double u = t + Math.PI / 4;
      x[6 * k] = Math.cos(t);
      x[6 * k + 1] = Math.sin(t);
      x[6 * k + 2] = h;
      x[6 * k + 3] = Math.cos(u);
      x[6 * k + 4] = Math.sin(u);
      x[6 * k + 5] = -h;
    }
    return x;
  }

  @Test
  void hexagonalCellAndFiveAndSevenFoldCores() {
    List<Double> pts = new ArrayList<>();
    for (int i = -5; i <= 5; i++) {
      for (int j = -5; j <= 5; j++) {
        double x = i + 0.5 * j;
        double y = j * Math.sqrt(3) / 2;
        double r = Math.hypot(x, y);
        if (r > 1e-9 && r < 1.75) {
          pts.add(x);
          pts.add(y);
        }
      }
    }
    double[] hex = pts.stream().mapToDouble(Double::doubleValue).toArray();
    VoronoiCell2D cell = VoronoiCell2D.of(hex, hex.length / 2, 1.75);
    assertTrue(cell.complete());
    assertEquals(6, cell.sides());
    assertEquals(Math.sqrt(3) / 2, cell.area(), 1e-9);
    for (int n : new int[] {5, 7}) {
      double[] ring = new double[2 * n];
      for (int k = 0; k < n; k++) {
        ring[2 * k] = Math.cos(2 * Math.PI * k / n);
        ring[2 * k + 1] = Math.sin(2 * Math.PI * k / n);
      }
      VoronoiCell2D core = VoronoiCell2D.of(ring, n, 1.75);
      assertTrue(core.complete());
      assertEquals(n, core.sides());
      // A regular n-gon with apothem 1/2.
      assertEquals(n * 0.25 * Math.tan(Math.PI / n), core.area(), 1e-9);
    }
    // Three neighbours on one side leave the cell open: undefined.
    VoronoiCell2D open = VoronoiCell2D.of(new double[] {1, 0, 0.5, 0.8, 0.5, -0.8}, 3, 1.75);
    assertFalse(open.complete());
    assertTrue(Double.isNaN(open.sides()));
  }

  @Test
  void batchDescriptorsCarryTheStructureColumns() {
    LaeBatch b = LaeDescriptorsTest.batchOf(3, LaeDescriptorsTest.fcc());
    Map<String, double[]> all = LaeDescriptors.all(b);
    assertTrue(all.keySet().containsAll(LaeDescriptors.structureNames(3)));
    assertEquals(1.0, all.get("cna_1421")[0], 1e-6);
    // The 12 nearest neighbours alone do not fix the fcc cell (its 6 second neighbours cut it).
    assertTrue(Double.isNaN(all.get("voronoi_volume")[0]));
  }

  /** Cell volumes of uniform random points against scipy.spatial.Voronoi (Qhull). */
  @Test
  void volumesAgreeWithScipy() throws Exception {
    File python = new File("/usr/bin/python3");
    assumeTrue(python.canExecute(), "no /usr/bin/python3");
    Random rnd = new Random(11);
    int n = 1500;
    double side = 11.5;
    double[] p = new double[3 * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextDouble() * side;
    }
    String script = String.join("\n",
        "import sys",
        "try:",
        "  import numpy as np",
        "  from scipy.spatial import Voronoi, ConvexHull",
        "except ImportError:",
        "  print('NOSCIPY'); sys.exit(0)",
        "p = np.loadtxt(sys.stdin).reshape(-1, 3)",
        "v = Voronoi(p)",
        "c = p.mean(axis=0)",
        "for i in np.argsort(((p - c) ** 2).sum(axis=1))[:40]:",
        "  reg = v.regions[v.point_region[i]]",
        "  print(i, ConvexHull(v.vertices[reg]).volume)");
    Process proc = new ProcessBuilder(python.getPath(), "-c", script).start();
    try (Writer w = new OutputStreamWriter(proc.getOutputStream(), StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ').append(p[3 * i + 2])
            .append('\n');
      }
      w.write(sb.toString());
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
    assumeTrue(!lines.isEmpty() && !lines.get(0).equals("NOSCIPY"), "scipy not installed");
    double rCut = 4.0;
    int compared = 0;
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      int i = Integer.parseInt(f[0]);
      double expected = Double.parseDouble(f[1]);
      List<Double> nb = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        double dx = p[3 * j] - p[3 * i];
        double dy = p[3 * j + 1] - p[3 * i + 1];
        double dz = p[3 * j + 2] - p[3 * i + 2];
        double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (j != i && r < rCut) {
          nb.add(dx);
          nb.add(dy);
          nb.add(dz);
        }
      }
      double[] x = nb.stream().mapToDouble(Double::doubleValue).toArray();
      VoronoiCell3D cell = VoronoiCell3D.of(x, x.length / 3, rCut);
      if (cell.complete()) {
        assertEquals(expected, cell.volume(), 1e-7 * expected, "cell of point " + i);
        compared++;
      }
    }
    assertTrue(compared >= 30, "only " + compared + " complete cells compared");
  }
}
