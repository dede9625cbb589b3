package org.giipbeam.gpu;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the orientation-invariant GIIP distance searches O(d) (or SO(d)) for the best R. */
public enum SearchMode {
  /**
   * The paper's method, the reference and the baseline: the exact cross term evaluated on a
   * covering grid of O(d). 3D: a coarse covering (5°) then a fine covering (1°) of a ball (5°)
   * about the best coarse rotation; 2D: a uniform angle grid (1°) for both handednesses.
   */
  EXHAUSTIVE,
  /**
   * The same minimum with far less work: the cross term expanded in the rotation (3D: modified
   * spherical Bessel functions × real spherical harmonics; 2D: a Fourier series in the angle)
   * locates the candidate basins from a coarse grid, then a Newton ascent on the exact Gaussian
   * cross term polishes the best few distinct candidates.
   */
  FAST;

  /**
   * The mode named (any case) on a command line or in a file.
   *
   * @throws IllegalArgumentException "must be exhaustive or fast, got 'x'" (the caller adds the
   *     option's name)
   */
  public static SearchMode parse(String name) {
    for (SearchMode m : values()) {
      if (m.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("must be " + Arrays.stream(values())
        .map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or "))
        + ", got '" + name + "'");
  }
}
