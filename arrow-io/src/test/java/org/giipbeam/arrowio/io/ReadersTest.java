package org.giipbeam.arrowio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small fixtures written for these tests, with values checked by hand. */
class ReadersTest {
  @TempDir Path tmp;

  static Path fixture(String name) throws Exception {
    return Path.of(ReadersTest.class.getResource("/fixtures/" + name).toURI());
  }

  @Test
  void triclinicDumpWithScaledCoordinates() throws Exception {
    Frame f = new LammpsDumpReader().read(fixture("triclinic.dump"));
    assertEquals("triclinic", f.sample());
    assertEquals(100, f.timestep());
    Box b = f.box();
    // Bounding box -1..12 with xy=2, xz=-1, yz=-1: the cell is x 0..10, y 1..10, z 0..8.
    assertArrayEquals(new double[] {0, 1, 0}, b.origin(), 0);
    assertArrayEquals(new double[] {10, 0, 0}, b.edge(0), 0);
    assertArrayEquals(new double[] {2, 9, 0}, b.edge(1), 0);
    assertArrayEquals(new double[] {-1, -1, 8}, b.edge(2), 0);
    assertTrue(b.periodic(0) && b.periodic(1) && !b.periodic(2));
    assertEquals(720, b.volume(), 1e-9);
    // s = (0.5, 0.5, 0.5): origin + (a + b + c)/2 = (5.5, 5, 4); s = (1, 0, 0.25): (9.75, .75, 2).
    assertArrayEquals(new double[] {0, 1, 0, 5.5, 5, 4, 9.75, 0.75, 2}, f.positions(), 1e-12);
    assertArrayEquals(new double[] {-3.5, -2.25, -1.0}, f.property("c_pe"), 0);
    assertArrayEquals(new int[] {1, 2, 1}, f.types());
  }

  @Test
  void aseExtendedXyz() throws Exception {
    Frame f = new ExtendedXyzReader().read(fixture("ase.extxyz"));
    assertEquals("ase", f.sample());
    assertArrayEquals(new long[] {1, 2, 3}, f.ids());
    // Species in alphabetical order: Nb = 1, Ni = 2.
    assertArrayEquals(new int[] {2, 1, 2}, f.types());
    assertEquals(Map.of(1, "Nb", 2, "Ni"), f.typeNames());
    assertArrayEquals(new double[] {2, 9, 0}, f.box().edge(1), 0);
    assertTrue(f.box().periodic(0) && f.box().periodic(1) && !f.box().periodic(2));
    assertArrayEquals(new double[] {0, 0, 0, 1.5, 2.5, 3.5, 5, 5, 5}, f.positions(), 0);
    assertArrayEquals(new double[] {0.2, 0, -0.2}, f.property("forces_1"), 0);
    assertArrayEquals(new double[] {-4, -5.5, -4.25}, f.property("energy"), 0);
  }

  @Test
  void ovitoExtendedXyzWithIdsTypesAndOrigin() throws Exception {
    Frame f = new ExtendedXyzReader().read(fixture("ovito.xyz"));
    assertArrayEquals(new long[] {7, 3}, f.ids());
    assertArrayEquals(new int[] {2, 1}, f.types());
    assertEquals(Map.of(1, "Ni", 2, "Nb"), f.typeNames());
    assertArrayEquals(new double[] {-10, -10, -10}, f.box().origin(), 0);
    assertArrayEquals(new double[] {1, 0}, f.property("selection"), 0);
  }

