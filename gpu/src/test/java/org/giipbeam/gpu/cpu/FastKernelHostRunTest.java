package org.giipbeam.gpu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipEngines;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.ProgressListener;
import org.giipbeam.gpu.SampleLaes;
import org.giipbeam.gpu.TestLaes;
import org.giipbeam.gpu.cuda.FastPlan2D;
import org.giipbeam.gpu.cuda.FastPlan3D;
import org.giipbeam.gpu.cuda.PackedLaes;
import org.giipbeam.gpu.plan.PairPlan;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.giipbeam.gpu.plan.PreparedLaes;

/**
 * Without a GPU, the FAST kernels' own source ({@code src/main/cuda/giip_fast3d.cuh}, {@code
 * giip_fast2d.cuh}) run on
 * the CPU: compiled with g++ against {@code src/test/cuda/cuda_on_host.h} (a thread per CUDA
 * thread, barriers for {@code __syncthreads} and warp shuffles), fed the buffers the engine
 * uploads and launched in chunks as the engine does. Every stage is compared: the expansion and
 * grid values with the Java emulation, the starts with the emulation, and the polished cross
 * terms and rotations with the CPU search polishing from the same starts; the distances with the
 * first-generation CPU FAST search the 3D kernels mirror ({@link DenseGridFastSearch3D}; 2D:
 * with the CPU FAST engine, and the cross term at the returned rotation). This
 * checks the kernels' indexing, shared-memory layout, synchronisation and reductions; what it
 * cannot check is the GPU itself (its compiler, fast-math and timing).
 * Skipped where no g++ is installed.
 */
class FastKernelHostRunTest {
  private static final Path CUDA_SRC = Path.of("src", "main", "cuda");
  private static final Path HOST_SRC = Path.of("src", "test", "cuda");

  /** Builds {@code fastNd_host_run} from the kernel source {@code giip_fastNd.cuh}. */
  private static Path build(String kernels) throws Exception {
    Assumptions.assumeTrue(commandWorks("g++", "--version"),
        "g++ not found: the kernels' host run is skipped");
    Path dir = Path.of("target", "cuda-host");
    Files.createDirectories(dir);
    String cuh = Files.readString(CUDA_SRC.resolve("giip_" + kernels + ".cuh"),
        StandardCharsets.UTF_8).replace("extern __shared__", "extern")
        .replace("__shared__", "static");
    Files.writeString(dir.resolve("giip_" + kernels + "_host.cuh"), cuh, StandardCharsets.UTF_8);
    Path exe = dir.resolve(kernels + "_host_run");
    run(List.of("g++", "-std=c++20", "-O2", "-pthread", "-I" + dir, "-I" + HOST_SRC, "-o",
        exe.toString(), HOST_SRC.resolve(kernels + "_host_run.cpp").toString()), 300);
    return exe;
  }

