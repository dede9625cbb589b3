package org.giipbeam.pipelines;

import java.io.IOException;
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
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
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
import org.giipbeam.transforms.DistanceProgress;
import org.giipbeam.transforms.DistanceStore;
import org.giipbeam.transforms.GiipBlocks;
import org.giipbeam.transforms.SampleLAEs;
import org.giipbeam.transforms.SplitTrainExtension;
import org.giipbeam.transforms.StudyModels;
import org.giipbeam.transforms.diffusion.CoordinateRedundancy;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;

/**
 * The composed study, in two pipelines so that a failure of the analysis never loses the
 * distances:
 *
 * <ol>
 *   <li>{@link #buildDistances}: read samples → {@link SampleLAEs} → {@link SplitTrainExtension}
 *       → {@link GiipBlocks} (training tiles, extension rows), every finished piece kept in the
 *       study folder's {@link DistanceStore} as soon as it is done — a run killed half-way and
 *       started again computes only what is missing;
 *   <li>{@link #buildAnalysis}: the kept distances → clustering and diffusion map → class
 *       assignment and Nyström extension → results. {@code analyze} runs this half alone.
 * </ol>
 *
 * {@link StudyFolder} owns the folder's layout.
 */
public final class StructureStudy {
  private StructureStudy() {}

  /**
   * The distance step of a study on {@code pipeline} for already read and checked frames: every
   * training tile and extension batch goes into {@code store}; pieces already there are reused.
   */
  public static void buildDistances(Pipeline pipeline, StudySpec spec, List<Frame> frames,
      DistanceStore store, DistanceProgress progress) {
    PCollection<Frame> samples = pipeline.apply("Samples",
        Create.of(frames).withCoder(SampleLAEs.frameCoder()));
    PCollection<LaeBatch> laes = samples.apply("Sample LAEs",
        SampleLAEs.of(spec.lae()).withBatchSize(spec.batchSize()));
    PCollectionTuple split = laes.apply("Split", spec.split());
    PCollection<LaeBatch> training = split.get(SplitTrainExtension.TRAINING);
    PCollection<LaeBatch> extension = thinned(split.get(SplitTrainExtension.EXTENSION), spec);
    training.apply("Keep training LAEs", ParDo.of(new KeepTrainingFn(store)));
    training.apply("Training distances", GiipBlocks.training(spec.giip())
        .withTileSize(spec.tileSize()).withStore(store).withProgress(progress));
    extension.apply("Extension distances", GiipBlocks.extension(spec.giip(),
            training.apply("Training side input", View.asSingleton()))
        .withStore(store).withProgress(progress));
  }

  /** The LAEs kept by {@code --extensionFraction} (all of them at 1). */
  static PCollection<LaeBatch> thinned(PCollection<LaeBatch> extension, StudySpec spec) {
    if (spec.extensionFraction() >= 1) {
      return extension;
    }
    return extension.apply("Thin extension",
        ParDo.of(new ThinFn(spec.extensionFraction(), spec.seed())))
        .setCoder(LaeBatchCoder.of());
  }

  /** The analysis of a study's kept distances on {@code pipeline}. */
  public static void buildAnalysis(Pipeline pipeline, StudySpec spec, List<Frame> frames,
      SavedDistances saved) {
    PCollection<Frame> samples = pipeline.apply("Samples",
        Create.of(frames).withCoder(SampleLAEs.frameCoder()));
    PCollection<LaeBatch> training = pipeline.apply("Training LAEs",
        Create.of(List.of(saved.training())).withCoder(LaeBatchCoder.of()));
    PCollection<DistanceBlock> tiles = pipeline.apply("Training distances",
        Create.of(saved.trainingTiles()).withCoder(DistanceBlockCoder.of()));
    PCollection<LaeBatch> extension = saved.extensionLaes().isEmpty()
        ? pipeline.apply("Extension LAEs", Create.empty(LaeBatchCoder.of()))
        : pipeline.apply("Extension LAEs",
            Create.of(saved.extensionLaes()).withCoder(LaeBatchCoder.of()));
    PCollection<DistanceBlock> rows = saved.extensionRows().isEmpty()
        ? pipeline.apply("Extension distances", Create.empty(DistanceBlockCoder.of()))
        : pipeline.apply("Extension distances",
            Create.of(saved.extensionRows()).withCoder(DistanceBlockCoder.of()));
    writeOutputs(spec, samples, StudyAnalysis.apply(spec, training, tiles, extension, rows),
        provenance(spec));
  }

