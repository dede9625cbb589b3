package org.giipbeam.pipelines.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.io.SampleReaders;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.pipelines.WriteResults;
import org.giipbeam.transforms.Cluster;
import org.giipbeam.transforms.DiffusionMap;
import org.giipbeam.transforms.FitModels;
import org.giipbeam.transforms.Gather;
import org.giipbeam.transforms.GiipBlocks;
import org.giipbeam.transforms.LaeResults;
import org.giipbeam.transforms.SampleLAEs;
import org.giipbeam.transforms.SplitTrainExtension;
import org.giipbeam.transforms.StudyModels;

/**
 * A user's own study composed from GIIP-Beam's public transforms, with a step of its own: the
 * training set is every defect LAE of a crystal (not six neighbours in 2D) plus every 25th
 * crystal LAE, instead of one of {@link SplitTrainExtension}'s strategies. The rest is the
 * library's, and the output is a study's {@code results.arrow} and {@code results.csv}:
 *
 * <pre>
 *   read → SampleLAEs → [custom split] → Gather → GiipBlocks (training, extension)
 *        → FitModels(Cluster.atDistance(1), DiffusionMap.of(1, 4))
 *        → LaeResults.training + LaeResults.extension → WriteResults
 * </pre>
 *
 * <pre>{@code
 * Pipeline p = Pipeline.create();
 * DefectCentredStudy.build(p, crystal).apply(WriteResults.to(Path.of("defect-study")));
 * p.run().waitUntilFinish();
 * }</pre>
 *
 * Run it on the bundled crystal with {@code main} (arguments: the dump file, the output folder,
 * then pipeline options) or from its test.
 */
public final class DefectCentredStudy {
  private DefectCentredStudy() {}

  /** Training LAEs: defects, and a thin sample of the perfect crystal. */
  static final TupleTag<LaeBatch> TRAINING = new TupleTag<>("training") {};
  static final TupleTag<LaeBatch> EXTENSION = new TupleTag<>("extension") {};

  /** Whether LAE i of the batch is a training LAE: a defect, or every 25th. */
  static boolean isTraining(LaeBatch b, int i) {
    return b.neighbourCounts()[i] != 6 || b.centreIds()[i] % 25 == 0;
  }

  /** The custom step: a DoFn that splits each batch by the LAE's neighbour count. */
  static final class DefectSplitFn extends DoFn<LaeBatch, LaeBatch> {
    @ProcessElement
    public void process(@Element LaeBatch b, MultiOutputReceiver out) {
      int[] train = IntStream.range(0, b.size()).filter(i -> isTraining(b, i)).toArray();
      int[] rest = IntStream.range(0, b.size()).filter(i -> !isTraining(b, i)).toArray();
      if (train.length > 0) {
        out.get(TRAINING).output(b.select(train));
      }
      if (rest.length > 0) {
        out.get(EXTENSION).output(b.select(rest));
      }
    }
  }

  /** One {@link LaeResult} per LAE of the crystal (class, φ_1..φ_4, descriptors), by sample. */
  public static PCollection<List<LaeResult>> build(Pipeline p, Frame crystal) {
    PCollection<LaeBatch> laes = p
        .apply("Crystal", Create.of(List.of(crystal)).withCoder(SampleLAEs.frameCoder()))
        .apply(SampleLAEs.of(LaeParameters.of(1.3, 1.75)).withBatchSize(512));
    PCollectionTuple split = laes.apply("Defect split", ParDo.of(new DefectSplitFn())
        .withOutputTags(TRAINING, TupleTagList.of(EXTENSION)));
    // The library expects the training set as one batch in canonical order.
    PCollection<LaeBatch> training = split.get(TRAINING).setCoder(LaeBatchCoder.of())
        .apply("Gather training", Gather.all())
        .apply("One training batch", MapElements.into(TypeDescriptor.of(LaeBatch.class))
            .via((List<LaeBatch> parts) -> SplitTrainExtension.canonical(LaeBatch.concat(parts))))
        .setCoder(LaeBatchCoder.of());
    PCollection<LaeBatch> extension = split.get(EXTENSION).setCoder(LaeBatchCoder.of());

    GiipParameters giip = GiipParameters.fast(0.5);
    PCollectionView<LaeBatch> trainingView = training.apply(View.asSingleton());
    PCollection<DistanceBlock> trainRows = training.apply(GiipBlocks.training(giip));
    PCollection<DistanceBlock> extRows = extension.apply(GiipBlocks.extension(giip,
        trainingView));

    PCollectionView<StudyModels> models = trainRows
        .apply(FitModels.of(Cluster.atDistance(1.0), DiffusionMap.of(1.0, 4)))
        .apply("Models view", View.asSingleton());
    return PCollectionList
        .of(training.apply("Training results", LaeResults.training(models)))
        .and(extension.apply("Extension results", LaeResults.extension(models, extRows)))
        .apply("All results", Flatten.pCollections());
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "examples/lj2d/lj2d.dump");
    Path out = Path.of(args.length > 1 ? args[1] : "giip-out/defect-centred");
    Frame crystal = SampleReaders.read(file, 2, null);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(
        args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[0])
        .create());
    build(p, crystal).apply("Write results", WriteResults.to(out));
    p.run().waitUntilFinish();
    System.out.println("results: " + out.resolve(WriteResults.ARROW));
  }
}
