package org.giipbeam.transforms.cluster;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A complete-linkage dendrogram in scipy's linkage-matrix form: row k (0 ≤ k &lt; n−1) merges
 * clusters {@code idx1(k) < idx2(k)} at height {@code height(k)} into a cluster of
 * {@code count(k)} observations, which gets the id n + k. Ids below n are the observations
 * (training LAEs); rows are ordered by height (stable), exactly as
 * {@code scipy.cluster.hierarchy.linkage(y, method='complete')} returns them.
 *
 * <p>Flat clusterings follow {@code scipy.cluster.hierarchy.fcluster}: labels 1..c, numbered in
 * the order scipy's depth-first traversal of the tree meets the classes.
 */
public final class Dendrogram implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int n;
  private final int[] idx1;
  private final int[] idx2;
  private final double[] height;
  private final int[] count;

  Dendrogram(int n, int[] idx1, int[] idx2, double[] height, int[] count) {
    this.n = n;
    this.idx1 = idx1;
    this.idx2 = idx2;
    this.height = height;
    this.count = count;
  }

  /** Number of observations (leaves). */
  public int n() {
    return n;
  }

  /** Number of merges, n − 1. */
  public int merges() {
    return idx1.length;
  }

  public int idx1(int k) {
    return idx1[k];
  }

  public int idx2(int k) {
    return idx2[k];
  }

  public double height(int k) {
    return height[k];
  }

  public int count(int k) {
    return count[k];
  }

  /** The merge heights, ascending (a copy). */
  public double[] heights() {
    return height.clone();
  }

  /** scipy's linkage matrix Z: (n−1) rows of {idx1, idx2, height, count}. */
  public double[][] toLinkageMatrix() {
    double[][] z = new double[merges()][];
    for (int k = 0; k < z.length; k++) {
      z[k] = new double[] {idx1[k], idx2[k], height[k], count[k]};
    }
    return z;
  }

  /**
   * Flat classes such that no class has cophenetic distance (for complete linkage: diameter)
   * above t, like {@code fcluster(Z, t, criterion='distance')}.
   *
   * @return labels 1..c, one per observation
   */
  public int[] cutAtDistance(double t) {
    if (Double.isNaN(t)) {
      throw new IllegalArgumentException("cut distance t is NaN");
    }
    return cutMonocrit(maxHeights(), t);
  }

  /**
   * At most k flat classes, like {@code fcluster(Z, k, criterion='maxclust')}: the smallest
   * cut height among the merge heights that leaves no more than k classes. With ties in the
   * merge heights this can give fewer than k classes, as scipy does.
   */
  public int[] cutIntoClasses(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("number of classes must be ≥ 1, got " + k);
    }
    int[] labels = new int[n];
    if (k >= n) {
      for (int i = 0; i < n; i++) {
        labels[i] = i + 1;
      }
      return labels;
    }
    double[] mc = maxHeights();
    // Binary search over node indices (mc is non-decreasing for a monotone dendrogram);
    // lower = -1 stands for "below every height". Same search as scipy's.
    int lower = -1;
    int upper = n - 1;
    while (upper - lower > 1) {
      int mid = (lower + upper) >>> 1;
      if (classCount(mc, mc[mid]) > k) {
        lower = mid;
      } else {
        upper = mid;
      }
    }
    return cutMonocrit(mc, mc[upper]);
  }

  /** For each merge node, the largest height in its subtree (scipy's max_dists). */
  private double[] maxHeights() {
    double[] md = new double[merges()];
    for (int k = 0; k < md.length; k++) {
      double m = height[k];
      if (idx1[k] >= n) {
        m = Math.max(m, md[idx1[k] - n]);
      }
      if (idx2[k] >= n) {
        m = Math.max(m, md[idx2[k] - n]);
      }
      md[k] = m;
    }
    return md;
  }

  private int classCount(double[] mc, double cutoff) {
    int[] labels = cutMonocrit(mc, cutoff);
    int c = 0;
    for (int l : labels) {
      c = Math.max(c, l);
    }
    return c;
  }

  /**
   * scipy's monocrit cut: a depth-first walk from the root (left child first, internal children
   * before leaf children); the first node met with mc ≤ cutoff starts a class that takes all its
   * leaves; leaves not under such a node are classes of their own. Labels count up in the
   * order classes are met.
   */
  private int[] cutMonocrit(double[] mc, double cutoff) {
    int[] labels = new int[n];
    if (n == 1) {
      labels[0] = 1;
      return labels;
    }
    boolean[] visited = new boolean[2 * n - 1];
    ArrayDeque<Integer> stack = new ArrayDeque<>();
    stack.push(2 * n - 2);
    int classes = 0;
    int leader = -1;
    while (!stack.isEmpty()) {
      int node = stack.peek() - n;
      int left = idx1[node];
      int right = idx2[node];
      if (leader == -1 && mc[node] <= cutoff) {
        leader = node;
        classes++;
      }
      if (left >= n && !visited[left]) {
        visited[left] = true;
        stack.push(left);
        continue;
      }
      if (right >= n && !visited[right]) {
        visited[right] = true;
        stack.push(right);
        continue;
      }
      if (left < n) {
        if (leader == -1) {
          classes++;
        }
        labels[left] = classes;
      }
      if (right < n) {
        if (leader == -1) {
          classes++;
        }
        labels[right] = classes;
      }
      if (leader == node) {
        leader = -1;
      }
      stack.pop();
    }
    return labels;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dendrogram d && n == d.n && Arrays.equals(idx1, d.idx1)
        && Arrays.equals(idx2, d.idx2) && Arrays.equals(height, d.height)
        && Arrays.equals(count, d.count);
  }

  @Override
  public int hashCode() {
    return 31 * n + Arrays.hashCode(height);
  }

  @Override
  public String toString() {
    return "Dendrogram[n=" + n + (n > 1 ? ", top height " + height[n - 2] : "") + "]";
  }
}
