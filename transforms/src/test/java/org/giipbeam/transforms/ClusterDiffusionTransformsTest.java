package org.giipbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeKey;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.cluster.Cut;
import org.giipbeam.transforms.diffusion.BlockKrylovEigensolver;
import org.giipbeam.transforms.diffusion.DiffusionMaps;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cluster, DiffusionMap and NystromExtend on the DirectRunner: the models equal the plain-Java
 * ones bit for bit whatever the block split and order of the training rows, and per-row results
 * equal the plain-Java extension and assignment.
 */
class ClusterDiffusionTransformsTest {
  static final int N = 120;
  static final int EXTENSION = 45;
  static final double EPSILON = 0.8;
  static final int K = 4;


  /** Points in 3-D in two blobs, training first, then extension. */
  static double[][] points() {
    SplittableRandom r = new SplittableRandom(42);
    double[][] x = new double[N + EXTENSION][3];
    for (int i = 0; i < x.length; i++) {
      double shift = i % 3 == 0 ? 2.0 : 0.0;
      for (int c = 0; c < 3; c++) {
        x[i][c] = r.nextGaussian() * 0.6 + (c == 0 ? shift : 0);
      }
    }
    return x;
  }

  static float[] distances(double[][] x, int from, int to, int n) {
    float[] d = new float[(to - from) * n];
    for (int i = from; i < to; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
          s += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c]);
        }
        d[(i - from) * n + j] = (float) Math.sqrt(s);
      }
    }
    return d;
  }

  static final double[][] X = points();
  static final float[] TRAINING = distances(X, 0, N, N);
  static final float[] EXTENSION_ROWS = distances(X, N, N + EXTENSION, N);

  /** Block splits and orders that must all give the same models. */
  static List<List<DistanceBlock>> trainingSplits() {
    List<List<DistanceBlock>> splits = new ArrayList<>();
    splits.add(DistanceBlocks.cut(TRAINING, N, N, N, false, 1, 0, 0)); // one block
    splits.add(DistanceBlocks.cut(TRAINING, N, N, 1, false, 1, 7, 0)); // rows, shuffled
    splits.add(DistanceBlocks.cut(TRAINING, N, N, 13, true, 1, 3, 0)); // upper triangle
    splits.add(DistanceBlocks.cut(TRAINING, N, N, 16, false, 3, 11, 0)); // column ranges
    return splits;
  }

  static PCollection<DistanceBlock> create(Pipeline p, String name, List<DistanceBlock> blocks) {
    return p.apply(name, Create.of(blocks).withCoder(SerializableCoder.of(DistanceBlock.class)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void clusterModelIsTheSameForEverySplitAndOrder(String runner) {
    ClusterModel expected = ClusterModel.fit(TRAINING, N, Cut.intoClasses(5));
    ClusterModel expectedT = ClusterModel.fit(TRAINING, N, Cut.atDistance(2.0));
    TestPipeline p = Runners.pipeline(runner);
    int s = 0;
    for (List<DistanceBlock> blocks : trainingSplits()) {
      PCollection<DistanceBlock> rows = create(p, "Rows" + s, blocks);
      PAssert.thatSingleton(rows.apply("K" + s, Cluster.intoClasses(5))).isEqualTo(expected);
      PAssert.thatSingleton(rows.apply("T" + s, Cluster.atDistance(2.0).withTrainingSize(N)))
          .isEqualTo(expectedT);
      s++;
    }
    p.run().waitUntilFinish();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void diffusionModelIsTheSameForEverySplitAndOrder(String runner) {
    String[] keys = new String[N];
    for (int i = 0; i < N; i++) {
      keys[i] = new LaeKey(DistanceBlocks.sample(i), DistanceBlocks.centreId(i)).toString();
    }
    DiffusionModel expected = DiffusionMaps.fit(TRAINING, N, EPSILON, K, keys,
        new BlockKrylovEigensolver()).withKernelSumSweep(KernelSumSweep.of(TRAINING, N, 60))
        .withRedundancy();
    TestPipeline p = Runners.pipeline(runner);
    int s = 0;
    for (List<DistanceBlock> blocks : trainingSplits()) {
      PCollection<DiffusionModel> model = create(p, "Rows" + s, blocks)
          .apply("Dmap" + s, DiffusionMap.of(EPSILON, K));
      PAssert.thatSingleton(model).isEqualTo(expected);
      s++;
    }
    p.run().waitUntilFinish();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void nystromAndAssignmentOfExtensionRows(String runner) {
    DiffusionModel dm = DiffusionMaps.fit(TRAINING, N, EPSILON, K);
    ClusterModel cm = ClusterModel.fit(TRAINING, N, Cut.intoClasses(4));
    Map<Long, LaeAssignment> expectedPhi = new HashMap<>();
    Map<Long, LaeAssignment> expectedClass = new HashMap<>();
    for (int e = 0; e < EXTENSION; e++) {
      long row = e + 5000;
      expectedPhi.put(row, new LaeAssignment(DistanceBlocks.sample(row),
          DistanceBlocks.centreId(row), row, 0, dm.extend(EXTENSION_ROWS, e * N, row, null)));
      expectedClass.put(row, new LaeAssignment(DistanceBlocks.sample(row),
          DistanceBlocks.centreId(row), row, cm.assign(EXTENSION_ROWS, e * N), new double[0]));
    }
    TestPipeline p = Runners.pipeline(runner);
    PCollection<DistanceBlock> training =
        create(p, "Training", DistanceBlocks.cut(TRAINING, N, N, 9, true, 1, 5, 0));
    PCollectionView<DiffusionModel> dView = training
        .apply(DiffusionMap.of(EPSILON, K).withRedundancy(false)).apply("DView",
            View.asSingleton());
    PCollectionView<ClusterModel> cView = training.apply(Cluster.intoClasses(4))
        .apply("CView", View.asSingleton());
    for (int split : new int[] {1, 7, EXTENSION}) {
      PCollection<DistanceBlock> ext = create(p, "Extension" + split,
          DistanceBlocks.cut(EXTENSION_ROWS, EXTENSION, N, split, false, 1, split, 5000));
      PAssert.that(ext.apply("Nystrom" + split, NystromExtend.with(dView)))
          .containsInAnyOrder(expectedPhi.values());
      PAssert.that(ext.apply("Assign" + split, Cluster.assign(cView)))
          .containsInAnyOrder(expectedClass.values());
    }
    p.run().waitUntilFinish();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void trainingRowsExtendedGiveTheirOwnCoordinates(String runner) {
    DiffusionModel dm = DiffusionMaps.fit(TRAINING, N, EPSILON, K);
    TestPipeline p = Runners.pipeline(runner);
    PCollection<DistanceBlock> training =
        create(p, "Training", DistanceBlocks.cut(TRAINING, N, N, 10, false, 1, 9, 0));
    PCollectionView<DiffusionModel> view = training
        .apply(DiffusionMap.of(EPSILON, K).withRedundancy(false)).apply(View.asSingleton());
    PAssert.that(training.apply(NystromExtend.with(view))).satisfies(results -> {
      int count = 0;
      for (LaeAssignment r : results) {
        assertArrayEquals(dm.trainingCoordinates((int) r.rowIndex()), r.coordinates(), 1e-8);
        count++;
      }
      assertEquals(N, count);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void badConfigurationFailsAtConstructionTimeWithClearMessages(String runner) {
    TestPipeline p = Runners.pipeline(runner);
    PCollection<DistanceBlock> rows = create(p, "Rows",
        DistanceBlocks.cut(TRAINING, N, N, N, false, 1, 0, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rows.apply("NoEps", DiffusionMap.of(0, 3)));
    assertTrue(e.getMessage().contains("ε"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> rows.apply("NoK", DiffusionMap.of(1, 0)));
    assertTrue(e.getMessage().contains("k must be ≥ 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> rows.apply("NoT", Cluster.atDistance(-1)));
    assertTrue(e.getMessage().startsWith("Cluster:"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> rows.apply("NoClasses", Cluster.intoClasses(0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void isolatedTrainingLaeFailsThePipelineNamingIt(String runner) {
    // Training LAE 17 is moved 1,000 away from everyone.
    float[] d = TRAINING.clone();
    for (int j = 0; j < N; j++) {
      if (j != 17) {
        d[17 * N + j] = d[j * N + 17] = 1000f;
      }
    }
    TestPipeline p = Runners.pipeline(runner);
    create(p, "Rows", DistanceBlocks.cut(d, N, N, 8, true, 1, 2, 0))
        .apply(DiffusionMap.of(EPSILON, K));
    Throwable e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    while (e.getCause() != null && !(e instanceof IllegalArgumentException)) {
      e = e.getCause();
    }
    // The ε check names the LAE before the kernel would find it isolated, and names an ε that
    // reconnects it.
    assertTrue(e instanceof IllegalArgumentException, String.valueOf(e));
    assertTrue(e.getMessage().startsWith("ε = " + String.format(java.util.Locale.ROOT, "%.4g",
        EPSILON) + " is too small for these training LAEs: training LAE 17 (quench-b#1051) is"
        + " joined to the others only through a link of length 1000"), e.getMessage());
  }

  @Test
  void missingTrainingPairsAreAClearError() {
    List<DistanceBlock> blocks = DistanceBlocks.cut(TRAINING, N, N, 10, true, 1, 0, 0);
    blocks.remove(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingMatrix.assemble(blocks, N));
    assertTrue(e.getMessage().contains("pairs missing"), e.getMessage());
  }

  @Test
  void displayDataShowsEpsilonKAndT() {
    DisplayData d = DisplayData.from(DiffusionMap.of(1.5, 10));
    assertTrue(d.items().stream().anyMatch(i -> i.getKey().equals("epsilon")
        && i.getValue().equals(1.5)), d.toString());
    assertTrue(d.items().stream().anyMatch(i -> i.getKey().equals("k")
        && i.getValue().equals(10L)), d.toString());
    DisplayData c = DisplayData.from(Cluster.atDistance(1.0));
    assertTrue(c.items().stream().anyMatch(i -> i.getKey().equals("t")), c.toString());
    DisplayData k = DisplayData.from(Cluster.intoClasses(20));
    assertTrue(k.items().stream().anyMatch(i -> i.getKey().equals("k")
        && i.getValue().equals(20L)), k.toString());
  }
}
