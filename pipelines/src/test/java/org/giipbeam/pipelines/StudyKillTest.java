package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.arrow.LaeBatchArrow;
import org.giipbeam.transforms.DistanceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study killed with {@code kill -9} during its extension step and run again computes only the
 * extension batches that had not finished, and writes the same results.csv, byte for byte, as a
 * run that was never interrupted.
 */
class StudyKillTest {
  @TempDir Path tmp;

  /** Slow enough to be killed half-way: the exhaustive search, small extension batches. */
  static String[] args(Path out) {
    return StudyEndToEndTest.args(out, "--search=exhaustive", "--batchSize=96");
  }

  @Test
  void killedDuringTheExtensionStepThenRerun() throws Exception {
    Path killed = tmp.resolve("killed");
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), GiipCli.class.getName(), "study"));
    command.addAll(List.of(args(killed)));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("killed.log").toFile()).start();
    Path ext = killed.resolve("distances").resolve(DistanceStore.EXTENSION);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (finishedBatches(ext).size() < 2 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(p.isAlive(), "the study ended before it could be killed: "
        + Files.readString(tmp.resolve("killed.log")));
    p.destroyForcibly(); // SIGKILL
    p.waitFor();
    List<Path> done = finishedBatches(ext);
    long trainingLaes = 80;
    long finishedPairs = trainingLaes * (trainingLaes - 1) / 2;
    for (Path rows : done) {
      String laes = rows.getFileName().toString().replace(DistanceStore.ROWS_SUFFIX,
          DistanceStore.LAES_SUFFIX);
      LaeBatch b = LaeBatchArrow.INSTANCE.readFile(rows.resolveSibling(laes)).get(0);
      finishedPairs += trainingLaes * b.size();
    }

    String printed = StudyFolderTest.study(args(killed));
    long[] pairs = StudyFolderTest.pairs(printed);
    // Everything that had finished before the kill is reused (more may have finished between
    // the count and the kill); only the rest is computed.
    assertTrue(pairs[1] >= finishedPairs, pairs[1] + " reused, " + finishedPairs + " finished");
    long total = pairs[0] + pairs[1];
    assertTrue(pairs[0] <= total - finishedPairs, printed);
    assertTrue(pairs[0] > 0, "the kill came before the end: " + printed);

    Path whole = tmp.resolve("uninterrupted");
    long[] wholePairs = StudyFolderTest.pairs(StudyFolderTest.study(args(whole)));
    assertEquals(total, wholePairs[0]);
    assertEquals(0, wholePairs[1]);
    assertArrayEquals(Files.readAllBytes(whole.resolve("results.csv")),
        Files.readAllBytes(killed.resolve("results.csv")));
  }

  /** Extension batches whose rows are complete (their checksum sidecar is written last). */
  static List<Path> finishedBatches(Path ext) throws Exception {
    if (!Files.isDirectory(ext)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    for (Path p : StudyFolderTest.files(ext, DistanceStore.ROWS_SUFFIX)) {
      if (Files.exists(DistanceStore.checksumFile(p))) {
        out.add(p);
      }
    }
    return out;
  }
}
