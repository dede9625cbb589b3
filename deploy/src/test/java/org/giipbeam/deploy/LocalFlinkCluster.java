package org.giipbeam.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real standalone Flink session cluster on 127.0.0.1 — a JobManager and TaskManagers as
 * separate JVMs — started and stopped with {@code deploy/local-flink/start} and {@code stop}.
 *
 * <pre>{@code
 * try (LocalFlinkCluster flink = LocalFlinkCluster.start(runDir)) {
 *   String master = flink.restAddress();            // "127.0.0.1:PORT", for --flinkMaster
 *   long pid = flink.taskManagerPids().get("tm-1");  // tm-i is also its id in the REST API
 *   flink.killTaskManager("tm-1");                   // kill -9, as a lost machine
 * }                                                   // stops every process, pass or fail
 * }</pre>
 *
 * <p>Ports are free ones chosen at start, so clusters of concurrent builds do not collide. Every
 * cluster also registers a JVM shutdown hook that stops it, the last resort when the test JVM is
 * ended before {@link #close} runs. {@link #close} stops exactly the recorded PIDs (through the
 * stop script, then by PID from here if any survived) and checks that none is left.
 */
public final class LocalFlinkCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);
  /** How long start may wait for the REST API to report every TaskManager. */
  public static final int START_TIMEOUT_SECONDS = 180;

  private final Path repo;
  private final Path runDir;
  private final String restAddress;
  private final Map<String, Long> pids;
  private final Thread shutdownHook;
  private final double startSeconds;
  private boolean closed;

  private LocalFlinkCluster(Path repo, Path runDir, String restAddress, Map<String, Long> pids,
      double startSeconds) {
    this.repo = repo;
    this.runDir = runDir;
    this.restAddress = restAddress;
    this.pids = pids;
    this.startSeconds = startSeconds;
    this.shutdownHook = new Thread(this::stopQuietly, "stop local Flink cluster " + runDir);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The repository root: system property {@code giip.repo.dir}, else found from here up. */
  public static Path repositoryRoot() {
    String dir = System.getProperty("giip.repo.dir");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("deploy/local-flink/start"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root (deploy/local-flink/start)"
          + " from " + Path.of("").toAbsolutePath() + "; set -Dgiip.repo.dir");
    }
    return p;
  }

  /** Starts a JobManager and two TaskManagers with their files in {@code runDir}. */
  public static LocalFlinkCluster start(Path runDir) throws IOException, InterruptedException {
    return start(runDir, 2);
  }

  /** Starts a JobManager and {@code taskManagers} TaskManagers (2 slots each). */
  public static LocalFlinkCluster start(Path runDir, int taskManagers)
      throws IOException, InterruptedException {
    Path repo = repositoryRoot();
    Files.createDirectories(runDir);
    Path dir = runDir.toAbsolutePath().normalize();
    int restPort = freePort();
    int rpcPort = freePort();
    while (rpcPort == restPort) {
      rpcPort = freePort();
    }
    long t0 = System.nanoTime();
    Result r;
    try {
      r = script(repo, List.of("deploy/local-flink/start", "--rest-port",
          Integer.toString(restPort), "--rpc-port", Integer.toString(rpcPort), "--taskmanagers",
          Integer.toString(taskManagers), "--run-dir", dir.toString(), "--timeout",
          Integer.toString(START_TIMEOUT_SECONDS)), START_TIMEOUT_SECONDS + 300);
    } catch (IOException | InterruptedException | RuntimeException e) {
      killAll(readPids(dir).values());
      throw e;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Long> pids = readPids(dir);
    if (r.exitCode != 0) {
      // start stops what it launched when it fails; make sure of it before reporting.
      killAll(pids.values());
      throw new IllegalStateException("deploy/local-flink/start failed (exit " + r.exitCode
          + "):\n" + r.output);
    }
    String rest = Files.readString(dir.resolve("rest-address"), StandardCharsets.UTF_8).trim();
    return new LocalFlinkCluster(repo, dir, rest, pids, seconds);
  }

  /** "127.0.0.1:PORT": the REST API and web UI, and the value for {@code --flinkMaster}. */
  public String restAddress() {
    return restAddress;
  }

  /** The run folder: conf/, log/, pids. */
  public Path runDir() {
    return runDir;
  }

  /** Seconds from launching the start script until every TaskManager was registered. */
  public double startSeconds() {
    return startSeconds;
  }

  /** Process ids by name: "jobmanager", "tm-1", "tm-2", ... */
  public Map<String, Long> pids() {
    return new LinkedHashMap<>(pids);
  }

  /** TaskManager process ids by TaskManager id ("tm-1", ...; the REST API's ids). */
  public Map<String, Long> taskManagerPids() {
    Map<String, Long> tms = new LinkedHashMap<>();
    pids.forEach((name, pid) -> {
      if (name.startsWith("tm-")) {
        tms.put(name, pid);
      }
    });
    return tms;
  }

  /** Kills a TaskManager the hard way (SIGKILL), as a machine that is lost. */
  public void killTaskManager(String id) throws InterruptedException {
    Long pid = taskManagerPids().get(id);
    if (pid == null) {
      throw new IllegalArgumentException("no TaskManager " + id + " in " + pids.keySet());
    }
    if (!isOurs(pid)) {
      throw new IllegalStateException(id + " (PID " + pid + ") is not running");
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (isOurs(pid)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(id + " (PID " + pid + ") survived SIGKILL for 30 s");
      }
      Thread.sleep(50);
    }
  }

  /** The recorded processes of this cluster that are still running. */
  public List<Long> alivePids() {
    List<Long> alive = new ArrayList<>();
    for (long pid : pids.values()) {
      if (isOurs(pid)) {
        alive.add(pid);
      }
    }
    return alive;
  }

  /**
   * Whether {@code pid} is a running (not zombie) process of a local Flink cluster: its command
   * line carries {@code -Dgiip.flink.run=}. The cluster's JVMs are orphans once start exits, so
   * a dead one can linger as a zombie until init reaps it; that one counts as gone, and a PID
   * reused by another program is never touched.
   */
  static boolean isOurs(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
      if (state == 'Z' || state == 'X') {
        return false;
      }
      byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(cmd, StandardCharsets.UTF_8).contains("-Dgiip.flink.run=");
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  /**
   * Stops the cluster: the stop script (SIGTERM, SIGKILL after its grace period), then SIGKILL
   * from here for anything recorded that survived. Throws if a process is still left.
   */
  @Override
  public synchronized void close() throws IOException, InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; stopping twice is harmless.
    }
    Result r = script(repo, List.of("deploy/local-flink/stop", "--run-dir", runDir.toString(),
        "--grace", "15"), 120);
    killAll(pids.values());
    List<Long> alive = alivePids();
    if (!alive.isEmpty()) {
      throw new IllegalStateException("Flink processes still running after stop: " + alive);
    }
    if (r.exitCode != 0) {
      throw new IllegalStateException("deploy/local-flink/stop failed (exit " + r.exitCode
          + "):\n" + r.output);
    }
    if (Files.exists(runDir.resolve("pids"))) {
      throw new IllegalStateException("stop left " + runDir.resolve("pids") + " behind");
    }
  }

  private void stopQuietly() {
    try {
      close();
    } catch (Exception e) {
      LOG.warn("stopping the local Flink cluster in {} failed: {}", runDir, e.toString());
      killAll(pids.values());
    }
  }

  /** SIGKILL each still running PID, but only our Flink processes (checked by command line). */
  private static void killAll(Iterable<Long> pids) {
    for (long pid : pids) {
      if (isOurs(pid)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (long pid : pids) {
      while (isOurs(pid) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  static Map<String, Long> readPids(Path runDir) throws IOException {
    Map<String, Long> pids = new LinkedHashMap<>();
    Path file = runDir.resolve("pids");
    if (!Files.exists(file)) {
      return pids;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && parts[1].matches("\\d+")) {
        pids.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return pids;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result script(Path repo, List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("bash");
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
        .start();
    p.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (out) {
          out.append(s);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      reader.join(5_000);
      throw new IllegalStateException(String.join(" ", command) + " did not finish in "
          + timeoutSeconds + " s:\n" + out);
    }
    reader.join(10_000);
    synchronized (out) {
      String text = out.toString();
      LOG.info("{} (exit {}):\n{}", String.join(" ", command), p.exitValue(), text);
      return new Result(p.exitValue(), text);
    }
  }
}
