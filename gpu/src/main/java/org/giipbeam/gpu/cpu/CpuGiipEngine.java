package org.giipbeam.gpu.cpu;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.DistanceBlocks;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.ProgressListener;
import org.giipbeam.gpu.plan.PairPlan;
import org.giipbeam.gpu.plan.PreparedLaes;
import org.giipbeam.gpu.rotation.RotationGrid;

/**
 * The GIIP engine on all CPU cores. The engine-neutral {@link PairPlan} says which pairs are
 * searched (pruning with a cut, the upper triangle only in the symmetric case) and assembles the
 * block; this engine cuts the searched pairs into tiles of {@value #TILE}, and a fixed set of
 * worker threads, each with its own {@link OrientationSearch} and scratch, pulls tiles from a
 * shared counter, so the inner loops allocate nothing. Each tile's maxima are written into the
 * plan's arrays by exactly one worker.
 */
public final class CpuGiipEngine implements GiipEngine {
  static final int TILE = 16;

  private final GiipParameters parameters;
  private final int threads;
  private final ExecutorService pool;
  private final Map<Integer, SearchPlan> plans = new HashMap<>();

  public CpuGiipEngine(GiipParameters parameters, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
    }
    this.parameters = parameters;
    this.threads = threads;
    AtomicInteger id = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "giip-cpu-" + id.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public GiipParameters parameters() {
    return parameters;
  }

  @Override
  public DistanceBlock distances(LaeBatch rows, long firstRowIndex, LaeBatch columns,
      int columnOffset, boolean withRotations, ProgressListener progress) {
    return compute(rows, firstRowIndex, columns, columnOffset, false, withRotations, progress);
  }

  @Override
  public DistanceBlock symmetricDistances(LaeBatch training, boolean withRotations,
      ProgressListener progress) {
    return compute(training, 0, training, 0, true, withRotations, progress);
  }

  private DistanceBlock compute(LaeBatch rows, long firstRowIndex, LaeBatch columns,
      int columnOffset, boolean symmetric, boolean withRotations, ProgressListener progress) {
    DistanceBlocks.checkCompatible(rows, columns);
    PreparedLaes a = new PreparedLaes(rows, parameters.sigma());
    PreparedLaes b = rows == columns ? a : new PreparedLaes(columns, parameters.sigma());
    PairPlan plan = PairPlan.of(a, b, symmetric, parameters);
    double[] cross = new double[plan.searched];
    float[] rots = withRotations ? new float[plan.searched * a.dimension * a.dimension] : null;
    search(a, b, plan, cross, rots, progress);
    return plan.block(parameters, rows, firstRowIndex, columnOffset, cross, rots);
  }

  /** Maximises the cross term of every searched pair of the plan, {@value #TILE} at a time. */
  private void search(PreparedLaes a, PreparedLaes b, PairPlan plan, double[] cross,
      float[] rots, ProgressListener progress) {
    SearchPlan searchPlan = plan(a.dimension);
    long pairs = plan.totalPairs();
    int searched = plan.searched;
    long tiles = (searched + TILE - 1) / TILE;
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong(pairs - searched); // pruned pairs are done
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int workers = (int) Math.max(1, Math.min(threads, tiles));
    CountDownLatch finished = new CountDownLatch(workers);
    int dd = a.dimension * a.dimension;
    for (int w = 0; w < workers; w++) {
      pool.execute(() -> {
        try {
          OrientationSearch search = searchPlan.newSearch();
          PairTerms[] tilePairs = new PairTerms[TILE];
          for (int q = 0; q < TILE; q++) {
            tilePairs[q] = new PairTerms();
          }
          double[] tileCross = new double[TILE];
          double[] tileRots = new double[TILE * dd];
          long t;
          while (failure.get() == null && (t = next.getAndIncrement()) < tiles) {
            int p0 = (int) (t * TILE);
            int count = Math.min(TILE, searched - p0);
            for (int q = 0; q < count; q++) {
              tilePairs[q].load(a, plan.pairs[2 * (p0 + q)], b, plan.pairs[2 * (p0 + q) + 1]);
            }
            search.maximiseTile(tilePairs, count, tileCross, tileRots);
            System.arraycopy(tileCross, 0, cross, p0, count);
            if (rots != null) {
              for (int k = 0; k < count * dd; k++) {
                rots[p0 * dd + k] = (float) tileRots[k];
              }
            }
            done.addAndGet(count);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          finished.countDown();
        }
      });
    }
    try {
      while (!finished.await(250, TimeUnit.MILLISECONDS)) {
        progress.progress(done.get(), pairs);
      }
    } catch (InterruptedException e) {
      failure.compareAndSet(null, e);
      Thread.currentThread().interrupt();
    }
    Throwable f = failure.get();
    if (f != null) {
      throw new IllegalStateException("GIIP distance computation failed: " + f, f);
    }
    progress.progress(pairs, pairs);
  }

  /** The search plan of one dimension, made on first use (its tables can be large). */
  private synchronized SearchPlan plan(int dimension) {
    return plans.computeIfAbsent(dimension, d -> SearchPlan.create(parameters, d));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** Shared, immutable search state (grids, tables) and a factory of per-thread searches. */
  static final class SearchPlan {
    private final Supplier<OrientationSearch> factory;

    private SearchPlan(Supplier<OrientationSearch> factory) {
      this.factory = factory;
    }

    OrientationSearch newSearch() {
      return factory.get();
    }

    static SearchPlan create(GiipParameters p, int dimension) {
      double sigma = p.sigma();
      boolean proper = p.properOnly();
      return p.search().match(e -> {
        if (dimension == 3) {
          RotationGrid coarse = RotationGrid.covering(e.coarseCoveringDegrees());
          RotationGrid local = RotationGrid.localBall(e.refineRadiusDegrees(),
              e.refineCoveringDegrees());
          return new SearchPlan(() -> new ExhaustiveSearch3D(sigma, proper, coarse, local));
        }
        double[] angles = RotationGrid.uniformAngles(e.angleStepDegrees2d());
        return new SearchPlan(() -> new ExhaustiveSearch2D(sigma, proper, angles));
      }, f -> {
        int starts = f.maxStarts();
        if (dimension == 2) {
          int order = f.fourierOrder2d();
          double margin = f.startMargin2d();
          return new SearchPlan(() -> new FastSearch2D(sigma, proper, order, starts, margin));
        }
        // the second-generation search builds its own (small, cached) Euler tables; the
        // first generation's FastTables3D (the 12° grid) is only for the CUDA kernels
        int degree = f.degree();
        double margin = f.startMargin();
        return new SearchPlan(() -> new FastSearch3D(sigma, proper, degree,
            FastSearch3D.GRID_ANGLES, starts, margin));
      });
    }
  }
}