  private static boolean commandWorks(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void run(List<String> cmd, int timeoutSeconds) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), String.join(" ", cmd) + " hangs");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
  }

  /** Little-endian arrays, each preceded by its int32 length (fast3d_host_run.cpp's format). */
  private static final class Out {
    private final List<ByteBuffer> parts = new ArrayList<>();

    private ByteBuffer next(int n, int bytes) {
      ByteBuffer b = ByteBuffer.allocate(4 + n * bytes).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(n);
      parts.add(b);
      return b;
    }

    Out ints(int... v) {
      ByteBuffer b = next(v.length, 4);
      for (int x : v) {
        b.putInt(x);
      }
      return this;
    }

    Out floats(float... v) {
      ByteBuffer b = next(v.length, 4);
      for (float x : v) {
        b.putFloat(x);
      }
      return this;
    }

    /** Both sides' packed arrays and the searched pairs (host_run_io.h's PairData). */
    Out pairData(PackedLaes a, PackedLaes b, PairPlan plan) {
      return floats(a.positions).floats(a.weights).ints(a.start).ints(a.count)
          .floats(b.positions).floats(b.weights).ints(b.start).ints(b.count).ints(plan.pairs);
    }

    Out doubles(double... v) {
      ByteBuffer b = next(v.length, 8);
      for (double x : v) {
        b.putDouble(x);
      }
      return this;
    }

    /** Builds and runs the host run of {@code giip_<kernels>.cuh} on this input. */
    In run(String kernels) throws Exception {
      Path exe = build(kernels);
      Path dir = Files.createTempDirectory(Path.of("target"), kernels + "-host");
      Path input = dir.resolve("input.bin");
      Path output = dir.resolve("output.bin");
      write(input);
      long t0 = System.nanoTime();
      FastKernelHostRunTest.run(List.of(exe.toString(), input.toString(), output.toString()),
          600);
      return new In(Files.newInputStream(output), (System.nanoTime() - t0) * 1e-9);
    }

    void write(Path file) throws IOException {
      try (var o = Files.newOutputStream(file)) {
        for (ByteBuffer b : parts) {
          o.write(b.array());
        }
      }
    }
  }

  private static final class In implements AutoCloseable {
    private final DataInputStream in;
    /** Wall time of the host run. */
    final double seconds;

    In(InputStream s, double seconds) {
      in = new DataInputStream(new java.io.BufferedInputStream(s));
      this.seconds = seconds;
    }

    private ByteBuffer next(int bytes) throws IOException {
      byte[] h = in.readNBytes(4);
      int n = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getInt();
      return ByteBuffer.wrap(in.readNBytes(n * bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    float[] floats() throws IOException {
      ByteBuffer b = next(4);
      float[] v = new float[b.remaining() / 4];
      b.asFloatBuffer().get(v);
      return v;
    }

    int[] ints() throws IOException {
      ByteBuffer b = next(4);
      int[] v = new int[b.remaining() / 4];
      b.asIntBuffer().get(v);
      return v;
    }

    double[] doubles() throws IOException {
      ByteBuffer b = next(8);
      double[] v = new double[b.remaining() / 8];
      b.asDoubleBuffer().get(v);
      return v;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static void check(String what, LaeBatch rows, LaeBatch cols, GiipParameters p,
      int chunk) throws Exception {
    double sigma = p.sigma();
    double s = 1.0 / (4 * sigma * sigma);
    FastPlan3D fp = new FastPlan3D(p);
    PackedLaes a = new PackedLaes(rows, sigma);
    PackedLaes b = new PackedLaes(cols, sigma);
    PairPlan plan = PairPlan.of(a.prepared, b.prepared, false, Double.NaN, sigma);
    int n = plan.searched;
    Out input = new Out().ints(a.channels, Math.max(1, a.maxCount), Math.max(1, b.maxCount),
            fp.degree, fp.flatStride, fp.evenStride, fp.gridSize, fp.hands, fp.maxStarts, n,
            chunk)
        .doubles(s, fp.margin).pairData(a, b, plan)
        .ints(fp.blockOffset).floats(fp.delta).doubles(fp.rotations)
        .ints(fp.neighbourStart).ints(fp.neighbours);
    double seconds;
    float[] flat;
    float[] values;
    int[] starts;
    int[] count;
    double[] cross;
    float[] rots;
    try (In in = input.run("fast3d")) {
      seconds = in.seconds;
      flat = in.floats();
      values = in.floats();
      starts = in.ints();
      count = in.ints();
      cross = in.doubles();
      rots = in.floats();
    }
    float[] cpu = DenseGridFastSearch3D.distances(rows, cols, p);
    PreparedLaes pa = new PreparedLaes(rows, sigma);
    PreparedLaes pb = new PreparedLaes(cols, sigma);
    DenseGridFastSearch3D search = new DenseGridFastSearch3D(sigma, p.properOnly(),
        FastTables3D.get(p.fastSearch().degree(), p.fastSearch().gridCoveringDegrees()), p.fastSearch().maxStarts(),
        p.fastSearch().startMargin());
    PairTerms terms = new PairTerms();
    int[] emuStarts = new int[fp.maxStarts];
    double[] rot = new double[9];
    double flatErr = 0;
    double valueErr = 0;
    double crossErr = 0;
    double rotErr = 0;
    int sameStarts = 0;
    int within = 0;
    for (int q = 0; q < n; q++) {
      int i = plan.pairs[2 * q];
      int j = plan.pairs[2 * q + 1];
      float[] ef = FastKernelEmulator.expand(fp, a, i, b, j, s);
      flatErr = Math.max(flatErr, relative(ef, flat, q * fp.flatStride));
      float[] ev = FastKernelEmulator.grid(fp, ef);
      valueErr = Math.max(valueErr, relative(ev, values, q * 2 * fp.gridSize));
      int ne = FastKernelEmulator.starts(fp, ev, emuStarts);
      int nk = count[q];
      int[] kernelStarts = Arrays.copyOfRange(starts, q * fp.maxStarts, q * fp.maxStarts + nk);
      if (Arrays.equals(emuStarts, 0, ne, kernelStarts, 0, nk)) {
        sameStarts++;
      }
      terms.load(pa, i, pb, j);
      double ref = search.polishFrom(terms, kernelStarts, nk, rot, 0);
      crossErr = Math.max(crossErr, Math.abs(cross[q] - ref) / Math.max(1e-300, Math.abs(ref)));
      for (int k = 0; k < 9; k++) {
        rotErr = Math.max(rotErr, Math.abs(rots[9 * q + k] - rot[k]));
      }
      double d = Math.sqrt(Math.max(0, a.self[i] + b.self[j] - 2 * cross[q]));
      if (Math.abs(d - cpu[i * cols.size() + j]) <= 1e-5) {
        within++;
      }
    }
    System.out.printf(Locale.ROOT, "FAST kernels run on the CPU (g++, %.1f s), %s, %d pairs in "
        + "chunks of %d: expansion max rel. error %.2g, grid values %.2g (vs emulation); starts "
        + "as emulated %d; cross term vs CPU polish max rel. error %.2g, rotation %.2g; distance "
        + "within 1e-5 of the dense-grid CPU FAST %d%n", seconds, what, n, chunk, flatErr, valueErr,
        sameStarts, crossErr, rotErr, within);
    assertTrue(flatErr < 1e-5, "expansion off by " + flatErr);
    assertTrue(valueErr < 1e-5, "grid values off by " + valueErr);
    assertTrue(sameStarts >= 0.95 * n, (n - sameStarts) + " start lists differ");
    assertTrue(crossErr < 1e-9, "cross terms off by " + crossErr);
    assertTrue(rotErr < 1e-5, "rotations off by " + rotErr);
    assertTrue(within >= 0.98 * n,
        (n - within) + " distances differ from the dense-grid CPU FAST");
  }

  /** max |x − y| / max |x| over x and y[off ..]. */
  private static double relative(float[] x, float[] y, int off) {
    double scale = 1e-30;
    double err = 0;
    for (int k = 0; k < x.length; k++) {
      scale = Math.max(scale, Math.abs(x[k]));
      err = Math.max(err, Math.abs(x[k] - y[off + k]));
    }
    return err / scale;
  }

  @Test
  void ninbOrSyntheticGlassInChunks() throws Exception {
    LaeBatch[] b = SampleLaes.ninbOrGlass(5, 4, 311);
    check(SampleLaes.ninbOrGlassName() + ", O(3)", b[0], b[1], GiipParameters.fast(1.0), 7);
  }

  @Test
  void twoChannelsProperRotations() throws Exception {
    Random rnd = new Random(314);
    List<Lae> rows = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      rows.add(TestLaes.glassLike3d(rnd, 6 + rnd.nextInt(8), 2));
    }
    // a lone centre atom: every grid rotation is a local maximum (constant cross term)
    rows.add(TestLaes.lae(3, 2, new double[3], new double[] {1, 0}));
    // a coarser grid (20°) and degree 8: the kernels take any grid and degree
    check("synthetic, 2 channels, SO(3), L = 8, 20° grid, a lone atom",
        TestLaes.batch(rows, 24), TestLaes.glassBatch(rnd, 4, 2),
        GiipParameters.fast(0.8).withProperOnly(true).withFast(8, 20, 24, 3.0), 16);
  }

  /**
   * FAST 2D: the kernel's cross terms give the CPU FAST engine's distances, and its rotations
   * reproduce its cross terms.
   */
  private static void check2d(String what, LaeBatch rows, LaeBatch cols, GiipParameters p,
      int chunk) throws Exception {
    double sigma = p.sigma();
    double s = 1.0 / (4 * sigma * sigma);
    FastPlan2D fp = new FastPlan2D(p);
    PackedLaes a = new PackedLaes(rows, sigma);
    PackedLaes b = new PackedLaes(cols, sigma);
    PairPlan plan = PairPlan.of(a.prepared, b.prepared, false, Double.NaN, sigma);
    int n = plan.searched;
    Out input = new Out().ints(a.channels, fp.order, fp.properOnly, fp.maxStarts, n, chunk)
        .doubles(s, fp.margin).pairData(a, b, plan).doubles(fp.cosTable).doubles(fp.sinTable);
    double seconds;
    double[] cross;
    float[] rots;
    try (In in = input.run("fast2d")) {
      seconds = in.seconds;
      cross = in.doubles();
      rots = in.floats();
    }
    DistanceBlock cpu;
    try (GiipEngine e = GiipEngines.cpu(p, 2)) {
      cpu = e.distances(rows, 0, cols, 0, false, ProgressListener.NONE);
    }
    int within = 0;
    double rotErr = 0;
    for (int q = 0; q < n; q++) {
      int i = plan.pairs[2 * q];
      int j = plan.pairs[2 * q + 1];
      double d = Math.sqrt(Math.max(0, a.self[i] + b.self[j] - 2 * cross[q]));
      if (Math.abs(d - cpu.distances()[i * cols.size() + j]) <= 1e-5) {
        within++;
      }
      double atRotation = cross2d(a, i, b, j, rots, 4 * q, s);
      rotErr = Math.max(rotErr, Math.abs(atRotation - cross[q]) / Math.max(1e-300, cross[q]));
    }
    System.out.printf(Locale.ROOT, "FAST 2D kernel run on the CPU (g++, %.1f s), %s, %d pairs "
        + "in chunks of %d: distance within 1e-5 of CPU FAST %d; cross term at the returned "
        + "rotation vs returned cross term: max rel. difference %.2g%n", seconds, what, n, chunk,
        within, rotErr);
    assertTrue(within >= 0.98 * n, (n - within) + " distances differ from CPU FAST");
    assertTrue(rotErr < 1e-6, "rotations off by " + rotErr);
  }

  /** Σ W_ij exp(−|a_i − R b_j|² s) for the float 2 × 2 matrix at rot[o ..]. */
  private static double cross2d(PackedLaes a, int i, PackedLaes b, int j, float[] rot, int o,
      double s) {
    double sum = 0;
    for (int p = a.start[i]; p < a.start[i] + a.count[i]; p++) {
      for (int q = b.start[j]; q < b.start[j] + b.count[j]; q++) {
        double w = a.weightProduct(p, b, q);
        double rx = rot[o] * b.x(q, 0) + rot[o + 1] * b.x(q, 1);
        double ry = rot[o + 2] * b.x(q, 0) + rot[o + 3] * b.x(q, 1);
        double dx = a.x(p, 0) - rx;
        double dy = a.x(p, 1) - ry;
        sum += w * Math.exp(-s * (dx * dx + dy * dy));
      }
    }
    return sum;
  }

  @Test
  void ljCrystalWithDefects2d() throws Exception {
    LaeBatch all = SampleLaes.lj2d();
    check2d("LJ crystal 2D (half defects), O(2)", SampleLaes.pickWithDefects(all, 12, 321),
        SampleLaes.pickWithDefects(all, 10, 322), GiipParameters.fast(0.5), 50);
  }

  @Test
  void twoChannelsProperRotationsAndLoneAtoms2d() throws Exception {
    Random rnd = new Random(323);
    List<Lae> rows = new ArrayList<>();
    List<Lae> cols = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      rows.add(TestLaes.lattice2d(rnd, 2));
      cols.add(TestLaes.lattice2d(rnd, 2));
    }
    // a lone centre atom: the cross term does not depend on the angle
    rows.add(TestLaes.lae(2, 2, new double[2], new double[] {1, 0}));
    cols.add(TestLaes.lae(2, 2, new double[2], new double[] {0.5, 0}));
    check2d("synthetic, 2 channels, SO(2), lone atoms", TestLaes.batch(rows),
        TestLaes.batch(cols), GiipParameters.fast(0.5).withProperOnly(true), 13);
  }
}
