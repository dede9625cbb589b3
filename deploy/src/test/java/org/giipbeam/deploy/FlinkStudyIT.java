package org.giipbeam.deploy;

import static org.giipbeam.deploy.FlinkClusterIT.assertRecovered;
import static org.giipbeam.deploy.FlinkClusterIT.fatJar;
import static org.giipbeam.deploy.FlinkClusterIT.killDuringDistances;
import static org.giipbeam.deploy.FlinkClusterIT.runRoot;
import static org.giipbeam.deploy.FlinkClusterIT.timing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
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

  /**
   * A study whose Flink job dies during its extension step (cancelled through the REST API, as
   * a lost client or a stopped cluster leaves it) and is submitted again computes only what is
   * missing: the pieces that the TaskManagers had kept are reused, and the results are the
   * DirectRunner's.
   */
  @Test
  void studyResumesOnFlinkAfterItsJobDies() throws Exception {
    LocalFlinkCluster cluster = LocalFlinkCluster.start(runRoot().resolve("study-resume"));
    ExecutorService submitter = Executors.newSingleThreadExecutor();
    Path out = work.resolve("flink-resume");
    // Slow enough to be stopped half-way: the exhaustive search, small extension batches.
    String[] slow = {"--search=exhaustive", "--batchSize=128"};
    Table direct = Table.read(study(work.resolve("direct-exhaustive"),
        concat(slow, "--runner=DirectRunner")).resolve("results.csv"));
    try (cluster) {
      FlinkRest rest = new FlinkRest(cluster.restAddress());
      String[] runner = concat(slow, flink(cluster));
      Future<Path> first = submitter.submit(() -> study(out, runner));
      Path ext = out.resolve("distances").resolve("extension");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!first.isDone() && System.nanoTime() < deadline && kept(ext) < 1) {
        Thread.sleep(50);
      }
      assertTrue(!first.isDone(), "the study finished before its job could be stopped");
      for (JsonNode j : rest.jobs()) {
        if ("RUNNING".equals(j.path("state").asText())) {
          rest.cancel(j.path("jid").asText());
        }
      }
      try {
        first.get(5, TimeUnit.MINUTES);
        fail("the cancelled study did not fail");
      } catch (java.util.concurrent.ExecutionException expected) {
        timing("first submission ended: %s", expected.getCause().getMessage());
      }
      long keptBefore = kept(ext);
      assertTrue(keptBefore >= 1, "no extension batch was kept before the job died");
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      List<String> args = new ArrayList<>(studyArgs(out));
      args.addAll(Arrays.asList(runner));
      try (PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8)) {
        StudyCommands.study(args.toArray(String[]::new), p);
      }
      String printed = log.toString(StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "distance step: (\\d+) pairs computed, (\\d+) reused").matcher(printed);
      assertTrue(m.find(), printed);
      long reused = Long.parseLong(m.group(2));
      timing("resubmitted: %s pairs computed, %d reused (%d extension batches kept)",
          m.group(1), reused, keptBefore);
      assertTrue(reused >= (long) TRAINING * (TRAINING - 1) / 2, printed);
      assertSameResults(direct, Table.read(out.resolve("results.csv")));
    } finally {
      submitter.shutdownNow();
    }
    assertTrue(cluster.alivePids().isEmpty(), "processes left: " + cluster.alivePids());
  }

  static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Extension batches kept so far (their checksum sidecar is written last). */
  static long kept(Path ext) throws IOException {
    if (!Files.isDirectory(ext)) {
      return 0;
    }
    try (java.util.stream.Stream<Path> s = Files.list(ext)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".rows.arrow.sha256")).count();
    }
  }

  /** Classes identical, φ_k to 1e-6 up to one sign per coordinate, everything else equal. */
  static void assertSameResults(Table actual) {
    assertSameResults(reference, actual);
  }

  static void assertSameResults(Table reference, Table actual) {
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
