package org.giipbeam.arrowio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.giipbeam.arrowio.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new readers against ASE (Debian's python3-ase, an independent implementation): ASE reads
 * the hand-made fixtures to the same cell and positions, and files ASE writes are read to ASE's
 * own atoms. Skips when /usr/bin/python3 has no ASE. Not compared: POSCAR-volume (ASE 3.22
 * takes a negative scale factor as a plain factor, where VASP takes it as the cell volume) and
 * CONTCAR-selective (ASE cannot name VASP 4 species without a POTCAR).
 */
class AseReadersTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  @TempDir Path tmp;

  @BeforeAll
  static void aseIsInstalled() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import ase.io")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ASE not installed");
  }

  private record AseView(double[] cell, TreeMap<Long, double[]> atoms) {}

  private static AseView ase(String... args) throws IOException, InterruptedException {
    Path script = Path.of("src/test/python/ase_readers.py");
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("ASE failed: " + out);
    }
    double[] cell = null;
    TreeMap<Long, double[]> atoms = new TreeMap<>();
    for (String line : out.split("\n")) {
      String[] t = line.strip().split(" +");
      if (t[0].equals("cell")) {
        cell = new double[9];
        for (int i = 0; i < 9; i++) {
          cell[i] = Double.parseDouble(t[i + 1]);
        }
      } else if (t[0].equals("atom")) {
        atoms.put(Long.parseLong(t[1]), new double[] {Double.parseDouble(t[2]),
            Double.parseDouble(t[3]), Double.parseDouble(t[4])});
      }
    }
    return new AseView(cell, atoms);
  }

  private static void assertSame(AseView ase, Frame f, String what) {
    double[] cell = new double[9];
    for (int k = 0; k < 3; k++) {
      System.arraycopy(f.box().edge(k), 0, cell, 3 * k, 3);
    }
    assertArrayEquals(ase.cell(), cell, 1e-9, what + ": cell");
    assertEquals(ase.atoms().size(), f.atomCount(), what + ": atoms");
    for (int i = 0; i < f.atomCount(); i++) {
      double[] p = {f.position(i, 0), f.position(i, 1), f.position(i, 2)};
      assertArrayEquals(ase.atoms().get(f.ids()[i]), p, 1e-9, what + ": atom " + f.ids()[i]);
    }
  }

  @Test
  void aseReadsTheDataFixturesAsWeDo() throws Exception {
    for (String[] c : new String[][] {{"triclinic-charge.data", "charge"},
        {"molecular.data", "molecular"}}) {
      Path file = ReadersTest.fixture(c[0]);
      Frame f = new LammpsDataReader().read(file);
      AseView a = ase("read", file.toString(), "lammps-data", c[1]);
      // ASE's cell is the cell's edges from the origin; positions are absolute in both.
      assertSame(a, f, c[0]);
    }
  }

  @Test
  void filesAseWritesReadToAsesAtoms() throws Exception {
    AseView written = ase("write", tmp.toString());
    for (String name : new String[] {"ase-atomic.data", "ase-charge.data", "ase-full.data",
        "POSCAR-ase-direct", "POSCAR-ase-cartesian"}) {
      Path file = tmp.resolve(name);
      Frame f = SampleReaders.reader(file).read(file);
      assertSame(written, f, name);
      if (name.startsWith("POSCAR")) {
        assertEquals(java.util.Map.of(1, "Ni", 2, "Nb"), f.typeNames(), name);
      }
    }
  }
}
