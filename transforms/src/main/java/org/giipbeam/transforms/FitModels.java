package org.giipbeam.transforms;

import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.transforms.cluster.Cut;

/**
 * Both models of a study from the training × training distance rows, with one assembly of the
 * training matrix: the {@link Cluster} classes and the {@link DiffusionMap}, configured as those
 * transforms are, → one {@link StudyModels}.
 *
 * <pre>{@code
 * PCollectionView<StudyModels> models = trainingRows
 *     .apply(FitModels.of(Cluster.atDistance(1.0), DiffusionMap.of(1.0, 8)))
 *     .apply(View.asSingleton());
 * PCollection<List<LaeResult>> results = extension
 *     .apply(LaeResults.extension(models, extensionRows));
 * }</pre>
 *
 * The models are those {@code Cluster.Fit} and {@code DiffusionMap} give on the same rows, bit
 * for bit (they share the per-matrix code); the matrix is assembled once, on one worker.
 */
public final class FitModels
    extends PTransform<PCollection<DistanceBlock>, PCollection<StudyModels>> {
  private final Cluster.Fit cluster;
  private final DiffusionMap diffusion;
  private final int trainingSize;

  private FitModels(Cluster.Fit cluster, DiffusionMap diffusion, int trainingSize) {
    this.cluster = cluster;
    this.diffusion = diffusion;
    this.trainingSize = trainingSize;
  }

  /** The classes of {@code cluster} and the diffusion map of {@code diffusion}. */
  public static FitModels of(Cluster.Fit cluster, DiffusionMap diffusion) {
    return new FitModels(cluster, diffusion, 0);
  }

  public FitModels withCluster(Cluster.Fit cluster) {
    return new FitModels(cluster, diffusion, trainingSize);
  }

  public FitModels withDiffusionMap(DiffusionMap diffusion) {
    return new FitModels(cluster, diffusion, trainingSize);
  }

  /** The number of training LAEs, checked against the rows (default: inferred). */
  public FitModels withTrainingSize(int n) {
    return new FitModels(cluster, diffusion, n);
  }

  @Override
  public PCollection<StudyModels> expand(PCollection<DistanceBlock> rows) {
    if (cluster == null || diffusion == null) {
      throw new IllegalArgumentException("FitModels needs a Cluster.Fit and a DiffusionMap, got "
          + cluster + " and " + diffusion);
    }
    if (trainingSize < 0) {
      throw new IllegalArgumentException("FitModels: training size must be ≥ 0 (0 = infer), got "
          + trainingSize);
    }
    Cut cut = cluster.cut();
    DiffusionMap map = trainingSize > 0 ? diffusion.withTrainingSize(trainingSize) : diffusion;
    map.validate();
    return rows.apply("GatherTrainingRows", Gather.all())
        .apply("FitModels", ParDo.of(new FitFn(cut, map.settings(), trainingSize)))
        .setCoder(SerializableCoder.of(StudyModels.class));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    if (cluster != null) {
      builder.include("cluster", cluster);
    }
    if (diffusion != null) {
      builder.include("diffusion", diffusion);
    }
    builder.addIfNotDefault(DisplayData.item("trainingSize", trainingSize)
        .withLabel("Training LAEs"), 0);
  }

  private static final class FitFn extends DoFn<List<DistanceBlock>, StudyModels> {
    private final Cut cut;
    private final DiffusionMap.Settings diffusion;
    private final int trainingSize;

    FitFn(Cut cut, DiffusionMap.Settings diffusion, int trainingSize) {
      this.cut = cut;
      this.diffusion = diffusion;
      this.trainingSize = trainingSize;
    }

    @ProcessElement
    public void process(@Element List<DistanceBlock> blocks, OutputReceiver<StudyModels> out) {
      TrainingMatrix m = TrainingMatrix.assemble(blocks, trainingSize);
      out.output(new StudyModels(Cluster.fit(m, cut), diffusion.fit(m)));
    }
  }
}
