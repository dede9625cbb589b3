package org.giipbeam.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.arrow.DistanceBlockArrow;
import org.giipbeam.arrowio.arrow.LaeBatchArrow;
import org.giipbeam.arrowio.coders.DistanceBlockCoder;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.coders.LaeResultListCoder;
import org.giipbeam.arrowio.io.AnnotatedFrameWriter;
import org.giipbeam.arrowio.io.AtomicFiles;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.transforms.GiipBlocks;
import org.giipbeam.transforms.TrainingMatrix;
import org.giipbeam.transforms.SampleLAEs;
import org.giipbeam.transforms.SplitTrainExtension;
import org.giipbeam.transforms.diffusion.CoordinateRedundancy;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;

/**
 * The composed study: read samples → {@link SampleLAEs} → {@link SplitTrainExtension} →
 * {@link GiipBlocks} → clustering and diffusion map → class assignment and Nyström extension →
 * results. Distances are saved so that {@link #analyze} can redo the analysis (another ε, number
 * of classes, cut) in seconds.
 *
 * <p>Output folder:
 *
 * <pre>
 *   study.json                  the study's settings and the parameters of its distances
 *   distances/                  training LAEs, training × training and extension × training
 *                               distances (Arrow IPC)
 *   results.arrow, results.csv  one row per LAE
 *   eigen.csv, eps-sweep.csv    λ_k and redundancy; Σ W against ε
 *   annotated/LABEL.dump, .xyz  each sample with per-atom class and φ_k, for OVITO
 *   models.bin                  the fitted models (Java serialization)
 * </pre>
 */
public final class StructureStudy {
  private StructureStudy() {}

  static final String DISTANCES = "distances";
  static final String TRAINING_LAES = "training-laes.arrow";
  static final String TRAINING_DISTANCES = "training-distances.arrow";
  static final String EXTENSION = "extension";

