package org.giipbeam.gpu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SampleLaes;
import org.giipbeam.gpu.SearchMode;
import org.giipbeam.gpu.TestLaes;
import org.giipbeam.gpu.cpu.BaselineFastEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * EXHAUSTIVE, FAST and (3D) the first-generation FAST ({@code FAST_BASELINE}, kept in the test
 * tree as {@code DenseGridFastSearch3D}) on the same LAE pairs, all cores: 3D Ni-centred NiNb LAEs (paper's
 * parameters; 8 × 8 pairs) and 2D LJ-crystal LAEs (40 × 50 pairs, half from defects). Falls
 * back to synthetic LAEs when the shared NiNb folder is absent. One operation = one block;
 * {@link GiipBenchmarkMain} turns the time per block into pairs/s and ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GiipBenchmark {
  public static final int ROWS_3D = 8;
  public static final int COLS_3D = 8;
  public static final int ROWS_2D = 40;
  public static final int COLS_2D = 50;

  @Param({"3", "2"})
  public int dimension;

  /** EXHAUSTIVE, FAST (the engine's), FAST_BASELINE (3D: the first-generation FAST search). */
  @Param({"EXHAUSTIVE", "FAST", "FAST_BASELINE"})
  public String mode;

  private GiipEngine engine;
  private BaselineFastEngine baseline;
  private LaeBatch rows;
  private LaeBatch columns;

  public static int pairs(int dimension) {
    return dimension == 3 ? ROWS_3D * COLS_3D : ROWS_2D * COLS_2D;
  }

  /** The benchmark's LAEs: {rows, columns}. */
  public static LaeBatch[] laes(int dimension) throws Exception {
    if (dimension == 3) {
      if (SampleLaes.hasNinb()) {
        return new LaeBatch[] {
            SampleLaes.pick(SampleLaes.ninb(SampleLaes.NINB_FILES[0]), ROWS_3D, 21),
            SampleLaes.pick(SampleLaes.ninb(SampleLaes.NINB_FILES[3]), COLS_3D, 22)};
      }
      Random rnd = new Random(21);
      return new LaeBatch[] {synthetic(rnd, 3, ROWS_3D), synthetic(rnd, 3, COLS_3D)};
    }
    if (SampleLaes.hasLj2d()) {
      LaeBatch all = SampleLaes.lj2d();
      return new LaeBatch[] {SampleLaes.pickWithDefects(all, ROWS_2D, 23),
          SampleLaes.pickWithDefects(all, COLS_2D, 24)};
    }
    Random rnd = new Random(23);
    return new LaeBatch[] {synthetic(rnd, 2, ROWS_2D), synthetic(rnd, 2, COLS_2D)};
  }

  static LaeBatch synthetic(Random rnd, int d, int n) {
    List<Lae> l = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      l.add(d == 3 ? TestLaes.glassLike3d(rnd, 8, 1) : TestLaes.lattice2d(rnd, 1));
    }
    return TestLaes.batch(l);
  }

  public static GiipParameters parameters(int dimension, SearchMode mode) {
    GiipParameters p = GiipParameters.exhaustive(dimension == 3 ? 1.0 : 0.5);
    return mode == SearchMode.FAST ? p.withMode(SearchMode.FAST) : p;
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    LaeBatch[] b = laes(dimension);
    rows = b[0];
    columns = b[1];
    if (mode.equals("FAST_BASELINE")) {
      baseline = new BaselineFastEngine(parameters(dimension, SearchMode.FAST),
          Runtime.getRuntime().availableProcessors());
      baseline.distances(rows.select(new int[] {0}), columns.select(new int[] {0}));
      return;
    }
    engine = GiipEngines.cpu(parameters(dimension, SearchMode.valueOf(mode)));
    engine.distances(rows.select(new int[] {0}), columns.select(new int[] {0})); // grids, tables
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (engine != null) {
      engine.close();
    }
    if (baseline != null) {
      baseline.close();
    }
  }

  @Benchmark
  public Object block() throws Exception {
    return baseline != null ? baseline.distances(rows, columns) : engine.distances(rows, columns);
  }
}
