package org.giipbeam.transforms;

import java.io.Serializable;
import java.util.Objects;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;

/**
 * What a study learns from its training distances, as {@link FitModels} makes it: the
 * complete-linkage classes and the diffusion map (with the ε used, the kernel-sum sweep ε was
 * chosen from and, by default, the coordinates' redundancy). The side input of
 * {@link LaeResults}.
 *
 * <pre>{@code
 * PCollectionView<StudyModels> models = trainingRows
 *     .apply(FitModels.of(Cluster.atDistance(1.0), DiffusionMap.automatic(8)))
 *     .apply(View.asSingleton());
 * }</pre>
 */
public record StudyModels(ClusterModel cluster, DiffusionModel diffusion) implements Serializable {

  public StudyModels {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(diffusion, "diffusion");
    if (cluster.trainingSize() != diffusion.trainingSize()) {
      throw new IllegalArgumentException("models of different training sets: "
          + cluster.trainingSize() + " and " + diffusion.trainingSize() + " training LAEs");
    }
  }

  /** The kernel-sum sweep of the training distances (recorded by {@link DiffusionMap}). */
  public KernelSumSweep sweep() {
    return diffusion.kernelSumSweep().orElseThrow(() -> new IllegalStateException(
        "the diffusion model has no kernel-sum sweep (fit it with DiffusionMap or FitModels)"));
  }

  /** n_train. */
  public int trainingSize() {
    return cluster.trainingSize();
  }
}
