package org.giipbeam.pipelines.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.LaeResult;

/**
 * Everything the report of a finished study shows, as plain values. Immutable; build it with
 * {@link #of} and the {@code withX} methods, then hand it to {@link ReportWriter#write}.
 *
 * <pre>{@code
 * StudyReport report = StudyReport.of("NiNb glass, four quench rates", results)
 *     .withParameters(Map.of("r_cut", "4.0", "sigma", "1.0"))
 *     .withSpectrum(new CoordinateSpectrum(lambda, residuals, polyR2, List.of(1, 2, 3, 5, 6)))
 *     .withSweep(new EpsilonChoice(eps, sums, 1.5))
 *     .withComparison(new SampleComparison("slow", List.of("q1.7e11"), "fast",
 *         List.of("q1.7e13"), 2, 3))
 *     .withTiming("distances", Duration.ofMinutes(12));
 * ReportFiles files = ReportWriter.write(report, outputDir);
 * }</pre>
 *
 * @param title the study's name, first line of the report
 * @param parameters study parameters as the user gave them (shown in insertion order)
 * @param results one row per LAE, training and extension
 * @param spectrum eigenvalues and redundancies, or null when not available
 * @param sweep the ε sweep, or null when ε was given and not swept
 * @param timings wall time of each step, in order
 * @param scatterPairs planes (i, j) to plot coloured by class; empty = a default from the
 *     non-harmonic coordinates
 * @param regressionDescriptors descriptors to plot each leading coordinate against; empty =
 *     coordination and composition where present
 * @param comparisons density differences to plot
 * @param interpretedCoordinates how many leading coordinates the interpretation table has
 * @param exemplars the medoid LAE of each class and of each end of the leading coordinates
 *     ({@link Exemplars}); empty = none drawn
 */
