package org.giipbeam.arrowio;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A batch of LAEs in the flat, padded layout that the GIIP engines (CPU and CUDA) read:
 *
 * <ul>
 *   <li>{@code positions[(lae * maxAtoms + atom) * d + k]}, float32;
 *   <li>{@code weights[(channel * size + lae) * maxAtoms + atom]}, float32, zero for padding;
 * </ul>
 *
 * plus per-LAE metadata (sample, centre id and type, neighbour count, coordination Σf,
 * composition by species, carried per-atom properties of the centre). {@link #parameters()}
 * records how the LAEs were made (r_skin, r_cut, species encoding, ...) so that distances from
 * different parameters are never mixed.
 *
 * <p>Immutable by convention: accessors return the arrays themselves for speed; do not modify.
 */
public final class LaeBatch implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dimension;
  private final int channels;
  private final int maxAtoms;
  private final int[] species;
  private final TreeMap<String, String> parameters;

  private final String[] samples;
  private final long[] centreIds;
  private final int[] centreTypes;
  private final int[] neighbourCounts;
  private final double[] coordination;
  private final double[] composition;
  private final double[] countComposition;
  /** In name order: canonical, so that equal batches encode to equal bytes. */
  private final TreeMap<String, double[]> properties;
  private final float[] positions;
  private final float[] weights;

  /**
   * Wraps arrays already in the batch layout (no copy). Checks every length; padding slots must
   * have zero weight.
   */
  public LaeBatch(int dimension, int channels, int maxAtoms, int[] species,
      Map<String, String> parameters, String[] samples, long[] centreIds, int[] centreTypes,
      int[] neighbourCounts, double[] coordination, double[] composition,
      double[] countComposition, Map<String, double[]> properties, float[] positions,
      float[] weights) {
    if (dimension != 2 && dimension != 3) {
      throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
    }
    if (channels < 1 || maxAtoms < 0) {
      throw new IllegalArgumentException(
          "channels must be ≥ 1 and maxAtoms ≥ 0, got " + channels + ", " + maxAtoms);
    }
    int n = samples.length;
    int s = species.length;
    check(centreIds.length == n && centreTypes.length == n && neighbourCounts.length == n
        && coordination.length == n, "per-LAE metadata lengths differ from " + n);
    check(composition.length == (long) n * s && countComposition.length == (long) n * s,
        "composition must be size × species = " + n + " × " + s);
    check(positions.length == (long) n * maxAtoms * dimension,
        "positions must be size × maxAtoms × d = " + n + " × " + maxAtoms + " × " + dimension
            + ", got " + positions.length);
    check(weights.length == (long) channels * n * maxAtoms,
        "weights must be channels × size × maxAtoms = " + channels + " × " + n + " × "
            + maxAtoms + ", got " + weights.length);
    for (int i = 0; i < n; i++) {
      check(samples[i] != null, "sample label of LAE " + i + " is null");
      check(neighbourCounts[i] >= 0 && neighbourCounts[i] <= maxAtoms,
          "LAE " + i + " has " + neighbourCounts[i] + " neighbours, maxAtoms is " + maxAtoms);
    }
    for (Map.Entry<String, double[]> e : properties.entrySet()) {
      check(e.getValue().length == n, "property " + e.getKey() + " has "
          + e.getValue().length + " values for " + n + " LAEs");
    }
    this.dimension = dimension;
    this.channels = channels;
    this.maxAtoms = maxAtoms;
    this.species = species;
    this.parameters = new TreeMap<>(parameters);
    this.samples = samples;
    this.centreIds = centreIds;
    this.centreTypes = centreTypes;
    this.neighbourCounts = neighbourCounts;
    this.coordination = coordination;
    this.composition = composition;
    this.countComposition = countComposition;
    this.properties = new TreeMap<>(properties);
    this.positions = positions;
    this.weights = weights;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Packs LAEs into a batch padded to the largest neighbour count (or {@code minMaxAtoms}, if
   * larger). All LAEs must share dimension, channel count and species list.
   */
  public static LaeBatch of(List<Lae> laes, int dimension, int channels, int[] species,
      Map<String, String> parameters, int minMaxAtoms) {
    int n = laes.size();
    int m = n == 0 ? 0 : minMaxAtoms; // an empty batch has no padding
    for (Lae l : laes) {
      check(l.dimension() == dimension && l.channels() == channels
          && l.composition().length == species.length,
          "LAE " + l + " does not match the batch's dimension/channels/species");
      m = Math.max(m, l.neighbourCount());
    }
    String[] samples = new String[n];
    long[] ids = new long[n];
    int[] types = new int[n];
    int[] counts = new int[n];
    double[] coord = new double[n];
    double[] comp = new double[n * species.length];
    double[] countComp = new double[n * species.length];
    LinkedHashMap<String, double[]> props = new LinkedHashMap<>();
    for (Lae l : laes) {
      for (String name : l.properties().keySet()) {
        props.computeIfAbsent(name, k -> filled(n, Double.NaN));
      }
    }
    float[] pos = new float[n * m * dimension];
    float[] w = new float[channels * n * m];
    for (int i = 0; i < n; i++) {
      Lae l = laes.get(i);
      samples[i] = l.sample();
      ids[i] = l.centreId();
      types[i] = l.centreType();
      int c = l.neighbourCount();
      counts[i] = c;
      coord[i] = l.coordination();
      System.arraycopy(l.composition(), 0, comp, i * species.length, species.length);
      System.arraycopy(l.countComposition(), 0, countComp, i * species.length, species.length);
      for (Map.Entry<String, Double> e : l.properties().entrySet()) {
        props.get(e.getKey())[i] = e.getValue();
      }
      System.arraycopy(l.positions(), 0, pos, i * m * dimension, c * dimension);
      for (int ch = 0; ch < channels; ch++) {
        System.arraycopy(l.weights(), ch * c, w, (ch * n + i) * m, c);
      }
    }
    return new LaeBatch(dimension, channels, m, species, parameters, samples, ids, types,
        counts, coord, comp, countComp, props, pos, w);
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** LAE i, unpadded. */
  public Lae lae(int i) {
    int c = neighbourCounts[i];
    float[] pos = Arrays.copyOfRange(positions, i * maxAtoms * dimension,
        (i * maxAtoms + c) * dimension);
    float[] w = new float[channels * c];
    for (int ch = 0; ch < channels; ch++) {
      System.arraycopy(weights, (ch * size() + i) * maxAtoms, w, ch * c, c);
    }
    LinkedHashMap<String, Double> props = new LinkedHashMap<>();
    properties.forEach((k, v) -> props.put(k, v[i]));
    int s = species.length;
    return new Lae(samples[i], centreIds[i], centreTypes[i], dimension, pos, w, channels,
        coordination[i], Arrays.copyOfRange(composition, i * s, (i + 1) * s),
        Arrays.copyOfRange(countComposition, i * s, (i + 1) * s), props);
  }

  /** All LAEs, unpadded. */
  public List<Lae> laes() {
    List<Lae> out = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      out.add(lae(i));
    }
    return out;
  }

  /** The LAEs at the given indices, in that order, padded as tightly as they allow. */
  public LaeBatch select(int[] indices) {
    List<Lae> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(lae(i));
    }
    return of(out, dimension, channels, species, parameters, 0);
  }

  /** Concatenates batches of the same dimension, channels, species and parameters. */
  public static LaeBatch concat(List<LaeBatch> batches) {
    check(!batches.isEmpty(), "nothing to concatenate");
    LaeBatch first = batches.get(0);
    List<Lae> all = new ArrayList<>();
    for (LaeBatch b : batches) {
      check(b.dimension == first.dimension && b.channels == first.channels
          && Arrays.equals(b.species, first.species) && b.parameters.equals(first.parameters),
          "batches made with different LAE parameters cannot be concatenated: "
              + first.parameters + " vs " + b.parameters);
      all.addAll(b.laes());
    }
    return of(all, first.dimension, first.channels, first.species, first.parameters, 0);
  }

  public int size() {
    return samples.length;
  }

  public int dimension() {
    return dimension;
  }

  public int channels() {
    return channels;
  }

  public int maxAtoms() {
    return maxAtoms;
  }

  /** The atom types whose fractions {@link #composition()} lists, in that order. */
  public int[] species() {
    return species;
  }

  public Map<String, String> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  public String[] samples() {
    return samples;
  }

  /** The key of LAE i. */
  public LaeKey key(int i) {
    return new LaeKey(samples[i], centreIds[i]);
  }

  public long[] centreIds() {
    return centreIds;
  }

  public int[] centreTypes() {
    return centreTypes;
  }

  public int[] neighbourCounts() {
    return neighbourCounts;
  }

  public double[] coordination() {
    return coordination;
  }

  /** size × species, f-weighted fraction of neighbours of each species. */
  public double[] composition() {
    return composition;
  }

  /** size × species, plain fraction of neighbours of each species. */
  public double[] countComposition() {
    return countComposition;
  }

  public Map<String, double[]> properties() {
    return Collections.unmodifiableMap(properties);
  }

  /** size × maxAtoms × d. */
  public float[] positions() {
    return positions;
  }

  /** channels × size × maxAtoms. */
  public float[] weights() {
    return weights;
  }

  /** Offset of LAE i's first atom in {@link #positions()}. */
  public int positionOffset(int i) {
    return i * maxAtoms * dimension;
  }

  /** Offset of LAE i's first atom of channel ch in {@link #weights()}. */
  public int weightOffset(int channel, int i) {
    return (channel * size() + i) * maxAtoms;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LaeBatch)) {
      return false;
    }
    LaeBatch b = (LaeBatch) o;
    if (!(dimension == b.dimension && channels == b.channels && maxAtoms == b.maxAtoms
        && Arrays.equals(species, b.species) && parameters.equals(b.parameters)
        && Arrays.equals(samples, b.samples) && Arrays.equals(centreIds, b.centreIds)
        && Arrays.equals(centreTypes, b.centreTypes)
        && Arrays.equals(neighbourCounts, b.neighbourCounts)
        && Arrays.equals(coordination, b.coordination)
        && Arrays.equals(composition, b.composition)
        && Arrays.equals(countComposition, b.countComposition)
        && Arrays.equals(positions, b.positions) && Arrays.equals(weights, b.weights)
        && properties.keySet().equals(b.properties.keySet()))) {
      return false;
    }
    for (Map.Entry<String, double[]> e : properties.entrySet()) {
      if (!Arrays.equals(e.getValue(), b.properties.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(dimension, channels, maxAtoms, Arrays.hashCode(centreIds));
  }

  @Override
  public String toString() {
    return "LaeBatch[" + size() + " LAEs, " + dimension + "D, " + channels
        + " channel(s), maxAtoms " + maxAtoms + "]";
  }
}
