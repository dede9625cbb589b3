package org.giipbeam.pipelines.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.io.SampleReaders;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.lae.LaeParameters;
import org.giipbeam.transforms.Cluster;
import org.giipbeam.transforms.DiffusionMap;
import org.giipbeam.transforms.GiipBlocks;
import org.giipbeam.transforms.LaeAssignment;
import org.giipbeam.transforms.NystromExtend;
import org.giipbeam.transforms.SampleLAEs;
import org.giipbeam.transforms.SplitTrainExtension;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.diffusion.DiffusionModel;

/**
 * A user's own study composed from GIIP-Beam's transforms, with a step of its own: the training
 * set is every defect LAE of a crystal (not six neighbours in 2D) plus every 25th crystal LAE,
 * instead of one of {@link SplitTrainExtension}'s strategies. The rest is the library's:
 *
 * <pre>
 *   read → SampleLAEs → [custom split] → GiipBlocks (training, extension)
 *        → Cluster.atDistance(1) + DiffusionMap → Cluster.assign + NystromExtend
 * </pre>
 *
 * Run it on the bundled crystal with {@code bin/giip-example} or from a test; it returns the
 * class and coordinates of every LAE.
 */
public final class DefectCentredStudy {
  private DefectCentredStudy() {}

  /** Training LAEs: defects, and a thin sample of the perfect crystal. */
  static final TupleTag<LaeBatch> TRAINING = new TupleTag<>("training") {};
  static final TupleTag<LaeBatch> EXTENSION = new TupleTag<>("extension") {};

  /** The custom step: a DoFn that splits each batch by the LAE's neighbour count. */
  static final class DefectSplitFn extends DoFn<LaeBatch, LaeBatch> {
    @ProcessElement
    public void process(@Element LaeBatch b, MultiOutputReceiver out) {
      int[] train = IntStream.range(0, b.size())
          .filter(i -> b.neighbourCounts()[i] != 6 || b.centreIds()[i] % 25 == 0).toArray();
      int[] rest = IntStream.range(0, b.size())
          .filter(i -> !(b.neighbourCounts()[i] != 6 || b.centreIds()[i] % 25 == 0)).toArray();
      if (train.length > 0) {
        out.get(TRAINING).output(b.select(train));
      }
      if (rest.length > 0) {
        out.get(EXTENSION).output(b.select(rest));
      }
    }
  }

  /**
   * The class (elements with a class, no coordinates) and the diffusion coordinates (elements
   * with coordinates, class 0) of every extension LAE.
   */
  public static PCollection<LaeAssignment> build(Pipeline p, Frame crystal) {
    PCollection<LaeBatch> laes = p
        .apply("Crystal", Create.of(List.of(crystal)).withCoder(SampleLAEs.frameCoder()))
        .apply(SampleLAEs.of(LaeParameters.of(1.3, 1.75)).withBatchSize(512));
    PCollectionTuple split = laes.apply("Defect split", ParDo.of(new DefectSplitFn())
        .withOutputTags(TRAINING, TupleTagList.of(EXTENSION)));
    // The library expects the training set as one batch in canonical order.
    PCollection<LaeBatch> training = split.get(TRAINING).setCoder(LaeBatchCoder.of())
        .apply("One training batch", org.apache.beam.sdk.transforms.Combine.globally(
            (Iterable<LaeBatch> parts) -> {
              List<LaeBatch> all = new ArrayList<>();
              parts.forEach(all::add);
              return SplitTrainExtension.canonical(LaeBatch.concat(all));
            }).withoutDefaults())
        .setCoder(LaeBatchCoder.of());
    PCollection<LaeBatch> extension = split.get(EXTENSION).setCoder(LaeBatchCoder.of());

    GiipParameters giip = GiipParameters.fast(0.5);
    PCollectionView<LaeBatch> trainingView = training.apply(View.asSingleton());
    PCollection<DistanceBlock> trainRows = training.apply(GiipBlocks.training(giip));
    PCollection<DistanceBlock> extRows = extension.apply(GiipBlocks.extension(giip,
        trainingView));

    PCollectionView<ClusterModel> classes = trainRows.apply(Cluster.atDistance(1.0))
        .apply("Classes view", View.asSingleton());
    PCollectionView<DiffusionModel> map = trainRows.apply(DiffusionMap.of(1.0, 4))
        .apply("Diffusion view", View.asSingleton());
    PCollectionList<LaeAssignment> out = PCollectionList
        .of(extRows.apply("Classes", Cluster.assign(classes)))
        .and(extRows.apply("Coordinates", NystromExtend.with(map)));
    return out.apply("Classes and coordinates", Flatten.pCollections());
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "examples/lj2d/lj2d.dump");
    Frame crystal = SampleReaders.read(file, 2, null);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(
        args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[0])
        .create());
    build(p, crystal).apply("Print", ParDo.of(new DoFn<LaeAssignment, Void>() {
      @ProcessElement
      public void process(@Element LaeAssignment a) {
        if (a.clusterClass() > 0 && a.centreId() % 100 == 0) {
          System.out.println(a);
        }
      }
    }));
    p.run().waitUntilFinish();
  }
}
