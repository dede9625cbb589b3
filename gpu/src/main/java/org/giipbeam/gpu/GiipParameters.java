package org.giipbeam.gpu;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that determines a GIIP distance besides the LAEs themselves: the Gaussian width σ,
 * the orientation search and its grids, and an optional pruning cut. Immutable and
 * serializable; {@link #toMap()} goes into {@code DistanceBlock.parameters()} so that distances
 * computed with different parameters are never mixed.
 *
 * <pre>{@code
 * GiipParameters p = GiipParameters.exhaustive(1.0);            // the paper: 5° then 1°, O(3)
 * GiipParameters q = GiipParameters.fast(1.0).withProperOnly(true);  // SO(3) only, fast search
 * }</pre>
 *
 * <p>Defaults follow the paper (Hardin et al. 2022, Methods): 3D coarse covering 5°, then a 1°
 * covering of the 5° ball about the best coarse rotation; 2D a 1° grid; rotoinversions included.
 */
public final class GiipParameters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double sigma;
  private final SearchMode mode;
  private final double coarseCoveringDegrees;
  private final double refineCoveringDegrees;
  private final double refineRadiusDegrees;
  private final double angleStepDegrees2d;
  private final boolean properOnly;
  private final int fastDegree;
  private final double fastGridCoveringDegrees;
  private final int fastMaxStarts;
  private final double fastStartMargin;
  private final int fastFourierOrder2d;
  private final double fastStartMargin2d;
  private final double pruneCut;

  private GiipParameters(double sigma, SearchMode mode, double coarseCoveringDegrees,
      double refineCoveringDegrees, double refineRadiusDegrees, double angleStepDegrees2d,
      boolean properOnly, int fastDegree, double fastGridCoveringDegrees, int fastMaxStarts,
      double fastStartMargin, int fastFourierOrder2d, double fastStartMargin2d,
      double pruneCut) {
    this.sigma = sigma;
    this.mode = mode;
    this.coarseCoveringDegrees = coarseCoveringDegrees;
    this.refineCoveringDegrees = refineCoveringDegrees;
    this.refineRadiusDegrees = refineRadiusDegrees;
    this.angleStepDegrees2d = angleStepDegrees2d;
    this.properOnly = properOnly;
    this.fastDegree = fastDegree;
    this.fastGridCoveringDegrees = fastGridCoveringDegrees;
    this.fastMaxStarts = fastMaxStarts;
    this.fastStartMargin = fastStartMargin;
    this.fastFourierOrder2d = fastFourierOrder2d;
    this.fastStartMargin2d = fastStartMargin2d;
    this.pruneCut = pruneCut;
    validate();
  }

  /** The paper's exhaustive search with Gaussian width σ (same units as the positions). */
  public static GiipParameters exhaustive(double sigma) {
    return new GiipParameters(sigma, SearchMode.EXHAUSTIVE, 5, 1, 5, 1, false, 4, 12, 24, 3.0,
        16, 1e-6, Double.NaN);
  }

  /** The fast search (same minimum, far less work) with Gaussian width σ. */
  public static GiipParameters fast(double sigma) {
    return exhaustive(sigma).withMode(SearchMode.FAST);
  }

  private void validate() {
    check(sigma > 0 && Double.isFinite(sigma), "σ must be a positive finite number, got " + sigma);
    check(mode != null, "search mode must not be null");
    check(coarseCoveringDegrees >= 0.5 && coarseCoveringDegrees <= 90,
        "coarse covering radius must be in [0.5°, 90°], got " + coarseCoveringDegrees + "°");
    check(refineCoveringDegrees > 0 && refineCoveringDegrees <= coarseCoveringDegrees,
        "refinement covering radius must be in (0°, coarse covering radius "
            + coarseCoveringDegrees + "°], got " + refineCoveringDegrees + "°");
    check(refineRadiusDegrees >= 0 && refineRadiusDegrees <= 45,
        "refinement ball radius must be in [0°, 45°], got " + refineRadiusDegrees + "°");
    check(angleStepDegrees2d > 0 && angleStepDegrees2d <= 90,
        "2D angle step must be in (0°, 90°], got " + angleStepDegrees2d + "°");
    check(fastDegree >= 2 && fastDegree <= 30,
        "FAST expansion degree L must be in [2, 30], got " + fastDegree);
    check(fastGridCoveringDegrees >= 3 && fastGridCoveringDegrees <= 45,
        "FAST grid covering radius must be in [3°, 45°], got " + fastGridCoveringDegrees + "°");
    check(fastMaxStarts >= 1 && fastMaxStarts <= 1000,
        "FAST starts must be in [1, 1000], got " + fastMaxStarts);
    check(fastStartMargin >= 0 && Double.isFinite(fastStartMargin),
        "FAST start margin must be ≥ 0, got " + fastStartMargin);
    check(fastFourierOrder2d >= 2 && fastFourierOrder2d <= 200,
        "FAST 2D Fourier order must be in [2, 200], got " + fastFourierOrder2d);
    check(fastStartMargin2d >= 0 && Double.isFinite(fastStartMargin2d),
        "FAST 2D start margin must be ≥ 0, got " + fastStartMargin2d);
    check(Double.isNaN(pruneCut) || pruneCut > 0,
        "pruning cut must be > 0 (or NaN for no pruning), got " + pruneCut);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** σ of the Gaussians (same length unit as the LAE positions). */
  public double sigma() {
    return sigma;
  }

  public SearchMode mode() {
    return mode;
  }

  /** EXHAUSTIVE, 3D: covering radius (degrees) of the coarse SO(3) grid (paper: 5°). */
  public double coarseCoveringDegrees() {
    return coarseCoveringDegrees;
  }

  /** EXHAUSTIVE, 3D: covering radius (degrees) of the refinement grid (paper: 1°). */
  public double refineCoveringDegrees() {
    return refineCoveringDegrees;
  }

  /** EXHAUSTIVE, 3D: radius (degrees) of the ball about the best coarse rotation (paper: 5°). */
  public double refineRadiusDegrees() {
    return refineRadiusDegrees;
  }

  /** EXHAUSTIVE, 2D: step of the angle grid in degrees (paper: 1°). */
  public double angleStepDegrees2d() {
    return angleStepDegrees2d;
  }

  /** True: minimise over SO(d) only (chirality matters); false: over O(d) (the paper). */
  public boolean properOnly() {
    return properOnly;
  }

  /** FAST, 3D: degree L of the spherical-harmonic expansion used to rank grid rotations. */
  public int fastDegree() {
    return fastDegree;
  }

  /** FAST, 3D: covering radius (degrees) of the SO(3) grid on which the expansion is ranked. */
  public double fastGridCoveringDegrees() {
    return fastGridCoveringDegrees;
  }

  /** FAST: at most this many distinct candidate orientations are polished. */
  public int fastMaxStarts() {
    return fastMaxStarts;
  }

  /**
   * FAST, 3D: grid local maxima whose expanded cross term is within this margin of the best are
   * polished, best first (up to {@link #fastMaxStarts()}); at least one always is. It must cover
   * the grid's sampling error of a peak (peaks fall between grid rotations).
   */
  public double fastStartMargin() {
    return fastStartMargin;
  }

  /** FAST, 2D: order M of the Fourier series of the cross term in the angle. */
  public int fastFourierOrder2d() {
    return fastFourierOrder2d;
  }

  /**
   * FAST, 2D: the series' maxima are refined on the series, the best is polished on the exact
   * cross term, and another only if its series maximum beats the best exact value by more than
   * this margin. The series must be accurate: the order M should exceed about κ + 5√κ for the
   * largest κ = r_cut²/2σ² (LJ 2D: κ ≈ 6, M = 16).
   */
  public double fastStartMargin2d() {
    return fastStartMargin2d;
  }

  /** Pairs whose rotation-invariant lower bound exceeds this d_inv are not searched; NaN: none. */
  public double pruneCut() {
    return pruneCut;
  }

  public boolean prunes() {
    return !Double.isNaN(pruneCut);
  }

  public GiipParameters withSigma(double v) {
    return new GiipParameters(v, mode, coarseCoveringDegrees, refineCoveringDegrees,
        refineRadiusDegrees, angleStepDegrees2d, properOnly, fastDegree, fastGridCoveringDegrees,
        fastMaxStarts, fastStartMargin, fastFourierOrder2d, fastStartMargin2d, pruneCut);
  }

  public GiipParameters withMode(SearchMode v) {
    return new GiipParameters(sigma, v, coarseCoveringDegrees, refineCoveringDegrees,
        refineRadiusDegrees, angleStepDegrees2d, properOnly, fastDegree, fastGridCoveringDegrees,
        fastMaxStarts, fastStartMargin, fastFourierOrder2d, fastStartMargin2d, pruneCut);
  }

  /** EXHAUSTIVE 3D grids: coarse covering, then {@code refine} covering of a ball of radius. */
  public GiipParameters withGrid3d(double coarse, double refine, double radius) {
    return new GiipParameters(sigma, mode, coarse, refine, radius, angleStepDegrees2d, properOnly,
        fastDegree, fastGridCoveringDegrees, fastMaxStarts, fastStartMargin, fastFourierOrder2d,
        fastStartMargin2d, pruneCut);
  }

  public GiipParameters withAngleStep2d(double degrees) {
    return new GiipParameters(sigma, mode, coarseCoveringDegrees, refineCoveringDegrees,
        refineRadiusDegrees, degrees, properOnly, fastDegree, fastGridCoveringDegrees,
        fastMaxStarts, fastStartMargin, fastFourierOrder2d, fastStartMargin2d, pruneCut);
  }

  public GiipParameters withProperOnly(boolean v) {
    return new GiipParameters(sigma, mode, coarseCoveringDegrees, refineCoveringDegrees,
        refineRadiusDegrees, angleStepDegrees2d, v, fastDegree, fastGridCoveringDegrees,
        fastMaxStarts, fastStartMargin, fastFourierOrder2d, fastStartMargin2d, pruneCut);
  }

  /** FAST settings: expansion degree L (3D), grid covering radius (3D), starts and margin. */
  public GiipParameters withFast(int degree, double gridCoveringDegrees, int maxStarts,
      double startMargin) {
    return new GiipParameters(sigma, mode, coarseCoveringDegrees, refineCoveringDegrees,
        refineRadiusDegrees, angleStepDegrees2d, properOnly, degree, gridCoveringDegrees,
        maxStarts, startMargin, fastFourierOrder2d, fastStartMargin2d, pruneCut);
  }

  public GiipParameters withFastFourierOrder2d(int order) {
    return new GiipParameters(sigma, mode, coarseCoveringDegrees, refineCoveringDegrees,
        refineRadiusDegrees, angleStepDegrees2d, properOnly, fastDegree, fastGridCoveringDegrees,
        fastMaxStarts, fastStartMargin, order, fastStartMargin2d, pruneCut);
  }

  /** FAST, 2D: Fourier order M and the start margin (the series is nearly exact: small). */
  public GiipParameters withFast2d(int order, double startMargin) {
    return new GiipParameters(sigma, mode, coarseCoveringDegrees, refineCoveringDegrees,
        refineRadiusDegrees, angleStepDegrees2d, properOnly, fastDegree, fastGridCoveringDegrees,
        fastMaxStarts, fastStartMargin, order, startMargin, pruneCut);
  }

  /** Prune pairs surely farther than {@code cut} (d_inv); NaN switches pruning off. */
  public GiipParameters withPruneCut(double cut) {
    return new GiipParameters(sigma, mode, coarseCoveringDegrees, refineCoveringDegrees,
        refineRadiusDegrees, angleStepDegrees2d, properOnly, fastDegree, fastGridCoveringDegrees,
        fastMaxStarts, fastStartMargin, fastFourierOrder2d, fastStartMargin2d, cut);
  }

  /**
   * The parameters as strings, keys prefixed {@code giip.}; goes into
   * {@code DistanceBlock.parameters()}. Only the settings of the chosen mode are listed.
   */
  public Map<String, String> toMap() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("giip.sigma", num(sigma));
    m.put("giip.search", mode.name());
    m.put("giip.group", properOnly ? "SO(d)" : "O(d)");
    if (mode == SearchMode.EXHAUSTIVE) {
      m.put("giip.exhaustive.coarseCoveringDegrees", num(coarseCoveringDegrees));
      m.put("giip.exhaustive.refineCoveringDegrees", num(refineCoveringDegrees));
      m.put("giip.exhaustive.refineRadiusDegrees", num(refineRadiusDegrees));
      m.put("giip.exhaustive.angleStepDegrees2d", num(angleStepDegrees2d));
    } else {
      m.put("giip.fast.degree", Integer.toString(fastDegree));
      m.put("giip.fast.gridCoveringDegrees", num(fastGridCoveringDegrees));
      m.put("giip.fast.maxStarts", Integer.toString(fastMaxStarts));
      m.put("giip.fast.startMargin", num(fastStartMargin));
      m.put("giip.fast.fourierOrder2d", Integer.toString(fastFourierOrder2d));
      m.put("giip.fast.startMargin2d", num(fastStartMargin2d));
    }
    m.put("giip.pruneCut", prunes() ? num(pruneCut) : "none");
    return m;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GiipParameters p && toMap().equals(p.toMap());
  }

  @Override
  public int hashCode() {
    return Objects.hash(toMap());
  }

  @Override
  public String toString() {
    return "GiipParameters" + toMap();
  }
}
