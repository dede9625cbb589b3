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
 * cores, with the FAST/EXHAUSTIVE ratio measured in the same run. Run from the repository root:
 * {@code ./mvnw -o -pl gpu -am -P bench verify -DskipTests} (profile {@code bench} of the gpu
 * module), or with the test classpath: {@code java -cp ... GiipBenchmarkMain [dims]}.
 */
public final class GiipBenchmarkMain {
  public static void main(String[] args) throws Exception {
    String dims = args.length > 0 ? args[0] : "3,2";
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Options opt = new OptionsBuilder()
        .include(GiipBenchmark.class.getName())
        .param("dimension", dims.split(","))
        .forks(1)
        .warmupIterations(1)
        .warmupTime(TimeValue.seconds(5))
        .measurementIterations(3)
        .measurementTime(TimeValue.seconds(10))
        .jvmArgsAppend("-Xmx2g", "-Dgiip.shared.dir=" + SampleLaes.sharedDir(),
            "-Dgiip.repo.dir=" + System.getProperty("giip.repo.dir", ".."))
        .build();
    Collection<RunResult> results = new Runner(opt).run();
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Map<String, Double> pairsPerSecond = new HashMap<>();
    for (RunResult r : results) {
      int d = Integer.parseInt(r.getParams().getParam("dimension"));
      String mode = r.getParams().getParam("mode");
      double msPerBlock = r.getPrimaryResult().getScore();
      pairsPerSecond.put(d + mode, GiipBenchmark.pairs(d) / (msPerBlock / 1000));
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "%nGIIP CPU engine, %d cores, load average %.2f → %.2f%n",
        cores, load0, load1);
    int coarse = RotationGrid.coveringSize(5) + 1;
    int local = RotationGrid.localBall(5, 1).size();
    int evaluated = 2 * coarse + local;
    for (String d : dims.split(",")) {
      Double ex = pairsPerSecond.get(d + "EXHAUSTIVE");
      Double fa = pairsPerSecond.get(d + "FAST");
      if (ex == null || fa == null) {
        continue;
      }
      System.out.printf(Locale.ROOT, "%sD  EXHAUSTIVE %10.2f pairs/s   FAST %10.1f pairs/s   "
          + "FAST/EXHAUSTIVE %.1f%n", d, ex, fa, fa / ex);
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
