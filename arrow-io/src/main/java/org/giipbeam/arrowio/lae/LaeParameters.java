package org.giipbeam.arrowio.lae;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How LAEs are cut out of a frame: radii of the radial fade, the species encoding, which centres
 * are taken, and how far from a free surface a centre must be.
 *
 * <pre>{@code
 * // The paper's NiNb glass: Ni-centred LAEs, +1 Ni (type 1), −1 Nb (type 2).
 * LaeParameters p = LaeParameters.of(3.0, 4.0).withSignSpecies(1, 2).withCentreTypes(1);
 * }</pre>
 *
 * @param rSkin radius of full weight
 * @param rCut cutoff radius; neighbours at r ≥ r_cut are not part of the LAE
 * @param encoding species encoding
 * @param speciesTypes SIGN: {plus type, minus type}; VECTOR: one type per channel; AGNOSTIC:
 *     the types to report composition for (empty: all types of the frame)
 * @param centreTypes types whose atoms are centres (empty: all)
 * @param surfaceMargin in non-periodic directions, centres closer than this to the sample's
 *     free surface (the extent of its atoms) are skipped
 */
public record LaeParameters(
    double rSkin,
    double rCut,
    SpeciesEncoding encoding,
    int[] speciesTypes,
    int[] centreTypes,
    double surfaceMargin)
    implements Serializable {

  public LaeParameters {
    speciesTypes = speciesTypes.clone();
    centreTypes = centreTypes.clone();
    validate(rSkin, rCut, encoding, speciesTypes, centreTypes, surfaceMargin);
  }

  private static void validate(double rSkin, double rCut, SpeciesEncoding encoding,
      int[] speciesTypes, int[] centreTypes, double surfaceMargin) {
    if (!(rSkin >= 0) || !Double.isFinite(rSkin)) {
      throw new IllegalArgumentException("r_skin must be a finite number ≥ 0, got " + rSkin);
    }
    if (!(rCut > rSkin) || !Double.isFinite(rCut)) {
      throw new IllegalArgumentException(
          "r_cut must be finite and larger than r_skin, got r_skin " + rSkin + ", r_cut " + rCut);
    }
    if (encoding == SpeciesEncoding.SIGN && speciesTypes.length != 2) {
      throw new IllegalArgumentException(
          "sign-species encodes exactly two types (+1 and −1), got " + Arrays.toString(speciesTypes));
    }
    if (encoding == SpeciesEncoding.VECTOR && speciesTypes.length == 0) {
      throw new IllegalArgumentException("vector-species needs the types, one per channel");
    }
    if (Arrays.stream(speciesTypes).distinct().count() != speciesTypes.length) {
      throw new IllegalArgumentException("species types repeat: " + Arrays.toString(speciesTypes));
    }
    if (Arrays.stream(speciesTypes).anyMatch(t -> t < 1)) {
      throw new IllegalArgumentException(
          "species types must be atom types ≥ 1, got " + Arrays.toString(speciesTypes));
    }
    if (Arrays.stream(centreTypes).anyMatch(t -> t < 1)) {
      throw new IllegalArgumentException(
          "centre types must be atom types ≥ 1, got " + Arrays.toString(centreTypes));
    }
    if (!(surfaceMargin >= 0) || !Double.isFinite(surfaceMargin)) {
      throw new IllegalArgumentException("surface margin must be ≥ 0, got " + surfaceMargin);
    }
  }

  /** Species-agnostic LAEs of every atom, with the given radii. */
  public static LaeParameters of(double rSkin, double rCut) {
    return new LaeParameters(rSkin, rCut, SpeciesEncoding.AGNOSTIC, new int[0], new int[0], 0);
  }

  /** Sign-species weights: +1 for {@code plusType}, −1 for {@code minusType}. */
  public LaeParameters withSignSpecies(int plusType, int minusType) {
    return new LaeParameters(rSkin, rCut, SpeciesEncoding.SIGN, new int[] {plusType, minusType},
        centreTypes, surfaceMargin);
  }

  /** Vector-species weights: one channel per listed type. */
  public LaeParameters withVectorSpecies(int... types) {
    return new LaeParameters(rSkin, rCut, SpeciesEncoding.VECTOR, types, centreTypes,
        surfaceMargin);
  }

  /** Species-agnostic weights; composition is reported for {@code compositionTypes}. */
  public LaeParameters withAgnosticSpecies(int... compositionTypes) {
    return new LaeParameters(rSkin, rCut, SpeciesEncoding.AGNOSTIC, compositionTypes,
        centreTypes, surfaceMargin);
  }

  /** Only atoms of these types are centres. */
  public LaeParameters withCentreTypes(int... types) {
    return new LaeParameters(rSkin, rCut, encoding, speciesTypes, types, surfaceMargin);
  }

  public LaeParameters withSurfaceMargin(double margin) {
    return new LaeParameters(rSkin, rCut, encoding, speciesTypes, centreTypes, margin);
  }

  /** Number of weight channels. */
  public int channels() {
    return encoding == SpeciesEncoding.VECTOR ? speciesTypes.length : 1;
  }

  /** The parameters as strings, as recorded in every {@code LaeBatch} made with them. */
  public Map<String, String> toMap() {
    Map<String, String> m = new TreeMap<>();
    m.put("lae.rSkin", Double.toString(rSkin));
    m.put("lae.rCut", Double.toString(rCut));
    m.put("lae.encoding", encoding.name());
    m.put("lae.speciesTypes", join(speciesTypes));
    m.put("lae.centreTypes", join(centreTypes));
    m.put("lae.surfaceMargin", Double.toString(surfaceMargin));
    return m;
  }

  private static String join(int[] a) {
    return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaeParameters p && toMap().equals(p.toMap());
  }

  @Override
  public int hashCode() {
    return toMap().hashCode();
  }

  @Override
  public String toString() {
    return "LaeParameters" + toMap();
  }
}
