package org.giipbeam.transforms;

import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.transforms.diffusion.DiffusionModel;

/**
 * Diffusion coordinates of extension LAEs by the Nyström extension (DESIGN §1;
 * {@link DiffusionModel} has the equation): whole distance rows to every training LAE, with the
 * model as a side input, → one {@link LaeAssignment} per row with φ_1..φ_k. Each row is independent,
 * so this step runs in parallel over any number of workers. A row whose kernel row is zero (an
 * LAE far from every training LAE) fails with a message naming it and suggesting an ε.
 *
 * <pre>{@code
 * PCollection<LaeAssignment> coordinates = extensionRows.apply(NystromExtend.with(modelView));
 * }</pre>
 */
public final class NystromExtend
    extends PTransform<PCollection<DistanceBlock>, PCollection<LaeAssignment>> {
  private final PCollectionView<DiffusionModel> model;

  private NystromExtend(PCollectionView<DiffusionModel> model) {
    this.model = model;
  }

  /** Extends with the given model (a singleton side input). */
  public static NystromExtend with(PCollectionView<DiffusionModel> model) {
    return new NystromExtend(model);
  }

  @Override
  public PCollection<LaeAssignment> expand(PCollection<DistanceBlock> rows) {
    if (model == null) {
      throw new IllegalArgumentException("NystromExtend needs a DiffusionModel side input");
    }
    return rows.apply("Nystrom", ParDo.of(new ExtendFn(model)).withSideInputs(model))
        .setCoder(SerializableCoder.of(LaeAssignment.class));
  }

  /** φ_1..φ_k of row r of whole distance rows: the one per-row step of every extension. */
  static double[] coordinatesOf(DiffusionModel m, DistanceBlock block, int r) {
    return m.extend(block.distances(), r * block.columns(), block.rowIndices()[r],
        TrainingMatrix.key(block, r));
  }

  private static final class ExtendFn extends DoFn<DistanceBlock, LaeAssignment> {
    private final PCollectionView<DiffusionModel> model;
    private final Counter extended = Metrics.counter(NystromExtend.class, "lae-extended");

    ExtendFn(PCollectionView<DiffusionModel> model) {
      this.model = model;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      DistanceBlock block = context.element();
      DiffusionModel m = context.sideInput(model);
      Cluster.checkWholeRows(block, m.trainingSize(), "NystromExtend");
      for (int r = 0; r < block.rows(); r++) {
        double[] phi = coordinatesOf(m, block, r);
        context.output(new LaeAssignment(block.samples()[r], block.centreIds()[r],
            block.rowIndices()[r], 0, phi));
      }
      extended.inc(block.rows());
    }
  }
}
