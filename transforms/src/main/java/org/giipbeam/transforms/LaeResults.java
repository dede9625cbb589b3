package org.giipbeam.transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.coders.DistanceBlockCoder;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.coders.LaeResultListCoder;
import org.giipbeam.transforms.descriptors.LaeDescriptors;

/**
 * One {@link LaeResult} per LAE (class, diffusion coordinates φ_1..φ_k and the descriptors of
 * {@link LaeDescriptors}), what the results writers take, from the {@link StudyModels} of
 * {@link FitModels}: {@link #training} reads the training LAEs' own classes and coordinates,
 * {@link #extension} assigns each extension LAE the class of its nearest training LAE and
 * extends the coordinates by Nyström (the per-row code of {@link Cluster#assign} and
 * {@link NystromExtend}).
 *
 * <pre>{@code
 * PCollectionView<StudyModels> models = trainingRows
 *     .apply(FitModels.of(Cluster.atDistance(1.0), DiffusionMap.of(1.0, 8)))
 *     .apply(View.asSingleton());
 * PCollection<List<LaeResult>> results = PCollectionList
 *     .of(training.apply(LaeResults.training(models)))
 *     .and(extension.apply(LaeResults.extension(models, extensionRows)))
 *     .apply(Flatten.pCollections());
 * }</pre>
 *
 * Results travel as lists (one Arrow record batch each), one list per sample and input batch, so
 * every list holds the rows of one sample. The training input is the one training batch (LAE i
 * is training LAE i); extension batches are joined with their distance blocks by
 * {@link #batchKey}/{@link #blockKey}, one block of whole rows per batch, as
 * {@link GiipBlocks#extension} makes them.
 */
public final class LaeResults {
  private LaeResults() {}

  /** The training batch → the training LAEs' results. */
  public static Training training(PCollectionView<StudyModels> models) {
    return new Training(models);
  }

  /** Extension batches, with their distance rows to the training LAEs → their results. */
  public static Extension extension(PCollectionView<StudyModels> models,
      PCollection<DistanceBlock> rows) {
    return new Extension(models, rows);
  }

  /** Identifies a batch of LAEs and the distance block of its rows (disjoint batches). */
  public static String batchKey(LaeBatch b) {
    return b.size() == 0 ? "" : b.samples()[0] + "#" + b.centreIds()[0] + "+" + b.size();
  }

  /** The key of {@link #batchKey} of the batch whose rows the block holds. */
  public static String blockKey(DistanceBlock d) {
    return d.rows() == 0 ? "" : d.samples()[0] + "#" + d.centreIds()[0] + "+" + d.rows();
  }

  /** Training batch → its results. */
  public static final class Training
      extends PTransform<PCollection<LaeBatch>, PCollection<List<LaeResult>>> {
    private final PCollectionView<StudyModels> models;

    private Training(PCollectionView<StudyModels> models) {
      this.models = models;
    }

    @Override
    public PCollection<List<LaeResult>> expand(PCollection<LaeBatch> training) {
      if (models == null) {
        throw new IllegalArgumentException("LaeResults.training needs a StudyModels side input");
      }
      return training
          .apply("TrainingResults", ParDo.of(new TrainingFn(models)).withSideInputs(models))
          .setCoder(LaeResultListCoder.of());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.add(DisplayData.item("laes", "training").withLabel("LAEs"));
    }
  }

