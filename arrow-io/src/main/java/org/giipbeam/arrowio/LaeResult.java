package org.giipbeam.arrowio;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One LAE's row of a finished study: its keys, whether it was in the training set, its class
 * (complete-linkage cluster, 1-based; 0 when not clustered), its diffusion coordinates φ_1..φ_k,
 * and named per-LAE descriptors (coordination, composition, potential energy, ...), kept in
 * name order.
 *
 * <p>Rows written together must share the number of coordinates and the descriptor names.
 */
public record LaeResult(
    String sample,
    long centreId,
    int centreType,
    boolean training,
    int classLabel,
    double[] coordinates,
    Map<String, Double> descriptors)
    implements Serializable {

  public LaeResult {
    coordinates = coordinates.clone();
    // Name order: canonical, so that equal results encode to equal bytes (and the columns of
    // a results table do not depend on which runner built the rows).
    descriptors = Collections.unmodifiableMap(new TreeMap<>(descriptors));
  }

  public LaeKey key() {
    return new LaeKey(sample, centreId);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LaeResult r && sample.equals(r.sample) && centreId == r.centreId
        && centreType == r.centreType && training == r.training && classLabel == r.classLabel
        && Arrays.equals(coordinates, r.coordinates)
        && descriptors.keySet().equals(r.descriptors.keySet()))) {
      return false;
    }
    for (Map.Entry<String, Double> e : descriptors.entrySet()) {
      // Bit-exact, NaN included.
      if (Double.doubleToRawLongBits(e.getValue())
          != Double.doubleToRawLongBits(r.descriptors.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return sample.hashCode() * 31 + Long.hashCode(centreId);
  }

  @Override
  public String toString() {
    return "LaeResult[" + key() + (training ? " training" : "") + ", class "
        + classLabel + ", φ=" + Arrays.toString(coordinates) + ", " + descriptors + "]";
  }
}
