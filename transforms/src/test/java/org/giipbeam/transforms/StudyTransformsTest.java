package org.giipbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.io.LammpsDumpReader;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.arrowio.lae.LaeSampler;
import org.giipbeam.arrowio.testing.SharedData;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.cluster.Cut;
import org.giipbeam.transforms.descriptors.LaeDescriptors;
import org.giipbeam.transforms.diffusion.AutomaticEpsilon;
import org.giipbeam.transforms.diffusion.BlockKrylovEigensolver;
import org.giipbeam.transforms.diffusion.DiffusionMaps;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transforms a study is built from: Gather, DiffusionMap with automatic ε, FitModels and
 * LaeResults, against plain-Java references (the models fitted on the whole matrix, the
 * per-row assignment and extension, the descriptors of the batch). Every test that runs a
 * pipeline runs on the DirectRunner and on Flink's local runner ({@link Runners}).
 */
class StudyTransformsTest {
  static final int N = ClusterDiffusionTransformsTest.N;
  static final float[] TRAINING = ClusterDiffusionTransformsTest.TRAINING;

  static String[] keys() {
    String[] keys = new String[N];
    for (int i = 0; i < N; i++) {
      keys[i] = DistanceBlocks.sample(i) + "/" + DistanceBlocks.centreId(i);
    }
    return keys;
  }

