package org.giipbeam.transforms.cluster;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Complete-linkage ("diameter-minimising") agglomerative clustering: the distance between two
 * clusters is the largest distance between their members, d(A ∪ B, C) = max(d(A, C), d(B, C)).
 *
 * <p>Nearest-neighbour-chain algorithm (Murtagh 1983; Müllner, "Modern hierarchical,
 * agglomerative clustering algorithms", arXiv:1109.2378): follow nearest neighbours until two
 * clusters are each other's nearest neighbour, merge them, continue from the rest of the chain.
 * Complete linkage is reducible, so the chain never has to be restarted: O(n²) time, and one
 * condensed copy of the distances, O(n²/2) memory.
 *
 * <p>The result equals {@code scipy.cluster.hierarchy.linkage(y, method='complete')}, ties
 * included: the chain starts at the lowest live index, scans candidates in increasing index
 * order, prefers the previous chain element on equal distance, keeps the merged cluster in the
 * larger of the two slots; merges are then sorted by height with a stable sort and relabelled
 * (the new cluster of row k gets id n + k) by union–find, which is scipy's (fastcluster's)
 * convention.
 */
public final class CompleteLinkage {
  private CompleteLinkage() {}

  /**
   * Complete linkage of a condensed distance matrix (scipy's {@code squareform} order: (0,1),
   * (0,2), …, (0,n−1), (1,2), …). The input is not modified.
   */
  public static Dendrogram linkage(double[] condensed, int n) {
    checkSize(n);
    if (condensed.length != condensedLength(n)) {
      throw new IllegalArgumentException("a condensed matrix of " + n + " observations has "
          + condensedLength(n) + " entries, got " + condensed.length);
    }
    double[] d = new double[condensed.length];
    for (int i = 0, p = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, p++) {
        d[p] = checked(condensed[p], i, j);
      }
    }
    return nnChain(d, n);
  }

  /** Complete linkage of a symmetric n × n matrix, row-major; only the upper triangle is read. */
  public static Dendrogram linkageOfSquare(double[] square, int n) {
    checkSize(n);
    checkSquare(square.length, n);
    double[] d = new double[(int) condensedLength(n)];
    for (int i = 0, p = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, p++) {
        d[p] = checked(square[i * n + j], i, j);
      }
    }
    return nnChain(d, n);
  }

  /**
   * Complete linkage of a symmetric n × n float32 matrix (GIIP distance rows), row-major; only
   * the upper triangle is read.
   */
  public static Dendrogram linkageOfSquare(float[] square, int n) {
    checkSize(n);
    checkSquare(square.length, n);
    double[] d = new double[(int) condensedLength(n)];
    for (int i = 0, p = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, p++) {
        d[p] = checked(square[i * n + j], i, j);
      }
    }
    return nnChain(d, n);
  }

  static long condensedLength(int n) {
    return (long) n * (n - 1) / 2;
  }

  private static void checkSize(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("complete linkage needs at least one observation");
    }
    if (condensedLength(n) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " observations are too many for one condensed "
          + "distance array (at most 65,535)");
    }
  }

  private static void checkSquare(int length, int n) {
    if (length != (long) n * n) {
      throw new IllegalArgumentException("expected an " + n + " × " + n + " matrix ("
          + (long) n * n + " entries), got " + length);
    }
  }

  private static double checked(double v, int i, int j) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("distance between observations " + i + " and " + j
          + " is " + v + "; distances must be finite and non-negative");
    }
    return v + 0.0; // turns -0.0 into 0.0, so that sorting treats them alike
  }

  /** The chain; d is the condensed matrix, overwritten with cluster distances. */
  private static Dendrogram nnChain(double[] d, int n) {
    int m = n - 1;
    if (m == 0) {
      return new Dendrogram(1, new int[0], new int[0], new double[0], new int[0]);
    }
    // rowStart[i] + (j − i − 1) is the condensed index of (i, j), i < j.
    long[] rowStart = new long[n];
    for (int i = 0; i < n; i++) {
      rowStart[i] = (long) n * i - (long) i * (i + 1) / 2;
    }
    int[] size = new int[n];
    Arrays.fill(size, 1);
    int[] chain = new int[n];
    int chainLength = 0;
    int[] a = new int[m];
    int[] b = new int[m];
    double[] h = new double[m];
    int[] c = new int[m];
    int lowestLive = 0;
    for (int k = 0; k < m; k++) {
      if (chainLength == 0) {
        while (size[lowestLive] == 0) {
          lowestLive++;
        }
        chain[0] = lowestLive;
        chainLength = 1;
      }
      int x;
      int y;
      double best;
      while (true) {
        x = chain[chainLength - 1];
        if (chainLength > 1) {
          y = chain[chainLength - 2];
          best = d[index(rowStart, x, y)];
        } else {
          y = -1;
          best = Double.POSITIVE_INFINITY;
        }
        // Candidates i < x: column x of earlier rows.
        for (int i = 0; i < x; i++) {
          if (size[i] != 0) {
            double v = d[(int) (rowStart[i] + x - i - 1)];
            if (v < best) {
              best = v;
              y = i;
            }
          }
        }
        // Candidates i > x: contiguous row x.
        int base = (int) (rowStart[x] - x - 1);
        for (int i = x + 1; i < n; i++) {
          if (size[i] != 0) {
            double v = d[base + i];
            if (v < best) {
              best = v;
              y = i;
            }
          }
        }
        if (chainLength > 1 && y == chain[chainLength - 2]) {
          break;
        }
        chain[chainLength++] = y;
      }
      chainLength -= 2;
      if (x > y) {
        int t = x;
        x = y;
        y = t;
      }
      a[k] = x;
      b[k] = y;
      h[k] = best;
      c[k] = size[x] + size[y];
      size[x] = 0;
      size[y] = c[k];
      // Complete linkage: the merged cluster (kept in slot y) is as far from i as the farther
      // of its two parts.
      for (int i = 0; i < n; i++) {
        if (size[i] == 0 || i == y) {
          continue;
        }
        int iy = index(rowStart, i, y);
        double dx = d[index(rowStart, i, x)];
        if (dx > d[iy]) {
          d[iy] = dx;
        }
      }
    }
    return relabel(n, a, b, h);
  }

  private static int index(long[] rowStart, int i, int j) {
    return i < j ? (int) (rowStart[i] + j - i - 1) : (int) (rowStart[j] + i - j - 1);
  }

  /** Stable sort by height, then union–find relabelling: row k's new cluster is n + k. */
  private static Dendrogram relabel(int n, int[] a, int[] b, double[] h) {
    int m = n - 1;
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(k -> h[k])); // TimSort: stable
    int[] parent = new int[2 * n - 1];
    int[] members = new int[2 * n - 1];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
      members[i] = 1;
    }
    int[] idx1 = new int[m];
    int[] idx2 = new int[m];
    double[] height = new double[m];
    int[] count = new int[m];
    for (int k = 0; k < m; k++) {
      int r = order[k];
      int rx = find(parent, a[r]);
      int ry = find(parent, b[r]);
      idx1[k] = Math.min(rx, ry);
      idx2[k] = Math.max(rx, ry);
      height[k] = h[r];
      int label = n + k;
      parent[rx] = label;
      parent[ry] = label;
      members[label] = members[rx] + members[ry];
      count[k] = members[label];
    }
    return new Dendrogram(n, idx1, idx2, height, count);
  }

  private static int find(int[] parent, int x) {
    int root = x;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[x] != root) {
      int next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  }
}
