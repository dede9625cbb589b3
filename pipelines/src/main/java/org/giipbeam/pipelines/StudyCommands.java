package org.giipbeam.pipelines;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.arrowio.io.SampleReader;
import org.giipbeam.transforms.DistanceProgress;
import org.giipbeam.transforms.GiipBlocks;
import org.giipbeam.transforms.StudyModels;
import org.giipbeam.transforms.diffusion.CoordinateRedundancy;
import org.giipbeam.transforms.diffusion.DiffusionModel;

/** What the {@code study}, {@code analyze} and {@code demo} commands do. */
public final class StudyCommands {
  private StudyCommands() {}

  /**
   * Options of the bundled demo: the paper's 2D parameters on the bundled crystal. The sample is
   * relative to the installation ({@link #installation()}), the output to the current folder.
   */
  static final List<String> DEMO = List.of("--samples=examples/lj2d/lj2d.dump",
      "--dimension=2", "--rskin=1.3", "--rcut=1.75", "--sigma=0.5", "--eps=1.0", "--cut=1.0",
      "--trainingExtremes=c_pe:100:900", "--coordinates=8", "--output=giip-out/demo");

  /** System property naming the installation folder (bin/giip sets it). */
  static final String HOME_PROPERTY = "giip.home";

  /**
   * The folder bin/giip was started from (the repository or an unpacked distribution): system
   * property {@code giip.home}, else environment variable {@code GIIP_HOME}, else the current
   * folder.
   */
  static Path installation() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv("GIIP_HOME");
    }
    return Path.of(home == null || home.isBlank() ? "" : home);
  }

  /** The demo's options (its sample found in the installation), then the user's, which win. */
  static String[] demoArgs(String[] user) {
    List<String> all = new ArrayList<>();
    for (String a : DEMO) {
      all.add(a.startsWith("--samples=")
          ? "--samples=" + installation().resolve(a.substring("--samples=".length()))
          : a);
    }
    all.addAll(Arrays.asList(user));
    return all.toArray(new String[0]);
  }

  /** Expands {@code --study=FILE} into options placed before the command line's own. */
  static String[] withStudyFile(String[] args) throws IOException {
    String file = null;
    for (String a : args) {
      if (a.startsWith("--study=")) {
        file = a.substring("--study=".length());
      }
    }
    if (file == null) {
      return args;
    }
    List<String> all = new ArrayList<>(StudyFile.toArgs(Path.of(file),
        StudyFile.explicitNames(args)));
    all.addAll(Arrays.asList(args));
    return all.toArray(new String[0]);
  }

  /**
   * Parses {@code --name=value} options into {@link StudyOptions}. An option given twice takes
   * its later value (a study file's options come first, then the command line's; the demo's
   * defaults, then the user's). A bad option or value is one line naming it.
   */
  static StudyOptions options(String[] args) {
    PipelineOptionsFactory.register(StudyOptions.class);
    String[] last = laterWins(args);
    for (String a : last) {
      checkValue(a);
    }
    try {
      return PipelineOptionsFactory.fromArgs(last).withValidation().as(StudyOptions.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(optionMessage(e), e);
    }
  }

  /** {@code args} with each option only at its last occurrence ({@code --name=value}). */
  static String[] laterWins(String[] args) {
    Map<String, String> byName = new LinkedHashMap<>();
    List<String> other = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--") && a.length() > 2) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
        byName.remove(name);
        byName.put(name, a);
      } else {
        other.add(a);
      }
    }
    List<String> out = new ArrayList<>(byName.values());
    out.addAll(other);
    return out.toArray(new String[0]);
  }

  /**
   * A number option of {@link StudyOptions} given something that is not a number: one line
   * naming the option (Beam's own message names only the Java type).
   */
  private static void checkValue(String arg) {
    int eq = arg.indexOf('=');
    if (!arg.startsWith("--") || eq < 0) {
      return;
    }
    String name = arg.substring(2, eq);
    String value = arg.substring(eq + 1);
    if (name.isEmpty()) {
      return;
    }
    java.lang.reflect.Method m;
    try {
      m = StudyOptions.class.getDeclaredMethod(
          "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
    } catch (NoSuchMethodException e) {
      return;
    }
    Class<?> t = m.getReturnType();
    List<String> values = List.of(value.strip());
    if (List.class.isAssignableFrom(t)
        && m.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType pt) {
      t = (Class<?>) pt.getActualTypeArguments()[0];
      values = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    }
    for (String v : values) {
      try {
        if (t == int.class || t == Integer.class) {
          Integer.parseInt(v);
        } else if (t == long.class || t == Long.class) {
          Long.parseLong(v);
        } else if (t == double.class || t == Double.class) {
          Double.parseDouble(v);
        }
      } catch (NumberFormatException e) {
        String what = t == double.class || t == Double.class ? "a number" : "an integer";
        throw new IllegalArgumentException("--" + name + ": '" + v + "' is not " + what
            + (values.size() > 1 ? " (in " + value + ")" : ""));
      }
    }
  }

  /** Beam's message for a bad option, in one line and in the words of this command line. */
  private static String optionMessage(IllegalArgumentException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().strip();
    java.util.regex.Matcher missing = java.util.regex.Pattern
        .compile("missing a property named '([^']*)'").matcher(m);
    if (missing.find()) {
      String guess = "";
      java.util.regex.Matcher mean = java.util.regex.Pattern
          .compile("Did you mean '([^']*)'").matcher(m);
      if (mean.find()) {
        guess = "; did you mean --" + mean.group(1).replaceFirst("^--", "") + "?";
      }
      return "unknown option --" + missing.group(1) + guess + " (--help lists the options)";
    }
    return m.lines().map(String::strip).filter(l -> !l.isEmpty())
        .collect(java.util.stream.Collectors.joining(" "));
  }

  /**
   * One option as {@code --help} prints it: name, default and description, read from
   * {@link StudyOptions} (so that a command showing only some options shows the same words).
   */
  static String describeOption(String name) {
    String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    java.lang.reflect.Method m;
    try {
      m = StudyOptions.class.getMethod(getter);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("StudyOptions has no option " + name, e);
    }
    StringBuilder sb = new StringBuilder("  --" + name + "=<" + m.getReturnType().getSimpleName()
        + ">\n");
    for (java.lang.annotation.Annotation a : m.getAnnotations()) {
      String type = a.annotationType().getName();
      if (type.startsWith(org.apache.beam.sdk.options.Default.class.getName() + "$")) {
        try {
          Object v = a.annotationType().getMethod("value").invoke(a);
          sb.append("    Default: ").append(v).append('\n');
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    org.apache.beam.sdk.options.Description d =
        m.getAnnotation(org.apache.beam.sdk.options.Description.class);
    if (d != null) {
      sb.append("    ").append(d.value()).append('\n');
    }
    return sb.toString();
  }

  /** Runs a whole study; returns its output folder. */
  public static Path study(String[] args, PrintStream out) throws IOException {
    long t0 = System.nanoTime();
    StudyOptions o = options(withStudyFile(args));
    StudySpec spec = StudySpec.from(o);
    List<Frame> frames = spec.readAndCheckSamples();
    spec.checkAnalysis(spec.trainingSize());
    for (Frame f : frames) {
      String hint = org.giipbeam.arrowio.io.FrameChecks.planarHint(f);
      if (hint != null) {
        out.println("note: " + hint);
      }
    }
    Map<String, String> identity = spec.identity();
    Path dir = spec.output();
    StudyFolder.checkForStudy(dir, identity, spec.overwrite());
    try (StudyFolder folder = StudyFolder.openForStudy(dir, identity, spec.overwrite())) {
      folder.writeStudyJson(spec, StudyFolder.typeNames(frames));
      out.println("study: " + frames.size() + " sample(s) → " + dir);
      spec.describe().forEach((k, v) -> out.println("  " + k + ": " + v));
      DistanceProgress progress = DistanceProgress.of(dir.toAbsolutePath() + "@" + t0,
          estimatedPairs(spec, frames), true);
      Pipeline p = Pipeline.create(o);
      StructureStudy.buildDistances(p, spec, frames, folder.distances(), progress);
      long t1 = System.nanoTime();
      PipelineResult result = run(p);
      progress.finish(System.err);
      long[] pairs = pairCounts(result);
      out.printf(Locale.ROOT, "distance step: %d pairs computed, %d reused from an earlier run"
          + " (%.1f s)%n", pairs[0], pairs[1], (System.nanoTime() - t1) / 1e9);
      StructureStudy.SavedDistances d = StructureStudy.SavedDistances.read(folder.distances());
      // The distances are complete: a manifest now lets 'analyze' reuse them whatever happens
      // next; the final one, with every output, replaces it.
      folder.writeManifest();
      long t2 = System.nanoTime();
      Map<String, Duration> timings = new LinkedHashMap<>();
      timings.put("read and check samples", Duration.ofNanos(t1 - t0));
      timings.put("distances (" + pairs[0] + " pairs computed, " + pairs[1] + " reused)",
          Duration.ofNanos(t2 - t1));
      try {
        analysis(o, spec, frames, d, folder, out, timings, t0);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(oneLine(e) + " — the distances are complete and"
            + " kept in " + dir + "; rerun only the analysis with: giip analyze --from=" + dir
            + " (add --eps=E, --classes=K or --cut=T, --coordinates=N to change them)", e);
      }
    }
    return spec.output();
  }

  /** The pairs the distance step will search, for the progress line (an estimate). */
  static long estimatedPairs(StudySpec spec, List<Frame> frames) {
    long centres = frames.stream().mapToLong(spec::centres).sum();
    long n = spec.trainingSize();
    long extension = Math.round(Math.max(0, centres - n) * spec.extensionFraction());
    return n * (n - 1) / 2 + n * extension;
  }

  /** Pairs computed and pairs reused, from the pipeline's counters (any runner). */
  static long[] pairCounts(PipelineResult result) {
    long[] out = new long[2];
    try {
      for (var c : result.metrics().queryMetrics(MetricsFilter.builder().build())
          .getCounters()) {
        String name = c.getName().getName();
        long v = attemptedOrCommitted(c);
        if (c.getName().getNamespace().equals(GiipBlocks.class.getName())) {
          if (name.equals("pairs")) {
            out[0] += v;
          } else if (name.equals("pairs-reused")) {
            out[1] += v;
          }
        }
      }
    } catch (UnsupportedOperationException e) {
      // a runner without metrics: counts stay 0
    }
    return out;
  }

  private static long attemptedOrCommitted(org.apache.beam.sdk.metrics.MetricResult<Long> c) {
    try {
      return c.getCommitted();
    } catch (UnsupportedOperationException e) {
      return c.getAttempted();
    }
  }

  /** The message of the innermost cause, on one line. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t
        && (t.getMessage() == null || t instanceof Pipeline.PipelineExecutionException)) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.replace('\n', ' ');
  }

  /** Redoes the analysis of a saved study with new ε, classes, cut or coordinates. */
  @SuppressWarnings("unchecked")
  /**
   * A study with --every holds one sample per chosen frame (LABEL-frameK); its files, once each,
   * with their own labels and groups, so that --every chooses the same frames again.
   */
  static List<Map<String, String>> filesOfFrameSamples(List<Map<String, String>> s) {
    Map<String, Map<String, String>> byFile = new LinkedHashMap<>();
    for (Map<String, String> e : s) {
      byFile.computeIfAbsent(e.get("file"), f -> {
        Map<String, String> m = new LinkedHashMap<>(e);
        String suffix = SampleReader.frameLabel("", Integer.parseInt(e.get("frame")));
        String label = e.get("label");
        m.put("label", label.endsWith(suffix)
            ? label.substring(0, label.length() - suffix.length()) : label);
        return m;
      });
    }
    return new ArrayList<>(byFile.values());
  }

  /** The value of {@code --from=} in {@code args} (null when absent); the others into rest. */
  static String from(String[] args, List<String> rest) {
    String from = null;
    for (String a : args) {
      if (a.startsWith("--from=")) {
        from = a.substring("--from=".length());
      } else {
        rest.add(a);
      }
    }
    return from;
  }

  public static Path analyze(String[] args, PrintStream out) throws IOException {
    long t0 = System.nanoTime();
    List<String> rest = new ArrayList<>();
    String from = from(args, rest);
    if (from == null) {
      throw new IllegalArgumentException("analyze needs --from=DIR, the output folder of a study");
    }
    Path dir = Path.of(from);
    Map<String, Object> saved = StudyFolder.readStudyJson(dir);
    if (saved.containsKey(StudyExtension.EXTENDS)) {
      throw new IllegalArgumentException("--from=" + dir + " is an extension of the study "
          + saved.get(StudyExtension.EXTENDS) + ": it has no distances of its own to analyze");
    }
    Set<String> explicit = StudyFile.explicitNames(rest.toArray(new String[0]));
    List<String> all = new ArrayList<>();
    List<Map<String, String>> samples = (List<Map<String, String>>) saved.get("samples");
    if (((Map<String, String>) saved.get("distanceOptions")).containsKey("every")) {
      samples = filesOfFrameSamples(samples);
    }
    all.add("--samples=" + String.join(",", samples.stream().map(s -> s.get("file")).toList()));
    all.add("--labels=" + String.join(",", samples.stream().map(s -> s.get("label")).toList()));
    if (samples.stream().anyMatch(s -> !s.get("group").isEmpty())) {
      all.add("--groups=" + String.join(",", samples.stream().map(s -> s.get("group"))
          .toList()));
    }
    ((Map<String, String>) saved.get("distanceOptions")).forEach((k, v) -> {
      if (!explicit.contains(k)) {
        all.add("--" + k + "=" + v);
      }
    });
    // The study's own analysis settings, unless the command line changes them.
    Map<String, String> analysisOptions = (Map<String, String>) saved.getOrDefault(
        "analysisOptions", Map.of());
    boolean cutGiven = explicit.contains("cut") || explicit.contains("classes");
    analysisOptions.forEach((k, v) -> {
      boolean isCut = k.equals("cut") || k.equals("classes");
      if (!explicit.contains(k) && !(isCut && cutGiven)) {
        all.add("--" + k + "=" + v);
      }
    });
    // The training split is that of the saved distances: record it, not the defaults.
    Object split = saved.get("splitOptions");
    if (split instanceof Map<?, ?> sm) {
      sm.forEach((k, v) -> {
        if (!explicit.contains(k.toString())) {
          all.add("--" + k + "=" + v);
        }
      });
    }
    if (!explicit.contains("output")) {
      all.add("--output=" + dir);
    }
    all.addAll(rest);
    StudyOptions o = options(all.toArray(new String[0]));
    StudySpec spec = StudySpec.from(o);
    Map<String, String> savedParams = new TreeMap<>(
        (Map<String, String>) saved.get("distanceParameters"));
    if (!savedParams.equals(new TreeMap<>(spec.distanceParameters()))) {
      throw new IllegalArgumentException("the distances in " + dir + " were made with other"
          + " LAE/GIIP parameters: saved " + savedParams + ", asked " + spec.distanceParameters()
          + ". analyze changes ε, classes, cut and coordinates only; run a new study for others.");
    }
    List<Frame> frames = spec.readAndCheckSamples();
    boolean sameFolder = spec.output().toAbsolutePath().normalize()
        .equals(dir.toAbsolutePath().normalize());
    if (!sameFolder) {
      StudyFolder.checkForStudy(spec.output(), spec.identity(), spec.overwrite());
    }
    try (StudyFolder source = StudyFolder.openForAnalysis(dir)) {
      source.verifyDistances();
      StructureStudy.SavedDistances d = StructureStudy.SavedDistances.read(source.distances());
      spec.checkAnalysis(d.training().size());
      if (!new TreeMap<>(d.training().parameters()).isEmpty()
          && !d.trainingTiles().isEmpty() && !new TreeMap<>(d.trainingTiles().get(0)
              .parameters()).equals(new TreeMap<>(withoutStudyKeys(savedParams)))) {
        throw new IllegalArgumentException("saved distance files in " + dir
            + " carry other parameters than its study.json: "
            + d.trainingTiles().get(0).parameters());
      }
      out.println("analyze: distances of " + dir + " (" + d.training().size() + " training, "
          + d.extensionLaes().stream().mapToInt(b -> b.size()).sum() + " extension LAEs) → "
          + spec.output());
      Map<String, Duration> timings = new LinkedHashMap<>();
      timings.put("read saved distances and samples", Duration.ofNanos(System.nanoTime() - t0));
      if (sameFolder) {
        source.writeStudyJson(spec, StudyFolder.typeNames(frames));
        analysis(o, spec, frames, d, source, out, timings, t0);
      } else {
        try (StudyFolder target = StudyFolder.openForStudy(spec.output(), spec.identity(),
            spec.overwrite())) {
          target.writeStudyJson(spec, StudyFolder.typeNames(frames));
          analysis(o, spec, frames, d, target, out, timings, t0);
        }
      }
    }
    return spec.output();
  }

  /**
   * The analysis half: clustering, diffusion map, extension, outputs, report, and the folder's
   * manifest, written last.
   */
  private static void analysis(StudyOptions o, StudySpec spec, List<Frame> frames,
      StructureStudy.SavedDistances d, StudyFolder folder, PrintStream out,
      Map<String, Duration> timings, long t0) throws IOException {
    long t = System.nanoTime();
    Pipeline p = Pipeline.create(o);
    StructureStudy.buildAnalysis(p, spec, frames, d);
    run(p);
    timings.put("analysis (classes, diffusion map, extension, outputs)",
        Duration.ofNanos(System.nanoTime() - t));
    report(spec, out, timings);
    summarize(spec, out, System.nanoTime() - t0);
    folder.writeManifest();
  }

  private static void report(StudySpec spec, PrintStream out, Map<String, Duration> timings)
      throws IOException {
    long t = System.nanoTime();
    org.giipbeam.pipelines.report.ReportFiles files = StudyReports.write(spec, timings);
    out.printf(Locale.ROOT, "report: %s (%d figures, %.1f s)%n", files.html(),
        files.figures().size(), (System.nanoTime() - t) / 1e9);
  }

  private static Map<String, String> withoutStudyKeys(Map<String, String> m) {
    Map<String, String> out = new TreeMap<>(m);
    out.keySet().removeIf(k -> k.startsWith("study."));
    return out;
  }

  /** Runs a pipeline to its end; a failure inside it surfaces as its cause. */
  static PipelineResult run(Pipeline p) {
    PipelineResult result;
    try {
      result = p.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("pipeline ended " + state);
      }
    } catch (Pipeline.PipelineExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    return result;
  }

  static void summarize(StudySpec spec, PrintStream out, long nanos) throws IOException {
    Path dir = spec.output();
    List<LaeResult> rows = ResultsWriter.readArrow(dir.resolve(StudyFolder.RESULTS_ARROW));
    StudyModels m = StudyFolder.readModels(dir);
    DiffusionModel d = m.diffusion();
    long training = rows.stream().filter(LaeResult::training).count();
    out.printf(Locale.ROOT, "%d LAEs (%d training), %d classes, ε = %.4g%n", rows.size(),
        training, m.cluster().classCount(), d.epsilon());
    m.diffusion().epsilonReason().ifPresent(r -> out.println("  " + r));
    out.println("  λ_k:        " + join(d.eigenvalues()));
    out.println("  redundancy: " + join(d.localLinearResiduals()));
    out.println("  non-harmonic coordinates: "
        + Arrays.toString(d.nonHarmonicCoordinates(CoordinateRedundancy.DEFAULT_THRESHOLD)));
    d.warnings().forEach(w -> out.println("  warning: " + w));
    out.printf(Locale.ROOT, "  done in %.1f s; results in %s%n", nanos / 1e9, dir);
  }

  static String join(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (double x : v) {
      sb.append(String.format(Locale.ROOT, "%8.4f", x));
    }
    return sb.toString();
  }
}
