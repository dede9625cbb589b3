package org.giipbeam.arrowio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.testing.Fixtures;
import org.giipbeam.arrowio.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's Arrow JS recipe, as written there, with node and npm {@code apache-arrow}
 * on a results.arrow with provenance, and checks what it prints against the rows. Skipped where
 * node or npm is missing or the npm registry cannot be reached; apache-arrow is installed once
 * into {@code target/arrow-js/} (not the repository).
 */
class ArrowJsRecipeTest {
  @TempDir Path tmp;

  /** The code block after the README's {@code <!-- arrow-js-recipe -->} marker. */
  static String recipe() throws IOException {
    String readme = Files.readString(SharedData.repo().resolve("README.md"));
    int marker = readme.indexOf("<!-- arrow-js-recipe -->");
    assertTrue(marker >= 0, "README.md has no <!-- arrow-js-recipe --> marker");
    int start = readme.indexOf("```js\n", marker) + "```js\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  static String run(Path dir, long minutes, String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return null;
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(minutes, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroy();
      return "FAILED " + new String(out, StandardCharsets.UTF_8);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void readmeRecipeReadsRowsAndParameters() throws Exception {
    assumeTrue(run(tmp, 1, "node", "--version") != null, "node is not installed");
    Path js = Path.of("target", "arrow-js").toAbsolutePath();
    if (!Files.isDirectory(js.resolve("node_modules/apache-arrow"))) {
      Files.createDirectories(js);
      String npm = run(js, 5, "npm", "install", "--no-audit", "--no-fund", "apache-arrow");
      assumeTrue(npm != null && !npm.startsWith("FAILED"),
          "npm install apache-arrow failed (offline?): " + npm);
    }
    Path recipe = js.resolve("read-results.mjs");
    Files.writeString(recipe, recipe());
    List<LaeResult> rows = Fixtures.randomResults(new Random(9), 50, 3);
    Path arrow = tmp.resolve("results.arrow");
    ResultsWriter.writeArrow(arrow, rows, Map.of("param.giip.sigma", "0.5"));
    String out = run(js, 2, "node", recipe.toString(), arrow.toString());
    assertTrue(out != null && !out.startsWith("FAILED"), out);

    StringBuilder expected = new StringBuilder("50 LAEs, sigma = 0.5\n");
    Map<Integer, double[]> byClass = new TreeMap<>();
    for (LaeResult r : rows) {
      double[] s = byClass.computeIfAbsent(r.classLabel(), c -> new double[2]);
      s[0] += r.coordinates()[0];
      s[1]++;
    }
    byClass.forEach((c, s) -> expected.append(String.format(Locale.ROOT,
        "class %d: %d LAEs, mean phi_1 = %.4f%n", c, (int) s[1], s[0] / s[1])));
    assertEquals(expected.toString(), out);
  }
}
