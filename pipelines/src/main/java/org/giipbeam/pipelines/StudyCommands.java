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
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.transforms.diffusion.CoordinateRedundancy;
import org.giipbeam.transforms.diffusion.DiffusionModel;

/** What the {@code study}, {@code analyze} and {@code demo} commands do. */
public final class StudyCommands {
  private StudyCommands() {}

  /** Options of the bundled demo: the paper's 2D parameters on the bundled crystal. */
  static final List<String> DEMO = List.of("--samples=examples/lj2d/lj2d.dump",
      "--dimension=2", "--rskin=1.3", "--rcut=1.75", "--sigma=0.5", "--eps=1.0", "--cut=1.0",
      "--trainingExtremes=c_pe:100:900", "--coordinates=8", "--output=giip-out/demo");

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

  static StudyOptions options(String[] args) {
    PipelineOptionsFactory.register(StudyOptions.class);
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(StudyOptions.class);
  }

  /** Runs a whole study; returns its output folder. */
  public static Path study(String[] args, PrintStream out) throws IOException {
    long t0 = System.nanoTime();
    StudyOptions o = options(withStudyFile(args));
    StudySpec spec = StudySpec.from(o);
    List<Frame> frames = spec.readAndCheckSamples();
    Files.createDirectories(spec.output());
    StructureStudy.writeStudyJson(spec);
    out.println("study: " + frames.size() + " sample(s) → " + spec.output());
    spec.describe().forEach((k, v) -> out.println("  " + k + ": " + v));
    Pipeline p = Pipeline.create(o);
    StructureStudy.buildStudy(p, spec, frames);
    long t1 = System.nanoTime();
    run(p, out);
    long t2 = System.nanoTime();
    Map<String, Duration> timings = new LinkedHashMap<>();
    timings.put("read and check samples", Duration.ofNanos(t1 - t0));
    timings.put("pipeline (LAEs, distances, analysis, outputs)", Duration.ofNanos(t2 - t1));
    report(spec, out, timings);
    summarize(spec, out, System.nanoTime() - t0);
    return spec.output();
  }

  /** Redoes the analysis of a saved study with new ε, classes, cut or coordinates. */
  @SuppressWarnings("unchecked")
  public static Path analyze(String[] args, PrintStream out) throws IOException {
    long t0 = System.nanoTime();
    String from = null;
    List<String> rest = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--from=")) {
        from = a.substring("--from=".length());
      } else {
        rest.add(a);
      }
    }
    if (from == null) {
      throw new IllegalArgumentException("analyze needs --from=DIR, the output folder of a study");
    }
    Path dir = Path.of(from);
    Map<String, Object> saved = StructureStudy.readStudyJson(dir);
    Set<String> explicit = StudyFile.explicitNames(rest.toArray(new String[0]));
    List<String> all = new ArrayList<>();
    List<Map<String, String>> samples = (List<Map<String, String>>) saved.get("samples");
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
    StructureStudy.SavedDistances d = StructureStudy.SavedDistances.read(dir);
    if (!new TreeMap<>(d.trainingDistances().parameters())
        .equals(new TreeMap<>(withoutStudyKeys(savedParams)))) {
      throw new IllegalArgumentException("saved distance files in " + dir
          + " carry other parameters than its study.json: " + d.trainingDistances().parameters());
    }
    List<Frame> frames = spec.readAndCheckSamples();
    Files.createDirectories(spec.output());
    if (!spec.output().toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
      StructureStudy.writeStudyJson(spec);
    }
    out.println("analyze: distances of " + dir + " (" + d.training().size() + " training, "
        + d.extensionLaes().stream().mapToInt(b -> b.size()).sum() + " extension LAEs) → "
        + spec.output());
    Pipeline p = Pipeline.create(o);
    StructureStudy.buildAnalysis(p, spec, frames, d);
    long t1 = System.nanoTime();
    run(p, out);
    Map<String, Duration> timings = new LinkedHashMap<>();
    timings.put("read saved distances and samples", Duration.ofNanos(t1 - t0));
    timings.put("analysis pipeline", Duration.ofNanos(System.nanoTime() - t1));
    report(spec, out, timings);
    summarize(spec, out, System.nanoTime() - t0);
    return spec.output();
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

  private static void run(Pipeline p, PrintStream out) {
    PipelineResult.State state = p.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("pipeline ended " + state);
    }
  }

  static void summarize(StudySpec spec, PrintStream out, long nanos) throws IOException {
    Path dir = spec.output();
    List<LaeResult> rows = ResultsWriter.readArrow(dir.resolve("results.arrow"));
    StudyModels m = StructureStudy.readModels(dir);
    DiffusionModel d = m.diffusion();
    long training = rows.stream().filter(LaeResult::training).count();
    out.printf(Locale.ROOT, "%d LAEs (%d training), %d classes, ε = %.4g%n", rows.size(),
        training, m.cluster().classCount(), d.epsilon());
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
