package org.giipbeam.pipelines;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SearchMode;

/**
 * The one mapping from command-line options ({@link StudyOptions}: {@code --dimension},
 * {@code --rskin}, {@code --rcut}, {@code --species}, {@code --centreTypes}, {@code --sigma},
 * {@code --search}) to {@link LaeParameters} and {@link GiipParameters}. Every command that cuts
 * LAEs or computes distances ({@code study}, {@code analyze}, {@code demo}, {@code stats}, the
 * deploy module's distance check) goes through it, so an option means the same everywhere.
 *
 * <p>The parameter objects validate themselves; a bad value comes back as their own message with
 * the option name in front, e.g. {@code --sigma: σ must be a positive finite number, got 0.0}.
 * Only what the parameter objects cannot know (the syntax of {@code --species}, the names of the
 * search modes) is checked here.
 */
public final class ParameterOptions {
  private ParameterOptions() {}

  /** The options that make {@link #lae} (and the dimension the samples are read in). */
  public static final List<String> LAE_OPTIONS =
      List.of("dimension", "rskin", "rcut", "species", "centreTypes");

  /** The options that make {@link #giip}. */
  public static final List<String> GIIP_OPTIONS = List.of("sigma", "search");

  /** {@code --dimension}: 2 (z dropped) or 3. */
  public static int dimension(StudyOptions o) {
    if (o.getDimension() != 2 && o.getDimension() != 3) {
      throw new IllegalArgumentException("--dimension must be 2 or 3, got " + o.getDimension());
    }
    return o.getDimension();
  }

  /** {@code --rskin}, {@code --rcut}, {@code --species}, {@code --centreTypes}. */
  public static LaeParameters lae(StudyOptions o) {
    LaeParameters radii =
        named("--rskin/--rcut", () -> LaeParameters.of(o.getRskin(), o.getRcut()));
    LaeParameters lae = named("--species", () -> species(radii, o.getSpecies()));
    List<Integer> centres = o.getCentreTypes();
    if (centres != null && !centres.isEmpty()) {
      if (centres.contains(null)) {
        throw new IllegalArgumentException("--centreTypes has an empty entry, got " + centres);
      }
      LaeParameters withSpecies = lae;
      lae = named("--centreTypes", () -> withSpecies.withCentreTypes(
          centres.stream().mapToInt(Integer::intValue).toArray()));
    }
    return lae;
  }

  /** {@code --sigma} and {@code --search}. */
  public static GiipParameters giip(StudyOptions o) {
    SearchMode mode;
    try {
      mode = SearchMode.parse(o.getSearch());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--search " + e.getMessage());
    }
    return named("--sigma", () -> GiipParameters.of(mode, o.getSigma()));
  }

  /** Species encoding: {@code agnostic}, {@code sign:PLUS,MINUS} or {@code vector:T1,T2,...}. */
  static LaeParameters species(LaeParameters lae, String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("agnostic")) {
      return lae;
    }
    int colon = s.indexOf(':');
    String kind = colon < 0 ? s : s.substring(0, colon);
    if (!List.of("agnostic", "sign", "vector").contains(kind) || colon < 0) {
      throw new IllegalArgumentException("must be agnostic, sign:PLUS,MINUS or"
          + " vector:T1,T2,..., got " + spec);
    }
    int[] types;
    try {
      types = Arrays.stream(s.substring(colon + 1).split(",", -1)).map(String::trim)
          .mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the types must be integers, e.g. sign:1,2, got "
          + spec);
    }
    return switch (kind) {
      case "sign" -> {
        if (types.length != 2) {
          throw new IllegalArgumentException("sign species takes two types, e.g. sign:1,2, got "
              + spec);
        }
        yield lae.withSignSpecies(types[0], types[1]);
      }
      case "vector" -> lae.withVectorSpecies(types);
      default -> lae.withAgnosticSpecies(types);
    };
  }

  /** Runs {@code make}; a parameter object's refusal comes back with the option in front. */
  private static <T> T named(String option, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }
}
