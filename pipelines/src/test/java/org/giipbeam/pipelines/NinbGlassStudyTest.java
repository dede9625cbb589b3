package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.ResultsWriter;
import org.giipbeam.arrowio.testing.SharedData;
import org.giipbeam.pipelines.CliUserErrorsTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's NiNb glass, reduced to what runs in a CI build (skipped without
 * ../shared/data/ninb-glass): the fastest and the slowest quench, 150 Ni-centred training LAEs
 * each and no extension, with the paper's LAE/GIIP parameters (r_skin 3, r_cut 4, sign species,
 * σ = 1, ε = 1.5). Asserted is physics only: the Ni fraction of the neighbours is a direction
 * of the map (the paper: r² 0.97), and the partial RDFs around Ni have their first peaks where
 * the data's README puts them (2.52 Å Ni–Ni, 2.58 Å Ni–Nb). The symmetry descriptors and the
 * fast/slow comparison are checked to be reported, not for their values.
 */
class NinbGlassStudyTest {
  @TempDir static Path tmp;
  static Path study;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @BeforeAll
  static void runStudy() throws Exception {
    Path data = SharedData.ninbGlass();
    assumeTrue(Files.isRegularFile(data.resolve("quench100K.dump"))
        && Files.isRegularFile(data.resolve("quench10M.dump")), "no " + data);
    study = StudyCommands.study(new String[] {
        "--samples=" + data.resolve("quench100K.dump") + "," + data.resolve("quench10M.dump"),
        "--labels=quench100K,quench10M", "--groups=fast,slow", "--rskin=3", "--rcut=4",
        "--species=sign:1,2", "--centreTypes=1", "--sigma=1", "--search=fast",
        "--trainingPerSample=150", "--extensionFraction=0", "--eps=1.5", "--classes=8",
        "--coordinates=6", "--output=" + tmp.resolve("ninb")}, QUIET);
  }

  /** r² of the least-squares line of y on x, computed here. */
  static double r2(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy * sxy / (sxx * syy);
  }

  @Test
  void compositionIsADirectionOfTheMap() throws Exception {
    List<LaeResult> rows = ResultsWriter.readArrow(study.resolve("results.arrow"));
    assertEquals(300, rows.size());
    double[] comp = rows.stream().mapToDouble(r -> r.descriptors().get("composition_1"))
        .toArray();
    double best = 0;
    int bestK = 0;
    for (int k = 0; k < 6; k++) {
      final int kk = k;
      double r2 = r2(rows.stream().mapToDouble(r -> r.coordinates()[kk]).toArray(), comp);
      if (r2 > best) {
        best = r2;
        bestK = k + 1;
      }
    }
    System.out.printf("NiNb: composition_1 best single coordinate phi_%d, r2 = %.4f%n", bestK,
        best);
    assertTrue(best >= 0.95, "composition r² " + best + " (φ_" + bestK + ")");
    String md = Files.readString(study.resolve("report.md"));
    // The directions table names each symmetry descriptor's best coordinate and direction.
    for (String d : List.of("composition_1", "sym_cyclic", "sym_d2h", "shape_anisotropy",
        "cna_1551", "voronoi_n5")) {
      assertTrue(md.lines().anyMatch(l -> l.startsWith("| " + d + " | φ_") && l.contains("°")),
          d + " not in the directions table");
      md.lines().filter(l -> l.startsWith("| " + d + " | φ_")).forEach(System.out::println);
    }
    assertTrue(md.contains("## Exemplars"));
  }

  @Test
  void compareFastAndSlowWithPValuesAndRdfs() throws Exception {
    Run run = Run.of("compare", "--from=" + study, "--a=quench10M", "--b=quench100K");
    assertEquals(0, run.code(), run.err());
    System.out.println(run.out());
    assertTrue(run.out().contains("label-permutation test") && run.out().contains(", p = "),
        run.out());
    assertTrue(run.out().contains("sym_cyclic: mean") && run.out().contains(
        "where quench10M is enriched"), run.out());
    List<String> stats = Files.readAllLines(study.resolve(
        "compare-quench10M-quench100K-statistics.csv"));
    assertEquals("quantity,value,p_value", stats.get(0));
    double p = Double.parseDouble(stats.get(1).split(",")[2]);
    assertTrue(p >= 0 && p <= 1, stats.get(1));
    // g_ab(r) around Ni: first peaks where the partial RDFs of the whole samples have them.
    List<String> rdf = Files.readAllLines(study.resolve("compare-quench10M-quench100K-rdf.csv"));
    assertEquals("r,g_1_1_quench10M,g_1_1_quench100K,g_1_2_quench10M,g_1_2_quench100K",
        rdf.get(0));
    // The peak: the curve smoothed (1, 2, 1)/4, its highest bin, the parabola through it and
    // its neighbours (the bins are 0.08 Å; 150 centres leave noise of a bin in a raw maximum).
    double[] expected = {2.52, 2.52, 2.58, 2.58};
    double[] r = rdf.subList(1, rdf.size()).stream()
        .mapToDouble(l -> Double.parseDouble(l.split(",")[0])).toArray();
    for (int c = 1; c <= 4; c++) {
      final int cc = c;
      double[] g = rdf.subList(1, rdf.size()).stream()
          .mapToDouble(l -> Double.parseDouble(l.split(",")[cc])).toArray();
      double[] s = g.clone();
      for (int i = 1; i < g.length - 1; i++) {
        s[i] = 0.25 * g[i - 1] + 0.5 * g[i] + 0.25 * g[i + 1];
      }
      int top = 1;
      for (int i = 1; i < s.length - 1; i++) {
        top = s[i] > s[top] ? i : top;
      }
      double peakR = r[top] + 0.5 * (s[top - 1] - s[top + 1])
          / (s[top - 1] - 2 * s[top] + s[top + 1]) * (r[1] - r[0]);
      System.out.printf("NiNb %s: first peak at r = %.3f (g = %.2f)%n", rdf.get(0).split(",")[c],
          peakR, s[top]);
      assertEquals(expected[c - 1], peakR, 0.08, rdf.get(0).split(",")[c]);
      assertTrue(s[top] > 2, "a first peak of g > 2 in a dense glass: " + s[top]);
    }
  }
}
