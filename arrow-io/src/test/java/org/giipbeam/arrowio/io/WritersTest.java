package org.giipbeam.arrowio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritersTest {
  @TempDir Path tmp;

  private static List<LaeResult> resultsFor(Frame f) {
    // Atoms 2 and 3 (ids) were centres: 2 in training, class 4; 3 extension, class 1.
    return List.of(
        new LaeResult(f.sample(), 2, 2, true, 4, new double[] {0.5, -0.25}, Map.of()),
        new LaeResult(f.sample(), 3, 1, false, 1, new double[] {-1.5, 2.0}, Map.of()));
  }

  @Test
  void studyColumnsFillAtomsThatWereNotCentres() throws Exception {
    Frame f = new LammpsDumpReader().read(ReadersTest.fixture("triclinic.dump"));
    Map<String, double[]> cols = AnnotatedFrameWriter.studyColumns(f, resultsFor(f));
    assertEquals(List.of("lae", "training", "class", "phi_1", "phi_2"),
        List.copyOf(cols.keySet()));
    assertArrayEquals(new double[] {0, 1, 1}, cols.get("lae"), 0);
    assertArrayEquals(new double[] {0, 1, 0}, cols.get("training"), 0);
    assertArrayEquals(new double[] {AnnotatedFrameWriter.NO_CLASS, 4, 1}, cols.get("class"), 0);
    assertArrayEquals(new double[] {AnnotatedFrameWriter.NO_COORDINATE, 0.5, -1.5},
        cols.get("phi_1"), 0);
  }

  @Test
  void annotatedDumpAndExtendedXyzReadBackExactly() throws Exception {
    for (String fixture : List.of("triclinic.dump", "ase.extxyz")) {
      Frame f = fixture.endsWith(".dump")
          ? new LammpsDumpReader().read(ReadersTest.fixture(fixture))
          : new ExtendedXyzReader().read(ReadersTest.fixture(fixture));
      Map<String, double[]> cols = AnnotatedFrameWriter.studyColumns(f, List.of(
          new LaeResult(f.sample(), 2, 1, true, 3, new double[] {0.125}, Map.of())));
      Path dump = tmp.resolve(f.sample() + ".dump");
      Path xyz = tmp.resolve(f.sample() + ".xyz");
      AnnotatedFrameWriter.writeLammpsDump(dump, f, cols);
      AnnotatedFrameWriter.writeExtendedXyz(xyz, f, cols);
      for (Frame back : List.of(new LammpsDumpReader().read(dump),
          new ExtendedXyzReader().read(xyz))) {
        assertArrayEquals(f.ids(), back.ids(), fixture);
        assertArrayEquals(f.types(), back.types(), fixture);
        assertArrayEquals(f.positions(), back.positions(), 1e-12, fixture);
        assertEquals(f.box().periodic(0), back.box().periodic(0));
        assertEquals(f.box().periodic(2), back.box().periodic(2));
        for (int k = 0; k < 3; k++) {
          assertArrayEquals(f.box().edge(k), back.box().edge(k), 1e-12);
        }
        assertArrayEquals(f.box().origin(), back.box().origin(), 1e-12);
        for (String name : f.properties().keySet()) {
          assertArrayEquals(f.property(name), back.property(name), 0, name);
        }
        assertArrayEquals(cols.get("class"), back.property("class"), 0);
        assertArrayEquals(cols.get("phi_1"), back.property("phi_1"), 0);
      }
    }
  }

  @Test
  void twoDimensionalFramesWriteWithZeroZ() throws Exception {
    Frame f = new LammpsDumpReader().withDimension(2)
        .read(ReadersTest.fixture("two-frames-2d.dump"));
    Path out = tmp.resolve("2d.dump");
    AnnotatedFrameWriter.writeLammpsDump(out, f, Map.of());
    Frame back = new LammpsDumpReader().withDimension(2).read(out);
    assertArrayEquals(f.positions(), back.positions(), 0);
    assertArrayEquals(f.box().edge(1), back.box().edge(1), 0);
  }

  @Test
  void resultsCsvAndArrowAgree() throws Exception {
    List<LaeResult> rows = Fixtures.randomResults(new Random(4), 20, 3);
    Path csv = tmp.resolve("results.csv");
    Path arrow = tmp.resolve("results.arrow");
    ResultsWriter.writeCsv(csv, rows);
    ResultsWriter.writeArrow(arrow, rows);
    assertEquals(rows, ResultsWriter.readArrow(arrow));
    List<String> lines = Files.readAllLines(csv);
    assertEquals("sample,centre_id,centre_type,training,class,phi_1,phi_2,phi_3,"
        + "c_pe,composition_1,coordination", lines.get(0)); // descriptors in name order
    assertEquals(21, lines.size());
    String[] second = lines.get(2).split(",");
    LaeResult r = rows.get(1);
    assertEquals(r.sample(), second[0]);
    assertEquals(r.classLabel(), Integer.parseInt(second[4]));
    assertEquals(r.coordinates()[2], Double.parseDouble(second[7]), 0);
    assertEquals(r.descriptors().get("c_pe"), Double.parseDouble(second[8]), 0);
    assertEquals("\"a,\"\"b\"\"\"", ResultsWriter.csvText("a,\"b\""));
  }

  @Test
  void aFailedWriteLeavesNoFile() throws Exception {
    // A cell whose first edge is not along x cannot be a LAMMPS box: the writer fails midway.
    Box skew = Box.fromEdges(new double[] {0, 0, 0},
        new double[][] {{5, 1, 0}, {0, 5, 0}, {0, 0, 5}}, new boolean[] {true, true, true});
    Frame f = Frame.builder().box(skew).atoms(new long[] {1}, new int[] {1},
        new double[] {1, 1, 1}).build();
    Path out = tmp.resolve("skew.dump");
    Files.writeString(out, "an older file that must survive");
    assertThrows(IllegalArgumentException.class,
        () -> AnnotatedFrameWriter.writeLammpsDump(out, f, Map.of()));
    assertEquals("an older file that must survive", Files.readString(out));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }
}
