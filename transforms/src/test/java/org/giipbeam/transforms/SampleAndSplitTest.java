package org.giipbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.io.LammpsDumpReader;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.arrowio.lae.LaeSampler;
import org.giipbeam.arrowio.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleAndSplitTest {
  static final LaeParameters P2D = LaeParameters.of(1.3, 1.75);
  static Frame a;
  static Frame b;

  @BeforeAll
  static void frames() throws Exception {
    Frame f = new LammpsDumpReader().withDimension(2)
        .read(SharedData.repo().resolve("examples/lj2d/lj2d.dump"));
    a = f.withSample("a");
    // A second, different sample: the same crystal sheared a little.
    double[] pos = f.positions().clone();
    for (int i = 0; i < f.atomCount(); i++) {
      pos[2 * i] += 0.02 * pos[2 * i + 1];
    }
    b = f.toBuilder().sample("b").atoms(f.ids(), f.types(), pos).build();
  }


  static Set<KV<String, Long>> keys(Iterable<LaeBatch> batches) {
    Set<KV<String, Long>> out = new HashSet<>();
    for (LaeBatch x : batches) {
      for (int i = 0; i < x.size(); i++) {
        assertTrue(out.add(KV.of(x.samples()[i], x.centreIds()[i])), "LAE seen twice");
      }
    }
    return out;
  }

  /** Runs sample + split; returns the training batch, checking the extension on the way. */
  static LaeBatch runSplit(String runner, List<Frame> frames, int batchSize,
      SplitTrainExtension split) {
    TestPipeline p = Runners.pipeline(runner);
    PCollection<LaeBatch> laes = p.apply(Create.of(frames).withCoder(SampleLAEs.frameCoder()))
        .apply(SampleLAEs.of(P2D).withBatchSize(batchSize));
    PCollectionTuple parts = laes.apply(split);
    String trainingKey = Collector.newKey();
    String extensionKey = Collector.newKey();
    parts.get(SplitTrainExtension.TRAINING).apply("collect training", Collector.of(trainingKey));
    parts.get(SplitTrainExtension.EXTENSION).apply("collect extension",
        Collector.of(extensionKey));
    p.run().waitUntilFinish();
    List<LaeBatch> training = Collector.take(trainingKey);
    List<LaeBatch> extension = Collector.take(extensionKey);
    assertEquals(1, training.size(), "the training set is one batch");
    for (LaeBatch x : extension) {
      assertTrue(x.size() <= batchSize);
    }
    // Training and extension together are every LAE, each once.
    List<LaeBatch> all = new ArrayList<>(extension);
    all.addAll(training);
    assertEquals(frames.stream().mapToInt(Frame::atomCount).sum(), keys(all).size());
    return training.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void sampleLaesMatchesTheSamplerWhateverTheBatchSize(String runner) {
    LaeBatch direct = LaeSampler.sample(a, P2D);
    for (int batchSize : new int[] {100, 1000, 5000}) {
      TestPipeline p = Runners.pipeline(runner);
      PCollection<LaeBatch> laes = p.apply(Create.of(List.of(a)).withCoder(SampleLAEs.frameCoder()))
          .apply(SampleLAEs.of(P2D).withBatchSize(batchSize));
      PAssert.that(laes).satisfies(it -> {
        List<LaeBatch> all = new ArrayList<>();
        it.forEach(all::add);
        all.sort((x, y) -> Long.compare(x.centreIds()[0], y.centreIds()[0]));
        int expectedBatches = (direct.size() + batchSize - 1) / batchSize;
        assertEquals(expectedBatches, all.size());
        // Same LAEs, same order, same values as sampling the frame directly.
        assertEquals(direct.laes(), LaeBatch.concat(all).laes());
        return null;
      });
      p.run().waitUntilFinish();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void perSampleSplitIsTheSameForAnyBatchSizeAndInputOrder(String runner) {
    SplitTrainExtension split = SplitTrainExtension.perSample(50).withSeed(7);
    LaeBatch first = runSplit(runner, List.of(a, b), 1000, split);
    assertEquals(100, first.size());
    assertEquals(50, Arrays.stream(first.samples()).filter("a"::equals).count());
    // Canonical order: by sample, then centre id.
    for (int i = 1; i < first.size(); i++) {
      int c = first.samples()[i - 1].compareTo(first.samples()[i]);
      assertTrue(c < 0 || (c == 0 && first.centreIds()[i - 1] < first.centreIds()[i]));
    }
    assertEquals(first, runSplit(runner, List.of(b, a), 7, split));
    assertEquals(first, runSplit(runner, List.of(a, b), 5000, split));
    // Another seed draws another set.
    LaeBatch other = runSplit(runner, List.of(a, b), 1000,
        SplitTrainExtension.perSample(50).withSeed(8));
    assertTrue(!keys(List.of(other)).equals(keys(List.of(first))));
    // The training LAEs are the sampler's own.
    LaeBatch direct = LaeSampler.sample(a, P2D);
    List<Long> ids = Arrays.stream(direct.centreIds()).boxed().collect(Collectors.toList());
    for (int i = 0; i < 50; i++) {
      assertEquals(direct.lae(ids.indexOf(first.centreIds()[i])), first.lae(i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void lowestHighestTakesTheExtremesOfTheProperty(String runner) {
    LaeBatch t = runSplit(runner, List.of(a), 300,
        SplitTrainExtension.lowestHighest("c_pe", 10, 5));
    assertEquals(15, t.size());
    double[] pe = a.property("c_pe").clone();
    Arrays.sort(pe);
    Set<Double> expected = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      expected.add(pe[i]);
    }
    for (int i = pe.length - 5; i < pe.length; i++) {
      expected.add(pe[i]);
    }
    Set<Double> got = Arrays.stream(t.properties().get("c_pe")).boxed()
        .collect(Collectors.toSet());
    assertEquals(expected, got);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void fractionDrawsAboutThatFraction(String runner) {
    LaeBatch t = runSplit(runner, List.of(a, b), 500,
        SplitTrainExtension.fraction(0.2).withSeed(3));
    // 4914 LAEs: expect 983 ± 3σ (σ ≈ 28).
    assertTrue(Math.abs(t.size() - 983) < 90, "drew " + t.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void badConfigurationFailsAtConstruction(String runner) {
    TestPipeline p = Runners.pipeline(runner);
    PCollection<LaeBatch> laes = p.apply(Create.of(List.of(a)).withCoder(SampleLAEs.frameCoder()))
        .apply(SampleLAEs.of(P2D));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> laes.apply(SplitTrainExtension.fraction(1.5)));
    assertTrue(e.getMessage().contains("fraction must be in (0, 1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> laes.apply("zero", SplitTrainExtension.perSample(0)));
    assertTrue(e.getMessage().contains("perSample needs n ≥ 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.apply("frames",
        Create.of(List.of(a)).withCoder(SampleLAEs.frameCoder()))
        .apply(SampleLAEs.of(P2D).withBatchSize(0)));
    assertTrue(e.getMessage().contains("batch size must be ≥ 1"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void tooFewLaesForTheTrainingSetIsAClearError(String runner) {
    TestPipeline p = Runners.pipeline(runner);
    p.apply(Create.of(List.of(a)).withCoder(SampleLAEs.frameCoder()))
        .apply(SampleLAEs.of(P2D))
        .apply(SplitTrainExtension.perSample(100_000));
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(root.getMessage().contains("sample a has 2457 LAEs, fewer than the 100000"),
        root.getMessage());
  }

  @Test
  void hashIsUniformAndStable() {
    double sum = 0;
    for (long id = 0; id < 100_000; id++) {
      double u = SplitTrainExtension.uniform(42, "s", id);
      assertTrue(u >= 0 && u < 1);
      sum += u;
    }
    assertEquals(0.5, sum / 100_000, 0.005);
    assertEquals(SplitTrainExtension.uniform(42, "s", 17), SplitTrainExtension.uniform(42, "s", 17));
    assertTrue(SplitTrainExtension.uniform(42, "s", 17) != SplitTrainExtension.uniform(43, "s", 17));
  }
}
