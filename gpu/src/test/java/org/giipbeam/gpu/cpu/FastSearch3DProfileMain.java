package org.giipbeam.gpu.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SampleLaes;
import org.giipbeam.gpu.plan.PreparedLaes;

/**
 * Development profile of {@link FastSearch3D}, one thread: time per stage (expansion, Euler
 * grid, candidates with refinement, exact polish) on NiNb Ni-centred LAEs (the accuracy
 * profile's rows × columns, seeds 101/102, or the benchmark's 8 × 8, seeds 21/22), best of
 * {@code passes} passes, with the first generation ({@link DenseGridFastSearch3D}) on the same
 * pairs for the ratio. Arguments: {@code [rows=40] [cols=50] [passes=3] [bench=false]}. The
 * stages are timed as cumulative pipelines over all pairs (expansion; + grid; + candidates;
 * + polish), by thread CPU time, and reported as differences. System properties:
 * {@code giip.profile.noBaseline} (skip the first generation), {@code giip.profile.fullOnly}
 * (the whole search only, e.g. under a sampling profiler), {@code giip.profile.repGrid=N} and
 * {@code giip.profile.rep=N} (run the grid or the candidate stage N times per pair, to time one
 * stage alone). Not a test (no assertion). Run with the test classpath, e.g.
 * {@code java -Dgiip.shared.dir=../shared -cp ... org.giipbeam.gpu.cpu.FastSearch3DProfileMain}.
 */
public final class FastSearch3DProfileMain {
  private FastSearch3DProfileMain() {}

  static final int REP_GRID = Integer.getInteger("giip.profile.repGrid", 1);
  static final int REP = Integer.getInteger("giip.profile.rep", 1);

  public static void main(String[] args) throws Exception {
    int nr = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int nc = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    boolean bench = args.length > 3 && Boolean.parseBoolean(args[3]);
    boolean baseline = !Boolean.getBoolean("giip.profile.noBaseline");
    LaeBatch rows = SampleLaes.pick(SampleLaes.ninb(SampleLaes.NINB_FILES[0]), nr,
        bench ? 21 : 101);
    LaeBatch cols = SampleLaes.pick(SampleLaes.ninb(SampleLaes.NINB_FILES[3]), nc,
        bench ? 22 : 102);
    GiipParameters par = GiipParameters.fast(1.0);
    PreparedLaes a = new PreparedLaes(rows, par.sigma());
    PreparedLaes b = new PreparedLaes(cols, par.sigma());
    FastSearch3D s = new FastSearch3D(par.sigma(), par.properOnly(), par.fastSearch().degree(),
        FastSearch3D.GRID_ANGLES, par.fastSearch().maxStarts(), par.fastSearch().startMargin());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int pairs = nr * nc;
    PairTerms[] pt = new PairTerms[pairs];
    long terms = 0;
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nc; j++) {
        pt[i * nc + j] = new PairTerms();
        pt[i * nc + j].load(a, i, b, j);
        terms += pt[i * nc + j].terms;
      }
    }
    double[] rot = new double[9];
    double[] values = new double[pairs];
    // cumulative pipelines (expansion; + grid; + candidates; + polish), each timed by thread CPU
    // time over all pairs, best of the passes: the stage costs are the differences
    double[] best = new double[4];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    double bestWall = Double.MAX_VALUE;
    for (int pass = 0; pass < passes + 1; pass++) {
      for (int stages = Boolean.getBoolean("giip.profile.fullOnly") ? 4 : 1; stages <= 4;
          stages++) {
        long cpu0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int k = 0; k < pairs; k++) {
          s.expansion(pt[k]);
          if (stages > 1) {
            for (int rep = 0; rep < REP_GRID; rep++) {
              s.grid();
            }
          }
          if (stages > 2) {
            for (int rep = 0; rep < REP; rep++) {
              s.candidates();
            }
          }
          if (stages > 3) {
            values[k] = s.polish(pt[k], rot, 0);
          }
        }
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / pairs;
        if (pass > 0) { // pass 0 warms up
          best[stages - 1] = Math.min(best[stages - 1], cpu);
          if (stages == 4) {
            bestWall = Math.min(bestWall, (System.nanoTime() - w0) / 1e3 / pairs);
          }
        }
      }
    }
    long cand = 0;
    long pol = 0;
    long ev = 0;
    double epsSum = 0;
    for (int k = 0; k < pairs; k++) {
      s.expansion(pt[k]);
      s.grid();
      s.candidates();
      s.polish(pt[k], rot, 0);
      cand += s.candidateCount();
      pol += s.polished;
      ev += s.evaluations;
      epsSum += s.truncationBound();
    }
    double bestCpu = best[3];
    double[] sb = {best[0], best[1] - best[0], best[2] - best[1], best[3] - best[2]};
    double tot = bestCpu;
    String[] names = {"expansion", "grid", "candidates", "polish"};
    System.out.printf(Locale.ROOT, "%d pairs, %.1f atom pairs per pair; best of %d passes:"
        + " %.1f us/pair CPU, %.1f wall%n", pairs, terms / (double) pairs, passes, bestCpu,
        bestWall);
    for (int q = 0; q < 4; q++) {
      System.out.printf(Locale.ROOT, "  %-11s %7.1f us %5.1f %%%n", names[q], sb[q],
          100 * sb[q] / tot);
    }
    System.out.printf(Locale.ROOT, "  candidates %.2f, polishes %.2f, exact evaluations %.2f per"
        + " pair; eps mean %.3f%n", cand / (double) pairs, pol / (double) pairs,
        ev / (double) pairs, epsSum / pairs);
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    System.out.printf(Locale.ROOT, "  checksum sum C = %.12f%n", sum);
    if (baseline) {
      FastTables3D ft = FastTables3D.get(par.fastSearch().degree(),
          par.fastSearch().gridCoveringDegrees());
      DenseGridFastSearch3D d = new DenseGridFastSearch3D(par.sigma(), par.properOnly(), ft,
          par.fastSearch().maxStarts(), par.fastSearch().startMargin());
      double bestBase = Double.MAX_VALUE;
      double worse = 0;
      int worseCount = 0;
      for (int pass = 0; pass < 2; pass++) {
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int k = 0; k < pairs; k++) {
          double v = d.maximise(pt[k], rot, 0);
          if (pass == 1) {
            double diff = v - values[k];
            if (diff > 1e-9) {
              worseCount++;
              worse = Math.max(worse, diff);
            }
          }
        }
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / pairs;
        bestBase = Math.min(bestBase, cpu);
      }
      System.out.printf(Locale.ROOT, "  first generation %.1f us/pair CPU: ratio x%.2f; pairs"
          + " where first gen C > new C + 1e-9: %d (largest %.3g in C)%n", bestBase,
          bestBase / bestCpu, worseCount, worse);
    }
  }
}