  /**
   * The outputs of an analysis into {@code spec.output()}: models.bin, eigen.csv and
   * eps-sweep.csv, results (with {@code provenance} in their metadata), annotated samples and
   * maps.
   */
  static void writeOutputs(StudySpec spec, PCollection<Frame> samples,
      StudyAnalysis.Outputs outputs, Map<String, String> provenance) {
    Path out = spec.output().toAbsolutePath();
    outputs.models().apply("Save models", ParDo.of(new SaveModelsFn(out)));
    // Each list holds the rows of one sample (LaeResults).
    PCollection<KV<String, List<LaeResult>>> bySample = outputs.results()
        .apply("Key results by sample", WithKeys.of((List<LaeResult> l) -> l.get(0).sample()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LaeResultListCoder.of()));
    outputs.results().apply("Write results",
        WriteResults.to(out).withProvenance(provenance));
    TupleTag<Frame> frameTag = new TupleTag<>();
    TupleTag<List<LaeResult>> resultTag = new TupleTag<>();
    PCollection<KV<String, Frame>> frames = samples
        .apply("Key samples", WithKeys.of(Frame::sample))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SampleLAEs.frameCoder()));
    KeyedPCollectionTuple.of(frameTag, frames).and(resultTag, bySample)
        .apply("Join samples and results", CoGroupByKey.create())
        .apply("Write annotated samples",
            ParDo.of(new WriteAnnotatedFn(out.resolve(StudyFolder.ANNOTATED), frameTag, resultTag,
                inputFiles(spec))));
  }

  /** Schema metadata of results.arrow and its CSV sidecar: param.* and study.* entries. */
  static Map<String, String> provenance(StudySpec spec) {
    Map<String, String> m = new TreeMap<>();
    Map<String, String> params = spec.distanceParameters();
    params.forEach((k, v) -> m.put("param." + k, v));
    spec.describe().forEach((k, v) -> {
      if (!params.containsKey(k)) {
        m.put("study." + k, v);
      }
    });
    return m;
  }

  /** Each sample's input file (absolute), for the annotated dumps' box header. */
  static Map<String, String> inputFiles(StudySpec spec) {
    Map<String, String> m = new LinkedHashMap<>();
    for (StudySpec.Sample s : spec.samples()) {
      m.put(s.label(), Path.of(s.file()).toAbsolutePath().toString());
    }
    return m;
  }

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

  private static final class KeepTrainingFn extends DoFn<LaeBatch, Void> {
    private final DistanceStore store;

    KeepTrainingFn(DistanceStore store) {
      this.store = store;
    }

    @ProcessElement
    public void process(@Element LaeBatch b) {
      store.putTrainingLaes(b);
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
      AtomicFiles.writeStream(dir.resolve(StudyFolder.MODELS), os -> {
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
      AtomicFiles.writeStream(dir.resolve(StudyFolder.EIGEN_CSV), os -> {
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
      AtomicFiles.writeStream(dir.resolve(StudyFolder.EPS_SWEEP_CSV), os -> {
        StringBuilder sb = new StringBuilder("eps,kernel_sum,log_log_slope,eps_used\n");
        for (int p = 0; p < s.eps().length; p++) {
          sb.append(s.eps()[p]).append(',').append(s.kernelSum()[p]).append(',')
              .append(slopes[p]).append(',').append(d.epsilon()).append('\n');
        }
        os.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      });
    }
  }

  private static final class WriteAnnotatedFn extends DoFn<KV<String, CoGbkResult>, Void> {
    private final String dir;
    private final TupleTag<Frame> frameTag;
    private final TupleTag<List<LaeResult>> resultTag;
    private final Map<String, String> inputs;

    WriteAnnotatedFn(Path dir, TupleTag<Frame> frameTag, TupleTag<List<LaeResult>> resultTag,
        Map<String, String> inputs) {
      this.dir = dir.toString();
      this.frameTag = frameTag;
      this.resultTag = resultTag;
      this.inputs = new LinkedHashMap<>(inputs);
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e) throws IOException {
      Frame f = e.getValue().getOnly(frameTag);
      List<LaeResult> rows = new ArrayList<>();
      e.getValue().getAll(resultTag).forEach(rows::addAll);
      Map<String, double[]> cols = AnnotatedFrameWriter.studyColumns(f, rows);
      String name = DistanceStore.fileName(f.sample());
      String input = inputs.get(f.sample());
      AnnotatedFrameWriter w = AnnotatedFrameWriter.create()
          .withInputFile(input == null ? null : Path.of(input));
      w.lammpsDump(Path.of(dir).resolve(name + ".dump"), f, cols);
      w.extendedXyz(Path.of(dir).resolve(name + ".xyz"), f, cols);
      org.giipbeam.pipelines.report.SampleMaps.write(f, rows, 5,
          Path.of(dir).resolveSibling(org.giipbeam.pipelines.report.SampleMaps.FOLDER));
    }
  }

  /** The kept distances of a study, read back and checked. */
  public record SavedDistances(LaeBatch training, List<DistanceBlock> trainingTiles,
      List<LaeBatch> extensionLaes, List<DistanceBlock> extensionRows) {

    /**
     * Reads every piece of the store, each checked against its checksum; a missing or damaged
     * piece is an error naming its file.
     */
    public static SavedDistances read(DistanceStore store) throws IOException {
      Path dist = store.dir();
      LaeBatch training = store.trainingLaes();
      if (training == null) {
        throw new IllegalArgumentException("no intact training LAEs in " + dist.resolve(
            DistanceStore.TRAINING_LAES) + " (run 'giip study' into this folder first)");
      }
      List<DistanceBlock> tiles = new ArrayList<>();
      for (Path p : list(dist.resolve(DistanceStore.TRAINING), ".arrow")) {
        tiles.addAll(readIntact(p, DistanceBlockArrow.INSTANCE));
      }
      if (tiles.isEmpty() && training.size() > 1) {
        throw new IllegalArgumentException("no training distances in " + dist.resolve(
            DistanceStore.TRAINING));
      }
      List<LaeBatch> laes = new ArrayList<>();
      List<DistanceBlock> rows = new ArrayList<>();
      Path ext = dist.resolve(DistanceStore.EXTENSION);
      for (Path p : list(ext, DistanceStore.ROWS_SUFFIX)) {
        String name = p.getFileName().toString();
        Path laesFile = p.resolveSibling(name.substring(0, name.length()
            - DistanceStore.ROWS_SUFFIX.length()) + DistanceStore.LAES_SUFFIX);
        List<LaeBatch> b = readIntact(laesFile, LaeBatchArrow.INSTANCE);
        List<DistanceBlock> d = readIntact(p, DistanceBlockArrow.INSTANCE);
        if (b.size() != 1 || d.size() != 1 || d.get(0).rows() != b.get(0).size()) {
          throw new IllegalArgumentException(p + " does not hold the rows of " + laesFile);
        }
        laes.add(b.get(0));
        rows.add(d.get(0));
      }
      for (Path p : list(ext, DistanceStore.LAES_SUFFIX)) {
        String name = p.getFileName().toString();
        Path rowsFile = p.resolveSibling(name.substring(0, name.length()
            - DistanceStore.LAES_SUFFIX.length()) + DistanceStore.ROWS_SUFFIX);
        if (!Files.isRegularFile(rowsFile)) {
          throw new IllegalArgumentException(p + " has no distance rows (" + rowsFile
              + " is missing): the study did not finish; run it again to complete it");
        }
      }
      return new SavedDistances(training, tiles, laes, rows);
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
      }
    }

    private static <T> List<T> readIntact(Path p, org.giipbeam.arrowio.arrow.ArrowTable<T> t)
        throws IOException {
      if (!DistanceStore.intact(p)) {
        throw new IllegalArgumentException(p + (Files.isRegularFile(p)
            ? " does not match its checksum " + DistanceStore.checksumFile(p).getFileName()
            : " is missing") + ": it is damaged or from another run");
      }
      return t.readFile(p);
    }
  }
}
