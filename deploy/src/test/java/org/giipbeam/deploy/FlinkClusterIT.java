package org.giipbeam.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same GIIP pipeline ({@link DistanceCheckPipeline} on the bundled 2D LJ crystal) on the
 * DirectRunner and on a real local Flink cluster (JobManager + two TaskManagers, separate JVMs,
 * started by {@code deploy/local-flink/start}), submitted with {@code --runner=FlinkRunner} and the
 * fat jar as {@code filesToStage}: the distances must agree to 1e-6 — also when one TaskManager is
 * killed (SIGKILL, by PID) while the distance step runs. Every cluster is stopped at the end,
 * pass or fail, and the test checks that none of its processes is left.
 *
 * <p>Run: {@code ./mvnw -pl deploy -am -P flink-it verify}. Timings go to the log and to
 * {@code deploy/target/flink-it/timings.txt}; nothing here asserts on time.
 */
class FlinkClusterIT {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkClusterIT.class);
  /** Training LAEs per sample: the size of the job (pairs ≈ this × 2,457 atoms). */
  static final int TRAINING = Integer.getInteger("giip.flink.it.training", 40);
  static final double TOLERANCE = 1e-6;

  @TempDir
  static Path work;
  static Map<String, Float> reference;

  static Path fatJar() {
    String jar = System.getProperty("giip.flink.fatjar");
    Path p = jar == null ? null : Path.of(jar);
    if (p == null || !Files.isRegularFile(p)) {
      fail("the fat jar " + jar + " is missing: build it with ./mvnw -pl deploy -am -P flink-it"
          + " package (or run the ITs through that profile)");
    }
    return p;
  }

  static Path runRoot() throws IOException {
    String dir = System.getProperty("giip.flink.rundir");
    Path p = dir == null ? work.resolve("flink") : Path.of(dir);
    Files.createDirectories(p);
    return p;
  }

  static List<String> pipelineArgs(Path output) {
    Path dump = LocalFlinkCluster.repositoryRoot().resolve("examples/lj2d/lj2d.dump");
    return List.of("--samples=" + dump, "--dimension=2", "--rskin=1.3", "--rcut=1.75",
        "--sigma=0.5", "--search=exhaustive", "--trainingPerSample=" + TRAINING,
        "--batchSize=128", "--tileSize=32",
        "--output=" + output);
  }

  static DistanceCheckPipeline.Options options(List<String> common, String... runner) {
    List<String> args = new ArrayList<>(common);
    args.addAll(List.of(runner));
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation()
        .as(DistanceCheckPipeline.Options.class);
  }

  @BeforeAll
  static void directRunnerReference() throws IOException {
    Path out = work.resolve("direct");
    long t0 = System.nanoTime();
    PipelineResult.State state = DistanceCheckPipeline
        .build(options(pipelineArgs(out), "--runner=DirectRunner"))
        .run().waitUntilFinish();
    double s = (System.nanoTime() - t0) / 1e9;
    assertEquals(PipelineResult.State.DONE, state);
    reference = readLines(out);
    assertFalse(reference.isEmpty(), "the DirectRunner wrote no distances");
    timing("DirectRunner: %d distances (%d training LAEs) in %.1f s", reference.size(), TRAINING,
        s);
  }

  @Test
  void flinkClusterGivesTheDirectRunnersDistances() throws Exception {
    Path out = work.resolve("flink-plain");
    LocalFlinkCluster cluster = LocalFlinkCluster.start(runRoot().resolve("plain"));
    try (cluster) {
      timing("cluster start (JobManager + 2 TaskManagers, REST shows both): %.1f s",
          cluster.startSeconds());
      FlinkRest rest = new FlinkRest(cluster.restAddress());
      assertTrue(rest.text("/").contains("<html"), "the web UI is served on the REST port");
      JsonNode overview = rest.get("/overview");
      assertEquals(2, overview.path("taskmanagers").asInt());
      assertEquals("1.19.0", overview.path("flink-version").asText());

      long submitted = System.currentTimeMillis();
      long t0 = System.nanoTime();
      PipelineResult.State state = DistanceCheckPipeline.build(flinkOptions(out, cluster))
          .run().waitUntilFinish();
      double total = (System.nanoTime() - t0) / 1e9;
      assertEquals(PipelineResult.State.DONE, state);
      JsonNode job = onlyJob(rest);
      assertEquals("FINISHED", job.path("state").asText());
      timing("Flink: submission (translate, upload fat jar, job created) %.1f s, job %.1f s,"
              + " run() returned after %.1f s",
          (job.path("start-time").asLong() - submitted) / 1e3,
          job.path("duration").asLong() / 1e3, total);
      assertSameDistances(readLines(out));
    }
    assertTrue(cluster.alivePids().isEmpty(), "processes left: " + cluster.alivePids());
  }

  @Test
  void jobSurvivesALostTaskManager() throws Exception {
    Path out = work.resolve("flink-kill");
    LocalFlinkCluster cluster = LocalFlinkCluster.start(runRoot().resolve("kill"));
    ExecutorService submitter = Executors.newSingleThreadExecutor();
    try (cluster) {
      FlinkRest rest = new FlinkRest(cluster.restAddress());
      DistanceCheckPipeline.Options flink = flinkOptions(out, cluster);
      long t0 = System.nanoTime();
      Future<PipelineResult.State> run = submitter.submit(
          () -> DistanceCheckPipeline.build(flink).run().waitUntilFinish());

      Kill kill = killDuringDistances(cluster, rest, run, t0);
      PipelineResult.State state = run.get(20, TimeUnit.MINUTES);
      assertEquals(PipelineResult.State.DONE, state, "the job did not recover");
      assertRecovered(rest, kill, (System.nanoTime() - t0) / 1e9);
      assertEquals(1, rest.get("/overview").path("taskmanagers").asInt(),
          "the killed TaskManager stays gone (standalone cluster)");
      assertSameDistances(readLines(out));
    } finally {
      submitter.shutdownNow();
    }
    assertTrue(cluster.alivePids().isEmpty(), "processes left: " + cluster.alivePids());
  }

  /** A TaskManager killed while a job ran. */
  record Kill(String jid, String taskManager, long pid, long atMillis) {}

  /**
   * Waits until a distance step ({@code .../Distances...}) of the job runs, then kills (SIGKILL,
   * by PID) a TaskManager that runs a subtask of it.
   */
  static Kill killDuringDistances(LocalFlinkCluster cluster, FlinkRest rest, Future<?> run,
      long t0) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (true) {
      if (run.isDone()) {
        run.get();
        fail("the job finished before its distance step was seen running; make it larger");
      }
      if (System.nanoTime() > deadline) {
        fail("no distance step was seen running within 10 minutes");
      }
      for (JsonNode j : rest.jobs()) {
        if (!"RUNNING".equals(j.path("state").asText())) {
          continue;
        }
        String jid = j.path("jid").asText();
        for (JsonNode v : rest.job(jid).path("vertices")) {
          if (v.path("name").asText().contains("/Distances")
              && "RUNNING".equals(v.path("status").asText())) {
            List<String> tms = rest.taskManagersOf(jid, v.path("id").asText(), "RUNNING");
            if (!tms.isEmpty()) {
              String victim = tms.get(0);
              timing("distance step running on %s after %.1f s: %s", tms,
                  (System.nanoTime() - t0) / 1e9, shorten(v.path("name").asText()));
              long at = System.currentTimeMillis();
              long pid = cluster.taskManagerPids().get(victim);
              cluster.killTaskManager(victim);
              timing("killed %s (PID %d) with SIGKILL at %.1f s", victim, pid,
                  (System.nanoTime() - t0) / 1e9);
              return new Kill(jid, victim, pid, at);
            }
          }
        }
      }
      Thread.sleep(100);
    }
  }

  /** The job FINISHED after failing over because of the kill; logs how recovery went. */
  static void assertRecovered(FlinkRest rest, Kill kill, double totalSeconds) throws Exception {
    JsonNode job = rest.job(kill.jid());
    assertEquals("FINISHED", job.path("state").asText());
    List<JsonNode> failures = rest.exceptionHistory(kill.jid());
    assertFalse(failures.isEmpty(),
        "the job shows no failure: killing " + kill.taskManager() + " did not hit it");
    long firstFailure = failures.stream().mapToLong(e -> e.path("timestamp").asLong())
        .min().orElseThrow();
    timing("recovered: JobManager saw the loss %.1f s after the kill, %d failover(s), job"
            + " FINISHED after %.1f s in all (job %.1f s); first failure: %s",
        (firstFailure - kill.atMillis()) / 1e3, failures.size(), totalSeconds,
        job.path("duration").asLong() / 1e3,
        shorten(failures.get(failures.size() - 1).path("exceptionName").asText()));
  }

  static DistanceCheckPipeline.Options flinkOptions(Path out, LocalFlinkCluster cluster) {
    return options(pipelineArgs(out), "--runner=FlinkRunner",
        "--flinkMaster=" + cluster.restAddress(), "--parallelism=2",
        "--filesToStage=" + fatJar());
  }

  static JsonNode onlyJob(FlinkRest rest) throws IOException, InterruptedException {
    List<JsonNode> jobs = rest.jobs();
    assertEquals(1, jobs.size(), "jobs on the cluster: " + jobs);
    return rest.job(jobs.get(0).path("jid").asText());
  }

  static void assertSameDistances(Map<String, Float> actual) {
    assertEquals(reference.size(), actual.size(), "number of distances");
    int checked = 0;
    double worst = 0;
    for (Map.Entry<String, Float> e : reference.entrySet()) {
      Float a = actual.get(e.getKey());
      if (a == null) {
        fail("Flink's output lacks " + e.getKey());
      }
      double diff = Math.abs(a - e.getValue());
      worst = Math.max(worst, diff);
      if (diff > TOLERANCE) {
        fail(String.format(Locale.ROOT, "%s: Flink %s, DirectRunner %s", e.getKey(), a,
            e.getValue()));
      }
      checked++;
    }
    timing("%d distances equal the DirectRunner's (largest difference %.2g)", checked, worst);
  }

  /** Output lines as "T|E sample centre column" → distance; fails on a duplicate line key. */
  static Map<String, Float> readLines(Path dir) throws IOException {
    Map<String, Float> m = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
    }
    for (Path f : files) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        int cut = line.lastIndexOf(' ');
        String key = line.substring(0, cut);
        if (m.put(key, Float.parseFloat(line.substring(cut + 1))) != null) {
          fail("distance " + key + " written twice (in " + f.getFileName() + ")");
        }
      }
    }
    return m;
  }

  static String shorten(String s) {
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }

  static synchronized void timing(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println("[flink-it] " + line);
    try {
      Path f = runRoot().resolve("timings.txt");
      Files.writeString(f, line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("cannot write timings: {}", e.toString());
    }
  }
}
