package org.giipbeam.transforms;

import static org.giipbeam.arrowio.testing.CoderChecks.canonical;
import static org.giipbeam.arrowio.testing.CoderChecks.deterministic;
import static org.giipbeam.arrowio.testing.CoderChecks.reordered;
import static org.giipbeam.arrowio.testing.CoderChecks.serializableOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.coders.DistanceBlockCoder;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.coders.LaeResultListCoder;
import org.giipbeam.arrowio.testing.Fixtures;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.cluster.Cut;
import org.giipbeam.transforms.diffusion.DiffusionMaps;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;
import org.junit.jupiter.api.Test;

/**
 * Beam's {@link CoderProperties} for the coders the transforms set (the data model's own coders
 * are checked in arrow-io's {@code CoderPropertiesTest}):
 * <ul>
 *   <li>the models and {@link LaeAssignment} travel with {@link SerializableCoder}, which claims
 *       neither determinism nor consistency with equals (they are never keys): round trips, the
 *       coder's serializability, and that it honestly refuses to be deterministic;</li>
 *   <li>{@link Gather}'s two coders, {@code KV<Void, T>} into its GroupByKey and
 *       {@code List<T>} out of it, for every element coder the project gathers with (training
 *       rows, training batches, result lists) and for a Beam coder: deterministic (and the
 *       list consistent with equals) exactly when the element coder is, checked on equal
 *       values whose maps were built in another order;</li>
 *   <li>the keyed coders of {@link LaeResults}' join and of the study's join of samples and
 *       results.</li>
 * </ul>
 */
class TransformCodersTest {