  /** Builds the whole study on {@code pipeline} for already read and checked frames. */
  public static void buildStudy(Pipeline pipeline, StudySpec spec, List<Frame> frames) {
    Path out = spec.output().toAbsolutePath();
    PCollection<Frame> samples = pipeline.apply("Samples",
        Create.of(frames).withCoder(SampleLAEs.frameCoder()));
    PCollection<LaeBatch> laes = samples.apply("Sample LAEs",
        SampleLAEs.of(spec.lae()).withBatchSize(spec.batchSize()));
    PCollectionTuple split = laes.apply("Split", spec.split());
    PCollection<LaeBatch> training = split.get(SplitTrainExtension.TRAINING);
    PCollection<LaeBatch> extension = split.get(SplitTrainExtension.EXTENSION);
    if (spec.extensionFraction() < 1) {
      extension = extension.apply("Thin extension",
          ParDo.of(new ThinFn(spec.extensionFraction(), spec.seed())))
          .setCoder(LaeBatchCoder.of());
    }
    PCollection<DistanceBlock> tiles = training.apply("Training distances",
        GiipBlocks.training(spec.giip()).withTileSize(spec.tileSize()));
    PCollection<DistanceBlock> rows = extension.apply("Extension distances",
        GiipBlocks.extension(spec.giip(), training.apply("Training side input",
            org.apache.beam.sdk.transforms.View.asSingleton())));

    Path dist = out.resolve(DISTANCES);
    training.apply("Save training LAEs", ParDo.of(new SaveLaesFn(dist.resolve(TRAINING_LAES))));
    tiles.apply("Key tiles for saving", WithKeys.of(""))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DistanceBlockCoder.of()))
        .apply("Gather tiles for saving", GroupByKey.create())
        .apply("Save training distances",
            ParDo.of(new SaveTilesFn(dist.resolve(TRAINING_DISTANCES))));
    extension.apply("Save extension LAEs",
        ParDo.of(new SaveExtensionFn<>(dist.resolve(EXTENSION), ".laes.arrow")));
    rows.apply("Save extension distances",
        ParDo.of(new SaveExtensionFn<>(dist.resolve(EXTENSION), ".rows.arrow")));

    writeOutputs(spec, samples, StudyAnalysis.apply(spec, training, tiles, extension, rows));
  }

  /** Builds the analysis of a saved study's distances on {@code pipeline}. */
  public static void buildAnalysis(Pipeline pipeline, StudySpec spec, List<Frame> frames,
      SavedDistances saved) {
    PCollection<Frame> samples = pipeline.apply("Samples",
        Create.of(frames).withCoder(SampleLAEs.frameCoder()));
    PCollection<LaeBatch> training = pipeline.apply("Training LAEs",
        Create.of(List.of(saved.training())).withCoder(LaeBatchCoder.of()));
    PCollection<DistanceBlock> tiles = pipeline.apply("Training distances",
        Create.of(List.of(saved.trainingDistances())).withCoder(DistanceBlockCoder.of()));
    PCollection<LaeBatch> extension = pipeline.apply("Extension LAEs",
        Create.of(saved.extensionLaes()).withCoder(LaeBatchCoder.of()));
    PCollection<DistanceBlock> rows = pipeline.apply("Extension distances",
        Create.of(saved.extensionRows()).withCoder(DistanceBlockCoder.of()));
    writeOutputs(spec, samples, StudyAnalysis.apply(spec, training, tiles, extension, rows));
  }

  private static void writeOutputs(StudySpec spec, PCollection<Frame> samples,
      StudyAnalysis.Outputs outputs) {
    Path out = spec.output().toAbsolutePath();
    outputs.models().apply("Save models", ParDo.of(new SaveModelsFn(out)));
    // Each list holds the rows of one sample (StudyAnalysis.outputBySample).
    PCollection<KV<String, List<LaeResult>>> bySample = outputs.results()
        .apply("Key results by sample", WithKeys.of((List<LaeResult> l) -> l.get(0).sample()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LaeResultListCoder.of()));
    outputs.results().apply("Key results", WithKeys.of(""))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LaeResultListCoder.of()))
        .apply("Gather results", GroupByKey.create())
        .apply("Write results", ParDo.of(new WriteResultsFn(out)));
    TupleTag<Frame> frameTag = new TupleTag<>();
    TupleTag<List<LaeResult>> resultTag = new TupleTag<>();
    PCollection<KV<String, Frame>> frames = samples
        .apply("Key samples", WithKeys.of(Frame::sample))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SampleLAEs.frameCoder()));
    KeyedPCollectionTuple.of(frameTag, frames).and(resultTag, bySample)
        .apply("Join samples and results", CoGroupByKey.create())
        .apply("Write annotated samples",
            ParDo.of(new WriteAnnotatedFn(out.resolve("annotated"), frameTag, resultTag)));
  }

  /** Canonical order of results: sample, then centre id. */
  static final Comparator<LaeResult> ORDER = Comparator.comparing(LaeResult::sample)
      .thenComparingLong(LaeResult::centreId);

  /** Keeps each LAE with probability f, by a hash of (seed, sample, centre id). */
  private static final class ThinFn extends DoFn<LaeBatch, LaeBatch> {
    private final double fraction;
    private final long seed;

    ThinFn(double fraction, long seed) {
      this.fraction = fraction;
      this.seed = seed;
    }

    @ProcessElement
    public void process(@Element LaeBatch b, OutputReceiver<LaeBatch> out) {
      int[] keep = java.util.stream.IntStream.range(0, b.size())
          .filter(i -> SplitTrainExtension.uniform(~seed, b.samples()[i], b.centreIds()[i])
              < fraction).toArray();
      if (keep.length > 0) {
        out.output(keep.length == b.size() ? b : b.select(keep));
      }
    }
  }

  private static final class SaveLaesFn extends DoFn<LaeBatch, Void> {
    private final String path;

    SaveLaesFn(Path path) {
      this.path = path.toString();
    }

    @ProcessElement
    public void process(@Element LaeBatch b) throws IOException {
      LaeBatchArrow.INSTANCE.writeFile(Path.of(path), List.of(b));
    }
  }

  private static final class SaveTilesFn extends DoFn<KV<String, Iterable<DistanceBlock>>, Void> {
    private final String path;

    SaveTilesFn(Path path) {
      this.path = path.toString();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<DistanceBlock>> tiles) throws IOException {
      List<DistanceBlock> all = new ArrayList<>();
      tiles.getValue().forEach(all::add);
      int n = 0;
      for (DistanceBlock b : all) {
        n = Math.max(n, b.columnOffset() + b.columns());
      }
      float[] m = TrainingMatrix.assemble(all, n).distances();
      String[] samples = new String[n];
      long[] ids = new long[n];
      long[] index = new long[n];
      for (DistanceBlock b : all) {
        for (int r = 0; r < b.rows(); r++) {
          int i = (int) b.rowIndices()[r];
          samples[i] = b.samples()[r];
          ids[i] = b.centreIds()[r];
          index[i] = i;
        }
      }
      DistanceBlock full = new DistanceBlock(all.get(0).dimension(), 0, n,
          all.get(0).parameters(), samples, ids, index, m, null, null);
      DistanceBlockArrow.INSTANCE.writeFile(Path.of(path), List.of(full));
    }
  }

  /** Writes each extension batch (or its distance block) to its own file, named by its key. */
  private static final class SaveExtensionFn<T> extends DoFn<T, Void> {
    private final String dir;
    private final String suffix;

    SaveExtensionFn(Path dir, String suffix) {
      this.dir = dir.toString();
      this.suffix = suffix;
    }

    @ProcessElement
    public void process(@Element T element) throws IOException {
      if (element instanceof LaeBatch b) {
        LaeBatchArrow.INSTANCE.writeFile(file(StudyAnalysis.batchKey(b)), List.of(b));
      } else {
        DistanceBlock d = (DistanceBlock) element;
        DistanceBlockArrow.INSTANCE.writeFile(file(StudyAnalysis.blockKey(d)), List.of(d));
      }
    }

    private Path file(String key) {
      return Path.of(dir).resolve(key.replaceAll("[^A-Za-z0-9._+-]", "_") + suffix);
    }
  }

  private static final class SaveModelsFn extends DoFn<StudyModels, Void> {
    private final String out;

    SaveModelsFn(Path out) {
      this.out = out.toString();
    }

    @ProcessElement
    public void process(@Element StudyModels m) throws IOException {
      Path dir = Path.of(out);
      AtomicFiles.writeStream(dir.resolve("models.bin"), os -> {
        ObjectOutputStream o = new ObjectOutputStream(os);
        o.writeObject(m);
        o.flush();
      });
      DiffusionModel d = m.diffusion();
      double[] residuals = d.localLinearResiduals();
      double[] r2 = d.polynomialR2();
      java.util.Set<Integer> nonHarmonic = new java.util.HashSet<>();
      for (int k : d.nonHarmonicCoordinates(CoordinateRedundancy.DEFAULT_THRESHOLD)) {
        nonHarmonic.add(k); // 1-based
      }
      AtomicFiles.writeStream(dir.resolve("eigen.csv"), os -> {
        StringBuilder sb = new StringBuilder("k,lambda,local_linear_residual,polynomial_r2,"
            + "non_harmonic,participation,non_harmonic_rule\n");
        double[] participation = CoordinateRedundancy.participation(d.coordinates());
        for (int k = 0; k < d.dimension(); k++) {
          sb.append(k + 1).append(',').append(d.eigenvalues()[k]).append(',')
              .append(residuals[k]).append(',').append(r2[k]).append(',')
              .append(nonHarmonic.contains(k + 1)).append(',').append(participation[k])
              .append(",local_linear_residual >= ").append(CoordinateRedundancy.DEFAULT_THRESHOLD)
              .append('\n');
        }
        os.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      });
      KernelSumSweep s = m.sweep();
      double[] slopes = s.slopes();
      // The last column repeats the ε the study used (automatic or given), on every row.
      AtomicFiles.writeStream(dir.resolve("eps-sweep.csv"), os -> {
        StringBuilder sb = new StringBuilder("eps,kernel_sum,log_log_slope,eps_used\n");
        for (int p = 0; p < s.eps().length; p++) {
          sb.append(s.eps()[p]).append(',').append(s.kernelSum()[p]).append(',')
              .append(slopes[p]).append(',').append(d.epsilon()).append('\n');
        }
        os.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      });
    }
  }

  private static final class WriteResultsFn
      extends DoFn<KV<String, Iterable<List<LaeResult>>>, Void> {
    private final String out;

    WriteResultsFn(Path out) {
      this.out = out.toString();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<List<LaeResult>>> all) throws IOException {
      List<LaeResult> rows = new ArrayList<>();
      all.getValue().forEach(rows::addAll);
      rows.sort(ORDER);
      rows = org.giipbeam.pipelines.report.SampleStrain.withStrain(rows);
      ResultsWriter.writeArrow(Path.of(out).resolve("results.arrow"), rows);
      ResultsWriter.writeCsv(Path.of(out).resolve("results.csv"), rows);
    }
  }

  private static final class WriteAnnotatedFn extends DoFn<KV<String, CoGbkResult>, Void> {
    private final String dir;
    private final TupleTag<Frame> frameTag;
    private final TupleTag<List<LaeResult>> resultTag;

    WriteAnnotatedFn(Path dir, TupleTag<Frame> frameTag, TupleTag<List<LaeResult>> resultTag) {
      this.dir = dir.toString();
      this.frameTag = frameTag;
      this.resultTag = resultTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e) throws IOException {
      Frame f = e.getValue().getOnly(frameTag);
      List<LaeResult> rows = new ArrayList<>();
      e.getValue().getAll(resultTag).forEach(rows::addAll);
      Map<String, double[]> cols = AnnotatedFrameWriter.studyColumns(f, rows);
      String name = f.sample().replaceAll("[^A-Za-z0-9._+-]", "_");
      AnnotatedFrameWriter.writeLammpsDump(Path.of(dir).resolve(name + ".dump"), f, cols);
      AnnotatedFrameWriter.writeExtendedXyz(Path.of(dir).resolve(name + ".xyz"), f, cols);
      org.giipbeam.pipelines.report.SampleMaps.write(f, rows, 5,
          Path.of(dir).resolveSibling(org.giipbeam.pipelines.report.SampleMaps.FOLDER));
    }
  }

  /** The saved distances of a study, read back. */
  public record SavedDistances(LaeBatch training, DistanceBlock trainingDistances,
      List<LaeBatch> extensionLaes, List<DistanceBlock> extensionRows) {

    public static SavedDistances read(Path studyDir) throws IOException {
      Path dist = studyDir.resolve(DISTANCES);
      if (!Files.isRegularFile(dist.resolve(TRAINING_DISTANCES))) {
        throw new IllegalArgumentException("no saved distances in " + dist
            + " (run 'giip study' with --output=" + studyDir + " first)");
      }
      LaeBatch training = LaeBatchArrow.INSTANCE.readFile(dist.resolve(TRAINING_LAES)).get(0);
      DistanceBlock td = DistanceBlockArrow.INSTANCE.readFile(dist.resolve(TRAINING_DISTANCES))
          .get(0);
      List<LaeBatch> laes = new ArrayList<>();
      List<DistanceBlock> rows = new ArrayList<>();
      Path ext = dist.resolve(EXTENSION);
      if (Files.isDirectory(ext)) {
        try (Stream<Path> files = Files.list(ext)) {
          for (Path p : files.sorted().toList()) {
            String n = p.getFileName().toString();
            if (n.endsWith(".laes.arrow")) {
              laes.addAll(LaeBatchArrow.INSTANCE.readFile(p));
            } else if (n.endsWith(".rows.arrow")) {
              rows.addAll(DistanceBlockArrow.INSTANCE.readFile(p));
            }
          }
        }
      }
      if (laes.size() != rows.size()) {
        throw new IllegalArgumentException("saved extension LAEs (" + laes.size()
            + " batches) and distance rows (" + rows.size() + " blocks) do not match in " + ext);
      }
      return new SavedDistances(training, td, laes, rows);
    }
  }

  // ---- the study file of a run ----

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes study.json: settings, samples and the parameters of the distances. */
  static void writeStudyJson(StudySpec spec) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, String>> samples = new ArrayList<>();
    for (StudySpec.Sample s : spec.samples()) {
      Map<String, String> e = new LinkedHashMap<>();
      e.put("file", Path.of(s.file()).toAbsolutePath().toString());
      e.put("label", s.label());
      e.put("group", s.group());
      samples.add(e);
    }
    m.put("samples", samples);
    m.put("distanceOptions", spec.distanceOptions());
    m.put("splitOptions", spec.splitOptions());
    m.put("distanceParameters", new TreeMap<>(spec.distanceParameters()));
    m.put("settings", spec.describe());
    byte[] bytes = JSON.writeValueAsBytes(m);
    AtomicFiles.writeStream(spec.output().resolve("study.json"), os -> os.write(bytes));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readStudyJson(Path dir) throws IOException {
    Path f = dir.resolve("study.json");
    if (!Files.isRegularFile(f)) {
      throw new IllegalArgumentException("no study.json in " + dir
          + ": not the output folder of a 'giip study' run");
    }
    return JSON.readValue(f.toFile(), Map.class);
  }

  static StudyModels readModels(Path dir) throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(
        Files.newInputStream(dir.resolve("models.bin")))) {
      return (StudyModels) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }
}
