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
}
