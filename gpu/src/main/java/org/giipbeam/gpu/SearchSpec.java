package org.giipbeam.gpu;

import java.io.Serializable;
import java.util.function.Function;

/**
 * How the orientation search of one {@link GiipParameters} is done: one record per
 * {@link SearchMode}, holding that mode's settings only and validating them when it is made.
 *
 * <p>The type is sealed and every place that acts on a search dispatches through
 * {@link #match}, which takes one handler per mode and has no default: a new mode is a new
 * record in {@code permits}, a new {@link SearchMode} constant and a new parameter of
 * {@code match}, so every engine, {@code toMap}/{@code fromMap} and the display data stop
 * compiling until they handle it (or say that they do not support it). Nothing can quietly run
 * it as another mode. (Java 17, the project's release, has no pattern {@code switch}; on 21
 * {@code match} is {@code switch (spec) { case Exhaustive e -> ...; case Fast f -> ... }}.)
 */
public sealed interface SearchSpec extends Serializable
    permits SearchSpec.Exhaustive, SearchSpec.Fast {

  /** The mode this record describes. */
  SearchMode mode();

  /** Calls the handler of this record's mode. */
  <R> R match(Function<Exhaustive, R> exhaustive, Function<Fast, R> fast);

  /** The paper's (or the project's measured) defaults of a mode. */
  static SearchSpec defaults(SearchMode mode) {
    return switch (mode) {
      case EXHAUSTIVE -> Exhaustive.PAPER;
      case FAST -> Fast.DEFAULT;
    };
  }

  /**
   * The exact cross term on covering grids (Hardin et al. 2022, Methods): 3D a coarse SO(3)
   * covering, then a finer covering of a ball about the best coarse rotation; 2D a uniform angle
   * grid. All in degrees.
   */
  record Exhaustive(double coarseCoveringDegrees, double refineCoveringDegrees,
      double refineRadiusDegrees, double angleStepDegrees2d) implements SearchSpec {
    private static final long serialVersionUID = 1L;
    /** The paper: 5° coarse covering, 1° refinement covering of the 5° ball; 2D 1°. */
    public static final Exhaustive PAPER = new Exhaustive(5, 1, 5, 1);

    public Exhaustive {
      check(coarseCoveringDegrees >= 0.5 && coarseCoveringDegrees <= 90,
          "coarse covering radius must be in [0.5°, 90°], got " + coarseCoveringDegrees + "°");
      check(refineCoveringDegrees > 0 && refineCoveringDegrees <= coarseCoveringDegrees,
          "refinement covering radius must be in (0°, coarse covering radius "
              + coarseCoveringDegrees + "°], got " + refineCoveringDegrees + "°");
      check(refineRadiusDegrees >= 0 && refineRadiusDegrees <= 45,
          "refinement ball radius must be in [0°, 45°], got " + refineRadiusDegrees + "°");
      check(angleStepDegrees2d > 0 && angleStepDegrees2d <= 90,
          "2D angle step must be in (0°, 90°], got " + angleStepDegrees2d + "°");
    }

    @Override
    public SearchMode mode() {
      return SearchMode.EXHAUSTIVE;
    }

    @Override
    public <R> R match(Function<Exhaustive, R> exhaustive, Function<Fast, R> fast) {
      return exhaustive.apply(this);
    }

    /** 3D grids: coarse covering, then {@code refine} covering of a ball of {@code radius}. */
    public Exhaustive withGrid3d(double coarse, double refine, double radius) {
      return new Exhaustive(coarse, refine, radius, angleStepDegrees2d);
    }

    public Exhaustive withAngleStep2d(double degrees) {
      return new Exhaustive(coarseCoveringDegrees, refineCoveringDegrees, refineRadiusDegrees,
          degrees);
    }
  }

  /**
   * The expansion of the cross term in the rotation ranks candidate orientations, a Newton
   * ascent on the exact cross term polishes the best few.
   *
   * @param degree 3D: degree L of the spherical-harmonic expansion
   * @param gridCoveringDegrees 3D: covering radius of the SO(3) grid the expansion is ranked on
   * @param maxStarts at most this many distinct candidates are polished
   * @param startMargin 3D: grid maxima within this margin of the best are polished (best first,
   *     at least one); it must cover the grid's sampling error of a peak
   * @param fourierOrder2d 2D: order M of the Fourier series in the angle; it should exceed about
   *     κ + 5√κ for the largest κ = r_cut²/2σ² (LJ 2D: κ ≈ 6, M = 16)
   * @param startMargin2d 2D: another series maximum is polished only if it beats the best exact
   *     value by more than this (the series is nearly exact: small)
   */
  record Fast(int degree, double gridCoveringDegrees, int maxStarts, double startMargin,
      int fourierOrder2d, double startMargin2d) implements SearchSpec {
    private static final long serialVersionUID = 1L;
    /** L = 6 on a 12° grid, 24 starts within 3.0; 2D M = 16, margin 1e-6. */
    public static final Fast DEFAULT = new Fast(6, 12, 24, 3.0, 16, 1e-6);

    public Fast {
      check(degree >= 2 && degree <= 30,
          "FAST expansion degree L must be in [2, 30], got " + degree);
      check(gridCoveringDegrees >= 3 && gridCoveringDegrees <= 45,
          "FAST grid covering radius must be in [3°, 45°], got " + gridCoveringDegrees + "°");
      check(maxStarts >= 1 && maxStarts <= 1000,
          "FAST starts must be in [1, 1000], got " + maxStarts);
      check(startMargin >= 0 && Double.isFinite(startMargin),
          "FAST start margin must be ≥ 0, got " + startMargin);
      check(fourierOrder2d >= 2 && fourierOrder2d <= 200,
          "FAST 2D Fourier order must be in [2, 200], got " + fourierOrder2d);
      check(startMargin2d >= 0 && Double.isFinite(startMargin2d),
          "FAST 2D start margin must be ≥ 0, got " + startMargin2d);
    }

    @Override
    public SearchMode mode() {
      return SearchMode.FAST;
    }

    @Override
    public <R> R match(Function<Exhaustive, R> exhaustive, Function<Fast, R> fast) {
      return fast.apply(this);
    }

    /** 3D settings: expansion degree L, grid covering radius, starts and margin. */
    public Fast with3d(int l, double gridCovering, int starts, double margin) {
      return new Fast(l, gridCovering, starts, margin, fourierOrder2d, startMargin2d);
    }

    /** 2D settings: Fourier order M and the start margin. */
    public Fast with2d(int order, double margin) {
      return new Fast(degree, gridCoveringDegrees, maxStarts, startMargin, order, margin);
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
