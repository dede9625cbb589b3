package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launcher script itself, as a user would: a small study from a folder outside the
 * repository with relative paths, the same through a chain of symlinks on PATH, and the unpacked
 * distribution (through a symlink too): --version, stats, and the demo, which must find its
 * bundled example from the user's folder. Runs after
 * {@code package} (failsafe); skipped when the jar or the distribution has not been built.
 */
class LauncherIT {
  @TempDir static Path tmp;

  private static Path repo;

  @BeforeAll
  static void built() throws IOException {
    repo = Path.of(System.getProperty("giip.repo.dir", "..")).toAbsolutePath().normalize();
    String jar = System.getProperty("giip.jar");
    assumeTrue(jar != null && Files.isRegularFile(Path.of(jar))
        && Files.isDirectory(repo.resolve("pipelines/target/lib")),
        "pipelines jar not built (run ./mvnw package)");
    // A tiny study's sample: the bundled crystal, copied under another name.
    Files.copy(repo.resolve("examples/lj2d/lj2d.dump"), tmp.resolve("a.dump"));
  }

  /** Small options: a study of a.dump in seconds. */
  private static final List<String> SMALL = List.of("--samples=a.dump", "--dimension=2",
      "--rskin=1.3", "--rcut=1.75", "--sigma=0.5", "--eps=1.0", "--cut=1.0",
      "--trainingExtremes=c_pe:10:30", "--extensionFraction=0.02", "--coordinates=3");

  @Test
  void fromAnotherFolderWithRelativePaths() throws Exception {
    Path user = Files.createDirectories(tmp.resolve("user"));
    Files.copy(tmp.resolve("a.dump"), user.resolve("a.dump"));
    List<String> cmd = new ArrayList<>(List.of(repo.resolve("bin/giip").toString(), "study"));
    cmd.addAll(SMALL);
    cmd.add("--output=out");
    Result r = run(user, cmd, null);
    assertEquals(0, r.code, r.output);
    assertTrue(Files.isRegularFile(user.resolve("out/results.csv")), r.output);
    assertTrue(Files.isRegularFile(user.resolve("out/annotated/a.dump")), r.output);
    assertFalse(Files.exists(repo.resolve("out")), "wrote into the repository");
    assertNoStackTrace(r);
  }

  @Test
  void throughASymlinkOnPath() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("path-bin"));
    // Two links deep, the second relative: the launcher must follow both.
    Path direct = Files.createSymbolicLink(tmp.resolve("giip-link"), repo.resolve("bin/giip"));
    Files.createSymbolicLink(bin.resolve("giip"), bin.relativize(direct));
    Path user = Files.createDirectories(tmp.resolve("link-user"));
    Files.copy(tmp.resolve("a.dump"), user.resolve("a.dump"));
    List<String> cmd = new ArrayList<>(List.of("giip", "study"));
    cmd.addAll(SMALL);
    cmd.add("--output=out");
    Result r = run(user, cmd, bin);
    assertEquals(0, r.code, r.output);
    assertTrue(Files.isRegularFile(user.resolve("out/results.csv")), r.output);
    assertNoStackTrace(r);

    Result bad = run(user, List.of("giip", "study", "--samples=b.dump", "--sigma=0",
        "--output=never"), bin);
    assertEquals(2, bad.code, bad.output);
    assertEquals("giip: sample file not found: b.dump", bad.output.strip());
    assertFalse(Files.exists(user.resolve("never")));
  }

  @Test
  void theDistributionRunsFromItsLibWithoutTheRepository() throws Exception {
    String archive = System.getProperty("giip.distribution");
    assumeTrue(archive != null && Files.isRegularFile(Path.of(archive)),
        "distribution not built");
    Path install = Files.createDirectories(tmp.resolve("install"));
    Result untar = run(install, List.of("tar", "xzf", archive), null);
    assertEquals(0, untar.code, untar.output);
    List<Path> tops;
    try (var s = Files.list(install)) {
      tops = s.toList();
    }
    assertEquals(1, tops.size(), tops.toString());
    Path home = tops.get(0);
    assertTrue(Files.isExecutable(home.resolve("bin/giip")));
    assertTrue(Files.isRegularFile(home.resolve("examples/lj2d/lj2d.dump")));
    Path bin = Files.createDirectories(tmp.resolve("dist-bin"));
    Files.createSymbolicLink(bin.resolve("giip"), home.resolve("bin/giip"));
    Path user = Files.createDirectories(tmp.resolve("dist-user"));
    Files.copy(tmp.resolve("a.dump"), user.resolve("a.dump"));

    Result version = run(user, List.of("giip", "--version"), bin);
    assertEquals(0, version.code, version.output);
    assertTrue(version.output.startsWith("giip (GIIP-Beam) "), version.output);

    Result stats = run(user, List.of("giip", "stats", "a.dump", "--dimension=2",
        "--rskin=1.3", "--rcut=1.75", "--output=st"), bin);
    assertEquals(0, stats.code, stats.output);
    assertTrue(Files.isRegularFile(user.resolve("st/a-lae.dump")), stats.output);
    assertNoStackTrace(stats);

    // The demo finds its example in the installation and writes into the user's folder.
    Result demo = run(user, List.of("giip", "demo", "--trainingExtremes=c_pe:10:30",
        "--extensionFraction=0.02", "--coordinates=3"), bin);
    assertEquals(0, demo.code, demo.output);
    assertTrue(Files.isRegularFile(user.resolve("giip-out/demo/results.csv")), demo.output);
    assertTrue(Files.isRegularFile(user.resolve("giip-out/demo/annotated/lj2d.dump")),
        demo.output);
    assertNoStackTrace(demo);
  }

  private static void assertNoStackTrace(Result r) {
    assertFalse(r.output.contains("\tat ") || r.output.contains("Exception in thread"),
        r.output);
  }

  record Result(int code, String output) {}

  /** Runs {@code cmd} in {@code dir}; {@code pathFirst}, when given, goes first on PATH. */
  private static Result run(Path dir, List<String> cmd, Path pathFirst) throws Exception {
    List<String> line = new ArrayList<>(cmd);
    if (pathFirst != null) {
      // A shell finds the command on the new PATH, as a user's does (Java uses its own PATH).
      line.addAll(0, List.of("bash", "-c", "exec \"$0\" \"$@\""));
    }
    ProcessBuilder pb = new ProcessBuilder(line).directory(dir.toFile())
        .redirectErrorStream(true);
    // Never build from inside the build: the jar this IT tests is the one just packaged.
    pb.environment().put("GIIP_NO_BUILD", "1");
    pb.environment().put("GIIP_JAVA_OPTS", "-Xmx1g");
    pb.environment().remove("GIIP_HOME");
    if (pathFirst != null) {
      pb.environment().put("PATH", pathFirst + ":" + System.getenv("PATH"));
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
