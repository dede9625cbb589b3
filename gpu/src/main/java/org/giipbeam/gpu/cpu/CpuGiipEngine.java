package org.giipbeam.gpu.cpu;

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
import org.giipbeam.gpu.SearchMode;
import org.giipbeam.gpu.rotation.RotationGrid;

/**
 * The GIIP engine on all CPU cores. Work is cut into tiles (one row LAE × up to {@value #TILE}
 * column LAEs; the symmetric variant tiles the upper triangle only); a fixed set of worker
 * threads, each with its own {@link OrientationSearch} and scratch, pulls tiles from a shared
 * counter, so the inner loops allocate nothing. Results are written straight into the output
 * arrays (each entry by exactly one worker).
 *
 * <p>With a pruning cut ({@link GiipParameters#withPruneCut(double)}), each pair first gets the
 * rotation-invariant lower bound of {@link InvariantBound}; a pair whose bound exceeds the cut
 * is not searched: its entry holds the bound, is flagged in {@code DistanceBlock.lowerBounds()},
 * and its rotation (if requested) is NaN.
 */
public final class CpuGiipEngine implements GiipEngine {
  static final int TILE = 16;

  private final GiipParameters parameters;
  private final int threads;
  private final ExecutorService pool;
  private volatile SearchPlan plan3d;
  private volatile SearchPlan plan2d;

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
    DistanceBlocks.checkCompatible(rows, columns);
    PreparedLaes a = new PreparedLaes(rows, parameters.sigma());
    PreparedLaes b = rows == columns ? a : new PreparedLaes(columns, parameters.sigma());
    int nr = a.size;
    int nc = b.size;
    int d = a.dimension;
    float[] dist = new float[nr * nc];
    float[] rots = withRotations ? new float[nr * nc * d * d] : null;
    boolean[] bounds = parameters.prunes() ? new boolean[nr * nc] : null;
    int tilesPerRow = (nc + TILE - 1) / TILE;
    long tiles = (long) nr * tilesPerRow;
    run(a, b, tiles, (long) nr * nc, t -> {
      int i = (int) (t / tilesPerRow);
      int j0 = (int) (t % tilesPerRow) * TILE;
      return new int[] {i, j0, Math.min(nc, j0 + TILE)};
    }, dist, rots, bounds, nc, false, progress);
    return DistanceBlocks.of(parameters, rows, firstRowIndex, columnOffset, nc, dist, rots,
        bounds);
  }

  @Override
  public DistanceBlock symmetricDistances(LaeBatch training, boolean withRotations,
      ProgressListener progress) {
    DistanceBlocks.checkCompatible(training, training);
    PreparedLaes a = new PreparedLaes(training, parameters.sigma());
    int n = a.size;
    int d = a.dimension;
    float[] dist = new float[n * n];
    float[] rots = withRotations ? new float[n * n * d * d] : null;
    boolean[] bounds = parameters.prunes() ? new boolean[n * n] : null;
    // Row i holds columns i+1..n-1; rowTiles[i] = index of row i's first tile.
    long[] rowTiles = new long[n + 1];
    for (int i = 0; i < n; i++) {
      rowTiles[i + 1] = rowTiles[i] + (n - 1 - i + TILE - 1) / TILE;
    }
    long pairs = (long) n * (n - 1) / 2;
    run(a, a, rowTiles[n], pairs, t -> {
      int lo = 0;
      int hi = n - 1;
      while (lo < hi) { // last row with rowTiles[row] <= t
        int mid = (lo + hi + 1) >>> 1;
        if (rowTiles[mid] <= t) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      int j0 = lo + 1 + (int) (t - rowTiles[lo]) * TILE;
      return new int[] {lo, j0, Math.min(n, j0 + TILE)};
    }, dist, rots, bounds, n, true, progress);
    if (rots != null) {
      for (int i = 0; i < n; i++) {
        int o = (i * n + i) * d * d;
        for (int k = 0; k < d; k++) {
          rots[o + k * d + k] = 1f;
        }
      }
    }
    return DistanceBlocks.of(parameters, training, 0, 0, n, dist, rots, bounds);
  }

  private interface TileMap {
    int[] tile(long t);
  }

  private void run(PreparedLaes a, PreparedLaes b, long tiles, long pairs, TileMap map,
      float[] dist, float[] rots, boolean[] bounds, int nc, boolean mirror,
      ProgressListener progress) {
    SearchPlan plan = plan(a.dimension);
    double cut = parameters.pruneCut();
    InvariantBound boundMaker = new InvariantBound(a.dimension, parameters.sigma());
    double[] boundSelfA = bounds != null ? boundMaker.selfProducts(a) : null;
    double[] boundSelfB = bounds == null ? null : a == b ? boundSelfA : boundMaker.selfProducts(b);
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int workers = (int) Math.max(1, Math.min(threads, tiles));
    CountDownLatch finished = new CountDownLatch(workers);
    int d = a.dimension;
    int dd = d * d;
    for (int w = 0; w < workers; w++) {
      pool.execute(() -> {
        try {
          OrientationSearch search = plan.newSearch();
          InvariantBound bound = new InvariantBound(d, parameters.sigma());
          PairTerms[] tilePairs = new PairTerms[TILE];
          for (int q = 0; q < TILE; q++) {
            tilePairs[q] = new PairTerms();
          }
          int[] searched = new int[TILE];
          double[] cross = new double[TILE];
          double[] tileRots = new double[TILE * dd];
          long t;
          while (failure.get() == null && (t = next.getAndIncrement()) < tiles) {
            int[] tile = map.tile(t);
            int i = tile[0];
            int count = 0;
            for (int j = tile[1]; j < tile[2]; j++) {
              PairTerms pair = tilePairs[count];
              pair.load(a, i, b, j);
              if (bounds != null) {
                double lb = bound.lowerBound(pair, boundSelfA[i], boundSelfB[j]);
                if (lb > cut) { // surely farther than the cut: record the bound, skip the search
                  float lv = (float) lb;
                  dist[i * nc + j] = lv;
                  bounds[i * nc + j] = true;
                  if (mirror) {
                    dist[j * nc + i] = lv;
                    bounds[j * nc + i] = true;
                  }
                  if (rots != null) {
                    java.util.Arrays.fill(rots, (i * nc + j) * dd, (i * nc + j + 1) * dd, Float.NaN);
                    if (mirror) {
                      java.util.Arrays.fill(rots, (j * nc + i) * dd, (j * nc + i + 1) * dd,
                          Float.NaN);
                    }
                  }
                  continue;
                }
              }
              searched[count++] = j;
            }
            if (count > 0) {
              search.maximiseTile(tilePairs, count, cross, tileRots);
            }
            for (int q = 0; q < count; q++) {
              int j = searched[q];
              double d2 = a.self[i] + b.self[j] - 2 * cross[q];
              float dv = (float) Math.sqrt(Math.max(0, d2));
              dist[i * nc + j] = dv;
              if (mirror) {
                dist[j * nc + i] = dv;
              }
              if (rots != null) {
                int o = (i * nc + j) * dd;
                for (int k = 0; k < dd; k++) {
                  rots[o + k] = (float) tileRots[q * dd + k];
                }
                if (mirror) {
                  int o2 = (j * nc + i) * dd;
                  for (int r = 0; r < d; r++) {
                    for (int c2 = 0; c2 < d; c2++) {
                      rots[o2 + r * d + c2] = (float) tileRots[q * dd + c2 * d + r];
                    }
                  }
                }
              }
            }
            done.addAndGet(tile[2] - tile[1]);
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

  private SearchPlan plan(int dimension) {
    if (dimension == 3) {
      SearchPlan p = plan3d;
      if (p == null) {
        synchronized (this) {
          if (plan3d == null) {
            plan3d = SearchPlan.create(parameters, 3);
          }
          p = plan3d;
        }
      }
      return p;
    }
    SearchPlan p = plan2d;
    if (p == null) {
      synchronized (this) {
        if (plan2d == null) {
          plan2d = SearchPlan.create(parameters, 2);
        }
        p = plan2d;
      }
    }
    return p;
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
      if (p.mode() == SearchMode.EXHAUSTIVE) {
        if (dimension == 3) {
          RotationGrid coarse = RotationGrid.covering(p.coarseCoveringDegrees());
          RotationGrid local = RotationGrid.localBall(p.refineRadiusDegrees(),
              p.refineCoveringDegrees());
          return new SearchPlan(() -> new ExhaustiveSearch3D(sigma, proper, coarse, local));
        }
        double[] angles = RotationGrid.uniformAngles(p.angleStepDegrees2d());
        return new SearchPlan(() -> new ExhaustiveSearch2D(sigma, proper, angles));
      }
      if (dimension == 2) {
        int order = p.fastFourierOrder2d();
        int starts = p.fastMaxStarts();
        double margin = p.fastStartMargin2d();
        return new SearchPlan(() -> new FastSearch2D(sigma, proper, order, starts, margin));
      }
      FastTables3D tables = FastTables3D.get(p.fastDegree(), p.fastGridCoveringDegrees());
      int starts = p.fastMaxStarts();
      double margin = p.fastStartMargin();
      return new SearchPlan(() -> new FastSearch3D(sigma, proper, tables, starts, margin));
    }
  }
}
