package org.giipbeam.gpu.cpu;

import org.giipbeam.gpu.plan.PreparedLaes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipParameters;

/**
 * The first-generation FAST 3D ({@link DenseGridFastSearch3D}) run as the CPU engine ran it —
 * tiles of one row × {@link CpuGiipEngine#TILE} columns pulled by one worker per core, each with
 * its own search — for the benchmark's same-run comparison with the current engine.
 */
public final class BaselineFastEngine implements AutoCloseable {
  private final GiipParameters parameters;
  private final int threads;
  private final ExecutorService pool;

  public BaselineFastEngine(GiipParameters parameters, int threads) {
    this.parameters = parameters;
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "giip-baseline");
      t.setDaemon(true);
      return t;
    });
  }

  /** d_inv of every row × column pair, row-major. */
  public float[] distances(LaeBatch rows, LaeBatch cols) throws Exception {
    GiipParameters p = parameters;
    PreparedLaes a = new PreparedLaes(rows, p.sigma());
    PreparedLaes b = new PreparedLaes(cols, p.sigma());
    FastTables3D tables = FastTables3D.get(p.fastSearch().degree(), p.fastSearch().gridCoveringDegrees());
    int tilesPerRow = (b.size + CpuGiipEngine.TILE - 1) / CpuGiipEngine.TILE;
    int tiles = a.size * tilesPerRow;
    float[] out = new float[a.size * b.size];
    AtomicInteger next = new AtomicInteger();
    Future<?>[] workers = new Future<?>[threads];
    for (int w = 0; w < threads; w++) {
      workers[w] = pool.submit(() -> {
        DenseGridFastSearch3D search = new DenseGridFastSearch3D(p.sigma(), p.properOnly(),
            tables, p.fastSearch().maxStarts(), p.fastSearch().startMargin());
        PairTerms[] tile = new PairTerms[CpuGiipEngine.TILE];
        for (int q = 0; q < tile.length; q++) {
          tile[q] = new PairTerms();
        }
        double[] cross = new double[tile.length];
        double[] rots = new double[9 * tile.length];
        int t;
        while ((t = next.getAndIncrement()) < tiles) {
          int i = t / tilesPerRow;
          int j0 = (t % tilesPerRow) * CpuGiipEngine.TILE;
          int count = Math.min(CpuGiipEngine.TILE, b.size - j0);
          for (int q = 0; q < count; q++) {
            tile[q].load(a, i, b, j0 + q);
          }
          search.maximiseTile(tile, count, cross, rots);
          for (int q = 0; q < count; q++) {
            double d2 = a.self[i] + b.self[j0 + q] - 2 * cross[q];
            out[i * b.size + j0 + q] = (float) Math.sqrt(Math.max(0, d2));
          }
        }
      });
    }
    for (Future<?> f : workers) {
      f.get();
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
