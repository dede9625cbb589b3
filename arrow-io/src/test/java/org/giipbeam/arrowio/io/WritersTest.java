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
      // Every atom a centre: the NaN of atoms that were not would stop the project's own
      // readers, which refuse non-finite columns (ASE and OVITO read it: AseReadsAnnotatedTest).
      List<LaeResult> all = new java.util.ArrayList<>();
      for (int i = 0; i < f.atomCount(); i++) {
        all.add(new LaeResult(f.sample(), f.ids()[i], f.types()[i], i % 2 == 0, i + 1,
            new double[] {0.125 * i}, Map.of()));
      }
      Map<String, double[]> cols = AnnotatedFrameWriter.studyColumns(f, all);
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
        boolean isDump = back.source().endsWith(".dump");
        for (String name : f.properties().keySet()) {
          String written = isDump
              ? AnnotatedFrameWriter.dumpColumnName(name) : name;
          assertArrayEquals(f.property(name), back.property(written), 0, name);
        }
        assertArrayEquals(cols.get("class"), back.property(isDump ? "v_class" : "class"), 0);
        assertArrayEquals(cols.get("phi_1"), back.property(isDump ? "v_phi_1" : "phi_1"), 0);
      }
    }
  }

  @Test
  void annotatedDumpKeepsTheInputBoxHeaderAndMarksAtomsThatWereNotCentres() throws Exception {
    Path in = tmp.resolve("surface.dump");
    Files.writeString(in, String.join("\n",
        "ITEM: TIMESTEP", "7", "ITEM: NUMBER OF ATOMS", "3",
        "ITEM: BOX BOUNDS ss ss pp",
        "-2.8228016956913748e-01 5.5227280169568893e+01",
        "0.0000000000000000e+00 4.8e+01",
        "-5.5500000000000016e-01 5.5500000000000016e-01",
        "ITEM: ATOMS id type x y z c_pe energy",
        "1 1 1.0 2.0 0 -3.5 1.5", "2 2 3.0 4.0 0 -3.25 2.5", "3 1 5.0 6.0 0 -3.0 3.5", ""));
    Frame f = new LammpsDumpReader().withDimension(2).read(in);
    Map<String, double[]> cols = AnnotatedFrameWriter.studyColumns(f, resultsFor(f));
    Path out = tmp.resolve("annotated.dump");
    AnnotatedFrameWriter.create().withInputFile(in)
        .withTypeSymbols(AnnotatedFrameWriter.parseTypeSymbols("Ni,Nb"))
        .lammpsDump(out, f, cols);
    List<String> lines = Files.readAllLines(out);
    assertEquals("ITEM: BOX BOUNDS ss ss pp", lines.get(4));
    assertEquals("-5.5500000000000016e-01 5.5500000000000016e-01", lines.get(7));
    assertEquals("ITEM: ATOMS id type element x y z c_pe v_energy v_lae v_training v_class "
        + "v_phi_1 v_phi_2", lines.get(8));
    assertEquals("1 1 Ni 1.0 2.0 0.0 -3.5 1.5 0 0 -1 NaN NaN", lines.get(9));
    assertEquals("2 2 Nb 3.0 4.0 0.0 -3.25 2.5 1 1 4 0.5 -0.25", lines.get(10));

    Path xyz = tmp.resolve("annotated.xyz");
    AnnotatedFrameWriter.create().withInputFile(in).extendedXyz(xyz, f, cols);
    List<String> x = Files.readAllLines(xyz);
    // Without names or --types the species is ASE's dummy element X; z from the input's bounds.
    assertEquals(true, x.get(1).contains("pbc=\"F F T\""), x.get(1));
    assertEquals(true, x.get(1).contains("Origin=\"-0.2822801695691375 0.0 -0.5550000000000002\""),
        x.get(1));
    assertEquals(true, x.get(1).contains(
        "Properties=species:S:1:pos:R:3:id:I:1:type:I:1:c_pe:R:1:energy:R:1:lae:I:1:"
        + "training:I:1:class:I:1:phi_1:R:1:phi_2:R:1"), x.get(1));
    assertEquals("X 1.0 2.0 0.0 1 1 -3.5 1.5 0 0 -1 NaN NaN", x.get(2));

    // Another input's header, or none, gives a header made from the box.
    AnnotatedFrameWriter.create().withInputFile(ReadersTest.fixture("triclinic.dump"))
        .lammpsDump(out, f, cols);
    assertEquals("ITEM: BOX BOUNDS ff ff pp", Files.readAllLines(out).get(4));
  }

  @Test
  void typeSymbolsParseAndBadOnesAreRefused() {
    assertEquals(Map.of(1, "Ni", 2, "Nb"), AnnotatedFrameWriter.parseTypeSymbols("Ni,Nb"));
    assertEquals(Map.of(2, "O", 1, "Si"), AnnotatedFrameWriter.parseTypeSymbols("2=O, 1=Si"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AnnotatedFrameWriter.parseTypeSymbols("Ni,,Nb"));
    assertEquals("--types: '' is not an element symbol such as Ni (or TYPE=SYMBOL)",
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> AnnotatedFrameWriter.parseTypeSymbols("1=Ni,1=Nb"));
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
  void provenanceGoesIntoTheArrowSchemaAndTheCsvSidecar() throws Exception {
    List<LaeResult> rows = Fixtures.randomResults(new Random(5), 4, 2);
    Map<String, String> meta = Map.of("param.sigma", "0.5", "study.eps", "auto \"max slope\"");
    Path arrow = tmp.resolve("results.arrow");
    Path csv = tmp.resolve("results.csv");
    ResultsWriter.writeArrow(arrow, rows, meta);
    ResultsWriter.writeCsv(csv, rows, meta);
    Map<String, String> back = ResultsWriter.readArrowMetadata(arrow);
    assertEquals("0.5", back.get("param.sigma"));
    assertEquals("auto \"max slope\"", back.get("study.eps"));
    assertEquals("LaeResult", back.get("giip.type"));
    assertEquals(rows, ResultsWriter.readArrow(arrow));
    Path sidecar = tmp.resolve("results.csv-metadata.json");
    assertEquals(sidecar, ResultsWriter.csvSidecar(csv));
    Map<?, ?> json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(sidecar.toFile(), Map.class);
    assertEquals("results.csv", json.get("url"));
    assertEquals(meta, json.get("giip:metadata"));
    List<?> columns = (List<?>) ((Map<?, ?>) json.get("tableSchema")).get("columns");
    assertEquals(ResultsWriter.csvColumns(rows).size(), columns.size());
    assertEquals(Map.of("name", "class", "titles", "class", "datatype", "int"), columns.get(4));
    assertThrows(IllegalArgumentException.class,
        () -> ResultsWriter.writeArrow(arrow, rows, Map.of("coordinates", "9")));
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
