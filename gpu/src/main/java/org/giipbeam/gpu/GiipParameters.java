package org.giipbeam.gpu;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything that determines a GIIP distance besides the LAEs themselves: the Gaussian width σ,
 * the orientation search ({@link SearchSpec}: the chosen mode and its settings, nothing else),
 * the rotation set and an optional pruning cut. An immutable, serializable value: two parameters
 * are equal exactly when they compute the same distances, and {@link #toMap()} (which goes into
 * {@code DistanceBlock.parameters()}, so that distances computed with different parameters are
 * never mixed) is equal exactly then too; {@link #fromMap} reads it back.
 *
 * <pre>{@code
 * GiipParameters p = GiipParameters.exhaustive(1.0);            // the paper: 5° then 1°, O(3)
 * GiipParameters q = GiipParameters.fast(1.0).withProperOnly(true);  // SO(3) only, fast search
 * }</pre>
 *
 * <p>Defaults follow the paper (Hardin et al. 2022, Methods): 3D coarse covering 5°, then a 1°
 * covering of the 5° ball about the best coarse rotation; 2D a 1° grid; rotoinversions included.
 *
 * @param sigma σ of the Gaussians (same length unit as the LAE positions)
 * @param search the orientation search and its settings
 * @param properOnly true: minimise over SO(d) only (chirality matters); false: over O(d)
 * @param pruneCut pairs whose rotation-invariant lower bound exceeds this d_inv are not
 *     searched; NaN: no pruning
 */
public record GiipParameters(double sigma, SearchSpec search, boolean properOnly,
    double pruneCut) implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final String PREFIX = "giip.";

  public GiipParameters {
    check(sigma > 0 && Double.isFinite(sigma), "σ must be a positive finite number, got " + sigma);
    check(search != null, "search must not be null");
    check(Double.isNaN(pruneCut) || pruneCut > 0,
        "pruning cut must be > 0 (or NaN for no pruning), got " + pruneCut);
  }

  /** The paper's exhaustive search with Gaussian width σ (same units as the positions). */
  public static GiipParameters exhaustive(double sigma) {
    return new GiipParameters(sigma, SearchSpec.Exhaustive.PAPER, false, Double.NaN);
  }

  /** The fast search (same minimum, far less work) with Gaussian width σ. */
  public static GiipParameters fast(double sigma) {
    return new GiipParameters(sigma, SearchSpec.Fast.DEFAULT, false, Double.NaN);
  }

  /** The search {@code mode} with its defaults and Gaussian width σ. */
  public static GiipParameters of(SearchMode mode, double sigma) {
    return new GiipParameters(sigma, SearchSpec.defaults(mode), false, Double.NaN);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public SearchMode mode() {
    return search.mode();
  }

  /** The EXHAUSTIVE settings; fails if these parameters search another way. */
  public SearchSpec.Exhaustive exhaustiveSearch() {
    return search.match(e -> e, f -> {
      throw wrongMode(SearchMode.EXHAUSTIVE);
    });
  }

  /** The FAST settings; fails if these parameters search another way. */
  public SearchSpec.Fast fastSearch() {
    return search.match(e -> {
      throw wrongMode(SearchMode.FAST);
    }, f -> f);
  }

  private IllegalArgumentException wrongMode(SearchMode wanted) {
    return new IllegalArgumentException(wanted + " settings asked of parameters that search "
        + mode() + ": start from GiipParameters." + wanted.name().toLowerCase(Locale.ROOT)
        + "(σ) or call withMode(" + wanted + ") first");
  }

  public boolean prunes() {
    return !Double.isNaN(pruneCut);
  }

  public GiipParameters withSigma(double v) {
    return new GiipParameters(v, search, properOnly, pruneCut);
  }

  public GiipParameters withSearch(SearchSpec v) {
    return new GiipParameters(sigma, v, properOnly, pruneCut);
  }

  /** The same parameters searching in {@code v} with that mode's defaults (no-op if it is). */
  public GiipParameters withMode(SearchMode v) {
    return v == mode() ? this : withSearch(SearchSpec.defaults(v));
  }

  /** EXHAUSTIVE 3D grids: coarse covering, then {@code refine} covering of a ball of radius. */
  public GiipParameters withGrid3d(double coarse, double refine, double radius) {
    return withSearch(exhaustiveSearch().withGrid3d(coarse, refine, radius));
  }

  /** EXHAUSTIVE 2D angle step in degrees. */
  public GiipParameters withAngleStep2d(double degrees) {
    return withSearch(exhaustiveSearch().withAngleStep2d(degrees));
  }

  public GiipParameters withProperOnly(boolean v) {
    return new GiipParameters(sigma, search, v, pruneCut);
  }

  /** FAST 3D settings: expansion degree L, grid covering radius, starts and margin. */
  public GiipParameters withFast(int degree, double gridCoveringDegrees, int maxStarts,
      double startMargin) {
    return withSearch(fastSearch().with3d(degree, gridCoveringDegrees, maxStarts, startMargin));
  }

  /** FAST 2D: Fourier order M and the start margin (the series is nearly exact: small). */
  public GiipParameters withFast2d(int order, double startMargin) {
    return withSearch(fastSearch().with2d(order, startMargin));
  }

  /** FAST 2D: Fourier order M. */
  public GiipParameters withFastFourierOrder2d(int order) {
    return withFast2d(order, fastSearch().startMargin2d());
  }

  /** Prune pairs surely farther than {@code cut} (d_inv); NaN switches pruning off. */
  public GiipParameters withPruneCut(double cut) {
    return new GiipParameters(sigma, search, properOnly, cut);
  }

  /**
   * The parameters as strings, keys prefixed {@code giip.}; goes into
   * {@code DistanceBlock.parameters()}. Only the settings of the chosen mode are listed.
   */
  public Map<String, String> toMap() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("giip.sigma", num(sigma));
    m.put("giip.search", mode().name());
    m.put("giip.group", properOnly ? "SO(d)" : "O(d)");
    search.match(e -> {
      m.put("giip.exhaustive.coarseCoveringDegrees", num(e.coarseCoveringDegrees()));
      m.put("giip.exhaustive.refineCoveringDegrees", num(e.refineCoveringDegrees()));
      m.put("giip.exhaustive.refineRadiusDegrees", num(e.refineRadiusDegrees()));
      m.put("giip.exhaustive.angleStepDegrees2d", num(e.angleStepDegrees2d()));
      return m;
    }, f -> {
      m.put("giip.fast.degree", Integer.toString(f.degree()));
      m.put("giip.fast.gridCoveringDegrees", num(f.gridCoveringDegrees()));
      m.put("giip.fast.maxStarts", Integer.toString(f.maxStarts()));
      m.put("giip.fast.startMargin", num(f.startMargin()));
      m.put("giip.fast.fourierOrder2d", Integer.toString(f.fourierOrder2d()));
      m.put("giip.fast.startMargin2d", num(f.startMargin2d()));
      return m;
    });
    m.put("giip.pruneCut", prunes() ? num(pruneCut) : "none");
    return m;
  }

  /**
   * The parameters {@link #toMap()} wrote (other keys, such as the LAE parameters of a
   * {@code DistanceBlock}, are ignored).
   *
   * @throws IllegalArgumentException naming the key that is missing or malformed
   */
  public static GiipParameters fromMap(Map<String, String> m) {
    Objects.requireNonNull(m, "parameter map");
    SearchMode mode;
    String name = get(m, "search");
    try {
      mode = SearchMode.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("giip.search: unknown search mode '" + name + "'");
    }
    SearchSpec search = switch (mode) {
      case EXHAUSTIVE -> new SearchSpec.Exhaustive(real(m, "exhaustive.coarseCoveringDegrees"),
          real(m, "exhaustive.refineCoveringDegrees"), real(m, "exhaustive.refineRadiusDegrees"),
          real(m, "exhaustive.angleStepDegrees2d"));
      case FAST -> new SearchSpec.Fast(whole(m, "fast.degree"),
          real(m, "fast.gridCoveringDegrees"), whole(m, "fast.maxStarts"),
          real(m, "fast.startMargin"), whole(m, "fast.fourierOrder2d"),
          real(m, "fast.startMargin2d"));
    };
    String group = get(m, "group");
    if (!group.equals("O(d)") && !group.equals("SO(d)")) {
      throw new IllegalArgumentException("giip.group: expected O(d) or SO(d), got '" + group
          + "'");
    }
    String cut = get(m, "pruneCut");
    return new GiipParameters(real(m, "sigma"), search, group.equals("SO(d)"),
        cut.equals("none") ? Double.NaN : real(m, "pruneCut"));
  }

  private static String get(Map<String, String> m, String key) {
    String v = m.get(PREFIX + key);
    if (v == null) {
      throw new IllegalArgumentException(PREFIX + key + " is missing");
    }
    return v;
  }

  private static double real(Map<String, String> m, String key) {
    return parsed(m, key, Double::valueOf, "a number");
  }

  private static int whole(Map<String, String> m, String key) {
    return parsed(m, key, Integer::valueOf, "a whole number");
  }

  private static <T> T parsed(Map<String, String> m, String key, Function<String, T> parse,
      String what) {
    String v = get(m, key);
    try {
      return parse.apply(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + ": not " + what + ": '" + v + "'");
    }
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  @Override
  public String toString() {
    return "GiipParameters" + toMap();
  }
}
