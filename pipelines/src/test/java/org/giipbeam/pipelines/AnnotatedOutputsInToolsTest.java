package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.arrowio.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo-like study's annotated snapshots read by the tools users open them with: ASE (its
 * extended XYZ and LAMMPS-dump readers) and LAMMPS ({@code read_dump}). The input is the bundled
 * crystal with free-surface flags {@code ss ss pp}, and only a fifth of the other LAEs are extended, so
 * that some atoms are not analysed. Each tool's part is skipped where the tool is not installed.
 */
class AnnotatedOutputsInToolsTest {
  static final String PYTHON = "/usr/bin/python3";
  @TempDir static Path tmp;
  static Path study;
  static Path input;

  @BeforeAll
  static void runStudy() throws Exception {
    input = tmp.resolve("lj2d.dump");
    String text = Files.readString(SharedData.repo().resolve("examples/lj2d/lj2d.dump"));
    Files.writeString(input, text.replace("ITEM: BOX BOUNDS pp pp pp", "ITEM: BOX BOUNDS ss ss pp"));
    study = StudyCommands.study(StudyEndToEndTest.args(tmp.resolve("study"),
        "--samples=" + input, "--extensionFraction=0.2"), StudyEndToEndTest.QUIET);
  }

  /** Exit code and output of a command, or null where it cannot be started. */
  static Result run(Path dir, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return null;
    }
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  record Result(int code, String output) {}

  static boolean pythonHas(String module) throws Exception {
    Result r = run(tmp, PYTHON, "-c", "import " + module);
    return r != null && r.code() == 0;
  }

  @Test
  void aseReadsClassAndCoordinatesOfTheAnnotatedXyzAndDump() throws Exception {
    assumeTrue(pythonHas("ase"), "ASE is not installed for " + PYTHON);
    List<LaeResult> rows = ResultsWriter.readArrow(study.resolve("results.arrow"));
    Path script = SharedData.repo().resolve("pipelines/src/test/python/check_annotated_ase.py");
    Result r = run(tmp, PYTHON, script.toString(), study.toString(), "lj2d", "FFT");
    assertEquals(0, r.code(), r.output());
    Matcher m = Pattern.compile("OK atoms=(\\d+) laes=(\\d+) masked=(\\d+) phis=(\\d+)")
        .matcher(r.output());
    assertTrue(m.find(), r.output());
    assertEquals(2457, Integer.parseInt(m.group(1)));
    assertEquals(rows.size(), Integer.parseInt(m.group(2)));
    assertEquals(2457 - rows.size(), Integer.parseInt(m.group(3)));
    assertTrue(Integer.parseInt(m.group(3)) > 0, "some atoms were not analysed");
    assertEquals(4, Integer.parseInt(m.group(4)));
    // The z extent of the 2D cell is the input's (-0.555 to 0.555), not a made-up one.
    assertTrue(r.output().contains("cellz=1.11"), r.output());
  }

  @Test
  void theAnnotatedDumpKeepsTheInputBoxHeader() throws Exception {
    List<String> in = Files.readAllLines(input).subList(4, 8);
    List<String> out = Files.readAllLines(study.resolve("annotated/lj2d.dump")).subList(4, 8);
    assertEquals(in, out);
  }

