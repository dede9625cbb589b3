package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.arrowio.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies with the default ε (--eps=auto) on samples unlike the bundled example's test
 * settings: a thermal 3D crystal made here, and the paper's NiNb glass. Each must finish, with
 * finite coordinates and the chosen ε and its reason in the console and the report.
 */
class DefaultEpsilonStudyTest {
  @TempDir Path tmp;

  /**
   * An fcc crystal (a = 3.52 Å, 5 × 5 × 5 cells, periodic) with thermal displacements of
   * 0.08 Å and a vacancy cluster of four atoms, as a LAMMPS dump.
   */
  static Path thermalFcc(Path dir) throws Exception {
    double a = 3.52;
    int cells = 5;
    double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    SplittableRandom rnd = new SplittableRandom(2022);
    List<String> atoms = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < cells; i++) {
      for (int j = 0; j < cells; j++) {
        for (int k = 0; k < cells; k++) {
          for (double[] b : basis) {
            id++;
            if (i == 2 && j == 2 && k == 2) {
              continue; // the vacancy cluster: one cell emptied
            }
            double x = (i + b[0]) * a + 0.08 * rnd.nextGaussian();
            double y = (j + b[1]) * a + 0.08 * rnd.nextGaussian();
            double z = (k + b[2]) * a + 0.08 * rnd.nextGaussian();
            atoms.add(String.format(Locale.ROOT, "%d 1 %.6f %.6f %.6f", id, x, y, z));
          }
        }
      }
    }
    double l = cells * a;
    StringBuilder sb = new StringBuilder("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n")
        .append(atoms.size()).append("\nITEM: BOX BOUNDS pp pp pp\n");
    for (int d = 0; d < 3; d++) {
      sb.append("0 ").append(l).append('\n');
    }
    sb.append("ITEM: ATOMS id type x y z\n");
    atoms.forEach(s -> sb.append(s).append('\n'));
    Path f = dir.resolve("fcc-thermal.dump");
    Files.writeString(f, sb);
    return f;
  }

  static void assertSensible(Path dir, String printed) throws Exception {
    assertTrue(printed.contains("chosen automatically: the larger of the kernel-sum rule's"),
        printed);
    assertTrue(Files.readString(dir.resolve("report.md")).contains("chosen automatically"));
    List<LaeResult> rows = ResultsWriter.readArrow(dir.resolve(StudyFolder.RESULTS_ARROW));
    for (LaeResult r : rows) {
      for (double v : r.coordinates()) {
        assertTrue(Double.isFinite(v), r.toString());
      }
    }
  }

  @Test
  void thermalCrystalWithDefaultOptions() throws Exception {
    Path sample = thermalFcc(tmp);
    Path out = tmp.resolve("fcc");
    // Only the sample, the folder and a small training set: everything else is the default.
    String printed = StudyFolderTest.study("--samples=" + sample, "--output=" + out,
        "--trainingPerSample=60", "--extensionFraction=0.2", "--coordinates=4");
    assertSensible(out, printed);
  }

  @Test
  void ninbGlassTrainingOnlyWithDefaultEpsilon() throws Exception {
    Path glass = SharedData.ninbGlass();
    assumeTrue(Files.isRegularFile(glass.resolve("quench100K.dump")),
        "skipped: the NiNb glass is not in " + glass);
    Path out = tmp.resolve("ninb");
    String printed = StudyFolderTest.study(
        "--samples=" + glass.resolve("quench100K.dump") + "," + glass.resolve("quench10M.dump"),
        "--species=sign:1,2", "--centreTypes=1", "--trainingPerSample=100",
        "--extensionFraction=0", "--output=" + out);
    assertSensible(out, printed);
    assertEquals(200, ResultsWriter.readArrow(out.resolve(StudyFolder.RESULTS_ARROW)).size());
  }
}
