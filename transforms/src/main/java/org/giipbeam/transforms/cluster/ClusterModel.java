package org.giipbeam.transforms.cluster;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Complete-linkage classes of the training LAEs and the cut that made them; assigns an
 * extension LAE the class of its nearest training LAE (DESIGN §1, Clustering).
 *
 * <p>Class labels are 1..{@link #classCount()}, numbered as scipy's {@code fcluster} numbers
 * them. Immutable; small enough to be a side input (one int per training LAE plus the
 * dendrogram's merge heights).
 */
public final class ClusterModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] trainingClasses;
  private final Cut cut;
  private final int classCount;
  private final double[] mergeHeights;

  private ClusterModel(int[] trainingClasses, Cut cut, double[] mergeHeights) {
    this.trainingClasses = trainingClasses;
    this.cut = cut;
    this.mergeHeights = mergeHeights;
    int c = 0;
    for (int l : trainingClasses) {
      if (l < 1) {
        throw new IllegalArgumentException("class labels start at 1, got " + l);
      }
      c = Math.max(c, l);
    }
    this.classCount = c;
  }

  /** Cuts the dendrogram of the training LAEs. */
  public static ClusterModel of(Dendrogram dendrogram, Cut cut) {
    return new ClusterModel(cut.apply(dendrogram), cut, dendrogram.heights());
  }

  /** Complete linkage of the n × n training distances (row-major) and the cut. */
  public static ClusterModel fit(float[] trainingDistances, int n, Cut cut) {
    return of(CompleteLinkage.linkageOfSquare(trainingDistances, n), cut);
  }

  /** Class of each training LAE, by training index (a copy). */
  public int[] trainingClasses() {
    return trainingClasses.clone();
  }

  public int trainingClass(int trainingIndex) {
    return trainingClasses[trainingIndex];
  }

  public int trainingSize() {
    return trainingClasses.length;
  }

  public int classCount() {
    return classCount;
  }

  public Cut cut() {
    return cut;
  }

  /** The dendrogram's merge heights, ascending (a copy): where other cuts would fall. */
  public double[] mergeHeights() {
    return mergeHeights.clone();
  }

  /**
   * The training index nearest to an LAE, from its distances to all training LAEs
   * ({@code row[offset + j]} = d_inv(LAE, training LAE j)); the lowest index on ties.
   */
  public int nearestTraining(float[] row, int offset) {
    int n = trainingClasses.length;
    if (offset < 0 || row.length - offset < n) {
      throw new IllegalArgumentException("a distance row needs " + n
          + " entries (one per training LAE), got " + (row.length - offset));
    }
    int best = -1;
    float bestDistance = Float.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      float v = row[offset + j];
      if (Float.isNaN(v)) {
        throw new IllegalArgumentException("distance to training LAE " + j + " is NaN");
      }
      if (v < bestDistance || best < 0) {
        bestDistance = v;
        best = j;
      }
    }
    return best;
  }

  /** The class of an LAE: that of its nearest training LAE. */
  public int assign(float[] row, int offset) {
    return trainingClasses[nearestTraining(row, offset)];
  }

  public int assign(float[] row) {
    return assign(row, 0);
  }

  /** The class of an LAE from double-precision distances to all training LAEs. */
  public int assign(double[] row) {
    int n = trainingClasses.length;
    if (row.length != n) {
      throw new IllegalArgumentException("a distance row needs " + n + " entries, got "
          + row.length);
    }
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (Double.isNaN(row[j])) {
        throw new IllegalArgumentException("distance to training LAE " + j + " is NaN");
      }
      if (row[j] < bestDistance || best < 0) {
        bestDistance = row[j];
        best = j;
      }
    }
    return trainingClasses[best];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterModel m && cut.equals(m.cut)
        && Arrays.equals(trainingClasses, m.trainingClasses)
        && Arrays.equals(mergeHeights, m.mergeHeights);
  }

  @Override
  public int hashCode() {
    return 31 * cut.hashCode() + Arrays.hashCode(trainingClasses);
  }

  @Override
  public String toString() {
    return "ClusterModel[" + trainingClasses.length + " training LAEs, " + classCount
        + " classes, cut " + cut + "]";
  }
}