  @Test
  void lammpsReadDumpReadsTheAnnotatedDump() throws Exception {
    String lmp = null;
    for (String name : List.of("lmp", "lmp_serial")) {
      Result r = run(tmp, "sh", "-c", "command -v " + name);
      if (r != null && r.code() == 0) {
        lmp = r.output().strip();
        break;
      }
    }
    assumeTrue(lmp != null, "LAMMPS (lmp or lmp_serial) is not installed");
    Path dump = study.resolve("annotated/lj2d.dump");
    List<String> lines = Files.readAllLines(dump);
    String step = lines.get(1).strip();
    // Periodic in the script, so that LAMMPS takes the dump's x and y bounds as they are
    // (with s it would shrink-wrap them to the atoms). A 2D read_dump takes no z field.
    List<String> script = new ArrayList<>(List.of(
        "units lj", "dimension 2", "boundary p p p", "atom_style atomic",
        "region r block 0 1 0 1 -0.5 0.5", "create_box 1 r",
        "read_dump " + dump + " " + step + " x y box yes add yes",
        "print \"GIIP natoms $(atoms) xlo $(xlo:%.17g) xhi $(xhi:%.17g)"
            + " ylo $(ylo:%.17g) yhi $(yhi:%.17g)\""));
    Path in = tmp.resolve("in.read");
    Files.write(in, script);
    Result r = run(tmp, lmp, "-in", in.toString(), "-log", "none");
    assertEquals(0, r.code(), r.output());
    Matcher m = Pattern.compile("GIIP natoms (\\d+) xlo (\\S+) xhi (\\S+) ylo (\\S+) yhi (\\S+)")
        .matcher(r.output());
    assertTrue(m.find(), r.output());
    assertEquals(2457, Integer.parseInt(m.group(1)));
    String[] x = lines.get(5).strip().split("\\s+");
    String[] y = lines.get(6).strip().split("\\s+");
    assertEquals(Double.parseDouble(x[0]), Double.parseDouble(m.group(2)), 1e-12);
    assertEquals(Double.parseDouble(x[1]), Double.parseDouble(m.group(3)), 1e-12);
    assertEquals(Double.parseDouble(y[0]), Double.parseDouble(m.group(4)), 1e-12);
    assertEquals(Double.parseDouble(y[1]), Double.parseDouble(m.group(5)), 1e-12);
  }

  /** A folder holding pyarrow for {@link #PYTHON}: pip-installed once into target/, or null. */
  static Path pyarrowPath() throws Exception {
    Path dir = Path.of("target", "python-pyarrow").toAbsolutePath();
    if (Files.isDirectory(dir.resolve("pyarrow"))) {
      return dir;
    }
    // Debian has no python3-pyarrow; a wheel for the same Python version works with its pandas.
    Result r = run(tmp, "python3", "-m", "pip", "install", "--quiet", "--no-deps", "--target",
        dir.toString(), "pyarrow");
    return r != null && r.code() == 0 && Files.isDirectory(dir.resolve("pyarrow")) ? dir : null;
  }

  @Test
  void pythonExampleJoinsResultsToTheAnnotatedSnapshot() throws Exception {
    assumeTrue(pythonHas("ase") && pythonHas("pandas") && pythonHas("matplotlib"),
        "ASE, pandas or matplotlib is not installed for " + PYTHON);
    List<LaeResult> rows = ResultsWriter.readArrow(study.resolve("results.arrow"));
    Path script = SharedData.repo().resolve("examples/python/coordinate_map.py");
    List<String> routes = new ArrayList<>();
    Path pyarrow = pythonHas("pyarrow") ? null : pyarrowPath();
    for (int run = 0; run < 2; run++) {
      Path png = tmp.resolve("map" + run + ".png");
      Result r;
      if (run == 0) {
        r = run(tmp, PYTHON, script.toString(), study.toString(), "lj2d", png.toString());
      } else if (pyarrow != null) {
        r = run(tmp, "env", "PYTHONPATH=" + pyarrow, PYTHON, script.toString(),
            study.toString(), "lj2d", png.toString());
      } else {
        break;
      }
      assertEquals(0, r.code(), r.output());
      Matcher m = Pattern.compile("route=(\\S+) atoms=(\\d+) analysed=(\\d+) mismatches=0 "
          + "sigma=0.5").matcher(r.output());
      assertTrue(m.find(), r.output());
      routes.add(m.group(1));
      assertEquals(2457, Integer.parseInt(m.group(2)));
      assertEquals(rows.size(), Integer.parseInt(m.group(3)));
      assertTrue(Files.size(png) > 10_000, "a figure was drawn");
    }
    // Both routes ran where pyarrow could be had; the CSV route at least.
    assertTrue(routes.contains(pythonHas("pyarrow") ? "pyarrow" : "pandas-csv"), routes.toString());
    if (pyarrow != null) {
      assertEquals(List.of("pandas-csv", "pyarrow"), routes);
    }
  }
}
