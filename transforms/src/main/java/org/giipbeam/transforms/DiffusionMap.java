package org.giipbeam.transforms;

import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.transforms.diffusion.BlockKrylovEigensolver;
import org.giipbeam.transforms.diffusion.DiffusionMaps;
import org.giipbeam.transforms.diffusion.DiffusionModel;

/**
 * Diffusion map of the training LAEs (DESIGN §1; {@link DiffusionMaps} has the equations):
 * training × training distance rows → one {@link DiffusionModel} with ε, λ_1..λ_k, φ_k on the
 * training LAEs and what the Nyström extension needs, plus (by default) the redundancy of each
 * coordinate.
 *
 * <pre>{@code
 * PCollectionView<DiffusionModel> model = trainingRows
 *     .apply(DiffusionMap.of(1.5, 10))            // ε = 1.5 (paper, NiNb glass), 10 coordinates
 *     .apply(View.asSingleton());
 * PCollection<LaeAssignment> coordinates = extensionRows.apply(NystromExtend.with(model));
 * }</pre>
 *
 * The matrix is assembled on one worker; any block order or split gives the same model, bit for
 * bit. An isolated training LAE (kernel row zero to double precision) fails the step with a
 * message naming it ("sample/centreId") and suggesting an ε.
 */
public final class DiffusionMap
    extends PTransform<PCollection<DistanceBlock>, PCollection<DiffusionModel>> {
  private final double epsilon;
  private final int coordinates;
  private final boolean redundancy;
  private final int trainingSize;

  private DiffusionMap(double epsilon, int coordinates, boolean redundancy, int trainingSize) {
    this.epsilon = epsilon;
    this.coordinates = coordinates;
    this.redundancy = redundancy;
    this.trainingSize = trainingSize;
  }

  /** Kernel scale ε (in distance units) and the number k of non-trivial coordinates. */
  public static DiffusionMap of(double epsilon, int coordinates) {
    return new DiffusionMap(epsilon, coordinates, true, 0);
  }

  public DiffusionMap withEpsilon(double epsilon) {
    return new DiffusionMap(epsilon, coordinates, redundancy, trainingSize);
  }

  public DiffusionMap withCoordinates(int k) {
    return new DiffusionMap(epsilon, k, redundancy, trainingSize);
  }

  /**
   * Whether to compute each coordinate's redundancy (local linear regression and polynomial
   * r²; O(n² k²), about 24 s at n = 6,800 and k = 10 on 2 cores). Default true.
   */
  public DiffusionMap withRedundancy(boolean redundancy) {
    return new DiffusionMap(epsilon, coordinates, redundancy, trainingSize);
  }

  /** The number of training LAEs, checked against the rows (default: inferred). */
  public DiffusionMap withTrainingSize(int n) {
    return new DiffusionMap(epsilon, coordinates, redundancy, n);
  }

  @Override
  public PCollection<DiffusionModel> expand(PCollection<DistanceBlock> rows) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("DiffusionMap: kernel scale ε must be finite and > 0, "
          + "got " + epsilon);
    }
    if (coordinates < 1) {
      throw new IllegalArgumentException("DiffusionMap: number of coordinates k must be ≥ 1, "
          + "got " + coordinates);
    }
    if (trainingSize < 0 || (trainingSize > 0 && coordinates >= trainingSize)) {
      throw new IllegalArgumentException("DiffusionMap: k = " + coordinates + " coordinates "
          + "need more than k training LAEs, training size is " + trainingSize);
    }
    return rows.apply("GatherTrainingRows", new TrainingRows())
        .apply("Eigenpairs", ParDo.of(new FitFn(epsilon, coordinates, redundancy, trainingSize)))
        .setCoder(SerializableCoder.of(DiffusionModel.class));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("epsilon", epsilon).withLabel("Kernel scale ε"))
        .add(DisplayData.item("k", coordinates).withLabel("Diffusion coordinates k"))
        .add(DisplayData.item("redundancy", redundancy).withLabel("Coordinate redundancy"))
        .addIfNotDefault(DisplayData.item("trainingSize", trainingSize)
            .withLabel("Training LAEs"), 0);
  }

  private static final class FitFn extends DoFn<Iterable<DistanceBlock>, DiffusionModel> {
    private final double epsilon;
    private final int coordinates;
    private final boolean redundancy;
    private final int trainingSize;

    FitFn(double epsilon, int coordinates, boolean redundancy, int trainingSize) {
      this.epsilon = epsilon;
      this.coordinates = coordinates;
      this.redundancy = redundancy;
      this.trainingSize = trainingSize;
    }

    @ProcessElement
    public void process(@Element Iterable<DistanceBlock> blocks,
        OutputReceiver<DiffusionModel> out) {
      TrainingMatrix m = TrainingMatrix.assemble(blocks, trainingSize);
      DiffusionModel model = DiffusionMaps.fit(m.distances, m.n, epsilon, coordinates, m.keys,
          new BlockKrylovEigensolver());
      out.output(redundancy ? model.withRedundancy() : model);
    }
  }
}
