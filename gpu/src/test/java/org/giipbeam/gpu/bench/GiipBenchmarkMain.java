package org.giipbeam.gpu.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.giipbeam.gpu.SampleLaes;
import org.giipbeam.gpu.rotation.RotationGrid;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link GiipBenchmark} and prints pairs/s of EXHAUSTIVE and FAST in 3D and 2D on all
 * cores, with the FAST/EXHAUSTIVE ratio measured in the same run, and in 3D the
 * first-generation FAST as a baseline (FAST/baseline in the same run). Shorter runs:
 * {@code -Dgiip.bench.seconds=5 -Dgiip.bench.iterations=2}; some modes only:
 * {@code -Dgiip.bench.modes=FAST,FAST_BASELINE}. Run from the repository root:
 * {@code ./mvnw -o -pl gpu -am -P bench verify -DskipTests} (profile {@code bench} of the gpu
 * module), or with the test classpath: {@code java -cp ... GiipBenchmarkMain [dims]}.
 */
public final class GiipBenchmarkMain {
  public static void main(String[] args) throws Exception {
    String dims = args.length > 0 ? args[0] : "3,2";
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Map<String, Double> pairsPerSecond = new HashMap<>();
    for (String d : dims.split(",")) {
      // 3D: the first-generation FAST as a baseline in the same run; 2D has one FAST
      String[] modes = d.equals("3") ? new String[] {"EXHAUSTIVE", "FAST", "FAST_BASELINE"}
          : new String[] {"EXHAUSTIVE", "FAST"};
      String only = System.getProperty("giip.bench.modes"); // e.g. FAST,FAST_BASELINE
      if (only != null) {
        modes = java.util.Arrays.stream(modes).filter(m -> ("," + only + ",").contains(
            "," + m + ",")).toArray(String[]::new);
      }
      Options opt = new OptionsBuilder()
          .include(GiipBenchmark.class.getName())
          .param("dimension", d)
          .param("mode", modes)
          .forks(1)
          .warmupIterations(1)
          .warmupTime(TimeValue.seconds(Integer.getInteger("giip.bench.warmupSeconds", 5)))
          .measurementIterations(Integer.getInteger("giip.bench.iterations", 3))
          .measurementTime(TimeValue.seconds(Integer.getInteger("giip.bench.seconds", 10)))
          .jvmArgsAppend("-Xmx2g", "-Dgiip.shared.dir=" + SampleLaes.sharedDir(),
              "-Dgiip.repo.dir=" + System.getProperty("giip.repo.dir", ".."))
          .build();
      Collection<RunResult> results = new Runner(opt).run();
      for (RunResult r : results) {
        String mode = r.getParams().getParam("mode");
        double msPerBlock = r.getPrimaryResult().getScore();
        pairsPerSecond.put(d + mode, GiipBenchmark.pairs(Integer.parseInt(d))
            / (msPerBlock / 1000));
      }
    }
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "%nGIIP CPU engine, %d cores, load average %.2f → %.2f%n",
        cores, load0, load1);
    int coarse = RotationGrid.coveringSize(5) + 1;
    int local = RotationGrid.localBall(5, 1).size();
    int evaluated = 2 * coarse + local;
    for (String d : dims.split(",")) {
      Double ex = pairsPerSecond.get(d + "EXHAUSTIVE");
      Double fa = pairsPerSecond.get(d + "FAST");
      Double base0 = pairsPerSecond.get(d + "FAST_BASELINE");
      if (ex == null && fa != null && base0 != null) {
        System.out.printf(Locale.ROOT, "%sD  FAST %10.1f pairs/s   first-generation FAST "
            + "(baseline) %10.1f pairs/s   FAST/baseline %.2f%n", d, fa, base0, fa / base0);
      }
      if (ex == null || fa == null) {
        continue;
      }
      System.out.printf(Locale.ROOT, "%sD  EXHAUSTIVE %10.2f pairs/s   FAST %10.1f pairs/s   "
          + "FAST/EXHAUSTIVE %.1f%n", d, ex, fa, fa / ex);
      Double base = pairsPerSecond.get(d + "FAST_BASELINE");
      if (base != null) {
        System.out.printf(Locale.ROOT, "    first-generation FAST (baseline) %10.1f pairs/s   "
            + "baseline/EXHAUSTIVE %.1f   FAST/baseline %.2f%n", base, base / ex, fa / base);
      }
      if (d.equals("3")) {
        double paper = 96_000 + 221;
        System.out.printf(Locale.ROOT, "    EXHAUSTIVE evaluates %d orientations per pair (5° "
            + "super-Fibonacci ×2 + 1° ball); at the paper's %d it would do %.2f pairs/s, "
            + "ratio %.1f%n", evaluated, (int) paper, ex * evaluated / paper,
            fa / (ex * evaluated / paper));
      }
    }
  }
}
