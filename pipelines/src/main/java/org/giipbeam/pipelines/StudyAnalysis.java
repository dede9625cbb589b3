package org.giipbeam.pipelines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.coders.DistanceBlockCoder;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.coders.LaeResultListCoder;
import org.giipbeam.gpu.lae.LaeDescriptors;
import org.giipbeam.transforms.DistanceStore;
import org.giipbeam.transforms.TrainingMatrix;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.cluster.Cut;
import org.giipbeam.transforms.diffusion.AutomaticEpsilon;
import org.giipbeam.transforms.diffusion.DiffusionMaps;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;

/**
 * The analysis half of a study, shared by {@code study} and {@code analyze}: from the training
 * batch, its distance tiles, and the extension batches with their distance rows, to one
 * {@link LaeResult} per LAE (class, diffusion coordinates, descriptors) and the
 * {@link StudyModels}. Results travel as one list per sample and batch (one Arrow record batch
 * each), not one element per LAE.
 */
final class StudyAnalysis {
  private StudyAnalysis() {}

  /** Outputs of the analysis. */
  record Outputs(PCollection<List<LaeResult>> results, PCollection<StudyModels> models) {}

  /** Number of ε values of the kernel-sum sweep. */
  static final int SWEEP_POINTS = 60;

  static Outputs apply(StudySpec spec, PCollection<LaeBatch> training,
      PCollection<DistanceBlock> trainingTiles, PCollection<LaeBatch> extension,
      PCollection<DistanceBlock> extensionRows) {
    PCollectionView<LaeBatch> trainingView = training.apply("Training view", View.asSingleton());
    double eps = spec.eps();
    Cut cut = spec.cut() != null ? Cut.atDistance(spec.cut()) : Cut.intoClasses(spec.classes());
    int k = spec.coordinates();

    PCollection<StudyModels> models = trainingTiles
        .apply("Key tiles", WithKeys.of(""))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DistanceBlockCoder.of()))
        .apply("Gather tiles", GroupByKey.create())
        .apply("Fit models", ParDo.of(new FitFn(trainingView, eps, cut, k))
            .withSideInputs(trainingView))
        .setCoder(SerializableCoder.of(StudyModels.class));
    PCollectionView<StudyModels> modelsView = models.apply("Models view", View.asSingleton());

    PCollection<List<LaeResult>> trainingResults = training
        .apply("Training results", ParDo.of(new TrainingResultsFn(modelsView))
            .withSideInputs(modelsView))
        .setCoder(LaeResultListCoder.of());

    TupleTag<LaeBatch> laesTag = new TupleTag<>();
    TupleTag<DistanceBlock> rowsTag = new TupleTag<>();
    PCollection<KV<String, LaeBatch>> keyedLaes = extension
        .apply("Key extension LAEs", WithKeys.of(DistanceStore::batchKey))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LaeBatchCoder.of()));
    PCollection<KV<String, DistanceBlock>> keyedRows = extensionRows
        .apply("Key extension rows", WithKeys.of(DistanceStore::blockKey))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DistanceBlockCoder.of()));
    PCollection<List<LaeResult>> extensionResults = KeyedPCollectionTuple.of(laesTag, keyedLaes)
        .and(rowsTag, keyedRows)
        .apply("Join LAEs and rows", CoGroupByKey.create())
        .apply("Extension results", ParDo.of(new ExtensionResultsFn(modelsView, laesTag, rowsTag))
            .withSideInputs(modelsView))
        .setCoder(LaeResultListCoder.of());

    PCollection<List<LaeResult>> results = PCollectionList.of(trainingResults).and(extensionResults)
        .apply("All results", Flatten.pCollections());
    return new Outputs(results, models);
  }

  /** Emits the rows as one list per sample, so that each list belongs to one sample. */
  static void outputBySample(List<LaeResult> rows,
      java.util.function.Consumer<List<LaeResult>> out) {
    Map<String, List<LaeResult>> bySample = new LinkedHashMap<>();
    for (LaeResult r : rows) {
      bySample.computeIfAbsent(r.sample(), x -> new ArrayList<>()).add(r);
    }
    bySample.values().forEach(out);
  }

  /** The descriptors of LAE i of the batch, by name. */
  static Map<String, Double> descriptors(Map<String, double[]> all, int i) {
    Map<String, Double> m = new LinkedHashMap<>();
    all.forEach((name, values) -> m.put(name, values[i]));
    return m;
  }

  private static final class FitFn extends DoFn<KV<String, Iterable<DistanceBlock>>, StudyModels> {
    private final PCollectionView<LaeBatch> training;
    private final double eps;
    private final Cut cut;
    private final int k;

    FitFn(PCollectionView<LaeBatch> training, double eps, Cut cut, int k) {
      this.training = training;
      this.eps = eps;
      this.cut = cut;
      this.k = k;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      LaeBatch t = c.sideInput(training);
      int n = t.size();
      float[] d = TrainingMatrix.assemble(c.element().getValue(), n).distances();
      KernelSumSweep sweep = KernelSumSweep.of(d, n, SWEEP_POINTS);
      AutomaticEpsilon.Choice auto = AutomaticEpsilon.choose(d, n, sweep);
      double epsilon = Double.isNaN(eps) ? auto.epsilon() : eps;
      if (!Double.isNaN(eps)) {
        String problem = AutomaticEpsilon.check(d, n, eps, auto);
        if (problem != null) {
          throw new IllegalArgumentException(problem);
        }
      }
      String[] keys = new String[n];
      for (int i = 0; i < n; i++) {
        keys[i] = t.samples()[i] + "#" + t.centreIds()[i];
      }
      if (k >= n) {
        throw new IllegalArgumentException("--coordinates " + k + " needs more than " + k
            + " training LAEs; there are " + n);
      }
      DiffusionModel diffusion = DiffusionMaps.fit(d, n, epsilon, k, keys,
          new org.giipbeam.transforms.diffusion.BlockKrylovEigensolver()).withRedundancy();
      ClusterModel cluster = ClusterModel.fit(d, n, cut);
      c.output(new StudyModels(cluster, diffusion, sweep, n,
          Double.isNaN(eps) ? auto.reason() : String.format(java.util.Locale.ROOT,
              "ε = %.4g given (--eps); automatic would be %.4g", eps, auto.epsilon())));
    }
  }

  private static final class TrainingResultsFn extends DoFn<LaeBatch, List<LaeResult>> {
    private final PCollectionView<StudyModels> models;

    TrainingResultsFn(PCollectionView<StudyModels> models) {
      this.models = models;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      StudyModels m = c.sideInput(models);
      LaeBatch t = c.element();
      Map<String, double[]> desc = LaeDescriptors.all(t);
      List<LaeResult> rows = new ArrayList<>(t.size());
      for (int i = 0; i < t.size(); i++) {
        rows.add(new LaeResult(t.samples()[i], t.centreIds()[i], t.centreTypes()[i], true,
            m.cluster().trainingClass(i), m.diffusion().trainingCoordinates(i),
            descriptors(desc, i)));
      }
      outputBySample(rows, c::output);
    }
  }

  private static final class ExtensionResultsFn
      extends DoFn<KV<String, CoGbkResult>, List<LaeResult>> {
    private final PCollectionView<StudyModels> models;
    private final TupleTag<LaeBatch> laesTag;
    private final TupleTag<DistanceBlock> rowsTag;

    ExtensionResultsFn(PCollectionView<StudyModels> models, TupleTag<LaeBatch> laesTag,
        TupleTag<DistanceBlock> rowsTag) {
      this.models = models;
      this.laesTag = laesTag;
      this.rowsTag = rowsTag;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      StudyModels m = c.sideInput(models);
      List<LaeBatch> laes = new ArrayList<>();
      c.element().getValue().getAll(laesTag).forEach(laes::add);
      List<DistanceBlock> rows = new ArrayList<>();
      c.element().getValue().getAll(rowsTag).forEach(rows::add);
      if (laes.size() != 1 || rows.size() != 1) {
        throw new IllegalStateException("extension batch " + c.element().getKey() + " has "
            + laes.size() + " LAE batches and " + rows.size() + " distance blocks");
      }
      LaeBatch b = laes.get(0);
      DistanceBlock d = rows.get(0);
      Map<String, double[]> desc = LaeDescriptors.all(b);
      int n = d.columns();
      List<LaeResult> out = new ArrayList<>(b.size());
      for (int i = 0; i < b.size(); i++) {
        if (d.centreIds()[i] != b.centreIds()[i] || !d.samples()[i].equals(b.samples()[i])) {
          throw new IllegalStateException("distance rows out of step with their LAEs at "
              + b.samples()[i] + "#" + b.centreIds()[i]);
        }
        int cls = m.cluster().assign(d.distances(), i * n);
        double[] phi = m.diffusion().extend(d.distances(), i * n, -1,
            b.samples()[i] + "#" + b.centreIds()[i]);
        out.add(new LaeResult(b.samples()[i], b.centreIds()[i], b.centreTypes()[i], false, cls,
            phi, descriptors(desc, i)));
      }
      outputBySample(out, c::output);
    }
  }
}