public record StudyReport(
    String title,
    Map<String, String> parameters,
    List<LaeResult> results,
    CoordinateSpectrum spectrum,
    EpsilonChoice sweep,
    Map<String, Duration> timings,
    List<int[]> scatterPairs,
    List<String> regressionDescriptors,
    List<SampleComparison> comparisons,
    int interpretedCoordinates,
    List<Exemplars.Exemplar> exemplars) {

  /** Rows of the interpretation table unless told otherwise. */
  public static final int DEFAULT_INTERPRETED = 10;

  public StudyReport {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one LAE result");
    }
    int k = results.get(0).coordinates().length;
    for (LaeResult r : results) {
      if (r.coordinates().length != k) {
        throw new IllegalArgumentException("LAE " + r.sample() + "#" + r.centreId() + " has "
            + r.coordinates().length + " coordinates, the first row has " + k);
      }
    }
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    results = List.copyOf(results);
    timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    List<int[]> pairs = new ArrayList<>();
    for (int[] p : scatterPairs) {
      if (p.length != 2 || p[0] < 1 || p[1] < 1 || p[0] > k || p[1] > k) {
        throw new IllegalArgumentException("scatter pair " + java.util.Arrays.toString(p)
            + " is not two coordinates in 1.." + k);
      }
      pairs.add(p.clone());
    }
    scatterPairs = List.copyOf(pairs);
    regressionDescriptors = List.copyOf(regressionDescriptors);
    comparisons = List.copyOf(comparisons);
    exemplars = List.copyOf(exemplars);
    if (interpretedCoordinates < 1) {
      throw new IllegalArgumentException(
          "interpreted coordinates must be ≥ 1, was " + interpretedCoordinates);
    }
  }

  /** A report of results with nothing else yet. */
  public static StudyReport of(String title, List<LaeResult> results) {
    return new StudyReport(title, Map.of(), results, null, null, Map.of(), List.of(), List.of(),
        List.of(), DEFAULT_INTERPRETED, List.of());
  }

  public StudyReport withParameters(Map<String, String> p) {
    return new StudyReport(title, p, results, spectrum, sweep, timings, scatterPairs,
        regressionDescriptors, comparisons, interpretedCoordinates, exemplars);
  }

  public StudyReport withSpectrum(CoordinateSpectrum s) {
    return new StudyReport(title, parameters, results, s, sweep, timings, scatterPairs,
        regressionDescriptors, comparisons, interpretedCoordinates, exemplars);
  }

  public StudyReport withSweep(EpsilonChoice s) {
    return new StudyReport(title, parameters, results, spectrum, s, timings, scatterPairs,
        regressionDescriptors, comparisons, interpretedCoordinates, exemplars);
  }

  /** Adds one step's wall time (steps keep the order they were added in). */
  public StudyReport withTiming(String step, Duration d) {
    Map<String, Duration> t = new LinkedHashMap<>(timings);
    t.put(step, d);
    return new StudyReport(title, parameters, results, spectrum, sweep, t, scatterPairs,
        regressionDescriptors, comparisons, interpretedCoordinates, exemplars);
  }

  /** Adds a plane φ_i × φ_j (1-based) to plot coloured by class. */
  public StudyReport withScatterPair(int i, int j) {
    List<int[]> p = new ArrayList<>(scatterPairs);
    p.add(new int[] {i, j});
    return new StudyReport(title, parameters, results, spectrum, sweep, timings, p,
        regressionDescriptors, comparisons, interpretedCoordinates, exemplars);
  }

  public StudyReport withRegressionDescriptors(List<String> d) {
    return new StudyReport(title, parameters, results, spectrum, sweep, timings, scatterPairs,
        d, comparisons, interpretedCoordinates, exemplars);
  }

  public StudyReport withComparison(SampleComparison c) {
    List<SampleComparison> cs = new ArrayList<>(comparisons);
    cs.add(c);
    return new StudyReport(title, parameters, results, spectrum, sweep, timings, scatterPairs,
        regressionDescriptors, cs, interpretedCoordinates, exemplars);
  }

  public StudyReport withInterpretedCoordinates(int k) {
    return new StudyReport(title, parameters, results, spectrum, sweep, timings, scatterPairs,
        regressionDescriptors, comparisons, k, exemplars);
  }

  /** With the exemplars to draw and tabulate. */
  public StudyReport withExemplars(List<Exemplars.Exemplar> e) {
    return new StudyReport(title, parameters, results, spectrum, sweep, timings, scatterPairs,
        regressionDescriptors, comparisons, interpretedCoordinates, e);
  }

  /** Warnings the report shows (from the spectrum); empty when none. */
  public List<String> warnings() {
    return spectrum == null ? List.of() : spectrum.warnings();
  }

  /** Number of diffusion coordinates each LAE carries. */
  public int coordinateCount() {
    return results.get(0).coordinates().length;
  }

  /** The planes to plot: those given, else from the non-harmonic coordinates, else φ_1 × φ_2. */
  public List<int[]> effectiveScatterPairs() {
    if (!scatterPairs.isEmpty()) {
      return scatterPairs;
    }
    int k = coordinateCount();
    List<Integer> nh = spectrum == null ? List.of() : spectrum.nonHarmonic().stream()
        .filter(c -> c <= k).toList();
    List<int[]> pairs = new ArrayList<>();
    // The paper's planes: A × B, B × C (Fig. 2d), A × D (Fig. 2e).
    if (nh.size() >= 2) {
      pairs.add(new int[] {nh.get(0), nh.get(1)});
    }
    if (nh.size() >= 3) {
      pairs.add(new int[] {nh.get(1), nh.get(2)});
    }
    if (nh.size() >= 4) {
      pairs.add(new int[] {nh.get(0), nh.get(3)});
    }
    if (pairs.isEmpty() && k >= 2) {
      pairs.add(new int[] {1, 2});
    }
    return pairs;
  }

  /** The leading coordinates to regress: the first five non-harmonic ones, else φ_1..φ_3. */
  public List<Integer> regressedCoordinates() {
    int k = coordinateCount();
    List<Integer> nh = spectrum == null ? List.of() : spectrum.nonHarmonic().stream()
        .filter(c -> c <= k).limit(5).toList();
    if (!nh.isEmpty()) {
      return nh;
    }
    List<Integer> first = new ArrayList<>();
    for (int c = 1; c <= Math.min(3, k); c++) {
      first.add(c);
    }
    return first;
  }

  /** The descriptors to plot against: those given, else coordination and compositions. */
  public List<String> effectiveRegressionDescriptors() {
    if (!regressionDescriptors.isEmpty()) {
      return regressionDescriptors;
    }
    List<String> names = InterpretationTable.informativeDescriptors(results);
    List<String> chosen = new ArrayList<>();
    if (names.contains("coordination")) {
      chosen.add("coordination");
    }
    names.stream().filter(n -> n.matches("composition_\\d+")).findFirst().ifPresent(chosen::add);
    names.stream().filter(n -> n.matches("composition_count_\\d+")).findFirst()
        .ifPresent(chosen::add);
    return chosen;
  }
}
