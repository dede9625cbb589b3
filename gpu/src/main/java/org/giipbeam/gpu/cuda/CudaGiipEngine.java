package org.giipbeam.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuFuncGetAttribute;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.DistanceBlocks;
import org.giipbeam.gpu.GiipEngine;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.ProgressListener;
import org.giipbeam.gpu.SearchSpec;
import org.giipbeam.gpu.plan.PairPlan;
import org.giipbeam.gpu.plan.PreparedLaes;
import org.giipbeam.gpu.rotation.RotationGrid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GIIP engine on a CUDA GPU (JCuda driver API, PTX shipped in the jar).
 *
 * <p><b>EXHAUSTIVE</b> runs on the GPU: one thread block per pair evaluates the cross term on
 * the same grids as the CPU engine (3D: the coarse SO(3) covering with R and −R, then the local
 * ball about the best; 2D: the uniform angle grid, both handednesses) in float32 with
 * {@code ex2.approx}, reduces the argmax in the block, and re-evaluates the cross term at the
 * winner in double — see {@code src/main/cuda/giip_kernels.cu}. Distances d² = ⟨A,A⟩ + ⟨B,B⟩ −
 * 2 max C are formed on the host from self products computed in double ({@link PackedLaes}).
 *
 * <p><b>FAST in 3D</b> runs on the GPU as four kernels per chunk of pairs (see
 * {@code src/main/cuda/giip_fast3d.cuh} and {@link FastPlan3D}): the spherical-harmonic
 * expansion of each pair, its values on the CPU engine's SO(3) grid as one tiled matrix product
 * (both handednesses), the grid's best local maxima, and the Newton polish of the exact cross term
 * in double from each of them — the CPU engine's FastSearch3D, step for step. <b>FAST in 2D</b>
 * is one kernel with a warp per pair ({@code giip_fast2d.cuh}, {@link FastPlan2D}): the Fourier
 * series of the cross term in the angle, its sampled and refined maxima, and the exact Newton
 * polish — the CPU engine's FastSearch2D.
 *
 * <p>One context (the device's primary context), module, stream and set of device buffers per
 * engine, reused across calls and released in {@link #close()}. Calls are serialised (one GPU);
 * every pair of one call is searched by launches of {@link #pairsPerLaunch} blocks queued back to
 * back, with an event after each so that progress is reported while the GPU stays busy.
 */
public final class CudaGiipEngine implements GiipEngine {
  private static final Logger LOG = LoggerFactory.getLogger(CudaGiipEngine.class);
  static final String PTX_RESOURCE = "giip_kernels.ptx";
  static final int THREADS = 256;
  /**
   * {@code -Dgiip.cuda.profile=true}: FAST 3D calls log the GPU time of each kernel (expansion,
   * grid product, starts, polish) — for tuning on a GPU machine.
   */
  static final boolean PROFILE = Boolean.getBoolean("giip.cuda.profile");
  private static final int DEFAULT_SHARED_LIMIT = 48 * 1024;

  private final GiipParameters parameters;
  private final CUdevice device = new CUdevice();
  private final CUcontext context = new CUcontext();
  private final CUmodule module = new CUmodule();
  private final CUfunction search3d = new CUfunction();
  private final CUfunction search2d = new CUfunction();
  private final CUfunction fastExpand = new CUfunction();
  private final CUfunction fastGrid = new CUfunction();
  private final CUfunction fastStarts = new CUfunction();
  private final CUfunction fastPolish = new CUfunction();
  private final CUfunction fast2d = new CUfunction();
  private final CUstream stream = new CUstream();
  private final int multiprocessors;
  private final int sharedOptIn;
  private final List<DeviceBuffer> allBuffers = new ArrayList<>();
  private final DeviceBuffer posA = buffer();
  private final DeviceBuffer wA = buffer();
  private final DeviceBuffer startA = buffer();
  private final DeviceBuffer countA = buffer();
  private final DeviceBuffer posB = buffer();
  private final DeviceBuffer wB = buffer();
  private final DeviceBuffer startB = buffer();
  private final DeviceBuffer countB = buffer();
  private final DeviceBuffer pairs = buffer();
  private final DeviceBuffer cross = buffer();
  private final DeviceBuffer rots = buffer();
  private final DeviceBuffer coarse = buffer();
  private final DeviceBuffer local = buffer();
  private final DeviceBuffer angles = buffer();
  private final DeviceBuffer anglesD = buffer();
  private final DeviceBuffer fastDelta = buffer();
  private final DeviceBuffer fastRotations = buffer();
  private final DeviceBuffer fastNeighbourStart = buffer();
  private final DeviceBuffer fastNeighbours = buffer();
  private final DeviceBuffer fastBlockOffset = buffer();
  private final DeviceBuffer fastFlat = buffer();
  private final DeviceBuffer fastValues = buffer();
  private final DeviceBuffer fastStartCodes = buffer();
  private final DeviceBuffer fastStartCount = buffer();
  private final DeviceBuffer fastCos = buffer();
  private final DeviceBuffer fastSin = buffer();
  private FastPlan3D fastPlan;
  private FastPlan2D fastPlan2d;
  private int nCoarse = -1;
  private int nLocal;
  private int nAngles = -1;
  private boolean closed;

  /**
   * @throws IllegalStateException if no CUDA device is usable ({@link CudaDevices#available()})
   */
  public CudaGiipEngine(GiipParameters parameters) {
    if (!CudaDevices.available()) {
      throw new IllegalStateException("CUDA engine unavailable: " + CudaDevices.description());
    }
    this.parameters = parameters;
    parameters.search().match(e -> null, f -> { // kernel limits, before any device work
      FastPlan3D.checkDegree(f);
      FastPlan2D.checkOrder(f);
      return null;
    });
    JCudaDriver.setExceptionsEnabled(true);
    cuDeviceGet(device, 0);
    cuDevicePrimaryCtxRetain(context, device);
    cuCtxSetCurrent(context);
    cuModuleLoadData(module, ptx());
    cuModuleGetFunction(search3d, module, "giip_search3d");
    cuModuleGetFunction(search2d, module, "giip_search2d");
    cuModuleGetFunction(fastExpand, module, "giip_fast3d_expand");
    cuModuleGetFunction(fastGrid, module, "giip_fast3d_grid");
    cuModuleGetFunction(fastStarts, module, "giip_fast3d_starts");
    cuModuleGetFunction(fastPolish, module, "giip_fast3d_polish");
    cuModuleGetFunction(fast2d, module, "giip_fast2d");
    cuStreamCreate(stream, 0);
    int[] v = new int[1];
    cuDeviceGetAttribute(v, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
    multiprocessors = v[0];
    cuDeviceGetAttribute(v,
        CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN, device);
    sharedOptIn = v[0];
  }

  /** The shipped PTX, NUL-terminated (cuModuleLoadData reads a C string). */
  static byte[] ptx() {
    try (InputStream in = CudaGiipEngine.class.getResourceAsStream(PTX_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("PTX resource " + PTX_RESOURCE + " is missing");
      }
      byte[] b = in.readAllBytes();
      byte[] z = new byte[b.length + 1];
      System.arraycopy(b, 0, z, 0, b.length);
      return z;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public GiipParameters parameters() {
    return parameters;
  }

  /** Pairs (thread blocks) per kernel launch: enough to fill every SM many times over. */
  int pairsPerLaunch(int dimension) {
    return multiprocessors * (dimension == 3 ? 8 : 256);
  }

  @Override
  public DistanceBlock distances(LaeBatch rows, long firstRowIndex, LaeBatch columns,
      int columnOffset, boolean withRotations, ProgressListener progress) {
    DistanceBlocks.checkCompatible(rows, columns);
    PreparedLaes pa = new PreparedLaes(rows, parameters.sigma());
    PreparedLaes pb = rows == columns ? pa : new PreparedLaes(columns, parameters.sigma());
    PackedLaes a = new PackedLaes(pa);
    PackedLaes b = pb == pa ? a : new PackedLaes(pb);
    PairPlan plan = PairPlan.of(pa, pb, false, parameters);
    return run(rows, firstRowIndex, columnOffset, a, b, plan, withRotations, progress);
  }

  @Override
  public DistanceBlock symmetricDistances(LaeBatch training, boolean withRotations,
      ProgressListener progress) {
    DistanceBlocks.checkCompatible(training, training);
    PackedLaes a = new PackedLaes(training, parameters.sigma());
    PairPlan plan = PairPlan.of(a.prepared, a.prepared, true, parameters);
    return run(training, 0, 0, a, a, plan, withRotations, progress);
  }

  private synchronized DistanceBlock run(LaeBatch rows, long firstRowIndex, int columnOffset,
      PackedLaes a, PackedLaes b, PairPlan plan, boolean withRotations,
      ProgressListener progress) {
    if (closed) {
      throw new IllegalStateException("engine is closed");
    }
    int d = a.dimension;
    int n = plan.searched;
    double[] crossHost = new double[n];
    if (withRotations && (long) plan.rows * plan.columns * d * d > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many pairs with rotations in one call ("
          + plan.rows + " × " + plan.columns + "): split the rows into smaller blocks");
    }
    float[] rotHost = withRotations ? new float[n * d * d] : null;
    if (n > 0) {
      cuCtxSetCurrent(context);
      search(a, b, plan, crossHost, rotHost, progress);
    }
    progress.progress(plan.totalPairs(), plan.totalPairs());
    return plan.block(parameters, rows, firstRowIndex, columnOffset, crossHost, rotHost);
  }

  private void search(PackedLaes a, PackedLaes b, PairPlan plan, double[] crossHost,
      float[] rotHost, ProgressListener progress) {
    int d = a.dimension;
    int n = plan.searched;
    upload(posA, Pointer.to(a.positions), (long) a.positions.length * Sizeof.FLOAT);
    upload(wA, Pointer.to(a.weights), (long) a.weights.length * Sizeof.FLOAT);
    upload(startA, Pointer.to(a.start), (long) a.start.length * Sizeof.INT);
    upload(countA, Pointer.to(a.count), (long) a.count.length * Sizeof.INT);
    KernelLaunches.Side sideA = new KernelLaunches.Side(posA.ptr, wA.ptr, startA.ptr, countA.ptr);
    KernelLaunches.Side sideB = sideA;
    if (b != a) {
      upload(posB, Pointer.to(b.positions), (long) b.positions.length * Sizeof.FLOAT);
      upload(wB, Pointer.to(b.weights), (long) b.weights.length * Sizeof.FLOAT);
      upload(startB, Pointer.to(b.start), (long) b.start.length * Sizeof.INT);
      upload(countB, Pointer.to(b.count), (long) b.count.length * Sizeof.INT);
      sideB = new KernelLaunches.Side(posB.ptr, wB.ptr, startB.ptr, countB.ptr);
    }
    upload(pairs, Pointer.to(plan.pairs), (long) plan.pairs.length * Sizeof.INT);
    cross.ensure((long) n * Sizeof.DOUBLE);
    if (rotHost != null) {
      rots.ensure((long) n * d * d * Sizeof.FLOAT);
    }
    KernelLaunches.Call call = new KernelLaunches.Call(pairs.ptr, sideA, sideB, a.channels,
        Math.max(1, a.maxCount), Math.max(1, b.maxCount), cross.ptr,
        rotHost != null ? rots.ptr : new CUdeviceptr());
    parameters.search().match(e -> {
      searchExhaustive(e, d, call, plan, progress);
      return null;
    }, f -> {
      if (d == 3) {
        searchFast3d(f, call, plan, progress);
      } else {
        searchFast2d(f, call, plan, progress);
      }
      return null;
    });
    cuMemcpyDtoH(Pointer.to(crossHost), cross.ptr, (long) n * Sizeof.DOUBLE);
    if (rotHost != null) {
      cuMemcpyDtoH(Pointer.to(rotHost), rots.ptr, (long) n * d * d * Sizeof.FLOAT);
    }
  }

  /**
   * Lets kernel f take {@code dynamic} bytes of dynamic shared memory: beyond 48 KB per block
   * (static shared memory included) only by opting in, and never beyond the device's opt-in
   * limit ({@code why} says what made the block need that much).
   */
  private void allowShared(CUfunction f, long dynamic, String why) {
    int[] v = new int[1];
    cuFuncGetAttribute(v, CUfunction_attribute.CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES, f);
    long total = dynamic + v[0];
    if (total > DEFAULT_SHARED_LIMIT) {
      if (total > sharedOptIn) {
        throw new IllegalArgumentException(why + " need " + total + " bytes of shared memory "
            + "per block; this GPU allows " + sharedOptIn + ": use the CPU engine");
      }
      cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
          (int) dynamic);
    }
  }

  private static String atoms(int maxA, int maxB) {
    return "LAEs with " + maxA + " and " + maxB + " atoms (a smaller cut-off radius needs less)";
  }

  /** s = 1/(4σ²): each term of the cross term is w exp(−s |a − R b|²). */
  private double gaussianScale() {
    return 1.0 / (4 * parameters.sigma() * parameters.sigma());
  }

  private void launch(CUfunction f, int blocksX, int blocksY, int threads, long shared,
      KernelArgs args) {
    cuLaunchKernel(f, blocksX, blocksY, 1, threads, 1, 1, (int) shared, stream, args.pointer(),
        null);
  }

  /** Enqueues the kernels of the pairs [offset, offset + count) of a call. */
  private interface ChunkLaunch {
    void enqueue(int offset, int count);
  }

  /**
   * Enqueues every chunk of the plan's searched pairs back to back with an event after each,
   * then waits for the events in turn, reporting progress, while the GPU stays busy.
   */
  private void runChunks(PairPlan plan, int chunk, ProgressListener progress, ChunkLaunch l) {
    List<CUevent> events = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    try {
      for (int off = 0; off < plan.searched; off += chunk) {
        int count = Math.min(chunk, plan.searched - off);
        l.enqueue(off, count);
        events.add(record());
        ends.add(off + count);
      }
      long pruned = plan.totalPairs() - plan.searched;
      for (int k = 0; k < events.size(); k++) {
        cuEventSynchronize(events.get(k));
        progress.progress(pruned + ends.get(k), plan.totalPairs());
      }
      cuStreamSynchronize(stream);
    } finally {
      for (CUevent e : events) {
        cuEventDestroy(e);
      }
    }
  }

  private CUevent record() {
    CUevent e = new CUevent();
    cuEventCreate(e, 0);
    cuEventRecord(e, stream);
    return e;
  }

  private void searchExhaustive(SearchSpec.Exhaustive spec, int d, KernelLaunches.Call call,
      PairPlan plan, ProgressListener progress) {
    long shared = sharedBytes(d, call.maxA(), call.maxB());
    CUfunction f = d == 3 ? search3d : search2d;
    allowShared(f, shared, atoms(call.maxA(), call.maxB()));
    double sd = gaussianScale();
    int proper = parameters.properOnly() ? 1 : 0;
    if (d == 3) {
      ensureGrids3d(spec);
    } else {
      ensureAngles2d(spec);
    }
    runChunks(plan, pairsPerLaunch(d), progress, (off, count) -> launch(f, count, 1, THREADS,
        shared, d == 3
            ? KernelLaunches.search3d(call, off, count, sd, coarse.ptr, nCoarse, local.ptr,
                nLocal, proper)
            : KernelLaunches.search2d(call, off, count, sd, angles.ptr, anglesD.ptr, nAngles,
                proper)));
  }

  /** Pairs of one FAST chunk: the grid values (pairs × 2 × grid floats) dominate its memory. */
  int fastPairsPerChunk() {
    return multiprocessors * 32;
  }

  /**
   * FAST 3D: per chunk of pairs, expansion → grid values → starts → polish, queued on the stream
   * (the chunk's scratch buffers are reused, which the stream's order makes safe).
   */
  private void searchFast3d(SearchSpec.Fast spec, KernelLaunches.Call call, PairPlan plan,
      ProgressListener progress) {
    FastPlan3D fp = ensureFastTables3d(spec);
    int maxA = call.maxA();
    int maxB = call.maxB();
    long expandShared = fp.expandSharedBytes(maxA, maxB);
    long polishShared = FastPlan3D.polishSharedBytes(maxA, maxB);
    allowShared(fastExpand, expandShared, atoms(maxA, maxB) + " at degree L = " + fp.degree);
    allowShared(fastPolish, polishShared, atoms(maxA, maxB));
    int chunk = Math.min(plan.searched, fastPairsPerChunk());
    fastFlat.ensure((long) chunk * fp.flatStride * Sizeof.FLOAT);
    fastValues.ensure((long) chunk * 2 * fp.gridSize * Sizeof.FLOAT);
    fastStartCodes.ensure((long) chunk * fp.maxStarts * Sizeof.INT);
    fastStartCount.ensure((long) chunk * Sizeof.INT);
    double sd = gaussianScale();
    int tile = FastPlan3D.GRID_TILE;
    List<CUevent> stages = new ArrayList<>();
    try {
      runChunks(plan, chunk, progress, (off, count) -> {
        stage(stages);
        launch(fastExpand, count, 1, FastPlan3D.EXPAND_THREADS, expandShared,
            KernelLaunches.fast3dExpand(call, off, count, sd, fp, fastBlockOffset.ptr,
                fastFlat.ptr));
        stage(stages);
        launch(fastGrid, (fp.gridSize + tile - 1) / tile, (count + tile - 1) / tile, 256, 0,
            KernelLaunches.fast3dGrid(fastFlat.ptr, count, fastDelta.ptr, fp, fastValues.ptr));
        stage(stages);
        launch(fastStarts, count, 1, 256, 0, KernelLaunches.fast3dStarts(fastValues.ptr, count,
            fp, fastNeighbourStart.ptr, fastNeighbours.ptr, fastStartCodes.ptr,
            fastStartCount.ptr));
        stage(stages);
        launch(fastPolish, count, 1, FastPlan3D.POLISH_THREADS, polishShared,
            KernelLaunches.fast3dPolish(call, off, count, sd, fp, fastRotations.ptr,
                fastStartCodes.ptr, fastStartCount.ptr));
        stage(stages);
      });
      if (PROFILE) {
        printStages(stages, plan.searched);
      }
    } finally {
      for (CUevent e : stages) {
        cuEventDestroy(e);
      }
    }
  }

  private void stage(List<CUevent> stages) {
    if (PROFILE) {
      stages.add(record());
    }
  }

  /** Sums the four kernels' GPU times over the chunks (five events per chunk). */
  private static void printStages(List<CUevent> stages, int pairs) {
    String[] names = {"expansion", "grid product", "starts", "polish"};
    double[] ms = new double[4];
    float[] t = new float[1];
    for (int c = 0; c < stages.size() / 5; c++) {
      for (int k = 0; k < 4; k++) {
        cuEventElapsedTime(t, stages.get(5 * c + k), stages.get(5 * c + k + 1));
        ms[k] += t[0];
      }
    }
    StringBuilder b = new StringBuilder("CUDA FAST 3D, " + pairs + " pairs:");
    for (int k = 0; k < 4; k++) {
      b.append(String.format(java.util.Locale.ROOT, " %s %.1f ms (%.2f µs/pair);", names[k],
          ms[k], 1e3 * ms[k] / pairs));
    }
    LOG.info(b.toString());
  }

  /** FAST 2D: one warp per pair, {@link FastPlan2D#WARPS} pairs per block. */
  private void searchFast2d(SearchSpec.Fast spec, KernelLaunches.Call call, PairPlan plan,
      ProgressListener progress) {
    FastPlan2D fp = ensureFastTables2d(spec);
    long shared = fp.sharedBytes();
    allowShared(fast2d, shared, "FAST 2D at Fourier order M = " + fp.order);
    double sd = gaussianScale();
    int warps = FastPlan2D.WARPS;
    runChunks(plan, pairsPerLaunch(2) * warps, progress, (off, count) -> launch(fast2d,
        (count + warps - 1) / warps, 1, 32 * warps, shared,
        KernelLaunches.fast2d(call, off, count, sd, fp, fastCos.ptr, fastSin.ptr)));
  }

  /** Dynamic shared memory of one block (see the kernels' layout). */
  static long sharedBytes(int dimension, int maxA, int maxB) {
    long terms = (long) maxA * maxB;
    long bytes = 16L * (maxA + maxB) + 8L * terms;
    if (dimension == 2) {
      bytes = 16L * (maxA + maxB) + 8L * ((terms + 1) & ~1L) + 16L * terms;
    }
    return bytes;
  }

  private void ensureGrids3d(SearchSpec.Exhaustive spec) {
    if (nCoarse >= 0) {
      return;
    }
    float[] c = toFloat(RotationGrid.covering(spec.coarseCoveringDegrees()).matrices());
    float[] l = toFloat(RotationGrid.localBall(spec.refineRadiusDegrees(),
        spec.refineCoveringDegrees()).matrices());
    upload(coarse, Pointer.to(c), (long) c.length * Sizeof.FLOAT);
    upload(local, Pointer.to(l), (long) l.length * Sizeof.FLOAT);
    nCoarse = c.length / 9;
    nLocal = l.length / 9;
  }

  private void ensureAngles2d(SearchSpec.Exhaustive spec) {
    if (nAngles >= 0) {
      return;
    }
    double[] t = RotationGrid.uniformAngles(spec.angleStepDegrees2d());
    float[] f = new float[2 * t.length];
    double[] dd = new double[2 * t.length];
    for (int k = 0; k < t.length; k++) {
      dd[2 * k] = Math.cos(t[k]);
      dd[2 * k + 1] = Math.sin(t[k]);
      f[2 * k] = (float) dd[2 * k];
      f[2 * k + 1] = (float) dd[2 * k + 1];
    }
    upload(angles, Pointer.to(f), (long) f.length * Sizeof.FLOAT);
    upload(anglesD, Pointer.to(dd), (long) dd.length * Sizeof.DOUBLE);
    nAngles = t.length;
  }

  private FastPlan2D ensureFastTables2d(SearchSpec.Fast spec) {
    if (fastPlan2d == null) {
      FastPlan2D fp = new FastPlan2D(spec, parameters.properOnly());
      upload(fastCos, Pointer.to(fp.cosTable), (long) fp.cosTable.length * Sizeof.DOUBLE);
      upload(fastSin, Pointer.to(fp.sinTable), (long) fp.sinTable.length * Sizeof.DOUBLE);
      fastPlan2d = fp;
    }
    return fastPlan2d;
  }

  private FastPlan3D ensureFastTables3d(SearchSpec.Fast spec) {
    if (fastPlan == null) {
      FastPlan3D fp = new FastPlan3D(spec, parameters.properOnly());
      upload(fastDelta, Pointer.to(fp.delta), (long) fp.delta.length * Sizeof.FLOAT);
      upload(fastRotations, Pointer.to(fp.rotations), (long) fp.rotations.length * Sizeof.DOUBLE);
      upload(fastNeighbourStart, Pointer.to(fp.neighbourStart),
          (long) fp.neighbourStart.length * Sizeof.INT);
      upload(fastNeighbours, Pointer.to(fp.neighbours), (long) fp.neighbours.length * Sizeof.INT);
      upload(fastBlockOffset, Pointer.to(fp.blockOffset),
          (long) fp.blockOffset.length * Sizeof.INT);
      fastPlan = fp;
    }
    return fastPlan;
  }

  static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int k = 0; k < x.length; k++) {
      f[k] = (float) x[k];
    }
    return f;
  }

  private static void upload(DeviceBuffer buf, Pointer host, long bytes) {
    buf.ensure(bytes);
    if (bytes > 0) {
      cuMemcpyHtoD(buf.ptr, host, bytes);
    }
  }

  private DeviceBuffer buffer() {
    DeviceBuffer b = new DeviceBuffer();
    allBuffers.add(b);
    return b;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    cuCtxSetCurrent(context);
    for (DeviceBuffer b : allBuffers) {
      b.free();
    }
    cuStreamDestroy(stream);
    cuModuleUnload(module);
    cuDevicePrimaryCtxRelease(device);
  }

  /** A device allocation that grows (never shrinks) and is reused across calls. */
  private static final class DeviceBuffer {
    final CUdeviceptr ptr = new CUdeviceptr();
    long capacity;

    void ensure(long bytes) {
      if (bytes <= capacity) {
        return;
      }
      long cap = Math.max(bytes, capacity + capacity / 2);
      free();
      cuMemAlloc(ptr, cap);
      capacity = cap;
    }

    void free() {
      if (capacity > 0) {
        cuMemFree(ptr);
        capacity = 0;
      }
    }
  }
}
