package org.giipbeam.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.io.SampleReaders;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.pipelines.ParameterOptions;
import org.giipbeam.pipelines.StudyOptions;
import org.giipbeam.transforms.GiipBlocks;
import org.giipbeam.transforms.SampleLAEs;
import org.giipbeam.transforms.SplitTrainExtension;

/**
 * A small end-to-end GIIP pipeline for checking a runner: LAMMPS dumps → LAEs → training /
 * extension split → training × training and extension × training distances → one text line per
 * distance. Its output does not depend on the runner, parallelism, bundling or retries, so the
 * same input run on the DirectRunner and on a Flink cluster must give the same lines (up to
 * order and sharding). The integration tests use it beside the full study: it is smaller, and
 * its output shows any difference distance by distance.
 *
 * <pre>
 * java -cp giip-deploy-VERSION-flink.jar:FLINK_LIB/* org.giipbeam.deploy.DistanceCheckPipeline \
 *   --runner=FlinkRunner --flinkMaster=127.0.0.1:8081 --parallelism=2 \
 *   --filesToStage=giip-deploy-VERSION-flink.jar \
 *   --samples=examples/lj2d/lj2d.dump --dimension=2 --rskin=1.3 --rcut=1.75 --sigma=0.5 \
 *   --trainingPerSample=10 --batchSize=128 --output=OUT
 * </pre>
 *
 * <p>It writes {@code OUT/distances-SSSSS-of-NNNNN.txt}, one line per distance: {@code T|E sample centreId column distance} — T for a training row, E for an
 * extension row; {@code column} is the training index (canonical order) and {@code distance}
 * the float32 value as {@link Float#toString} writes it (exact round trip).
 */
public final class DistanceCheckPipeline {
  private DistanceCheckPipeline() {}

  /**
   * Options of {@link DistanceCheckPipeline}: the study's own ({@code --samples},
   * {@code --dimension}, {@code --rskin}, {@code --rcut}, {@code --species},
   * {@code --centreTypes}, {@code --sigma}, {@code --search},
   * {@code --trainingPerSample}, {@code --seed}, {@code --batchSize}, {@code --tileSize},
   * {@code --output}), so that both can be registered in one JVM.
   */
  public interface Options extends StudyOptions {}

  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    long t0 = System.nanoTime();
    PipelineResult.State state = build(options).run().waitUntilFinish();
    System.out.printf(Locale.ROOT, "DistanceCheckPipeline: %s in %.1f s%n", state,
        (System.nanoTime() - t0) / 1e9);
    if (state != PipelineResult.State.DONE) {
      System.exit(1);
    }
  }

  /** The pipeline for these options (input paths are made absolute here, for remote workers). */
  public static Pipeline build(Options options) {
    List<String> inputs = new ArrayList<>();
    for (String s : options.getSamples() == null ? List.<String>of() : options.getSamples()) {
      if (!s.isBlank()) {
        inputs.add(Path.of(s.trim()).toAbsolutePath().normalize().toString());
      }
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("--samples names no file");
    }
    Path output = Path.of(options.getOutput()).toAbsolutePath().normalize();
    Pipeline p = Pipeline.create(options);
    // The study's own mapping: --species and --centreTypes mean here what they mean there.
    LaeParameters lae = ParameterOptions.lae(options);
    GiipParameters giip = ParameterOptions.giip(options);
    int dimension = ParameterOptions.dimension(options);
    PCollection<LaeBatch> laes = p
        .apply("Dump files", Create.of(inputs).withCoder(StringUtf8Coder.of()))
        .apply("Spread files", Reshuffle.viaRandomKey())
        .apply("Read dumps", ParDo.of(new ReadDumpFn(dimension)))
        .setCoder(SampleLAEs.frameCoder())
        .apply("LAEs", SampleLAEs.of(lae)
            .withBatchSize(options.getBatchSize()));
    PCollectionTuple split = laes.apply("Split",
        SplitTrainExtension.perSample(options.getTrainingPerSample())
            .withSeed(options.getSeed()));
    PCollection<LaeBatch> training = split.get(SplitTrainExtension.TRAINING);
    PCollectionView<LaeBatch> trainingView =
        training.apply("Training view", View.asSingleton());

    PCollection<String> trainingLines = training
        .apply("Training distances", GiipBlocks.training(giip).withTileSize(options.getTileSize()))
        .apply("Training lines", ParDo.of(new LinesFn("T")));
    PCollection<String> extensionLines = split.get(SplitTrainExtension.EXTENSION)
        // One sample's batches all come from one worker: spread them before the heavy step.
        .apply("Spread extension", Reshuffle.viaRandomKey())
        .setCoder(LaeBatchCoder.of())
        .apply("Extension distances", GiipBlocks.extension(giip, trainingView))
        .apply("Extension lines", ParDo.of(new LinesFn("E")));
    PCollectionList.of(trainingLines).and(extensionLines)
        .apply("All lines", Flatten.pCollections())
        .apply("Write", TextIO.write().to(output.resolve("distances").toString())
            .withSuffix(".txt"));
    return p;
  }

  static final class ReadDumpFn extends DoFn<String, Frame> {
    private static final long serialVersionUID = 1L;
    private final int dimension;

    ReadDumpFn(int dimension) {
      this.dimension = dimension;
    }

    @ProcessElement
    public void process(@Element String file, OutputReceiver<Frame> out) throws IOException {
      out.output(SampleReaders.read(Path.of(file), dimension, null));
    }
  }

  static final class LinesFn extends DoFn<DistanceBlock, String> {
    private static final long serialVersionUID = 1L;
    private final String kind;

    LinesFn(String kind) {
      this.kind = kind;
    }

    @ProcessElement
    public void process(@Element DistanceBlock b, OutputReceiver<String> out) {
      for (int r = 0; r < b.rows(); r++) {
        String head = kind + " " + b.samples()[r] + " " + b.centreIds()[r] + " ";
        for (int c = 0; c < b.columns(); c++) {
          out.output(head + (b.columnOffset() + c) + " "
              + b.distances()[r * b.columns() + c]);
        }
      }
    }
  }
}
