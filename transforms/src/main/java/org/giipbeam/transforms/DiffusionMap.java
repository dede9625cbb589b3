package org.giipbeam.transforms;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.transforms.diffusion.AutomaticEpsilon;
import org.giipbeam.transforms.diffusion.BlockKrylovEigensolver;
import org.giipbeam.transforms.diffusion.DiffusionMaps;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;

/**
 * Diffusion map of the training LAEs (DESIGN §1; {@link DiffusionMaps} has the equations):
 * training × training distance rows → one {@link DiffusionModel} with ε, λ_1..λ_k, φ_k on the
 * training LAEs and what the Nyström extension needs, the kernel-sum sweep of the training
 * distances ({@link DiffusionModel#kernelSumSweep}) and (by default) the redundancy of each
 * coordinate.
 *
 * <pre>{@code
 * PCollectionView<DiffusionModel> model = trainingRows
 *     .apply(DiffusionMap.of(1.5, 10))            // ε = 1.5 (paper, NiNb glass), 10 coordinates
 *     .apply(View.asSingleton());
 * PCollection<LaeAssignment> coordinates = extensionRows.apply(NystromExtend.with(model));
 *
 * trainingRows.apply(DiffusionMap.automatic(10)); // ε from the training distances
 * }</pre>
 *
 * With {@link #automatic} ε is chosen from the training distances by {@link AutomaticEpsilon}
 * and the model's {@link DiffusionModel#epsilon()} says which. The matrix is assembled on one
 * worker; any block order or split gives the same model, bit for bit. An isolated training LAE
 * (kernel row zero to double precision) fails the step with a message naming it
 * ("sample/centreId") and suggesting an ε. {@link FitModels} fits this and {@link Cluster}'s
 * model from one assembly of the matrix.
 */
public final class DiffusionMap
    extends PTransform<PCollection<DistanceBlock>, PCollection<DiffusionModel>> {
  private final double epsilon;
  private final boolean automatic;
  private final int coordinates;
  private final boolean redundancy;
  private final int trainingSize;

  private DiffusionMap(double epsilon, boolean automatic, int coordinates, boolean redundancy,
      int trainingSize) {
    this.epsilon = epsilon;
    this.automatic = automatic;
    this.coordinates = coordinates;
    this.redundancy = redundancy;
    this.trainingSize = trainingSize;
  }

  /** Kernel scale ε (in distance units) and the number k of non-trivial coordinates. */
  public static DiffusionMap of(double epsilon, int coordinates) {
    return new DiffusionMap(epsilon, false, coordinates, true, 0);
  }

  /** k non-trivial coordinates, ε chosen from the training distances ({@link AutomaticEpsilon}). */
  public static DiffusionMap automatic(int coordinates) {
    return new DiffusionMap(Double.NaN, true, coordinates, true, 0);
  }

  /** A given ε instead (in distance units). */
  public DiffusionMap withEpsilon(double epsilon) {
    return new DiffusionMap(epsilon, false, coordinates, redundancy, trainingSize);
  }

  /** Chooses ε from the training distances ({@link AutomaticEpsilon}). */
  public DiffusionMap withAutomaticEpsilon() {
    return new DiffusionMap(Double.NaN, true, coordinates, redundancy, trainingSize);
  }

  public DiffusionMap withCoordinates(int k) {
    return new DiffusionMap(epsilon, automatic, k, redundancy, trainingSize);
  }

  /**
   * Whether to compute each coordinate's redundancy (local linear regression and polynomial
   * r²; O(n² k²), about 24 s at n = 6,800 and k = 10 on 2 cores). Default true.
   */
  public DiffusionMap withRedundancy(boolean redundancy) {
    return new DiffusionMap(epsilon, automatic, coordinates, redundancy, trainingSize);
  }

  /** The number of training LAEs, checked against the rows (default: inferred). */
  public DiffusionMap withTrainingSize(int n) {
    return new DiffusionMap(epsilon, automatic, coordinates, redundancy, n);
  }

  /** Whether ε is chosen from the training distances. */
  public boolean isAutomatic() {
    return automatic;
  }

  @Override
  public PCollection<DiffusionModel> expand(PCollection<DistanceBlock> rows) {
    validate();
    return rows.apply("GatherTrainingRows", Gather.all())
        .apply("Eigenpairs", ParDo.of(new FitFn(settings())))
        .setCoder(SerializableCoder.of(DiffusionModel.class));
  }

  /** The checks of {@link #expand}, also run by {@link FitModels}. */
  void validate() {
    if (!automatic && (!(epsilon > 0) || Double.isInfinite(epsilon))) {
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
  }

  /** What the fit needs on the worker (the transform itself does not travel). */
  Settings settings() {
    return new Settings(epsilon, automatic, coordinates, redundancy, trainingSize);
  }

  /**
   * The settings of a fit, and the fit of an assembled training matrix: the sweep, ε (given or
   * automatic), the eigenpairs and, if asked for, the redundancy. Plain Java; {@link FitModels}
   * calls it too.
   */
  record Settings(double epsilon, boolean automatic, int coordinates, boolean redundancy,
      int trainingSize) implements Serializable {
    DiffusionModel fit(TrainingMatrix m) {
      if (coordinates >= m.n) {
        throw new IllegalArgumentException("DiffusionMap: k = " + coordinates + " coordinates "
            + "need more than k training LAEs; there are " + m.n);
      }
      KernelSumSweep sweep = AutomaticEpsilon.sweep(m.distances, m.n);
      AutomaticEpsilon.Choice choice = AutomaticEpsilon.choose(m.distances, m.n, sweep);
      double eps = automatic ? choice.epsilon() : epsilon;
      if (!automatic) {
        String problem = AutomaticEpsilon.check(m.distances, m.n, epsilon, choice, m.keys);
        if (problem != null) {
          throw new IllegalArgumentException(problem);
        }
      }
      String reason = automatic ? choice.reason() : String.format(java.util.Locale.ROOT,
          "ε = %.4g given; the automatic choice would be %.4g", epsilon, choice.epsilon());
      DiffusionModel model = DiffusionMaps.fit(m.distances, m.n, eps, coordinates, m.keys,
          new BlockKrylovEigensolver())
          .withKernelSumSweep(sweep).withEpsilonReason(reason);
      return redundancy ? model.withRedundancy() : model;
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    if (automatic) {
      builder.add(DisplayData.item("epsilon", "automatic").withLabel("Kernel scale ε"));
    } else {
      builder.add(DisplayData.item("epsilon", epsilon).withLabel("Kernel scale ε"));
    }
    builder.add(DisplayData.item("k", coordinates).withLabel("Diffusion coordinates k"))
        .add(DisplayData.item("redundancy", redundancy).withLabel("Coordinate redundancy"))
        .addIfNotDefault(DisplayData.item("trainingSize", trainingSize)
            .withLabel("Training LAEs"), 0);
  }

  private static final class FitFn extends DoFn<List<DistanceBlock>, DiffusionModel> {
    private final Settings settings;

    FitFn(Settings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element List<DistanceBlock> blocks, OutputReceiver<DiffusionModel> out) {
      out.output(settings.fit(TrainingMatrix.assemble(blocks, settings.trainingSize())));
    }
  }
}
