package org.giipbeam.transforms.cluster;

import java.io.Serializable;

/**
 * Where a dendrogram is cut into flat classes: at a distance t (no two members of a class
 * farther apart than t; {@code fcluster(Z, t, criterion='distance')}; paper 2D: t = 1) or into at
 * most k classes ({@code criterion='maxclust'}; paper 3D: k = 20).
 */
public record Cut(Criterion criterion, double distance, int classes) implements Serializable {

  /** The two criteria of scipy's {@code fcluster} that complete linkage needs. */
  public enum Criterion {
    DISTANCE, MAXCLUST
  }

  public Cut {
    if (criterion == null) {
      throw new IllegalArgumentException("cut criterion is null");
    }
    if (criterion == Criterion.DISTANCE && !(distance >= 0 && distance < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("cut distance t must be finite and ≥ 0, got " + distance);
    }
    if (criterion == Criterion.MAXCLUST && classes < 1) {
      throw new IllegalArgumentException("number of classes k must be ≥ 1, got " + classes);
    }
  }

  /** Cut at distance t. */
  public static Cut atDistance(double t) {
    return new Cut(Criterion.DISTANCE, t, 0);
  }

  /** Cut into at most k classes. */
  public static Cut intoClasses(int k) {
    return new Cut(Criterion.MAXCLUST, Double.NaN, k);
  }

  /** Labels 1..c of the training observations. */
  public int[] apply(Dendrogram dendrogram) {
    return criterion == Criterion.DISTANCE
        ? dendrogram.cutAtDistance(distance)
        : dendrogram.cutIntoClasses(classes);
  }

  @Override
  public String toString() {
    return criterion == Criterion.DISTANCE ? "t=" + distance : "k=" + classes;
  }
}
