package org.giipbeam.transforms;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.giipbeam.arrowio.LaeKey;

/**
 * What the clustering and diffusion-map steps say about one LAE: its identity (sample, centre
 * atom id, row index in its distance blocks), its complete-linkage class (0 when not assigned)
 * and its diffusion coordinates φ_1..φ_k (empty when not extended). Immutable.
 */
public final class LaeAssignment implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String sample;
  private final long centreId;
  private final long rowIndex;
  private final int clusterClass;
  private final double[] coordinates;

  public LaeAssignment(String sample, long centreId, long rowIndex, int clusterClass,
      double[] coordinates) {
    this.sample = Objects.requireNonNull(sample, "sample");
    this.centreId = centreId;
    this.rowIndex = rowIndex;
    this.clusterClass = clusterClass;
    this.coordinates = coordinates.clone();
  }

  public String sample() {
    return sample;
  }

  public long centreId() {
    return centreId;
  }

  public long rowIndex() {
    return rowIndex;
  }

  /** Class 1..c, or 0 when not assigned. */
  public int clusterClass() {
    return clusterClass;
  }

  /** φ_1..φ_k, a copy; empty when not extended. */
  public double[] coordinates() {
    return coordinates.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaeAssignment r && sample.equals(r.sample) && centreId == r.centreId
        && rowIndex == r.rowIndex && clusterClass == r.clusterClass
        && Arrays.equals(coordinates, r.coordinates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sample, centreId, rowIndex, clusterClass) * 31
        + Arrays.hashCode(coordinates);
  }

  @Override
  public String toString() {
    return "LaeAssignment[" + new LaeKey(sample, centreId) + " row " + rowIndex
        + (clusterClass > 0 ? ", class " + clusterClass : "")
        + (coordinates.length > 0 ? ", φ " + Arrays.toString(coordinates) : "") + "]";
  }
}