  /** Extension batches and their distance rows → their results. */
  public static final class Extension
      extends PTransform<PCollection<LaeBatch>, PCollection<List<LaeResult>>> {
    private final PCollectionView<StudyModels> models;
    private final PCollection<DistanceBlock> rows;

    private Extension(PCollectionView<StudyModels> models, PCollection<DistanceBlock> rows) {
      this.models = models;
      this.rows = rows;
    }

    @Override
    public PCollection<List<LaeResult>> expand(PCollection<LaeBatch> extension) {
      if (models == null) {
        throw new IllegalArgumentException("LaeResults.extension needs a StudyModels side input");
      }
      if (rows == null) {
        throw new IllegalArgumentException("LaeResults.extension needs the extension distance "
            + "rows (GiipBlocks.extension of the same batches)");
      }
      if (rows.getPipeline() != extension.getPipeline()) {
        throw new IllegalArgumentException("LaeResults.extension: the distance rows belong to "
            + "another pipeline than the extension LAEs");
      }
      TupleTag<LaeBatch> laesTag = new TupleTag<>();
      TupleTag<DistanceBlock> rowsTag = new TupleTag<>();
      PCollection<KV<String, LaeBatch>> keyedLaes = extension
          .apply("KeyLaes", WithKeys.of(LaeResults::batchKey))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), LaeBatchCoder.of()));
      PCollection<KV<String, DistanceBlock>> keyedRows = rows
          .apply("KeyRows", WithKeys.of(LaeResults::blockKey))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), DistanceBlockCoder.of()));
      return KeyedPCollectionTuple.of(laesTag, keyedLaes).and(rowsTag, keyedRows)
          .apply("JoinLaesAndRows", CoGroupByKey.create())
          .apply("AssignAndExtend", ParDo.of(new ExtensionFn(models, laesTag, rowsTag))
              .withSideInputs(models))
          .setCoder(LaeResultListCoder.of());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.add(DisplayData.item("laes", "extension").withLabel("LAEs"));
    }
  }

  private static final class TrainingFn extends DoFn<LaeBatch, List<LaeResult>> {
    private final PCollectionView<StudyModels> models;
    private final Counter count = Metrics.counter(LaeResults.class, "training-results");

    TrainingFn(PCollectionView<StudyModels> models) {
      this.models = models;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      StudyModels m = c.sideInput(models);
      LaeBatch t = c.element();
      if (t.size() != m.trainingSize()) {
        throw new IllegalStateException("the training batch has " + t.size() + " LAEs, the "
            + "models were fitted on " + m.trainingSize());
      }
      Map<String, double[]> desc = LaeDescriptors.all(t);
      List<LaeResult> rows = new ArrayList<>(t.size());
      for (int i = 0; i < t.size(); i++) {
        rows.add(new LaeResult(t.samples()[i], t.centreIds()[i], t.centreTypes()[i], true,
            m.cluster().trainingClass(i), m.diffusion().trainingCoordinates(i),
            descriptors(desc, i)));
      }
      count.inc(rows.size());
      bySample(rows, c::output);
    }
  }

  private static final class ExtensionFn extends DoFn<KV<String, CoGbkResult>, List<LaeResult>> {
    private final PCollectionView<StudyModels> models;
    private final TupleTag<LaeBatch> laesTag;
    private final TupleTag<DistanceBlock> rowsTag;
    private final Counter count = Metrics.counter(LaeResults.class, "extension-results");

    ExtensionFn(PCollectionView<StudyModels> models, TupleTag<LaeBatch> laesTag,
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
      Cluster.checkWholeRows(d, m.trainingSize(), "LaeResults.extension");
      Map<String, double[]> desc = LaeDescriptors.all(b);
      List<LaeResult> out = new ArrayList<>(b.size());
      for (int i = 0; i < b.size(); i++) {
        if (d.centreIds()[i] != b.centreIds()[i] || !d.samples()[i].equals(b.samples()[i])) {
          throw new IllegalStateException("distance rows out of step with their LAEs at "
              + b.samples()[i] + "/" + b.centreIds()[i]);
        }
        out.add(new LaeResult(b.samples()[i], b.centreIds()[i], b.centreTypes()[i], false,
            Cluster.classOf(m.cluster(), d, i), NystromExtend.coordinatesOf(m.diffusion(), d, i),
            descriptors(desc, i)));
      }
      count.inc(out.size());
      bySample(out, c::output);
    }
  }

  /** The descriptors of LAE i of the batch, by name. */
  private static Map<String, Double> descriptors(Map<String, double[]> all, int i) {
    Map<String, Double> m = new LinkedHashMap<>();
    all.forEach((name, values) -> m.put(name, values[i]));
    return m;
  }

  /** Emits the rows as one list per sample, so that each list belongs to one sample. */
  private static void bySample(List<LaeResult> rows, Consumer<List<LaeResult>> out) {
    Map<String, List<LaeResult>> bySample = new LinkedHashMap<>();
    for (LaeResult r : rows) {
      bySample.computeIfAbsent(r.sample(), x -> new ArrayList<>()).add(r);
    }
    bySample.values().forEach(out);
  }
}
