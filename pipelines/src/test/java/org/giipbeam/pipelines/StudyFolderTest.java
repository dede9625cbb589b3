package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study folder: resume after lost pieces, refusal of another study, --overwrite, the lock,
 * temporaries of killed runs, checksums and the manifest, permissions, and the distances kept
 * when the analysis fails.
 */
class StudyFolderTest {
  @TempDir static Path tmp;
  static Path reference;
  static byte[] referenceCsv;

  static String[] args(Path out, String... overrides) {
    return StudyEndToEndTest.args(out, concat(new String[] {"--batchSize=256"}, overrides));
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Runs a study and returns what it printed. */
  static String study(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StudyCommands.study(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Pairs computed and reused, from the "distance step:" line. */
  static long[] pairs(String printed) {
    Matcher m = Pattern.compile("distance step: (\\d+) pairs computed, (\\d+) reused")
        .matcher(printed);
    assertTrue(m.find(), printed);
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  static List<Path> files(Path dir, String suffix) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  @BeforeAll
  static void uninterrupted() throws Exception {
    reference = tmp.resolve("reference");
    study(args(reference));
    referenceCsv = Files.readAllBytes(reference.resolve("results.csv"));
  }

  @Test
  void aRerunComputesOnlyWhatIsMissingAndGivesTheSameResults() throws Exception {
    Path dir = tmp.resolve("resumed");
    long[] first = pairs(study(args(dir)));
    assertEquals(0, first[1]);
    long total = first[0];
    // Lose two extension batches and one training tile, as a kill would, plus a temporary.
    List<Path> rows = files(dir.resolve("distances/extension"), ".rows.arrow");
    assertTrue(rows.size() >= 3, "several extension batches: " + rows);
    Files.delete(rows.get(0));
    Files.delete(rows.get(2));
    Files.delete(dir.resolve("distances/training/tile-0-0.arrow.sha256"));
    Path temporary = dir.resolve("distances/extension/.x.rows.arrow.123.tmp");
    Files.writeString(temporary, "partial");
    Files.delete(dir.resolve("results.csv"));
    long[] second = pairs(study(args(dir)));
    assertEquals(total, second[0] + second[1]);
    assertTrue(second[1] > 0 && second[0] < total / 2, "mostly reused: " + second[0]
        + " computed, " + second[1] + " reused of " + total);
    assertFalse(Files.exists(temporary), "the killed run's temporary is removed");
    assertArrayEquals(referenceCsv, Files.readAllBytes(dir.resolve("results.csv")));
    // A third run with nothing lost computes nothing.
    assertEquals(0, pairs(study(args(dir)))[0]);
    assertArrayEquals(referenceCsv, Files.readAllBytes(dir.resolve("results.csv")));
  }

  @Test
  void anotherStudyIsRefusedUnlessOverwrite() throws Exception {
    Path dir = tmp.resolve("other");
    study(args(dir));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> study(args(dir, "--sigma=0.6")));
    assertEquals("--output=" + dir + " holds another study (giip.sigma: 0.5 there, 0.6 asked):"
        + " choose another folder, or add --overwrite to replace it", e.getMessage());
    long[] p = pairs(study(args(dir, "--sigma=0.6", "--overwrite=true")));
    assertEquals(0, p[1], "nothing of the old study is reused");
    assertTrue(Files.readString(dir.resolve("study.json")).contains("\"giip.sigma\" : \"0.6\""));
    // A folder that holds something else entirely.
    Path junk = tmp.resolve("junk");
    Files.createDirectories(junk);
    Files.writeString(junk.resolve("notes.txt"), "mine");
    e = assertThrows(IllegalArgumentException.class, () -> study(args(junk)));
    assertEquals("--output=" + junk + " is not empty and holds no study: choose another"
        + " folder, or add --overwrite to delete what is there", e.getMessage());
    assertTrue(Files.exists(junk.resolve("notes.txt")));
    // --output naming a file.
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    e = assertThrows(IllegalArgumentException.class, () -> study(args(file)));
    assertEquals("--output=" + file + " is a file, not a folder", e.getMessage());
  }

  @Test
  void aFolderInUseIsRefused() throws Exception {
    try (StudyFolder held = StudyFolder.openForAnalysis(reference)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> study(args(reference)));
      assertTrue(e.getMessage().startsWith(reference + " is in use by another giip run"),
          e.getMessage());
    }
  }

  /** A copy of the reference study to damage. */
  static Path copyOfReference(String name) throws Exception {
    Path dir = tmp.resolve(name);
    try (Stream<Path> s = Files.walk(reference)) {
      for (Path p : s.toList()) {
        Path q = dir.resolve(reference.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else if (!p.getFileName().toString().equals(StudyFolder.LOCK)) {
          Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dir;
  }

  static String analyzeError(Path dir) {
    return assertThrows(IllegalArgumentException.class, () -> StudyCommands.analyze(
        new String[] {"--from=" + dir}, StudyEndToEndTest.QUIET)).getMessage();
  }

  @Test
  void damagedFoldersAreRefusedNamingTheFile() throws Exception {
    // A bit flip in the middle of a distance file.
    Path flipped = copyOfReference("flipped");
    Path tile = flipped.resolve("distances/training/tile-0-0.arrow");
    byte[] b = Files.readAllBytes(tile);
    b[b.length / 2] ^= 0x10;
    Files.write(tile, b);
    assertEquals(tile + " does not match its checksum in manifest.json: it is damaged or from"
        + " another run", analyzeError(flipped));
    // A deleted extension batch.
    Path deleted = copyOfReference("deleted");
    Path rows = files(deleted.resolve("distances/extension"), ".rows.arrow").get(1);
    Files.delete(rows);
    assertEquals(rows + " is missing (listed in manifest.json)", analyzeError(deleted));
    // A batch from another run (another σ) added to the folder.
    Path mixed = copyOfReference("mixed");
    Path other = tmp.resolve("sigma06");
    study(args(other, "--sigma=0.6"));
    Path foreign = files(other.resolve("distances/extension"), ".rows.arrow").get(0);
    Path intruder = mixed.resolve("distances/extension/intruder.rows.arrow");
    Files.copy(foreign, intruder);
    assertEquals(intruder + " is not in manifest.json: it was not made by this study; remove"
        + " it or run the study again", analyzeError(mixed));
    // The same file swapped in under a listed name.
    Path swapped = copyOfReference("swapped");
    Path victim = files(swapped.resolve("distances/extension"), ".rows.arrow").get(0);
    Files.copy(foreign, victim, StandardCopyOption.REPLACE_EXISTING);
    String m = analyzeError(swapped);
    assertTrue(m.startsWith(victim.toString()) && m.endsWith("it is damaged or from another run"),
        m);
    // No manifest: the study did not finish.
    Path unfinished = copyOfReference("unfinished");
    Files.delete(unfinished.resolve("manifest.json"));
    assertTrue(analyzeError(unfinished).endsWith("has no manifest.json: its study did not"
        + " finish; run the same 'giip study' command again to complete it (finished distances"
        + " are kept)"));
  }

  @Test
  void filesFollowTheUmask() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "umask").start();
    int umask = Integer.parseInt(new String(p.getInputStream().readAllBytes()).trim(), 8);
    p.waitFor();
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(
        reference.resolve("results.csv"));
    assertEquals((umask & 040) == 0, perms.contains(PosixFilePermission.GROUP_READ), perms
        + " with umask " + Integer.toOctalString(umask));
    assertEquals((umask & 004) == 0, perms.contains(PosixFilePermission.OTHERS_READ), perms
        + " with umask " + Integer.toOctalString(umask));
  }

  @Test
  void aFailedAnalysisKeepsTheDistancesAndSaysHowToRerunIt() throws Exception {
    Path dir = tmp.resolve("too-small-eps");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> study(args(dir, "--eps=0.01")));
    String m = e.getMessage();
    assertTrue(m.startsWith("ε = 0.01000 is too small for these training LAEs"), m);
    assertTrue(m.endsWith("the distances are complete and kept in " + dir + "; rerun only the"
        + " analysis with: giip analyze --from=" + dir + " (add --eps=E, --classes=K or --cut=T,"
        + " --coordinates=N to change them)"), m);
    assertFalse(m.contains("\n"), m);
    // The rerun it names works, and reuses the study's other settings.
    StudyCommands.analyze(new String[] {"--from=" + dir, "--eps=1.0"}, StudyEndToEndTest.QUIET);
    assertArrayEquals(referenceCsv, Files.readAllBytes(dir.resolve("results.csv")));
  }

  @Test
  void analyzeReusesTheStudysOwnSettings() throws Exception {
    Path dir = copyOfReference("reanalysed");
    StudyCommands.analyze(new String[] {"--from=" + dir}, StudyEndToEndTest.QUIET);
    assertArrayEquals(referenceCsv, Files.readAllBytes(dir.resolve("results.csv")));
    StudyCommands.analyze(new String[] {"--from=" + dir}, StudyEndToEndTest.QUIET);
    assertTrue(Files.readString(dir.resolve("study.json")).contains("\"eps\" : \"1.0\""));
  }

  @Test
  void defaultEpsilonWorksOnTheBundledCrystal() throws Exception {
    for (String split : List.of("--trainingExtremes=c_pe:20:60",
        "--trainingPerSample=120")) {
      Path dir = tmp.resolve("auto" + Math.abs(split.hashCode()));
      String[] a = StudyEndToEndTest.args(dir, split, "--eps=auto", "--cut=1.0");
      if (split.startsWith("--trainingPerSample")) {
        a = java.util.Arrays.stream(a).filter(x -> !x.startsWith("--trainingExtremes"))
            .toArray(String[]::new);
      }
      String printed = study(a);
      assertTrue(printed.contains("chosen automatically: the larger of the kernel-sum rule's"),
          printed);
      assertTrue(Files.readString(dir.resolve("report.md")).contains("chosen automatically"));
    }
  }
}
