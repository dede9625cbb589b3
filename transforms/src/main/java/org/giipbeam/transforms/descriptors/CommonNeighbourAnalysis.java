package org.giipbeam.transforms.descriptors;

import java.util.Arrays;

/**
 * Common-neighbour analysis of an LAE's centre in 3D (Honeycutt and Andersen 1987): each bond
 * from the centre to a neighbour j gets the triple (n_cn, n_b, n_lc), with n_cn the common
 * neighbours of the centre and j, n_b the bonds among them and n_lc the bonds in their largest
 * connected group, named by Honeycutt and Andersen's signatures: 1421 = (4,2,1) is fcc,
 * 1421 and 1422 (half each) hcp, 1661 and 1441 bcc, 1551 the
 * bonds of an icosahedral centre (five-fold rings, the mark of icosahedral order in glasses).
 *
 * <p>Bonds: pairs nearer than r_b = (1 + √2)/2 × the mean distance of the centre's twelve
 * nearest neighbours (all of them when fewer), the adaptive cutoff of Stukowski's a-CNA (2012)
 * for close packing; it also keeps the 6 second neighbours of bcc (1.155 × the nearest distance).
 * Every atom that the signatures need lies within r_b of the centre, so the LAE suffices when
 * r_b ≤ r_cut; r_b is cut to r_cut otherwise.
 */
public final class CommonNeighbourAnalysis {
  private CommonNeighbourAnalysis() {}

  /** Signatures reported on their own, in column order; the rest are "other". */
  public static final int[] SIGNATURES = {1421, 1422, 1441, 1551, 1661};

  /**
   * Their (n_cn, n_b, n_lc) as 100·n_cn + 10·n_b + n_lc: Honeycutt and Andersen's fourth index
   * labels a diagram, which n_lc tells apart for these five (Faken and Jónsson 1994).
   */
  private static final int[] TRIPLES = {421, 422, 444, 555, 666};

  /**
   * Fractions of the centre's bonds with each of {@link #SIGNATURES}, then the fraction of
   * other signatures: SIGNATURES.length + 1 values, NaN when the centre has no bonds.
   */
  public static double[] fractions(double[] xyz, int n, double rCut) {
    double[] out = new double[SIGNATURES.length + 1];
    double rb = bondCutoff(xyz, n, rCut);
    int[] bonded = new int[n];
    int nb = 0;
    for (int j = 0; j < n; j++) {
      if (norm2(xyz, j) < rb * rb) {
        bonded[nb++] = j;
      }
    }
    if (nb == 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    for (int a = 0; a < nb; a++) {
      int sig = signature(xyz, bonded, nb, a, rb);
      int k = 0;
      while (k < SIGNATURES.length && TRIPLES[k] != sig) {
        k++;
      }
      out[k] += 1.0 / nb;
    }
    return out;
  }

  /** The bond cutoff r_b of the LAE (see the class comment); NaN without neighbours. */
  public static double bondCutoff(double[] xyz, int n, double rCut) {
    if (n == 0) {
      return Double.NaN;
    }
    double[] r = new double[n];
    for (int j = 0; j < n; j++) {
      r[j] = Math.sqrt(norm2(xyz, j));
    }
    Arrays.sort(r);
    int m = Math.min(12, n);
    double mean = 0;
    for (int j = 0; j < m; j++) {
      mean += r[j] / m;
    }
    return Math.min(rCut, (1 + Math.sqrt(2)) / 2 * mean);
  }

  /** 100·n_cn + 10·n_b + n_lc of the bond to bonded[a] (each capped at 9). */
  static int signature(double[] xyz, int[] bonded, int nb, int a, double rb) {
    int j = bonded[a];
    int[] common = new int[nb];
    int nc = 0;
    for (int b = 0; b < nb; b++) {
      if (b != a && dist2(xyz, j, bonded[b]) < rb * rb) {
        common[nc++] = bonded[b];
      }
    }
    // Bonds among the common neighbours, and their largest connected group (union-find on atoms).
    int[] parent = new int[nc];
    for (int i = 0; i < nc; i++) {
      parent[i] = i;
    }
    int[] bi = new int[nc * nc];
    int[] bj = new int[nc * nc];
    int bonds = 0;
    for (int x = 0; x < nc; x++) {
      for (int y = x + 1; y < nc; y++) {
        if (dist2(xyz, common[x], common[y]) < rb * rb) {
          bi[bonds] = x;
          bj[bonds] = y;
          bonds++;
          parent[find(parent, x)] = find(parent, y);
        }
      }
    }
    int[] perGroup = new int[nc];
    int longest = 0;
    for (int e = 0; e < bonds; e++) {
      int g = find(parent, bi[e]);
      longest = Math.max(longest, ++perGroup[g]);
    }
    return 100 * Math.min(nc, 9) + 10 * Math.min(bonds, 9) + Math.min(longest, 9);
  }

  private static int find(int[] p, int x) {
    while (p[x] != x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  private static double norm2(double[] xyz, int j) {
    return xyz[3 * j] * xyz[3 * j] + xyz[3 * j + 1] * xyz[3 * j + 1]
        + xyz[3 * j + 2] * xyz[3 * j + 2];
  }

  private static double dist2(double[] xyz, int i, int j) {
    double dx = xyz[3 * i] - xyz[3 * j];
    double dy = xyz[3 * i + 1] - xyz[3 * j + 1];
    double dz = xyz[3 * i + 2] - xyz[3 * j + 2];
    return dx * dx + dy * dy + dz * dz;
  }
}
