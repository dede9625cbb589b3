package org.giipbeam.transforms;

import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.coders.DistanceBlockCoder;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orientation-invariant GIIP distances to the training set, in {@link DistanceBlock}s.
 *
 * <pre>{@code
 * PCollection<LaeBatch> training = split.get(SplitTrainExtension.TRAINING);
 * PCollectionView<LaeBatch> trainingView = training.apply(View.asSingleton());
 * GiipParameters giip = GiipParameters.fast(1.0);
 * // Training × training: tiles covering the n × n matrix, each pair searched once.
 * PCollection<DistanceBlock> trainRows = training.apply(GiipBlocks.training(giip));
 * // Extension × training: one block of full rows per extension batch.
 * PCollection<DistanceBlock> extRows =
 *     split.get(SplitTrainExtension.EXTENSION).apply(GiipBlocks.extension(giip, trainingView));
 * }</pre>
 *
 * <p>Training: the n × n matrix is cut into square tiles of {@link #withTileSize tile size}
 * rows; the tiles on and above the diagonal are computed (spread over workers), each tile below
 * the diagonal is the transpose of its mirror, so every unordered pair is searched once. Row and
 * column indices are indices in the training batch (its canonical order). Extension rows get
 * row index −1 and are identified by (sample, centre id).
 *
 * <p>Each worker owns one engine ({@code @Setup}, closed in {@code @Teardown}) using all its
 * cores. Counter {@code GiipBlocks/pairs} counts pairs searched; progress (pairs, rate, time
 * left) goes to the log.
 */
public final class GiipBlocks {
  private GiipBlocks() {}

  /** Default rows per training tile. */
  public static final int DEFAULT_TILE_SIZE = 256;

  /** Which engine computes the distances. */
  public enum Engine {
    /** All CPU cores of the worker. */
    CPU,
    /** The worker's first CUDA GPU; fails in {@code @Setup} if the worker has none. */
    CUDA,
    /** CUDA when the worker has a usable CUDA device, else all CPU cores. */
    AUTO
  }

  /** Training × training distances of the (one) training batch. */
  public static Training training(GiipParameters parameters) {
    return new Training(parameters, DEFAULT_TILE_SIZE, Engine.AUTO, false, null, null);
  }

  /** Extension × training distances, the training batch given as a singleton side input. */
  public static Extension extension(GiipParameters parameters,
      PCollectionView<LaeBatch> training) {
    return new Extension(parameters, training, Engine.AUTO, false, null, null);
  }

  static GiipEngine newEngine(Engine engine, GiipParameters p) {
    return switch (engine) {
      case CPU -> GiipEngines.cpu(p);
      case CUDA -> GiipEngines.cuda(p);
      case AUTO -> GiipEngines.best(p);
    };
  }

  static void requireConfigured(GiipParameters parameters, Engine engine) {
    Objects.requireNonNull(parameters, "GiipBlocks needs GiipParameters");
    Objects.requireNonNull(engine, "GiipBlocks needs an engine choice");
  }

  static void display(DisplayData.Builder b, GiipParameters p, Engine engine) {
    b.add(DisplayData.item("sigma", p.sigma()).withLabel("σ"))
        .add(DisplayData.item("mode", p.mode().name()).withLabel("Orientation search"))
        .add(DisplayData.item("rotations", p.properOnly() ? "SO(d)" : "O(d)")
            .withLabel("Rotation set"));
    p.search().match(e -> b
        .add(DisplayData.item("grid3d", e.coarseCoveringDegrees() + "° then "
            + e.refineCoveringDegrees() + "° within " + e.refineRadiusDegrees() + "°")
            .withLabel("3D grid"))
        .add(DisplayData.item("grid2d", e.angleStepDegrees2d() + "°").withLabel("2D grid")),
        f -> b
        .add(DisplayData.item("fast3d", "L = " + f.degree() + " on a " + f.gridCoveringDegrees()
            + "° grid, " + f.maxStarts() + " starts within " + f.startMargin())
            .withLabel("3D expansion"))
        .add(DisplayData.item("fast2d", "M = " + f.fourierOrder2d() + ", margin "
            + f.startMargin2d()).withLabel("2D Fourier series")));
    if (p.prunes()) {
      b.add(DisplayData.item("pruneCut", p.pruneCut()).withLabel("Pruning cut (d_inv)"));
    }
    b.add(DisplayData.item("engine", engine.name()).withLabel("Engine"));
  }

  /** Logs progress of one engine call: pairs done, rate and time left, every ~10 s. */
  static final class LoggingProgress implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(GiipBlocks.class);
    private final String what;
    private final long start = System.nanoTime();
    private long lastLog = start;

    LoggingProgress(String what) {
      this.what = what;
    }

    @Override
    public void progress(long done, long total) {
      long now = System.nanoTime();
      if (now - lastLog < 10_000_000_000L && done < total) {
        return;
      }
      lastLog = now;
      double s = (now - start) / 1e9;
      double rate = done / Math.max(s, 1e-9);
      double left = rate > 0 ? (total - done) / rate : Double.NaN;
      LOG.info(String.format(Locale.ROOT, "%s: %d of %d pairs (%.1f%%), %.0f pairs/s, %.0f s left",
          what, done, total, 100.0 * done / Math.max(total, 1), rate, left));
    }
  }

  /**
   * The listener for one engine call: the study's overall meter where there is one (it is fed
   * the pairs done since the last call), else a log line per call.
   */
  static ProgressListener listener(DistanceProgress meter, String what) {
    if (meter == null) {
      return new LoggingProgress(what);
    }
    long[] reported = {0};
    return (done, total) -> {
      long delta = done - reported[0];
      if (delta > 0) {
        reported[0] = done;
        meter.computed(delta);
      }
    };
  }

  /** Training × training tiles. */
  public static final class Training
      extends PTransform<PCollection<LaeBatch>, PCollection<DistanceBlock>> {
    private static final long serialVersionUID = 1L;
    private final GiipParameters parameters;
    private final int tileSize;
    private final Engine engine;
    private final boolean rotations;
    private final DistanceStore store;
    private final DistanceProgress progress;

    Training(GiipParameters parameters, int tileSize, Engine engine, boolean rotations,
        DistanceStore store, DistanceProgress progress) {
      this.parameters = parameters;
      this.tileSize = tileSize;
      this.engine = engine;
      this.rotations = rotations;
      this.store = store;
      this.progress = progress;
    }

    public Training withTileSize(int rows) {
      return new Training(parameters, rows, engine, rotations, store, progress);
    }

    public Training withEngine(Engine e) {
      return new Training(parameters, tileSize, e, rotations, store, progress);
    }

    /** Also return the optimal rotations (d × d per pair). */
    public Training withRotations(boolean r) {
      return new Training(parameters, tileSize, engine, r, store, progress);
    }

    /**
     * Keep every finished tile in {@code s} as soon as it is done, and take tiles already
     * there instead of computing them again (a study run again after a crash). Not with
     * rotations: the store keeps distances only.
     */
    public Training withStore(DistanceStore s) {
      return new Training(parameters, tileSize, engine, rotations, s, progress);
    }

    /** Report progress on one overall meter instead of a log line per tile. */
    public Training withProgress(DistanceProgress p) {
      return new Training(parameters, tileSize, engine, rotations, store, p);
    }

    @Override
    public PCollection<DistanceBlock> expand(PCollection<LaeBatch> training) {
      requireConfigured(parameters, engine);
      if (tileSize < 1) {
        throw new IllegalArgumentException("GiipBlocks tile size must be ≥ 1, got " + tileSize);
      }
      if (store != null && rotations) {
        throw new IllegalArgumentException("GiipBlocks: a DistanceStore keeps distances only;"
            + " it cannot be used with rotations");
      }
      PCollectionView<LaeBatch> view = training.apply("Training as side input",
          View.asSingleton());
      int size = tileSize;
      return training
          .apply("Tiles", ParDo.of(new DoFn<LaeBatch, KV<Integer, Integer>>() {
            @ProcessElement
            public void process(@Element LaeBatch t, OutputReceiver<KV<Integer, Integer>> out) {
              int tiles = (t.size() + size - 1) / size;
              for (int i = 0; i < tiles; i++) {
                for (int j = i; j < tiles; j++) {
                  out.output(KV.of(i, j));
                }
              }
            }
          }))
          .setCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of()))
          .apply("Spread tiles", Reshuffle.viaRandomKey())
          .apply("Distances", ParDo.of(new TileFn(parameters, engine, rotations, size, view,
                  store, progress)).withSideInputs(view))
          .setCoder(DistanceBlockCoder.of());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      display(builder, parameters, engine);
      builder.add(DisplayData.item("tileSize", tileSize).withLabel("Rows per tile"));
      if (store != null) {
        builder.add(DisplayData.item("store", store.dir().toString()).withLabel("Kept in"));
      }
    }
  }

  /**
   * A DoFn that owns one engine per instance: made in {@code @Setup}, reused across bundles,
   * closed in {@code @Teardown}; with the shared pairs counter and the training side input.
   */
  private abstract static class EngineFn<InputT> extends DoFn<InputT, DistanceBlock> {
    private static final long serialVersionUID = 1L;
    final GiipParameters parameters;
    final Engine engineKind;
    final boolean rotations;
    final PCollectionView<LaeBatch> training;
    final DistanceStore store;
    final DistanceProgress progress;
    final Counter pairs = Metrics.counter(GiipBlocks.class, "pairs");
    final Counter reusedPairs = Metrics.counter(GiipBlocks.class, "pairs-reused");
    transient GiipEngine engine;

    EngineFn(GiipParameters parameters, Engine engineKind, boolean rotations,
        PCollectionView<LaeBatch> training, DistanceStore store, DistanceProgress progress) {
      this.parameters = parameters;
      this.engineKind = engineKind;
      this.rotations = rotations;
      this.training = training;
      this.store = store;
      this.progress = progress;
    }

    /** Counts pairs taken from the store. */
    void reused(long n) {
      reusedPairs.inc(n);
      if (progress != null) {
        progress.reused(n);
      }
    }

    @Setup
    public void setup() {
      engine = newEngine(engineKind, parameters);
    }

    @Teardown
    public void teardown() {
      if (engine != null) {
        engine.close();
      }
    }
  }

  private static final class TileFn extends EngineFn<KV<Integer, Integer>> {
    private static final long serialVersionUID = 1L;
    private final int tileSize;

    TileFn(GiipParameters parameters, Engine engineKind, boolean rotations, int tileSize,
        PCollectionView<LaeBatch> training, DistanceStore store, DistanceProgress progress) {
      super(parameters, engineKind, rotations, training, store, progress);
      this.tileSize = tileSize;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      LaeBatch t = c.sideInput(training);
      int i = c.element().getKey();
      int j = c.element().getValue();
      int r0 = i * tileSize;
      int r1 = Math.min(t.size(), r0 + tileSize);
      int c0 = j * tileSize;
      int c1 = Math.min(t.size(), c0 + tileSize);
      LaeBatch rows = t.select(IntStream.range(r0, r1).toArray());
      LaeBatch cols = i == j ? rows : t.select(IntStream.range(c0, c1).toArray());
      long tilePairs = i == j ? (long) rows.size() * (rows.size() - 1) / 2
          : (long) rows.size() * cols.size();
      DistanceBlock d = store == null ? null : store.tile(i, j, rows, r0, cols, c0);
      if (d != null) {
        reused(tilePairs);
      } else {
        ProgressListener l = listener(progress, "training tile (" + i + ", " + j + ")");
        d = i == j ? engine.symmetricDistances(rows, rotations, l).relabelled(r0, r0)
            : engine.distances(rows, r0, cols, c0, rotations, l);
        pairs.inc(tilePairs);
        if (store != null) {
          store.putTile(i, j, d);
        }
      }
      c.output(d);
      if (i != j) {
        c.output(d.transposed(cols.samples(), cols.centreIds(), c0, r0));
      }
    }
  }

  /** Extension × training rows. */
  public static final class Extension
      extends PTransform<PCollection<LaeBatch>, PCollection<DistanceBlock>> {
    private static final long serialVersionUID = 1L;
    private final GiipParameters parameters;
    private final PCollectionView<LaeBatch> training;
    private final Engine engine;
    private final boolean rotations;
    private final DistanceStore store;
    private final DistanceProgress progress;

    Extension(GiipParameters parameters, PCollectionView<LaeBatch> training, Engine engine,
        boolean rotations, DistanceStore store, DistanceProgress progress) {
      this.parameters = parameters;
      this.training = training;
      this.engine = engine;
      this.rotations = rotations;
      this.store = store;
      this.progress = progress;
    }

    public Extension withEngine(Engine e) {
      return new Extension(parameters, training, e, rotations, store, progress);
    }

    public Extension withRotations(boolean r) {
      return new Extension(parameters, training, engine, r, store, progress);
    }

    /**
     * Keep every finished extension batch and its rows in {@code s} as soon as it is done, and
     * take batches already there instead of computing them again. Not with rotations.
     */
    public Extension withStore(DistanceStore s) {
      return new Extension(parameters, training, engine, rotations, s, progress);
    }

    /** Report progress on one overall meter instead of a log line per batch. */
    public Extension withProgress(DistanceProgress p) {
      return new Extension(parameters, training, engine, rotations, store, p);
    }

    @Override
    public PCollection<DistanceBlock> expand(PCollection<LaeBatch> extension) {
      requireConfigured(parameters, engine);
      Objects.requireNonNull(training, "GiipBlocks.extension needs the training side input");
      if (store != null && rotations) {
        throw new IllegalArgumentException("GiipBlocks: a DistanceStore keeps distances only;"
            + " it cannot be used with rotations");
      }
      return extension
          .apply("Distances to training",
              ParDo.of(new ExtensionFn(parameters, engine, rotations, training, store, progress))
                  .withSideInputs(training))
          .setCoder(DistanceBlockCoder.of());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      display(builder, parameters, engine);
    }
  }

  private static final class ExtensionFn extends EngineFn<LaeBatch> {
    private static final long serialVersionUID = 1L;

    ExtensionFn(GiipParameters parameters, Engine engineKind, boolean rotations,
        PCollectionView<LaeBatch> training, DistanceStore store, DistanceProgress progress) {
      super(parameters, engineKind, rotations, training, store, progress);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      LaeBatch t = c.sideInput(training);
      LaeBatch rows = c.element();
      long batchPairs = (long) rows.size() * t.size();
      DistanceBlock stored = store == null ? null : store.extensionRows(rows, t.size());
      if (stored != null) {
        reused(batchPairs);
        c.output(stored);
        return;
      }
      DistanceBlock d = engine.distances(rows, 0, t, 0, rotations,
          listener(progress, "extension batch of " + rows.size()));
      pairs.inc(batchPairs);
      long[] noIndex = new long[d.rows()];
      java.util.Arrays.fill(noIndex, -1);
      DistanceBlock out = d.withRowIndices(noIndex);
      if (store != null) {
        store.putExtension(rows, out);
      }
      c.output(out);
    }
  }
}