  /** The kernel-sum sweep made straight from KernelSumSweep: 60 points. */
  static KernelSumSweep sweep(float[] d, int n) {
    return KernelSumSweep.of(d, n, 60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void gatherMakesOneListOfEveryElementWithAListCoder(String runner) {
    TestPipeline p = Runners.pipeline(runner);
    List<Integer> values = IntStream.range(0, 500).boxed().toList();
    PCollection<List<Integer>> all = p.apply(Create.of(values).withCoder(VarIntCoder.of()))
        .apply(Gather.all());
    assertInstanceOf(ListCoder.class, all.getCoder());
    PAssert.thatSingleton(all).satisfies(list -> {
      assertEquals(new HashSet<>(values), new HashSet<>(list));
      assertEquals(values.size(), list.size());
      return null;
    });
    PCollection<List<Integer>> none = p.apply("Empty",
        Create.empty(VarIntCoder.of())).apply("GatherNone", Gather.all());
    PAssert.that(none).empty();
    p.run().waitUntilFinish();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void automaticEpsilonIsTheSweepsChoiceAndTheModelRecordsIt(String runner) {
    KernelSumSweep sweep = sweep(TRAINING, N);
    AutomaticEpsilon.Choice choice = AutomaticEpsilon.choose(TRAINING, N, sweep);
    double eps = choice.epsilon();
    // The kernel-sum part is where the sweep's log–log slope is steepest (read off the sweep
    // here); the chosen ε is the larger of it and the connecting distance.
    double[] slopes = sweep.slopes();
    int best = 0;
    for (int i = 0; i < slopes.length; i++) {
      best = slopes[i] > slopes[best] ? i : best;
    }
    assertEquals(sweep.eps()[best], choice.slopeEpsilon(), 0);
    assertEquals(Math.max(choice.slopeEpsilon(), AutomaticEpsilon.connectingDistance(TRAINING,
        N)), eps, 0);
    DiffusionModel expected = DiffusionMaps.fit(TRAINING, N, eps, 4, keys(),
        new BlockKrylovEigensolver()).withKernelSumSweep(sweep).withEpsilonReason(
            choice.reason()).withRedundancy();
    TestPipeline p = Runners.pipeline(runner);
    int s = 0;
    for (List<DistanceBlock> blocks : ClusterDiffusionTransformsTest.trainingSplits()) {
      PCollection<DistanceBlock> rows = ClusterDiffusionTransformsTest.create(p, "Rows" + s,
          blocks);
      PAssert.thatSingleton(rows.apply("Auto" + s, DiffusionMap.automatic(4)))
          .isEqualTo(expected);
      PAssert.thatSingleton(rows.apply("AutoWith" + s,
          DiffusionMap.of(0.3, 4).withAutomaticEpsilon())).satisfies(m -> {
            assertEquals(eps, m.epsilon(), 0);
            assertEquals(sweep, m.kernelSumSweep().orElseThrow());
            return null;
          });
      s++;
    }
    p.run().waitUntilFinish();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void fitModelsGivesTheModelsOfClusterAndDiffusionMapForEverySplit(String runner) {
    ClusterModel cluster = ClusterModel.fit(TRAINING, N, Cut.atDistance(2.0));
    DiffusionModel fixed = DiffusionMaps.fit(TRAINING, N, 0.8, 4, keys(),
        new BlockKrylovEigensolver()).withKernelSumSweep(sweep(TRAINING, N)).withRedundancy();
    StudyModels expected = new StudyModels(cluster, fixed);
    TestPipeline p = Runners.pipeline(runner);
    int s = 0;
    for (List<DistanceBlock> blocks : ClusterDiffusionTransformsTest.trainingSplits()) {
      PCollection<DistanceBlock> rows = ClusterDiffusionTransformsTest.create(p, "Rows" + s,
          blocks);
      PCollection<StudyModels> models = rows.apply("Fit" + s,
          FitModels.of(Cluster.atDistance(2.0), DiffusionMap.of(0.8, 4)));
      PAssert.thatSingleton(models).isEqualTo(expected);
      // The same as the two transforms on their own.
      PAssert.thatSingleton(rows.apply("Cluster" + s, Cluster.atDistance(2.0)))
          .isEqualTo(cluster);
      PAssert.thatSingleton(rows.apply("Dmap" + s, DiffusionMap.of(0.8, 4))).isEqualTo(fixed);
      s++;
    }
    PCollection<StudyModels> auto = ClusterDiffusionTransformsTest.create(p, "AutoRows",
        ClusterDiffusionTransformsTest.trainingSplits().get(2))
        .apply("FitAuto", FitModels.of(Cluster.intoClasses(5), DiffusionMap.automatic(3))
            .withTrainingSize(N));
    PAssert.thatSingleton(auto).satisfies(m -> {
      assertEquals(AutomaticEpsilon.choose(TRAINING, N, sweep(TRAINING, N)).epsilon(),
          m.diffusion().epsilon(), 0);
      assertTrue(m.diffusion().epsilonReason().orElseThrow().contains("chosen automatically"));
      assertEquals(sweep(TRAINING, N), m.sweep());
      assertEquals(ClusterModel.fit(TRAINING, N, Cut.intoClasses(5)), m.cluster());
      assertEquals(N, m.trainingSize());
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void fitModelsChecksItsPartsBeforeRunningAndShowsThem() {
    TestPipeline p = Runners.pipeline(Runners.DIRECT); // expand only: nothing runs
    PCollection<DistanceBlock> rows = ClusterDiffusionTransformsTest.create(p, "Rows",
        ClusterDiffusionTransformsTest.trainingSplits().get(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rows.apply("BadEps", FitModels.of(Cluster.atDistance(1), DiffusionMap.of(-1, 3))));
    assertTrue(e.getMessage().startsWith("DiffusionMap: kernel scale ε"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> rows.apply("BadCut", FitModels.of(Cluster.intoClasses(0), DiffusionMap.of(1, 3))));
    assertTrue(e.getMessage().startsWith("Cluster:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> rows.apply("BadK", FitModels.of(Cluster.intoClasses(2), DiffusionMap.of(1, 5))
            .withTrainingSize(5)));
    assertTrue(e.getMessage().contains("need more than k training LAEs"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> rows.apply("NoMap",
        FitModels.of(Cluster.intoClasses(2), null)));
    // NaN is no way to ask for the automatic ε.
    e = assertThrows(IllegalArgumentException.class,
        () -> rows.apply("NaN", DiffusionMap.of(Double.NaN, 3)));
    assertTrue(e.getMessage().startsWith("DiffusionMap: kernel scale ε"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rows.apply("NaNAfterAuto",
        DiffusionMap.automatic(3).withEpsilon(Double.NaN)));
    assertTrue(e.getMessage().startsWith("DiffusionMap: kernel scale ε"), e.getMessage());

    DisplayData d = DisplayData.from(FitModels.of(Cluster.atDistance(1.5),
        DiffusionMap.automatic(6)));
    Set<String> shown = new HashSet<>();
    d.items().forEach(i -> shown.add(i.getKey() + "=" + i.getValue()));
    assertTrue(shown.contains("t=1.5"), shown.toString());
    assertTrue(shown.contains("epsilon=automatic"), shown.toString());
    assertTrue(shown.contains("k=6"), shown.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void laeResultsAreThePerRowAssignmentExtensionAndDescriptors(String runner)
      throws Exception {
    Frame f = new LammpsDumpReader().withDimension(2)
        .read(SharedData.repo().resolve("examples/lj2d/lj2d.dump"));
    LaeBatch all = LaeSampler.sample(f, LaeParameters.of(1.3, 1.75));
    int[] pick = IntStream.range(0, all.size())
        .filter(i -> all.neighbourCounts()[i] != 6 || i % 61 == 0).toArray();
    LaeBatch training = SplitTrainExtension.canonical(all.select(IntStream
        .range(0, pick.length).filter(k -> k % 2 == 0).map(k -> pick[k]).toArray()));
    LaeBatch extension = all.select(IntStream.range(0, pick.length).filter(k -> k % 2 == 1)
        .map(k -> pick[k]).toArray());
    int n = training.size();
    List<LaeBatch> batches = new ArrayList<>();
    for (int s = 0; s < extension.size(); s += 9) {
      batches.add(extension.select(IntStream.range(s, Math.min(extension.size(), s + 9))
          .toArray()));
    }
    // The engine's distances are the reference the models and rows are made from.
    DistanceBlock matrix;
    List<DistanceBlock> rows = new ArrayList<>();
    try (GiipEngine e = GiipEngines.cpu(GiipParameters.exhaustive(0.5))) {
      matrix = e.symmetricDistances(training, false, (a, b) -> { });
      for (LaeBatch b : batches) {
        rows.add(e.distances(b, training));
      }
    }
    ClusterModel cm = ClusterModel.fit(matrix.distances(), n, Cut.atDistance(1.0));
    DiffusionModel dm = DiffusionMaps.fit(matrix.distances(), n, 1.0, 3);
    Map<Long, LaeResult> expected = new HashMap<>();
    Map<String, double[]> desc = LaeDescriptors.all(training);
    for (int i = 0; i < n; i++) {
      expected.put(training.centreIds()[i], new LaeResult(training.samples()[i],
          training.centreIds()[i], training.centreTypes()[i], true, cm.trainingClass(i),
          dm.trainingCoordinates(i), descriptors(desc, i)));
    }
    for (int b = 0; b < batches.size(); b++) {
      LaeBatch x = batches.get(b);
      Map<String, double[]> d = LaeDescriptors.all(x);
      float[] r = rows.get(b).distances();
      for (int i = 0; i < x.size(); i++) {
        expected.put(x.centreIds()[i], new LaeResult(x.samples()[i], x.centreIds()[i],
            x.centreTypes()[i], false, cm.assign(r, i * n),
            dm.extend(r, i * n, -1, null), descriptors(d, i)));
      }
    }

    TestPipeline p = Runners.pipeline(runner);
    PCollectionView<StudyModels> models = p
        .apply("Matrix", Create.of(List.of(matrix))
            .withCoder(SerializableCoder.of(DistanceBlock.class)))
        .apply(FitModels.of(Cluster.atDistance(1.0), DiffusionMap.of(1.0, 3)))
        .apply(View.asSingleton());
    PCollection<List<LaeResult>> trainingResults = p
        .apply("Training", Create.of(List.of(training)).withCoder(LaeBatchCoder.of()))
        .apply(LaeResults.training(models));
    // Rows in reverse order: the join is by key, not by arrival.
    List<DistanceBlock> reversed = new ArrayList<>(rows);
    java.util.Collections.reverse(reversed);
    PCollection<List<LaeResult>> extensionResults = p
        .apply("Extension", Create.of(batches).withCoder(LaeBatchCoder.of()))
        .apply(LaeResults.extension(models, p.apply("Rows", Create.of(reversed)
            .withCoder(SerializableCoder.of(DistanceBlock.class)))));
    PAssert.that(trainingResults).satisfies(lists -> check(lists, expected, true, n));
    PAssert.that(extensionResults).satisfies(lists ->
        check(lists, expected, false, extension.size()));
    p.run().waitUntilFinish();
  }

  static Void check(Iterable<List<LaeResult>> lists, Map<Long, LaeResult> expected,
      boolean training, int count) {
    int seen = 0;
    for (List<LaeResult> list : lists) {
      assertFalse(list.isEmpty());
      for (LaeResult r : list) {
        assertEquals(list.get(0).sample(), r.sample(), "one sample per list");
        LaeResult e = expected.get(r.centreId());
        assertEquals(training, r.training());
        assertEquals(e.classLabel(), r.classLabel(), "class of " + r.centreId());
        assertArrayEquals(e.coordinates(), r.coordinates(), 1e-12, "φ of " + r.centreId());
        assertEquals(e.descriptors(), r.descriptors());
        assertEquals(e.centreType(), r.centreType());
        seen++;
      }
    }
    assertEquals(count, seen);
    return null;
  }

  static Map<String, Double> descriptors(Map<String, double[]> all, int i) {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    all.forEach((name, v) -> m.put(name, v[i]));
    return m;
  }
}
