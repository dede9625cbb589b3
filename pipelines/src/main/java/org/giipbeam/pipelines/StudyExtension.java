package org.giipbeam.pipelines;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.transforms.DistanceProgress;
import org.giipbeam.transforms.DistanceStore;
import org.giipbeam.transforms.GiipBlocks;
import org.giipbeam.transforms.LaeResults;
import org.giipbeam.transforms.SampleLAEs;
import org.giipbeam.transforms.StudyModels;

/**
 * {@code giip extend}: new samples on a finished study's map. Every LAE of the new samples gets
 * its GIIP distances to the study's training LAEs only ({@link GiipBlocks#extension}), then the
 * class of its nearest training LAE and its Nyström coordinates from the study's saved
 * {@link StudyModels} ({@link LaeResults#extension}) — the same transforms and models that put
 * the study's own extension LAEs on its map, so an LAE of a sample that was in the study gets
 * back the study's class and coordinates. Nothing is fitted again.
 *
 * <p>The output is a folder like a study's (results, annotated samples, maps, eigen.csv,
 * report, explorer page), by default beside the study: {@code STUDY-extend-LABELS}. Its
 * study.json names the study it extends and the checksums of that study's models and training
 * LAEs; the distances are kept in its {@code distances/}, so a killed run resumes.
 */
final class StudyExtension {
  private StudyExtension() {}

  /** Options that belong to the study's fit or training split: extend cannot change them. */
  static final List<String> FIXED_OPTIONS = List.of("eps", "cut", "classes", "coordinates",
      "trainingPerSample", "trainingExtremes", "seed", "tileSize", "study");

  /** study.json key naming the study an extension folder extends. */
  static final String EXTENDS = "extends";

  /** Puts the samples of {@code args} on the study of {@code --from}; returns the output. */
  @SuppressWarnings("unchecked")
  static Path extend(String[] args, PrintStream out) throws IOException {
    long t0 = System.nanoTime();
    List<String> rest = new ArrayList<>();
    String from = StudyCommands.from(args, rest);
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("extend needs --from=DIR, the output folder of a"
          + " finished study");
    }
    Set<String> explicit = StudyFile.explicitNames(rest.toArray(new String[0]));
    for (String name : FIXED_OPTIONS) {
      if (explicit.contains(name)) {
        throw new IllegalArgumentException("extend: --" + name + " cannot be given: the new"
            + " samples go on the study's own training LAEs, classes and coordinates"
            + (name.equals("study") ? "" : " (giip analyze --from=" + from
            + " changes ε, classes and coordinates)"));
      }
    }
    if (!explicit.contains("samples")) {
      throw new IllegalArgumentException("extend needs --samples=FILE,..., the new samples");
    }
    Path dir = Path.of(from);
    Map<String, Object> saved = StudyFolder.readStudyJson(dir);
    if (saved.containsKey(EXTENDS)) {
      throw new IllegalArgumentException("--from=" + dir + " is an extension of the study "
          + saved.get(EXTENDS) + ", not a study: give that study");
    }
    Map<String, String> modelFiles = StudyFolder.finishedModels(dir);
    List<String> all = new ArrayList<>();
    ((Map<String, String>) saved.get("distanceOptions")).forEach((k, v) -> {
      if (!explicit.contains(k)) {
        all.add("--" + k + "=" + v);
      }
    });
    ((Map<String, String>) saved.getOrDefault("analysisOptions", Map.of())).forEach((k, v) ->
        all.add("--" + k + "=" + v));
    // Named elements get the study's type numbers (its own alphabetical numbering of all its
    // samples), not those of the new samples' names alone.
    String types = studyTypes(saved);
    if (types != null && !explicit.contains("types")
        && !((Map<String, String>) saved.get("distanceOptions")).containsKey("types")) {
      all.add("--types=" + types);
    }
    // No draw of training LAEs here: every LAE of the new samples is extended.
    all.add("--trainingPerSample=1");
    all.addAll(rest);
    StudyOptions o = StudyCommands.options(all.toArray(new String[0]));
    if (!explicit.contains("output")) {
      o.setOutput(defaultOutput(dir, o).toString());
    }
    StudySpec spec = StudySpec.from(o);
    Map<String, String> savedParams = new TreeMap<>(
        (Map<String, String>) saved.get("distanceParameters"));
    Map<String, String> asked = new TreeMap<>(spec.distanceParameters());
    if (!savedParams.equals(asked)) {
      throw new IllegalArgumentException("extend: the study in " + dir + " was made with other"
          + " LAE/GIIP parameters (" + differences(savedParams, asked) + "); new samples go on"
          + " its map only with its own parameters");
    }
    Path output = spec.output();
    if (output.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("--output=" + output + " is the study's own folder:"
          + " an extension is written into a folder of its own");
    }
    List<Frame> frames = spec.readAndCheckSamples();
    Map<String, String> identity = identity(spec, dir, modelFiles);
    StudyFolder.checkForStudy(output, identity, spec.overwrite());

