package org.giipbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.io.LammpsDumpReader;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.arrowio.lae.LaeSampler;
import org.giipbeam.arrowio.testing.SharedData;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GiipBlocksTest {
  static final GiipParameters GIIP = GiipParameters.exhaustive(0.5);
  static LaeBatch training;
  static LaeBatch extension;
  static float[] expected;

  @BeforeAll
  static void laes() throws Exception {
    Frame f = new LammpsDumpReader().withDimension(2)
        .read(SharedData.repo().resolve("examples/lj2d/lj2d.dump"));
    LaeBatch all = LaeSampler.sample(f, LaeParameters.of(1.3, 1.75));
    // Defect LAEs (not 6 neighbours) and some crystal ones.
    int[] pick = IntStream.range(0, all.size())
        .filter(i -> all.neighbourCounts()[i] != 6 || i % 97 == 0).toArray();
    training = SplitTrainExtension.canonical(all.select(IntStream.range(0, pick.length)
        .filter(k -> k % 2 == 0).map(k -> pick[k]).toArray()));
    extension = all.select(IntStream.range(0, pick.length).filter(k -> k % 2 == 1)
        .map(k -> pick[k]).toArray());
    try (GiipEngine e = GiipEngines.cpu(GIIP)) {
      expected = e.symmetricDistances(training, false, (a, b) -> { })
          .distances();
    }
  }


  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void trainingTilesCoverTheMatrixOnceAndEqualTheEngine(String runner) {
    int n = training.size();
    assertTrue(n > 20, "training LAEs: " + n);
    for (int tile : new int[] {5, 11, 1000}) {
      TestPipeline p = Runners.pipeline(runner);
      String key = Collector.newKey();
      p.apply(Create.of(List.of(training)).withCoder(LaeBatchCoder.of()))
          .apply(GiipBlocks.training(GIIP).withTileSize(tile))
          .apply(Collector.of(key));
      p.run().waitUntilFinish();
      List<DistanceBlock> tiles = Collector.take(key);
      int k = (n + tile - 1) / tile;
      assertEquals(k * k, tiles.size(), "tiles for tile size " + tile);
      // Every entry of the n × n matrix comes from exactly one tile.
      int[] covered = new int[n * n];
      for (DistanceBlock b : tiles) {
        for (int r = 0; r < b.rows(); r++) {
          for (int c = 0; c < b.columns(); c++) {
            covered[(int) b.rowIndices()[r] * n + b.columnOffset() + c]++;
          }
        }
      }
      for (int v : covered) {
        assertEquals(1, v);
      }
      float[] m = TrainingMatrix.assemble(tiles, n).distances();
      for (int i = 0; i < n; i++) {
        assertEquals(0f, m[i * n + i], 1e-5);
        for (int j = 0; j < n; j++) {
          assertEquals(m[i * n + j], m[j * n + i], 0, "symmetric");
          assertEquals(expected[i * n + j], m[i * n + j], 1e-5, "(" + i + ", " + j + ")");
        }
      }
      // Each row knows its LAE.
      for (DistanceBlock b : tiles) {
        for (int r = 0; r < b.rows(); r++) {
          assertEquals(training.centreIds()[(int) b.rowIndices()[r]], b.centreIds()[r]);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.giipbeam.transforms.Runners#all")
  void extensionRowsEqualTheEngineWhateverTheBatching(String runner) {
    float[] direct;
    try (GiipEngine e = GiipEngines.cpu(GIIP)) {
      direct = e.distances(extension, training).distances();
    }
    int m = training.size();
    for (int batch : new int[] {5, 1000}) {
      List<LaeBatch> batches = new ArrayList<>();
      for (int s = 0; s < extension.size(); s += batch) {
        batches.add(extension.select(IntStream.range(s, Math.min(extension.size(), s + batch))
            .toArray()));
      }
      TestPipeline p = Runners.pipeline(runner);
      PCollectionView<LaeBatch> view = p.apply("training",
          Create.of(List.of(training)).withCoder(LaeBatchCoder.of())).apply(View.asSingleton());
      String key = Collector.newKey();
      PCollection<LaeBatch> ext = p.apply("extension",
          Create.of(batches).withCoder(LaeBatchCoder.of()));
      ext.apply(GiipBlocks.extension(GIIP, view)).apply(Collector.of(key));
      p.run().waitUntilFinish();
      List<DistanceBlock> rows = Collector.take(key);
      int seen = 0;
      for (DistanceBlock b : rows) {
        assertEquals(m, b.columns());
        for (int r = 0; r < b.rows(); r++) {
          int i = indexOf(extension, b.centreIds()[r]);
          for (int c = 0; c < m; c++) {
            assertEquals(direct[i * m + c], b.distance(r, c), 0);
          }
          assertEquals(-1, b.rowIndices()[r]);
          seen++;
        }
      }
      assertEquals(extension.size(), seen);
    }
  }

  static int indexOf(LaeBatch b, long id) {
    for (int i = 0; i < b.size(); i++) {
      if (b.centreIds()[i] == id) {
        return i;
      }
    }
    throw new AssertionError("no LAE " + id);
  }

  private static boolean shows(DisplayData d, String key) {
    return d.items().stream().anyMatch(i -> i.getKey().equals(key));
  }

  @Test
  void displayDataShowsTheChosenSearchAndItsSettingsOnly() {
    DisplayData fast = DisplayData.from(GiipBlocks.training(GiipParameters.fast(1.0)));
    assertTrue(shows(fast, "fast3d") && shows(fast, "fast2d"), fast.toString());
    assertFalse(shows(fast, "grid3d") || shows(fast, "pruneCut"), fast.toString());
    DisplayData exhaustive = DisplayData.from(
        GiipBlocks.training(GiipParameters.exhaustive(1.0).withPruneCut(2)));
    assertTrue(shows(exhaustive, "grid3d") && shows(exhaustive, "pruneCut"),
        exhaustive.toString());
    assertFalse(shows(exhaustive, "fast3d"), exhaustive.toString());
  }
}