  @Test
  void twoDimensionalDumpWithSeveralFrames() throws Exception {
    Path file = fixture("two-frames-2d.dump");
    Frame last = new LammpsDumpReader().withDimension(2).read(file);
    assertEquals(2, last.dimension());
    assertEquals(10, last.timestep());
    assertArrayEquals(new long[] {2, 1}, last.ids());
    assertArrayEquals(new double[] {3.5, 4.5, 11.0, -2.0}, last.positions(), 0);
    assertTrue(last.properties().isEmpty(), "z of a 2D dump is dropped");
    Frame first = new LammpsDumpReader().withDimension(2).withFrameIndex(0).read(file);
    assertEquals(0, first.timestep());
    assertArrayEquals(new double[] {1, 2, 3, 4}, first.positions(), 0);
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> new LammpsDumpReader().withDimension(2).withFrameIndex(2).read(file));
    assertEquals("two-frames-2d.dump: frame index out of range: the file has 2 frame(s)"
        + " (value '2')", e.getMessage());
  }

  @Test
  void gzippedDumpReadsLikeThePlainOne() throws Exception {
    byte[] plain = Files.readAllBytes(fixture("triclinic.dump"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    Path file = tmp.resolve("triclinic.dump.gz");
    Files.write(file, gz.toByteArray());
    Frame a = new LammpsDumpReader().read(fixture("triclinic.dump"));
    Frame b = new LammpsDumpReader().read(file);
    assertEquals("triclinic", b.sample());
    assertEquals(a.withSample("x").toBuilder().source("").build(),
        b.withSample("x").toBuilder().source("").build());
  }

  @Test
  void everyCoordinateStyleGivesTheSamePositions() throws Exception {
    String head = "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1\nITEM: BOX BOUNDS pp pp pp\n"
        + "2 12\n0 20\n0 40\n";
    double[] expected = {4.5, 5, 30};
    String[][] styles = {{"x y z", "4.5 5 30"}, {"xu yu zu", "4.5 5 30"},
        {"xs ys zs", "0.25 0.25 0.75"}, {"xsu ysu zsu", "0.25 0.25 0.75"}};
    for (String[] s : styles) {
      String text = head + "ITEM: ATOMS id type " + s[0] + " vx\n1 1 " + s[1] + " 0.5\n";
      Frame f = new LammpsDumpReader().read(new ByteArrayInputStream(text.getBytes()), "s.dump");
      assertArrayEquals(expected, f.positions(), 1e-12, s[0]);
      assertArrayEquals(new double[] {0.5}, f.property("vx"), 0, "extra column kept");
    }
  }

  @Test
  void typeNamesFromAnElementColumn() throws Exception {
    String text = "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS ff ff ff\n"
        + "0 10\n0 10\n0 10\nITEM: ATOMS id type element x y z\n1 1 Ni 1 1 1\n2 2 Nb 2 2 2\n";
    Frame f = new LammpsDumpReader().read(new ByteArrayInputStream(text.getBytes()), "e.dump");
    assertEquals(Map.of(1, "Ni", 2, "Nb"), f.typeNames());
    assertFalse(f.box().periodic(0));
  }

  @Test
  void triclinicChargeDataFile() throws Exception {
    Frame f = new LammpsDataReader().read(fixture("triclinic-charge.data"));
    assertEquals("triclinic-charge", f.sample());
    Box b = f.box();
    // xlo..xhi 0..10, ylo..yhi 1..10, zlo..zhi 0..8, tilts 2, -1, -1: the cell of triclinic.dump.
    assertArrayEquals(new double[] {0, 1, 0}, b.origin(), 0);
    assertArrayEquals(new double[] {10, 0, 0}, b.edge(0), 0);
    assertArrayEquals(new double[] {2, 9, 0}, b.edge(1), 0);
    assertArrayEquals(new double[] {-1, -1, 8}, b.edge(2), 0);
    assertEquals(720, b.volume(), 1e-9);
    assertTrue(b.periodic(0) && b.periodic(1) && b.periodic(2), "data files: periodic");
    assertArrayEquals(new long[] {3, 1, 2, 4}, f.ids());
    assertArrayEquals(new int[] {2, 1, 1, 2}, f.types());
    assertArrayEquals(new double[] {5.5, 5, 4, 0, 1, 0, 9.75, 0.75, 2, 1, 2, 3}, f.positions(), 0);
    assertArrayEquals(new double[] {-0.5, 0.25, 0.25, 0}, f.property("q"), 0);
    assertEquals(Map.of(1, "Ni", 2, "Nb"), f.typeNames(), "names from the Masses comments");
  }

  @Test
  void molecularDataFileWithoutMasses() throws Exception {
    Frame f = new LammpsDataReader().read(fixture("molecular.data"));
    assertArrayEquals(new double[] {-5, -5, 0}, f.box().origin(), 0);
    assertArrayEquals(new double[] {0, 0, 20}, f.box().edge(2), 0);
    assertArrayEquals(new int[] {1, 2, 1}, f.types());
    assertArrayEquals(new double[] {0, 0, 1, 1.5, 0, 1, -2, 3, 4.5}, f.positions(), 0);
    assertArrayEquals(new double[] {7, 7, 8}, f.property("mol"), 0);
    assertTrue(f.typeNames().isEmpty());
    // The same atoms read in 2D are refused: z is not constant.
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> new LammpsDataReader().withDimension(2).read(fixture("molecular.data")));
    assertEquals(16, e.line(), "atom 3, the first whose z differs");
  }

  @Test
  void poscarWithAVolumeAsScaleFactor() throws Exception {
    Frame f = new PoscarReader().read(fixture("POSCAR-volume"));
    assertEquals("POSCAR-volume", f.sample());
    // Given cell 1 x 1 x 2 (volume 2), wanted volume 250: scale (250 / 2)^(1/3) = 5.
    assertArrayEquals(new double[] {5, 0, 0}, f.box().edge(0), 1e-12);
    assertArrayEquals(new double[] {0, 0, 10}, f.box().edge(2), 1e-12);
    assertEquals(250, f.box().volume(), 1e-9);
    assertArrayEquals(new long[] {1, 2, 3}, f.ids());
    assertArrayEquals(new int[] {1, 1, 2}, f.types());
    assertEquals(Map.of(1, "Ni", 2, "Nb"), f.typeNames());
    // Direct (0.5, 0.5, 0.5) -> (2.5, 2.5, 5); (0.25, 0, 0.75) -> (1.25, 0, 7.5).
    assertArrayEquals(new double[] {0, 0, 0, 2.5, 2.5, 5, 1.25, 0, 7.5}, f.positions(), 1e-12);
  }

  @Test
  void contcarInTheVasp4LayoutWithSelectiveDynamics() throws Exception {
    Frame f = new PoscarReader().read(fixture("CONTCAR-selective"));
    // Scale 2: a = (6, 0, 0), b = (2, 6, 0), c = (0, 0, 8); Cartesian positions scaled too.
    assertArrayEquals(new double[] {2, 6, 0}, f.box().edge(1), 0);
    assertEquals(288, f.box().volume(), 1e-9);
    assertArrayEquals(new int[] {1, 2, 2}, f.types());
    assertTrue(f.typeNames().isEmpty(), "VASP 4: no species line");
    assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2, 4, 1, 3}, f.positions(), 0);
    assertTrue(SampleReaders.reader(fixture("CONTCAR-selective")) instanceof PoscarReader);
    assertTrue(SampleReaders.reader(fixture("molecular.data")) instanceof LammpsDataReader);
  }

  @Test
  void framesOfATrajectoryAsSamples() throws Exception {
    var frames = new LammpsDumpReader().withDimension(2).frames(fixture("two-frames-2d.dump"), 1);
    assertEquals(2, frames.size());
    assertEquals("two-frames-2d-frame0", frames.get(0).sample());
    assertEquals("two-frames-2d-frame1", frames.get(1).sample());
    assertEquals(10, frames.get(1).timestep());
    var list = SampleReaders.read(fixture("two-frames-2d.dump"), 2, "t", 0, 0, null);
    assertEquals(1, list.size());
    assertEquals("t", list.get(0).sample());
    assertEquals(0, list.get(0).timestep());
  }

  @Test
  void elementNamesGiveTheSameTypeInEverySample() throws Exception {
    // ase.extxyz holds Ni and Nb (sorted: Nb = 1, Ni = 2); a file with Ni alone would make Ni
    // type 1. A study-wide list makes Ni type 2 in both.
    Frame both = new ExtendedXyzReader().read(fixture("ase.extxyz"));
    String niOnly = "1\nProperties=species:S:1:pos:R:3\nNi 0 0 0\n";
    Frame ni = new ExtendedXyzReader().read(new ByteArrayInputStream(niOnly.getBytes()), "ni.xyz");
    assertArrayEquals(new int[] {1}, ni.types(), "per file: Ni is type 1 here");
    ElementTypes study = ElementTypes.sortedOf(java.util.List.of(both, ni));
    assertEquals("Nb,Ni", study.toString());
    assertArrayEquals(new int[] {2}, study.apply(ni).types());
    assertArrayEquals(new int[] {2, 1, 2}, study.apply(both).types());
    Frame mapped = new ExtendedXyzReader().withTypes(ElementTypes.parse("Ni,Nb"))
        .read(fixture("ase.extxyz"));
    assertArrayEquals(new int[] {1, 2, 1}, mapped.types());
    assertEquals(Map.of(1, "Ni", 2, "Nb"), mapped.typeNames());
    assertThrows(IllegalArgumentException.class, () -> ElementTypes.parse("Ni,,Nb"));
    assertThrows(IllegalArgumentException.class, () -> ElementTypes.parse("Ni,Ni"));
    // A dump whose types have no names cannot be mapped by name.
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> new LammpsDumpReader().withTypes(study).read(fixture("triclinic.dump")));
    assertEquals("triclinic.dump:10: type 1 has no element name, so the element types Nb,Ni"
        + " cannot map it (value '1')", e.getMessage());
  }

  @Test
  void aTwoDimensionalDumpReadAs3dGetsTheDimensionHint() throws Exception {
    Frame f = new LammpsDumpReader().withFrameIndex(0).read(fixture("two-frames-2d.dump"));
    assertEquals("two-frames-2d.dump: r_cut 1.75 is not smaller than half the periodic cell"
        + " width 1.0 across z; replicate the sample or use a smaller cutoff; z is 0.0 for all 2"
        + " atoms: if this is a 2D sample, read it with --dimension=2",
        FrameChecks.cutoffProblem(f, 1.75));
    Frame f2 = new LammpsDumpReader().withDimension(2).withFrameIndex(0)
        .read(fixture("two-frames-2d.dump"));
    assertEquals(null, FrameChecks.cutoffProblem(f2, 1.75));
    assertEquals("two-frames-2d.dump: r_cut 5.0 is not smaller than half the periodic cell"
        + " width 10.0 across x; replicate the sample or use a smaller cutoff",
        FrameChecks.cutoffProblem(f2, 5.0));
  }
}
