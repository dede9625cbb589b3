package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.io.LammpsDumpReader;
import org.giipbeam.arrowio.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GiipCliTest {
  @TempDir Path tmp;

  @Test
  void statsReportsTheBundledCrystalAndWritesAnAnnotatedDump() throws Exception {
    Path example = SharedData.repo().resolve("examples/lj2d/lj2d.dump");
    int rc = GiipCli.run("stats", example.toString(), "--dimension=2", "--rskin=1.3",
        "--rcut=1.75", "--output=" + tmp);
    assertEquals(0, rc);
    Frame f = new LammpsDumpReader().withDimension(2).read(tmp.resolve("lj2d-lae.dump"));
    assertEquals(2457, f.atomCount());
    // The crystal is mostly 6-coordinated; its defects are not.
    // A dump's added columns are per-atom variables (v_NAME), the names ASE's dump reader keeps.
    double[] nb = f.property("v_neighbours");
    long six = java.util.Arrays.stream(nb).filter(v -> v == 6).count();
    assertTrue(six > 0.95 * nb.length && six < nb.length, "six-coordinated: " + six);
    assertArrayEquals(new double[f.atomCount()],
        java.util.Arrays.stream(f.property("v_lae")).map(v -> v - 1).toArray(), 0);
  }

  @Test
  void helpOfEachCommandListsItsOptionsWithDefaults() {
    for (String command : new String[] {"study", "analyze", "demo"}) {
      String out = capture(() -> GiipCli.run(command, "--help"));
      assertTrue(out.contains("--rskin") && out.contains("Default: 3.0"), command + ": " + out);
      assertTrue(out.contains("--eps") && out.contains("Default: auto"), command);
    }
    String stats = capture(() -> GiipCli.run("stats", "--help"));
    for (String option : ParameterOptions.LAE_OPTIONS) {
      assertTrue(stats.contains("--" + option + "="), option + ": " + stats);
    }
    assertTrue(stats.contains("Default: 3.0"), stats);
    for (String command : new String[] {"compare", "stats"}) {
      String out = capture(() -> GiipCli.run(command, "--help"));
      assertTrue(out.contains("Usage: giip " + command), out);
    }
  }

  private static String capture(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true));
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString();
  }

  @Test
  void badInputIsAClearErrorAndExitCodeTwo() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true));
      int rc = GiipCli.run("stats", tmp.resolve("missing.dump").toString());
      assertEquals(2, rc);
    } finally {
      System.setErr(old);
    }
    assertEquals("giip: sample file not found: " + tmp.resolve("missing.dump"),
        err.toString().strip());
  }
}