    LaeBatch training;
    StudyModels models;
    try (StudyFolder source = StudyFolder.openForAnalysis(dir)) {
      StudyFolder.finishedModels(dir);
      training = source.distances().trainingLaes();
      models = StudyFolder.readModels(dir);
    }
    if (training == null || training.size() != models.trainingSize()) {
      throw new IllegalArgumentException(dir.resolve(StudyFolder.DISTANCES)
          .resolve(DistanceStore.TRAINING_LAES) + " does not hold the "
          + models.trainingSize() + " training LAEs of " + dir.resolve(StudyFolder.MODELS));
    }
    try (StudyFolder folder = StudyFolder.openForStudy(output, identity, spec.overwrite())) {
      folder.writeExtensionJson(spec, dir, identity, describe(spec, dir, training.size()));
      out.println("extend: " + frames.size() + " sample(s) on the map of " + dir + " ("
          + training.size() + " training LAEs, " + models.cluster().classCount() + " classes, "
          + models.diffusion().dimension() + " coordinates) → " + output);
      long pairs = Math.round(frames.stream().mapToLong(spec::centres).sum()
          * spec.extensionFraction()) * training.size();
      DistanceProgress progress = DistanceProgress.of(output.toAbsolutePath() + "@" + t0,
          pairs, true);
      Pipeline p = Pipeline.create(o);
      build(p, spec, frames, training, models, folder.distances(), progress,
          provenance(spec, describe(spec, dir, training.size())));
      long t1 = System.nanoTime();
      StudyCommands.run(p);
      progress.finish(System.err);
      Map<String, Duration> timings = new LinkedHashMap<>();
      timings.put("read and check samples, study and models", Duration.ofNanos(t1 - t0));
      timings.put("distances to the training LAEs, classes, coordinates, outputs",
          Duration.ofNanos(System.nanoTime() - t1));
      long t2 = System.nanoTime();
      org.giipbeam.pipelines.report.ReportFiles files = StudyReports.write(spec,
          "GIIP extension of " + String.join(", ", spec.samples().stream()
              .map(StudySpec.Sample::label).toList()) + " on the study " + dir.getFileName(),
          describe(spec, dir, training.size()), timings);
      out.printf(Locale.ROOT, "report: %s (%d figures, %.1f s)%n", files.html(),
          files.figures().size(), (System.nanoTime() - t2) / 1e9);
      StudyCommands.summarize(spec, out, System.nanoTime() - t0);
      folder.writeManifest();
    }
    return output;
  }

  /**
   * The extension's pipeline: new samples → {@link SampleLAEs} → (thinned by
   * {@code --extensionFraction}) → {@link GiipBlocks#extension} to the study's training LAEs
   * (kept in {@code store}) → {@link LaeResults#extension} with the study's models → the
   * study's outputs ({@link StructureStudy}).
   */
  static void build(Pipeline pipeline, StudySpec spec, List<Frame> frames, LaeBatch training,
      StudyModels models, DistanceStore store, DistanceProgress progress,
      Map<String, String> provenance) {
    PCollection<Frame> samples = pipeline.apply("Samples",
        Create.of(frames).withCoder(SampleLAEs.frameCoder()));
    PCollection<LaeBatch> laes = StructureStudy.thinned(samples.apply("Sample LAEs",
        SampleLAEs.of(spec.lae()).withBatchSize(spec.batchSize())), spec);
    PCollectionView<LaeBatch> trainingView = pipeline
        .apply("Training LAEs", Create.of(List.of(training)).withCoder(LaeBatchCoder.of()))
        .apply("Training side input", View.asSingleton());
    PCollection<DistanceBlock> rows = laes.apply("Distances to the training LAEs",
        GiipBlocks.extension(spec.giip(), trainingView).withStore(store)
            .withProgress(progress));
    PCollection<StudyModels> model = pipeline.apply("Study models",
        Create.of(List.of(models)).withCoder(SerializableCoder.of(StudyModels.class)));
    PCollection<List<LaeResult>> results = laes.apply("Classes and coordinates",
        LaeResults.extension(model.apply("Models view", View.asSingleton()), rows));
    StructureStudy.writeOutputs(spec, samples, new StudyAnalysis.Outputs(results, model),
        provenance);
  }

  /**
   * The study's element names in type order as {@code --types} takes them (type i = the i-th
   * name), from study.json's typeNames; null when it has none or the types are not 1..k.
   */
  @SuppressWarnings("unchecked")
  static String studyTypes(Map<String, Object> saved) {
    Object t = saved.get("typeNames");
    if (!(t instanceof Map<?, ?> m) || m.isEmpty()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= m.size(); i++) {
      Object n = ((Map<String, Object>) m).get(Integer.toString(i));
      if (n == null) {
        return null;
      }
      names.add(n.toString());
    }
    return String.join(",", names);
  }

  /** Beside the study: STUDY-extend-LABEL+LABEL. */
  static Path defaultOutput(Path study, StudyOptions o) {
    List<String> labels = new ArrayList<>();
    List<String> files = o.getSamples();
    for (int i = 0; i < files.size(); i++) {
      labels.add(o.getLabels() != null && i < o.getLabels().size() ? o.getLabels().get(i)
          : org.giipbeam.arrowio.io.SampleReaders.labelOf(
              Path.of(files.get(i)).getFileName().toString()));
    }
    Path abs = study.toAbsolutePath().normalize();
    String name = abs.getFileName() + "-extend-"
        + DistanceStore.fileName(String.join("+", labels));
    return study.resolveSibling(name);
  }

  /** What makes an extension's distances and results: the study's models and the samples. */
  static Map<String, String> identity(StudySpec spec, Path study, Map<String, String> models) {
    Map<String, String> m = new TreeMap<>(spec.identity());
    m.remove("split");
    m.remove("seed");
    m.remove("tileSize");
    m.put(EXTENDS, study.toAbsolutePath().normalize().toString());
    models.forEach((file, sha) -> m.put(EXTENDS + "." + file, sha));
    return m;
  }

  /** The report's parameters: the samples, the study extended and its parameters. */
  static Map<String, String> describe(StudySpec spec, Path study, int training) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("extends study", study.toAbsolutePath().normalize().toString());
    spec.describe().forEach((k, v) -> {
      if (k.startsWith("sample ") || k.startsWith("lae.") || k.startsWith("giip.")
          || k.startsWith("study.")) {
        m.put(k, v);
      }
    });
    m.put("training", training + " training LAEs of the study (distances to them only)");
    m.put("extension", spec.extensionFraction() >= 1 ? "every LAE of the new samples"
        : "fraction " + spec.extensionFraction() + " of the new samples' LAEs");
    m.put("fit", "the study's classes and diffusion map (models.bin), not refitted");
    return m;
  }

  /** Schema metadata of the extension's results: param.* and study.* entries. */
  static Map<String, String> provenance(StudySpec spec, Map<String, String> settings) {
    Map<String, String> m = new TreeMap<>();
    Map<String, String> params = spec.distanceParameters();
    params.forEach((k, v) -> m.put("param." + k, v));
    settings.forEach((k, v) -> {
      if (!params.containsKey(k)) {
        m.put("study." + k, v);
      }
    });
    return m;
  }

  private static String differences(Map<String, String> saved, Map<String, String> asked) {
    List<String> out = new ArrayList<>();
    TreeMap<String, String> keys = new TreeMap<>(saved);
    keys.putAll(asked);
    for (String k : keys.keySet()) {
      String a = saved.get(k);
      String b = asked.get(k);
      if (a == null ? b != null : !a.equals(b)) {
        out.add(k + " " + (a == null ? "none" : a) + " there, " + (b == null ? "none" : b)
            + " asked");
      }
    }
    return String.join("; ", out);
  }
}
