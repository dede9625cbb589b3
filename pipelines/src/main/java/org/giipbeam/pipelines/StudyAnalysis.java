package org.giipbeam.pipelines;

import java.util.List;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.transforms.Cluster;
import org.giipbeam.transforms.DiffusionMap;
import org.giipbeam.transforms.FitModels;
import org.giipbeam.transforms.LaeResults;
import org.giipbeam.transforms.StudyModels;

/**
 * The analysis half of a study, shared by {@code study} and {@code analyze}, as a chain of the
 * library's public transforms: the training distance tiles → {@link FitModels} (the
 * {@link Cluster} classes and the {@link DiffusionMap}, ε given or automatic) →
 * {@link LaeResults#training} and {@link LaeResults#extension} → one {@link LaeResult} per LAE
 * (class, diffusion coordinates, descriptors). Results travel as one list per sample and batch
 * (one Arrow record batch each), not one element per LAE.
 */
final class StudyAnalysis {
  private StudyAnalysis() {}

  /** Outputs of the analysis. */
  record Outputs(PCollection<List<LaeResult>> results, PCollection<StudyModels> models) {}

  static Outputs apply(StudySpec spec, PCollection<LaeBatch> training,
      PCollection<DistanceBlock> trainingTiles, PCollection<LaeBatch> extension,
      PCollection<DistanceBlock> extensionRows) {
    PCollection<StudyModels> models = trainingTiles.apply("Fit models",
        FitModels.of(clusters(spec), diffusionMap(spec)));
    PCollectionView<StudyModels> view = models.apply("Models view", View.asSingleton());
    PCollection<List<LaeResult>> results = PCollectionList
        .of(training.apply("Training results", LaeResults.training(view)))
        .and(extension.apply("Extension results", LaeResults.extension(view, extensionRows)))
        .apply("All results", Flatten.pCollections());
    return new Outputs(results, models);
  }

  /** The study's cut: at a distance ({@code --cut}) or into classes ({@code --classes}). */
  static Cluster.Fit clusters(StudySpec spec) {
    return spec.cut() != null ? Cluster.atDistance(spec.cut())
        : Cluster.intoClasses(spec.classes());
  }

  /** The study's diffusion map: {@code --eps} (NaN: automatic) and {@code --coordinates}. */
  static DiffusionMap diffusionMap(StudySpec spec) {
    return Double.isNaN(spec.eps()) ? DiffusionMap.automatic(spec.coordinates())
        : DiffusionMap.of(spec.eps(), spec.coordinates());
  }
}
