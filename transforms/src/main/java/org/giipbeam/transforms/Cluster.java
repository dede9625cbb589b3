package org.giipbeam.transforms;

import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.cluster.Cut;

/**
 * Complete-linkage classes of LAEs (DESIGN §1, Clustering): {@link #atDistance} /
 * {@link #intoClasses} turn training × training distance rows into a {@link ClusterModel} (the
 * dendrogram of {@code scipy.cluster.hierarchy.linkage(method='complete')} cut like
 * {@code fcluster}); {@link #assign} gives every LAE of extension rows the class of its nearest
 * training LAE.
 *
 * <pre>{@code
 * PCollection<ClusterModel> model = trainingRows.apply(Cluster.intoClasses(20));
 * PCollectionView<ClusterModel> view = model.apply(View.asSingleton());
 * PCollection<LaeAssignment> classes = extensionRows.apply(Cluster.assign(view));
 * }</pre>
 *
 * The training matrix is assembled on one worker ({@code TrainingMatrix}: any block order or
 * split gives the same matrix, hence the same model); {@link FitModels} fits this and
 * {@link DiffusionMap}'s model from one assembly. Extension rows must be whole rows
 * (column offset 0, one column per training LAE).
 */
public final class Cluster {
  private Cluster() {}

  /** Classes of diameter at most t ({@code fcluster(Z, t, 'distance')}; paper 2D: t = 1). */
  public static Fit atDistance(double t) {
    return new Fit(Cut.Criterion.DISTANCE, t, 0, 0);
  }

  /** At most k classes ({@code fcluster(Z, k, 'maxclust')}; paper 3D: k = 20). */
  public static Fit intoClasses(int k) {
    return new Fit(Cut.Criterion.MAXCLUST, Double.NaN, k, 0);
  }

  /** Assigns extension rows to classes with the model as a side input. */
  public static Assign assign(PCollectionView<ClusterModel> model) {
    return new Assign(model);
  }

  /** Training distance rows → one {@link ClusterModel}. */
  public static final class Fit
      extends PTransform<PCollection<DistanceBlock>, PCollection<ClusterModel>> {
    private final Cut.Criterion criterion;
    private final double distance;
    private final int classes;
    private final int trainingSize;

    private Fit(Cut.Criterion criterion, double distance, int classes, int trainingSize) {
      this.criterion = criterion;
      this.distance = distance;
      this.classes = classes;
      this.trainingSize = trainingSize;
    }

    /** Cut at distance t instead. */
    public Fit withDistance(double t) {
      return new Fit(Cut.Criterion.DISTANCE, t, 0, trainingSize);
    }

    /** Cut into at most k classes instead. */
    public Fit withClasses(int k) {
      return new Fit(Cut.Criterion.MAXCLUST, Double.NaN, k, trainingSize);
    }

    /**
     * The number of training LAEs, checked against the rows (default: inferred from the largest
     * row or column index).
     */
    public Fit withTrainingSize(int n) {
      return new Fit(criterion, distance, classes, n);
    }

    @Override
    public PCollection<ClusterModel> expand(PCollection<DistanceBlock> rows) {
      Cut cut = cut();
      return rows.apply("GatherTrainingRows", Gather.all())
          .apply("CompleteLinkage", ParDo.of(new FitFn(cut, trainingSize)))
          .setCoder(SerializableCoder.of(ClusterModel.class));
    }

    /** The checked cut: the validation of {@link #expand}, also run by {@link FitModels}. */
    Cut cut() {
      if (trainingSize < 0) {
        throw new IllegalArgumentException("Cluster: training size must be ≥ 0 (0 = infer), got "
            + trainingSize);
      }
      try {
        return new Cut(criterion, distance, classes);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Cluster: " + e.getMessage(), e);
      }
    }

    int trainingSize() {
      return trainingSize;
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.add(DisplayData.item("linkage", "complete").withLabel("Linkage"));
      if (criterion == Cut.Criterion.DISTANCE) {
        builder.add(DisplayData.item("t", distance).withLabel("Cut distance t"));
      } else {
        builder.add(DisplayData.item("k", classes).withLabel("Number of classes k"));
      }
      builder.addIfNotDefault(DisplayData.item("trainingSize", trainingSize)
          .withLabel("Training LAEs"), 0);
    }
  }

  /** The model of an assembled training matrix (plain Java; {@link FitModels} calls it too). */
  static ClusterModel fit(TrainingMatrix m, Cut cut) {
    return ClusterModel.fit(m.distances, m.n, cut);
  }

  private static final class FitFn extends DoFn<List<DistanceBlock>, ClusterModel> {
    private final Cut cut;
    private final int trainingSize;

    FitFn(Cut cut, int trainingSize) {
      this.cut = cut;
      this.trainingSize = trainingSize;
    }

    @ProcessElement
    public void process(@Element List<DistanceBlock> blocks, OutputReceiver<ClusterModel> out) {
      out.output(fit(TrainingMatrix.assemble(blocks, trainingSize), cut));
    }
  }

  /** Extension (or any) distance rows → one {@link LaeAssignment} per row with its class. */
  public static final class Assign
      extends PTransform<PCollection<DistanceBlock>, PCollection<LaeAssignment>> {
    private final PCollectionView<ClusterModel> model;

    private Assign(PCollectionView<ClusterModel> model) {
      this.model = model;
    }

    @Override
    public PCollection<LaeAssignment> expand(PCollection<DistanceBlock> rows) {
      if (model == null) {
        throw new IllegalArgumentException("Cluster.assign needs a ClusterModel side input");
      }
      return rows.apply("NearestTrainingLae", ParDo.of(new AssignFn(model))
              .withSideInputs(model))
          .setCoder(SerializableCoder.of(LaeAssignment.class));
    }
  }

  private static final class AssignFn extends DoFn<DistanceBlock, LaeAssignment> {
    private final PCollectionView<ClusterModel> model;
    private final Counter assigned = Metrics.counter(Cluster.class, "lae-assigned");

    AssignFn(PCollectionView<ClusterModel> model) {
      this.model = model;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      DistanceBlock block = context.element();
      ClusterModel m = context.sideInput(model);
      checkWholeRows(block, m.trainingSize(), "Cluster.assign");
      for (int r = 0; r < block.rows(); r++) {
        int c = classOf(m, block, r);
        context.output(new LaeAssignment(block.samples()[r], block.centreIds()[r],
            block.rowIndices()[r], c, new double[0]));
      }
      assigned.inc(block.rows());
    }
  }

  /** The class of row r of whole distance rows: the one per-row step of every assignment. */
  static int classOf(ClusterModel m, DistanceBlock block, int r) {
    return m.assign(block.distances(), r * block.columns());
  }

  static void checkWholeRows(DistanceBlock block, int trainingSize, String who) {
    if (block.columnOffset() != 0 || block.columns() != trainingSize) {
      throw new IllegalArgumentException(who + " needs whole distance rows (columns 0.."
          + (trainingSize - 1) + " for " + trainingSize + " training LAEs), got " + block);
    }
  }
}
