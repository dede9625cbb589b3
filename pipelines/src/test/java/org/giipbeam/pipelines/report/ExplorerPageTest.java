package org.giipbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explore.html: self-contained, and in headless Chromium it draws every LAE and a click on a
 * point shows that LAE with a drawing of its neighbours. The browser part is skipped where no
 * Chromium is installed.
 */
class ExplorerPageTest {
  @TempDir Path tmp;

  static final List<LaeResult> ROWS = SyntheticResults.make(300, 7);

  /** A hand-made LAE per row: k + 3 neighbours on a circle of radius 1, alternating signs. */
  static List<Lae> laes(List<LaeResult> rows) {
    List<Lae> out = new ArrayList<>();
    for (LaeResult r : rows) {
      int n = 3 + (int) (r.centreId() % 4);
      float[] pos = new float[2 * n];
      float[] w = new float[n];
      for (int j = 0; j < n; j++) {
        pos[2 * j] = (float) Math.cos(2 * Math.PI * j / n);
        pos[2 * j + 1] = (float) Math.sin(2 * Math.PI * j / n);
        w[j] = j % 2 == 0 ? 1 : -1;
      }
      out.add(new Lae(r.sample(), r.centreId(), r.centreType(), 2, pos, w, 1, n,
          new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, Map.of()));
    }
    return out;
  }

  static String chromium() throws Exception {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }

  @Test
  void pageIsSelfContained() throws Exception {
    Path page = tmp.resolve(ExplorerPage.FILE);
    ExplorerPage.write(page, "test <study>", ROWS, laes(ROWS));
    String html = Files.readString(page);
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html).find(),
        "no external resources");
    assertFalse(html.contains("<link"), "no external style sheets");
    assertTrue(html.contains("<title>test &lt;study&gt;</title>"));
    assertFalse(html.contains("GIIP_DATA"));
  }

  @Test
  void headlessChromiumDrawsThePointsAndAClickShowsTheLae() throws Exception {
    String chrome = chromium();
    assumeTrue(chrome != null, "no chromium on PATH");
    Path page = tmp.resolve(ExplorerPage.FILE);
    ExplorerPage.write(page, "test study", ROWS, laes(ROWS));
    int k = 123;
    LaeResult clicked = ROWS.get(k);
    Path out = tmp.resolve("dom.html");
    Process p = new ProcessBuilder(chrome, "--headless", "--no-sandbox", "--disable-gpu",
        "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1200,800", "--dump-dom",
        page.toUri() + "#selftest=" + k)
        .redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 2 minutes");
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    String keep = System.getProperty("giip.figures.out");
    if (keep != null) {
      Files.createDirectories(Path.of(keep));
      Files.copy(page, Path.of(keep).resolve(ExplorerPage.FILE),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Matcher points = Pattern.compile("data-points=\"(\\d+)\"").matcher(dom);
    assertTrue(points.find(), "the page rendered: " + dom.substring(0, Math.min(500, dom.length())));
    assertEquals(ROWS.size(), Integer.parseInt(points.group(1)));
    assertTrue(dom.contains("data-selftest=\"clicked " + k + "\""), "the click ran");
    // The panel shows the clicked LAE (found by the page's own hit test at its pixel).
    Matcher panel = Pattern.compile("<div id=\"lae-panel\"([^>]*)>(.*?)</div>",
        Pattern.DOTALL).matcher(dom);
    assertTrue(panel.find());
    assertTrue(panel.group(1).contains("data-centre-id=\"" + clicked.centreId() + "\""),
        panel.group(1));
    assertTrue(panel.group(1).contains("data-sample=\"" + clicked.sample() + "\""));
    String body = panel.group(2);
    assertTrue(body.contains("<td>class</td><td>" + clicked.classLabel() + "</td>"), body);
    int neighbours = 3 + (int) (clicked.centreId() % 4);
    Matcher circles = Pattern.compile("class=\"neighbour\"").matcher(body);
    int count = 0;
    while (circles.find()) {
      count++;
    }
    assertEquals(neighbours, count, "one circle per neighbour");
    assertTrue(body.contains("class=\"centre\""));
  }
}
