package org.giipbeam.arrowio;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One local atomic environment (LAE): the neighbours of a centre atom within r_cut, as positions
 * relative to the centre and their weights per species channel, plus descriptors of the centre.
 * Unpadded; {@link LaeBatch} packs many of them into the padded layout the engines use.
 *
 * @param sample sample label of the frame the centre belongs to
 * @param centreId atom id of the centre
 * @param centreType atom type of the centre
 * @param dimension 2 or 3
 * @param positions neighbour positions relative to the centre, count × d, flat
 * @param weights per channel, then per neighbour: weights[channel * count + j]
 * @param channels number of weight channels (1 for agnostic and sign-species)
 * @param coordination Σ f over the neighbours (the fade-weighted coordination number)
 * @param composition per species (in the batch's species order) the f-weighted fraction of
 *     neighbours of that species
 * @param countComposition per species the plain fraction of neighbours of that species
 * @param properties carried per-atom properties of the centre (e.g. potential energy)
 */
public record Lae(
    String sample,
    long centreId,
    int centreType,
    int dimension,
    float[] positions,
    float[] weights,
    int channels,
    double coordination,
    double[] composition,
    double[] countComposition,
    Map<String, Double> properties)
    implements Serializable {

  public Lae {
    if (dimension != 2 && dimension != 3) {
      throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
    }
    if (positions.length % dimension != 0
        || weights.length != channels * (positions.length / dimension)) {
      throw new IllegalArgumentException("LAE of centre " + centreId + ": " + positions.length
          + " position values and " + weights.length + " weights do not match " + channels
          + " channel(s) in " + dimension + "D");
    }
    if (composition.length != countComposition.length) {
      throw new IllegalArgumentException("composition arrays differ in length");
    }
    properties = Collections.unmodifiableMap(new TreeMap<>(properties)); // name order
  }

  /** Number of neighbours (atoms in the LAE, the centre excluded). */
  public int neighbourCount() {
    return positions.length / dimension;
  }

  public LaeKey key() {
    return new LaeKey(sample, centreId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lae l && sample.equals(l.sample) && centreId == l.centreId
        && centreType == l.centreType && dimension == l.dimension && channels == l.channels
        && Arrays.equals(positions, l.positions) && Arrays.equals(weights, l.weights)
        && Double.compare(coordination, l.coordination) == 0
        && Arrays.equals(composition, l.composition)
        && Arrays.equals(countComposition, l.countComposition)
        && properties.equals(l.properties);
  }

  @Override
  public int hashCode() {
    return sample.hashCode() * 31 + Long.hashCode(centreId);
  }

  @Override
  public String toString() {
    return "Lae[" + key() + " type " + centreType + ", " + neighbourCount()
        + " neighbours, coordination " + coordination + "]";
  }
}
