package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ExtendedXyzReader;
import org.giipbeam.arrowio.io.LammpsDumpReader;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.arrowio.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** study, then analyze, on the bundled crystal: the outputs exist, parse and agree. */
class StudyEndToEndTest {
  @TempDir static Path tmp;
  static Path study;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  /** The test study's options; {@code overrides} replace options of the same name. */
  static String[] args(Path out, String... overrides) {
    Map<String, String> a = new java.util.LinkedHashMap<>();
    for (String o : List.of(
        "--samples=" + SharedData.repo().resolve("examples/lj2d/lj2d.dump"),
        "--dimension=2", "--rskin=1.3", "--rcut=1.75", "--sigma=0.5", "--eps=1.0",
        "--cut=1.0", "--trainingExtremes=c_pe:20:60", "--coordinates=4",
        "--output=" + out)) {
      a.put(o.substring(0, o.indexOf('=')), o);
    }
    for (String o : overrides) {
      a.put(o.substring(0, o.indexOf('=')), o);
    }
    return a.values().toArray(new String[0]);
  }

  @BeforeAll
  static void runStudy() throws Exception {
    study = StudyCommands.study(args(tmp.resolve("study")), QUIET);
  }

  @Test
  void outputsExistAndAgree() throws Exception {
    for (String f : List.of("study.json", "results.arrow", "results.csv", "eigen.csv",
        "eps-sweep.csv", "models.bin", "report.html", "report.md", "annotated/lj2d.dump",
        "annotated/lj2d.xyz", "distances/training/tile-0-0.arrow",
        "distances/training-laes.arrow", "manifest.json", "results.csv-metadata.json",
        "explore.html", "kernel_sum_sweep.png", "kernel_sum_sweep.svg", "exemplars.png",
        "exemplars.svg")) {
      assertTrue(Files.isRegularFile(study.resolve(f)), f);
    }
    List<LaeResult> rows = ResultsWriter.readArrow(study.resolve("results.arrow"));
    assertEquals(2457, rows.size());
    assertEquals(80, rows.stream().filter(LaeResult::training).count());
    assertEquals(rows.size() + 1, Files.readAllLines(study.resolve("results.csv")).size());
    // The annotated samples carry the same classes and coordinates as results.arrow.
    Frame dump = new LammpsDumpReader().withDimension(2).read(study.resolve("annotated/lj2d.dump"));
    Frame xyz = new ExtendedXyzReader().withDimension(2).read(study.resolve("annotated/lj2d.xyz"));
    Map<Long, LaeResult> byId = new HashMap<>();
    rows.forEach(r -> byId.put(r.centreId(), r));
    for (Frame f : List.of(dump, xyz)) {
      // In a dump the study's columns are per-atom variables (v_class), which ASE keeps.
      String prefix = f == dump ? "v_" : "";
      for (int i = 0; i < f.atomCount(); i++) {
        LaeResult r = byId.get(f.ids()[i]);
        assertEquals(r.classLabel(), (int) f.property(prefix + "class")[i]);
        assertEquals(r.coordinates()[0], f.property(prefix + "phi_1")[i], 0);
      }
    }
    // Every class is at least 1; the coordinates are finite.
    for (LaeResult r : rows) {
      assertTrue(r.classLabel() >= 1);
      for (double v : r.coordinates()) {
        assertTrue(Double.isFinite(v));
      }
    }
    assertTrue(Files.readString(study.resolve("report.html")).contains("data:image/png;base64"));
    String md = Files.readString(study.resolve("report.md"));
    assertTrue(md.contains("## Exemplars") && md.contains("| class 1 |"), md);
  }

  /**
   * The coordinate that tracks area strain lights up the four dislocation cores: its largest
   * |φ| LAEs away from the vacancy cluster lie at the cores that examples/lj2d/README.md
   * locates from the 7-coordinated atoms. The report names coordination's best direction and
   * the strain's best coordinate, and the maps are drawn.
   */
  @Test
  void strainCoordinateFindsTheDislocationCores() throws Exception {
    double[][] cores = {{9, 4.5}, {19.2, 15.5}, {42, 25}, {32, 35.8}};
    double[] vacancy = {27.3, 44.5};
    List<LaeResult> rows = ResultsWriter.readArrow(study.resolve("results.arrow"));
    assertTrue(rows.get(0).descriptors().containsKey("area_strain"));
    assertTrue(rows.get(0).descriptors().containsKey("voronoi_sides"));
    List<org.giipbeam.pipelines.report.DescriptorDirections.Row> dir =
        org.giipbeam.pipelines.report.DescriptorDirections.of(rows, List.of(1, 2, 3, 4),
            List.of(new int[] {1, 3}, new int[] {3, 4}), List.of("coordination", "area_strain"));
    assertTrue(dir.get(0).bestRSquared() >= 0.9, "coordination r² " + dir.get(0).bestRSquared());
    int k = dir.get(1).coordinate();
    assertTrue(dir.get(1).coordinateFit().rSquared() >= 0.5,
        "φ_" + k + " tracks area strain with r² " + dir.get(1).coordinateFit().rSquared());
    Frame f = new LammpsDumpReader().withDimension(2)
        .read(SharedData.repo().resolve("examples/lj2d/lj2d.dump"));
    double lx = f.box().h(0, 0);
    double ly = f.box().h(1, 1);
    Map<Long, double[]> at = new HashMap<>();
    for (int i = 0; i < f.atomCount(); i++) {
      at.put(f.ids()[i], new double[] {f.position(i, 0), f.position(i, 1)});
    }
    List<LaeResult> interior = rows.stream()
        .filter(r -> distance(at.get(r.centreId()), vacancy, lx, ly) > 6)
        .sorted((a, b) -> Double.compare(Math.abs(b.coordinates()[k - 1]),
            Math.abs(a.coordinates()[k - 1])))
        .limit(10).toList();
    int nearCore = 0;
    boolean[] seen = new boolean[cores.length];
    for (LaeResult r : interior) {
      for (int c = 0; c < cores.length; c++) {
        if (distance(at.get(r.centreId()), cores[c], lx, ly) < 2.5) {
          nearCore++;
          seen[c] = true;
          break;
        }
      }
    }
    assertTrue(nearCore >= 8, nearCore + " of the 10 largest |φ_" + k + "| near a core");
    for (int c = 0; c < cores.length; c++) {
      assertTrue(seen[c], "core " + java.util.Arrays.toString(cores[c]) + " lit up");
    }
    String md = Files.readString(study.resolve("report.md"));
    assertTrue(md.contains("## Directions") && md.contains("| coordination | φ_"), md);
    assertTrue(md.contains("| area_strain | φ_" + k + " |"), "strain's best coordinate named");
    for (String m : new String[] {"maps/lj2d_class.png", "maps/lj2d_phi" + k + ".png"}) {
      assertTrue(Files.isRegularFile(study.resolve(m)), m);
      assertTrue(md.contains("](" + m + ")"), m + " in the report");
    }
  }