  /** Distances of points on a line: |i − j| / 2, with two clear groups. */
  private static float[] lineDistances(int n) {
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double xi = i < n / 2 ? i : i + 10;
        double xj = j < n / 2 ? j : j + 10;
        d[i * n + j] = (float) (Math.abs(xi - xj) / 2);
      }
    }
    return d;
  }

  @Test
  void clusterModel() throws Exception {
    ClusterModel m = ClusterModel.fit(lineDistances(10), 10, Cut.intoClasses(2));
    serializableOnly(SerializableCoder.of(ClusterModel.class), m);
  }

  @Test
  void diffusionModel() throws Exception {
    DiffusionModel m = DiffusionMaps.fit(lineDistances(12), 12, 3.0, 2);
    serializableOnly(SerializableCoder.of(DiffusionModel.class), m);
  }

  @Test
  void laeAssignment() throws Exception {
    serializableOnly(SerializableCoder.of(LaeAssignment.class),
        new LaeAssignment("quench", 17, 3, 2, new double[] {0.5, -1.25}));
  }

  @Test
  void studyModels() throws Exception {
    // As FitModels makes them: both models of one training set, the sweep recorded.
    float[] d = lineDistances(12);
    KernelSumSweep sweep = KernelSumSweep.of(d, 12, 9);
    StudyModels models = new StudyModels(ClusterModel.fit(d, 12, Cut.intoClasses(2)),
        DiffusionMaps.fit(d, 12, 3.0, 2).withKernelSumSweep(sweep));
    Coder<StudyModels> coder = SerializableCoder.of(StudyModels.class);
    serializableOnly(coder, models);
    StudyModels back = CoderUtils.clone(coder, models);
    assertEquals(sweep, back.sweep());
    assertEquals(models.cluster(), back.cluster());
    assertEquals(models.diffusion(), back.diffusion());
  }

  @Test
  void gatherCodersOfCanonicalElements() throws Exception {
    List<DistanceBlock> rows = List.of(
        Fixtures.randomBlock(new Random(1), 4, 6, 3, true, true),
        Fixtures.randomBlock(new Random(2), 3, 6, 3, false, false));
    List<DistanceBlock> sameRows = new ArrayList<>();
    rows.forEach(b -> sameRows.add(reordered(b)));
    checkGather(DistanceBlockCoder.of(), rows, sameRows,
        List.of(rows.get(1), rows.get(0)));

    List<LaeBatch> batches = List.of(Fixtures.randomBatch(new Random(3), 5, 3, 1),
        Fixtures.randomBatch(new Random(4), 6, 3, 1));
    List<LaeBatch> sameBatches = new ArrayList<>();
    batches.forEach(b -> sameBatches.add(reordered(b)));
    checkGather(LaeBatchCoder.of(), batches, sameBatches, batches.subList(0, 1));

    List<List<LaeResult>> results = List.of(Fixtures.randomResults(new Random(5), 4, 3),
        Fixtures.randomResults(new Random(6), 3, 3));
    List<List<LaeResult>> sameResults = new ArrayList<>();
    results.forEach(r -> sameResults.add(reordered(r)));
    checkGather(LaeResultListCoder.of(), results, sameResults,
        List.of(results.get(0), Fixtures.randomResults(new Random(7), 3, 3)));

    // Gather's own test gathers integers.
    checkGather(VarIntCoder.of(), List.of(3, 1, 2), List.of(3, 1, 2), List.of(1, 2, 3));
  }

  /**
   * Gather's coders for an element coder that is deterministic and consistent with equals:
   * {@code ListCoder} of it (the output) and {@code KvCoder<Void, T>} (into the GroupByKey), on
   * every element and on the lists, including the empty list.
   */
  private static <T> void checkGather(Coder<T> element, List<T> list, List<T> equalList,
      List<T> otherList) throws Exception {
    canonical(ListCoder.of(element), list, equalList, otherList);
    CoderProperties.coderDecodeEncodeEqual(ListCoder.of(element), List.of());
    // Beam's VoidCoder does not claim consistency with equals, so neither does the KV; what the
    // GroupByKey needs is determinism.
    Coder<KV<Void, T>> keyed = KvCoder.of(VoidCoder.of(), element);
    deterministic(keyed, KV.of(null, list.get(0)), KV.of(null, equalList.get(0)),
        KV.of(null, list.get(1)));
  }

  @Test
  void gatherCodersOfSerializableElementsClaimNothing() throws Exception {
    // Gathering models or frames: the list coder inherits SerializableCoder's honesty.
    Coder<List<ClusterModel>> list = ListCoder.of(SerializableCoder.of(ClusterModel.class));
    List<ClusterModel> models = List.of(
        ClusterModel.fit(lineDistances(10), 10, Cut.intoClasses(2)),
        ClusterModel.fit(lineDistances(8), 8, Cut.intoClasses(3)));
    serializableOnly(list, models);
    assertFalse(KvCoder.of(VoidCoder.of(), SampleLAEs.frameCoder()).consistentWithEquals());
    assertThrows(Coder.NonDeterministicException.class,
        () -> ListCoder.of(SampleLAEs.frameCoder()).verifyDeterministic());
  }

  @Test
  void keyedCodersOfTheJoins() throws Exception {
    // LaeResults.extension keys batches and rows by LaeResults.batchKey, the study keys result
    // lists by sample: String keys (deterministic, so fit for CoGroupByKey) and canonical values.
    LaeBatch batch = Fixtures.randomBatch(new Random(8), 5, 3, 1);
    canonical(KvCoder.of(StringUtf8Coder.of(), LaeBatchCoder.of()),
        KV.of(LaeResults.batchKey(batch), batch),
        KV.of(LaeResults.batchKey(batch), reordered(batch)),
        KV.of("other", batch));
    DistanceBlock block = Fixtures.randomBlock(new Random(9), 3, 5, 3, true, false);
    canonical(KvCoder.of(StringUtf8Coder.of(), DistanceBlockCoder.of()),
        KV.of("quench#0", block), KV.of("quench#0", reordered(block)),
        KV.of("quench#0", Fixtures.randomBlock(new Random(10), 3, 5, 3, true, false)));
    List<LaeResult> rows = Fixtures.randomResults(new Random(11), 4, 2);
    canonical(KvCoder.of(StringUtf8Coder.of(), LaeResultListCoder.of()),
        KV.of("sample0", rows), KV.of("sample0", reordered(rows)), KV.of("sample1", rows));
    // Frames by sample: a SerializableCoder value, so the KV claims nothing either.
    Coder<KV<String, Frame>> frames = KvCoder.of(StringUtf8Coder.of(), SampleLAEs.frameCoder());
    assertFalse(frames.consistentWithEquals());
    assertThrows(Coder.NonDeterministicException.class, frames::verifyDeterministic);
  }
}
