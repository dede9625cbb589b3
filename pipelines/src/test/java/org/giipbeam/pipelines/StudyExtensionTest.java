package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.arrowio.testing.SharedData;
import org.giipbeam.pipelines.CliUserErrorsTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code giip extend} on the bundled crystal: a small study (80 training LAEs, a tenth of the
 * others extended), then the study's own sample put on its map again. Every LAE the study
 * placed — training and extension — comes back with the study's class and coordinates; other
 * parameters, a missing or unfinished study and fixed options are refused before any work.
 */
class StudyExtensionTest {
  @TempDir static Path tmp;
  static Path study;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static final String SAMPLE = SharedData.repo().resolve("examples/lj2d/lj2d.dump").toString();

  @BeforeAll
  static void runStudy() throws Exception {
    study = StudyCommands.study(new String[] {"--samples=" + SAMPLE, "--dimension=2",
        "--rskin=1.3", "--rcut=1.75", "--sigma=0.5", "--eps=1.0", "--cut=1.0",
        "--trainingExtremes=c_pe:20:60", "--coordinates=4", "--extensionFraction=0.1",
        "--output=" + tmp.resolve("study")}, QUIET);
  }

  @Test
  void aSampleOfTheStudyComesBackWithTheStudysClassesAndCoordinates() throws Exception {
    Run r = Run.of("extend", "--from=" + study, "--samples=" + SAMPLE);
    assertEquals(0, r.code(), r.err());
    Path out = study.resolveSibling("study-extend-lj2d");
    assertTrue(r.out().contains(out.toString()), r.out());
    for (String f : List.of("results.arrow", "results.csv", "report.md", "report.html",
        "annotated/lj2d.dump", "maps/lj2d_class.png", "manifest.json", "study.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    List<LaeResult> mine = ResultsWriter.readArrow(study.resolve("results.arrow"));
    List<LaeResult> theirs = ResultsWriter.readArrow(out.resolve("results.arrow"));
    assertEquals(2457, theirs.size(), "every LAE of the sample is extended");
    assertTrue(theirs.stream().noneMatch(LaeResult::training));
    Map<Long, LaeResult> byId = new HashMap<>();
    theirs.forEach(x -> byId.put(x.centreId(), x));
    int training = 0;
    double[] worst = new double[2]; // extension, training
    for (LaeResult a : mine) {
      LaeResult b = byId.get(a.centreId());
      String at = "LAE " + a.centreId() + (a.training() ? " (training)" : " (extension)");
      assertEquals(a.classLabel(), b.classLabel(), at);
      for (int k = 0; k < 4; k++) {
        int w = a.training() ? 1 : 0;
        worst[w] = Math.max(worst[w], Math.abs(a.coordinates()[k] - b.coordinates()[k]));
        assertEquals(a.coordinates()[k], b.coordinates()[k], 1e-9, at + " φ" + (k + 1));
      }
      training += a.training() ? 1 : 0;
    }
    System.out.println("extend: largest |Δφ| over the study's " + mine.size() + " LAEs: "
        + worst[0] + " (extension), " + worst[1] + " (training)");
    assertEquals(80, training);
    assertTrue(mine.size() > 250, "the study placed " + mine.size() + " LAEs");
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("extends study"), report);
    // analyze has no distances of its own to redo in an extension folder.
    Run again = Run.of("analyze", "--from=" + out);
    assertEquals(2, again.code());
    assertTrue(again.err().contains("is an extension of the study"), again.err());
  }

  @Test
  void refusedBeforeAnyWork() throws Exception {
    Path unfinished = tmp.resolve("unfinished");
    Files.createDirectories(unfinished);
    Files.copy(study.resolve("study.json"), unfinished.resolve("study.json"));
    Map<String[], String> cases = new java.util.LinkedHashMap<>();
    cases.put(new String[] {"--from=" + study, "--samples=" + SAMPLE, "--rcut=1.9"},
        "other LAE/GIIP parameters (lae.rCut 1.75 there, 1.9 asked)");
    cases.put(new String[] {"--from=" + study, "--samples=" + SAMPLE, "--sigma=0.6"},
        "other LAE/GIIP parameters");
    cases.put(new String[] {"--from=" + study, "--samples=" + SAMPLE, "--eps=0.8"},
        "--eps cannot be given");
    cases.put(new String[] {"--from=" + study, "--samples=" + SAMPLE,
        "--trainingPerSample=5"}, "--trainingPerSample cannot be given");
    cases.put(new String[] {"--samples=" + SAMPLE}, "extend needs --from=DIR");
    cases.put(new String[] {"--from=" + study}, "extend needs --samples");
    cases.put(new String[] {"--from=" + tmp.resolve("none"), "--samples=" + SAMPLE},
        "has no study.json");
    cases.put(new String[] {"--from=" + unfinished, "--samples=" + SAMPLE},
        "its study did not finish");
    cases.put(new String[] {"--from=" + study, "--samples=no-such.dump"},
        "sample file not found");
    cases.put(new String[] {"--from=" + study, "--samples=" + SAMPLE,
        "--output=" + study}, "is the study's own folder");
    int n = 0;
    for (Map.Entry<String[], String> c : cases.entrySet()) {
      Path out = tmp.resolve("refused" + n++);
      String[] args = new String[c.getKey().length + 2];
      args[0] = "extend";
      System.arraycopy(c.getKey(), 0, args, 1, c.getKey().length);
      args[args.length - 1] = c.getKey()[c.getKey().length - 1].startsWith("--output=")
          ? c.getKey()[c.getKey().length - 1] : "--output=" + out;
      Run r = Run.of(args);
      String what = String.join(" ", c.getKey());
      assertEquals(2, r.code(), what + ": " + r.err());
      assertTrue(r.err().startsWith("giip: ") && r.err().strip().lines().count() == 1,
          what + ": " + r.err());
      assertTrue(r.err().contains(c.getValue()), what + ": " + r.err());
      assertFalse(Files.exists(out), what + " left " + out);
    }
    assertFalse(Files.exists(tmp.resolve("study-extend-lj2d-refused")));
  }

  /** Named elements are numbered as the study numbered them (study.json's typeNames). */
  @Test
  void theStudysTypeNumbering() throws Exception {
    assertEquals("Nb,Ni", StudyExtension.studyTypes(Map.of("typeNames",
        Map.of("2", "Ni", "1", "Nb"))));
    assertEquals(null, StudyExtension.studyTypes(Map.of("typeNames", Map.of("1", "Ni", "3",
        "Nb"))));
    assertEquals(null, StudyExtension.studyTypes(Map.of()));
    // The bundled crystal's dump names no elements: nothing recorded, nothing passed on.
    assertFalse(Files.readString(study.resolve("study.json")).contains("typeNames"));
  }
}