  /** Minimum-image distance in a periodic x–y box. */
  static double distance(double[] p, double[] q, double lx, double ly) {
    double dx = Math.abs(p[0] - q[0]);
    double dy = Math.abs(p[1] - q[1]);
    return Math.hypot(Math.min(dx, lx - dx), Math.min(dy, ly - dy));
  }

  @Test
  void analyzeWithTheSameParametersReproducesTheStudy() throws Exception {
    Path again = StudyCommands.analyze(new String[] {"--from=" + study,
        "--output=" + tmp.resolve("again"), "--eps=1.0", "--cut=1.0", "--coordinates=4"},
        QUIET);
    List<LaeResult> a = ResultsWriter.readArrow(study.resolve("results.arrow"));
    List<LaeResult> b = ResultsWriter.readArrow(again.resolve("results.arrow"));
    assertEquals(a, b);
    // A new ε and number of classes reuse the distances.
    Path other = StudyCommands.analyze(new String[] {"--from=" + study,
        "--output=" + tmp.resolve("other"), "--eps=0.7", "--classes=3", "--coordinates=3"},
        QUIET);
    List<LaeResult> c = ResultsWriter.readArrow(other.resolve("results.arrow"));
    // analyze records the split of the distances it reuses, not the defaults.
    for (String f : new String[] {"report.md", "study.json"}) {
      String text = Files.readString(other.resolve(f));
      assertTrue(text.contains("20 lowest and 60 highest by c_pe"), f + ": " + text);
    }
    assertEquals(3, c.stream().mapToInt(LaeResult::classLabel).max().getAsInt());
    assertEquals(3, c.get(0).coordinates().length);
  }

  @Test
  void analyzeRefusesOtherDistanceParameters() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StudyCommands.analyze(new String[] {"--from=" + study, "--rcut=1.9",
            "--output=" + tmp.resolve("refused")}, QUIET));
    assertTrue(e.getMessage().contains("other LAE/GIIP parameters"), e.getMessage());
  }

  @Test
  void badOptionsFailBeforeAnyWork() {
    Map<String, String> cases = Map.of(
        "--samples=no-such-file.dump", "sample file not found",
        "--rskin=2.0", "r_cut must be finite and larger than r_skin",
        "--sigma=0", "σ must be a positive finite number",
        "--trainingExtremes=c_pe:2000:2000", "fewer than the 4000 training LAEs",
        "--centreTypes=7", "no atoms of centre type 7",
        "--planes=1,9", "'1,9' needs two different coordinates in 1..4",
        "--planes=1-2", "'1-2' is not I,J");
    cases.forEach((opt, msg) -> {
      Path out = tmp.resolve("bad" + Math.abs(opt.hashCode()));
      Exception e = assertThrows(IllegalArgumentException.class,
          () -> StudyCommands.study(args(out, opt), QUIET), opt);
      assertTrue(e.getMessage().contains(msg), opt + ": " + e.getMessage());
      assertTrue(!Files.exists(out), "no output folder for " + opt);
    });
  }

  /**
   * The study's results equal those of main before the study was built from the public
   * transforms (src/test/resources/reference/README.md says how they were made): the same LAEs,
   * training split and classes, φ to 1e-12.
   */
  @Test
  void resultsEqualTheReferenceStudy() throws Exception {
    List<String> reference;
    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(
        StudyEndToEndTest.class.getResourceAsStream("/reference/lj2d-study-results.csv.gz"))) {
      reference = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .toList();
    }
    assertEquals("sample,centre_id,training,class,phi_1,phi_2,phi_3,phi_4", reference.get(0));
    List<LaeResult> rows = ResultsWriter.readArrow(study.resolve("results.arrow"));
    assertEquals(reference.size() - 1, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] e = reference.get(i + 1).split(",");
      LaeResult r = rows.get(i);
      String at = r.sample() + "/" + r.centreId();
      assertEquals(e[0], r.sample());
      assertEquals(Long.parseLong(e[1]), r.centreId());
      assertEquals(Boolean.parseBoolean(e[2]), r.training(), at);
      assertEquals(Integer.parseInt(e[3]), r.classLabel(), at);
      assertEquals(4, r.coordinates().length);
      for (int k = 0; k < 4; k++) {
        assertEquals(Double.parseDouble(e[4 + k]), r.coordinates()[k], 1e-12,
            at + " φ" + (k + 1));
      }
    }
  }
}
