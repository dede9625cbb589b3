package org.giipbeam.deploy;

import static org.giipbeam.deploy.FlinkClusterIT.assertRecovered;
import static org.giipbeam.deploy.FlinkClusterIT.fatJar;
import static org.giipbeam.deploy.FlinkClusterIT.killDuringDistances;
import static org.giipbeam.deploy.FlinkClusterIT.runRoot;
import static org.giipbeam.deploy.FlinkClusterIT.timing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.giipbeam.pipelines.StudyCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole study ({@code giip study}: LAEs, training split, GIIP distances, complete-linkage
 * classes, diffusion map, Nyström extension, outputs) on the bundled 2D LJ crystal, on the
 * DirectRunner and on a real local Flink cluster — also with a TaskManager killed while the
 * distances are computed: classes must be identical and diffusion coordinates equal to 1e-6 up
 * to sign, LAE by LAE ({@code results.csv}).
 */
class FlinkStudyIT {
  static final int TRAINING = Integer.getInteger("giip.flink.it.studyTraining", 60);
  static final double TOLERANCE = 1e-6;

  @TempDir
  static Path work;
  static Table reference;

  static List<String> studyArgs(Path output) {
    Path dump = LocalFlinkCluster.repositoryRoot().resolve("examples/lj2d/lj2d.dump");
    return List.of("--samples=" + dump, "--dimension=2", "--rskin=1.3", "--rcut=1.75",
        "--sigma=0.5", "--eps=1.0", "--cut=1.0", "--trainingPerSample=" + TRAINING,
        "--coordinates=3", "--output=" + output);
  }

  static Path study(Path output, String... runner) throws IOException {
    List<String> args = new ArrayList<>(studyArgs(output));
    args.addAll(Arrays.asList(runner));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      return StudyCommands.study(args.toArray(String[]::new), out);
    } finally {
      System.out.print(log.toString(StandardCharsets.UTF_8));
    }
  }

  @BeforeAll
  static void directRunnerReference() throws IOException {
    long t0 = System.nanoTime();
    Path dir = study(work.resolve("direct"), "--runner=DirectRunner");
    reference = Table.read(dir.resolve("results.csv"));
    timing("study on the DirectRunner: %d LAEs, %d training, in %.1f s", reference.rows.size(),
        TRAINING, (System.nanoTime() - t0) / 1e9);
  }

  static String[] flink(LocalFlinkCluster cluster) {
    return new String[] {"--runner=FlinkRunner", "--flinkMaster=" + cluster.restAddress(),
        "--parallelism=2", "--filesToStage=" + fatJar()};
  }

  @Test
  void studyOnFlinkEqualsTheDirectRunners() throws Exception {
    LocalFlinkCluster cluster = LocalFlinkCluster.start(runRoot().resolve("study"));
    try (cluster) {
      long t0 = System.nanoTime();
      Path dir = study(work.resolve("flink"), flink(cluster));
      timing("study on Flink in %.1f s", (System.nanoTime() - t0) / 1e9);
      assertSameResults(Table.read(dir.resolve("results.csv")));
    }
    assertTrue(cluster.alivePids().isEmpty(), "processes left: " + cluster.alivePids());
  }

  @Test
  void studySurvivesALostTaskManager() throws Exception {
    LocalFlinkCluster cluster = LocalFlinkCluster.start(runRoot().resolve("study-kill"));
    ExecutorService submitter = Executors.newSingleThreadExecutor();
    try (cluster) {
      FlinkRest rest = new FlinkRest(cluster.restAddress());
      String[] runner = flink(cluster);
      long t0 = System.nanoTime();
      Future<Path> run = submitter.submit(() -> study(work.resolve("flink-kill"), runner));
      FlinkClusterIT.Kill kill = killDuringDistances(cluster, rest, run, t0);
      Path dir = run.get(20, TimeUnit.MINUTES);
      assertRecovered(rest, kill, (System.nanoTime() - t0) / 1e9);
      assertSameResults(Table.read(dir.resolve("results.csv")));
    } finally {
      submitter.shutdownNow();
    }
    assertTrue(cluster.alivePids().isEmpty(), "processes left: " + cluster.alivePids());
  }

  /** Classes identical, φ_k to 1e-6 up to one sign per coordinate, everything else equal. */
  static void assertSameResults(Table actual) {
    assertEquals(reference.header, actual.header, "results.csv columns");
    assertEquals(reference.rows.keySet(), actual.rows.keySet(), "LAEs in results.csv");
    Map<Integer, Double> signs = new LinkedHashMap<>();
    double worst = 0;
    for (Map.Entry<String, String[]> e : reference.rows.entrySet()) {
      String[] want = e.getValue();
      String[] got = actual.rows.get(e.getKey());
      for (int c = 0; c < want.length; c++) {
        String column = reference.header.get(c);
        if (column.startsWith("phi_")) {
          double w = Double.parseDouble(want[c]);
          double g = Double.parseDouble(got[c]);
          if (!signs.containsKey(c) && Math.abs(w) > 1e-3) {
            signs.put(c, Math.signum(w) == Math.signum(g) ? 1.0 : -1.0);
          }
          double diff = Math.abs(w - signs.getOrDefault(c, 1.0) * g);
          if (!signs.containsKey(c)) {
            diff = Math.min(diff, Math.abs(w + g));
          }
          worst = Math.max(worst, diff);
          if (diff > TOLERANCE) {
            fail(String.format(Locale.ROOT, "%s %s: Flink %s, DirectRunner %s", e.getKey(),
                column, got[c], want[c]));
          }
        } else {
          assertEquals(want[c], got[c], e.getKey() + " " + column);
        }
      }
    }
    timing("%d LAEs: classes identical, diffusion coordinates equal up to sign (largest"
        + " difference %.2g)", reference.rows.size(), worst);
  }

  /** results.csv by (sample, centre id). */
  record Table(List<String> header, Map<String, String[]> rows) {
    static Table read(Path csv) throws IOException {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      List<String> header = List.of(lines.get(0).split(","));
      assertTrue(header.contains("class") && header.contains("phi_1"), "columns: " + header);
      Map<String, String[]> rows = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",", -1);
        if (rows.put(cells[0] + "/" + cells[1], cells) != null) {
          fail("LAE " + cells[0] + "/" + cells[1] + " twice in " + csv);
        }
      }
      return new Table(header, rows);
    }
  }
}
