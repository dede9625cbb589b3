package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  private static StudyReport report() {
    List<LaeResult> rows = SyntheticResults.make(1500, 1);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("r_skin", "3.0");
    params.put("r_cut", "4.0");
    params.put("sigma", "1.0");
    params.put("note", "<script>alert('x')</script> & \"quotes\" | pipes");
    return StudyReport.of("NiNb <glass> & friends", rows)
        .withParameters(params)
        .withSpectrum(SyntheticResults.spectrum())
        .withSweep(SyntheticResults.sweep())
        .withComparison(new SampleComparison("slow quench", List.of("slow"), "fast quench",
            List.of("fast"), 2, 3))
        .withTiming("distances", Duration.ofSeconds(754))
        .withTiming("diffusion map", Duration.ofMillis(1234));
  }

  @Test
  void writesFiguresAndBothReports(@TempDir Path dir) throws IOException {
    // Key numbers, figures and reports go to a folder the caller names, e.g. for a look:
    // -Dgiip.report.out=some/folder
    String keep = System.getProperty("giip.report.out", "");
    ReportFiles files = ReportWriter.write(report(), keep.isEmpty() ? dir : Path.of(keep));
    if (!keep.isEmpty()) {
      files = ReportWriter.write(report(), dir);
    }
    // significance, sweep, 3 planes (1,2),(2,3),(1,4), 4 coordinates × 3 descriptors, 1 density
    List<String> names = files.figures().stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(1 + 1 + 3 + 12 + 1, names.stream()
        .filter(n -> !n.startsWith("best_") && !n.startsWith("direction_")).count(), names.toString());
    // and the winning regressions: what a coordinate tracks best when it is not among those
    // (φ_2, φ_3 are the triangle: coordination follows φ_3), and plane directions that win.
    assertTrue(names.stream().allMatch(n -> !n.startsWith("best_") || n.matches(
        "best_phi\\d_[a-z0-9_]+\\.png")), names.toString());
    String html = Files.readString(files.html(), StandardCharsets.UTF_8);
    String md = Files.readString(files.markdown(), StandardCharsets.UTF_8);
    for (Path png : files.figures()) {
      assertTrue(Files.isRegularFile(png));
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, png + " decodes");
      assertEquals(StudyCharts.WIDTH, image.getWidth());
      assertEquals(StudyCharts.HEIGHT, image.getHeight());
      String uri = "src=\"data:image/png;base64,"
          + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\"";
      assertTrue(html.contains(uri), png.getFileName() + " embedded in the HTML");
      assertTrue(md.contains("](" + png.getFileName() + ")"), png.getFileName() + " in the MD");
    }
    assertTrue(files.figures().stream().anyMatch(p -> p.getFileName().toString()
        .equals("density_difference_slow_quench_minus_fast_quench_phi2_phi3.png")));
    try (Stream<Path> all = Files.list(dir)) {
      assertFalse(all.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
          "no temporary files left");
    }
  }

  @Test
  void htmlIsSelfContainedBalancedAndEscaped(@TempDir Path dir) throws IOException {
    String html = Files.readString(ReportWriter.write(report(), dir).html());
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("<script"), "user text is escaped, no scripts");
    assertFalse(html.matches("(?s).*(src|href)=\"(?!data:).*"), "nothing external");
    assertFalse(html.contains("<link"));
    assertTrue(html.contains("NiNb &lt;glass&gt; &amp; friends"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
        + "&quot;quotes&quot;"));
    assertBalanced(html);
    for (String heading : List.of("Key numbers", "LAEs per sample", "Eigenvalues and redundancy",
        "Interpretation", "Timings", "Parameters", "Figures")) {
      assertTrue(html.contains("<h2>" + heading + "</h2>"), heading);
    }
    assertTrue(html.contains("<td>training LAEs</td><td>600</td>"), "1 in 5 is training");
    assertTrue(html.contains("<td>extension LAEs</td><td>2,400</td>"));
    assertTrue(html.contains("<td>ε</td><td>1.500</td>"));
    assertTrue(html.contains("φ_1, φ_2, φ_3, φ_4"), "non-harmonic coordinates");
    assertTrue(html.contains("<td>distances</td><td>12 min 34 s</td>"));
    // φ_1 of the synthetic study is composition: bold in its row of the interpretation table.
    String r2 = ReportWriter.r2(InterpretationTable.fitFromPhi1(report().results(),
        "composition_1"));
    assertTrue(html.contains("<td><strong>" + r2 + "</strong></td>"), r2);
  }

  @Test
  void markdownTablesAndEscaping(@TempDir Path dir) throws IOException {
    String md = Files.readString(ReportWriter.write(report(), dir).markdown());
    assertTrue(md.startsWith("# NiNb \\<glass\\> & friends\n"));
    assertTrue(md.contains("\\| pipes"), "pipes in cells escaped");
    assertTrue(md.contains("| k | λ_k | redundancy residual r_k (0 harmonic … 1 new) | polynomial"
        + " r² (shown, not used) | non-harmonic (r_k ≥ 0.3) |"), "the one rule is stated");
    assertTrue(md.contains("| 5 | 0.8800 | 0.05000 | 0.9700 |  |"));
    assertTrue(md.contains("| fast | 1500 | 300 | 1200 |"));
    assertFalse(md.contains("data:image"), "Markdown refers to the PNG files");
    for (String line : md.split("\n")) {
      if (line.startsWith("|")) {
        assertTrue(line.endsWith("|"), line);
      }
    }
  }

  @Test
  void minimalReportWithoutSpectrumOrSweep(@TempDir Path dir) throws IOException {
    List<LaeResult> rows = SyntheticResults.make(100, 3);
    ReportFiles files = ReportWriter.write(StudyReport.of("minimal", rows)
        .withRegressionDescriptors(List.of("q6", "absent")), dir);
    // φ_1 × φ_2, then φ_1..φ_3 against q6; "absent" is skipped; then the winning regressions.
    List<String> names = files.figures().stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(1 + 3, names.stream()
        .filter(n -> !n.startsWith("best_") && !n.startsWith("direction_")).count(), names.toString());
    assertBalanced(Files.readString(files.html()));
  }

  @Test
  void slugsAndEscapes() {
    assertEquals("slow_quench_1_7e11_k_s", ReportWriter.slug("Slow quench (1.7e11 K/s)"));
    assertEquals("x", ReportWriter.slug("—"));
    assertEquals("a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;", ReportWriter.esc("a & <b> \"c\" 'd'"));
    assertEquals("n/a", ReportWriter.number(Double.NaN));
    assertEquals("1.500", ReportWriter.number(1.5));
    assertEquals("1.235e-05", ReportWriter.number(1.2345e-5));
    assertEquals(Set.of("fast", "slow"), ReportWriter.counts(SyntheticResults.make(10, 1))
        .keySet());
  }

  /** Every non-void element the writer opens is closed, in order. */
  static void assertBalanced(String html) {
    Set<String> voids = Set.of("meta", "img", "br", "hr", "link", "input");
    Matcher m = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>").matcher(html);
    Deque<String> open = new ArrayDeque<>();
    while (m.find()) {
      String tag = m.group(2).toLowerCase(java.util.Locale.ROOT);
      if (voids.contains(tag)) {
        continue;
      }
      if (m.group(1).isEmpty()) {
        open.push(tag);
      } else {
        assertFalse(open.isEmpty(), "</" + tag + "> closes nothing");
        assertEquals(open.pop(), tag, "mismatched </" + tag + "> at " + m.start());
      }
    }
    assertTrue(open.isEmpty(), "unclosed: " + open);
  }
}
