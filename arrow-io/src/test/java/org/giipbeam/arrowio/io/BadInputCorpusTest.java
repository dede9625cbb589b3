package org.giipbeam.arrowio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the bad-input corpus (made by src/test/python/make_bad_input.py) fails with the
 * one exception the readers document, with the message listed by hand in expected-messages.tsv.
 */
class BadInputCorpusTest {

  static Path corpus() throws URISyntaxException {
    return Path.of(BadInputCorpusTest.class.getResource("/bad-input/expected-messages.tsv")
        .toURI()).getParent();
  }

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    List<Arguments> out = new ArrayList<>();
    for (String line : Files.readAllLines(corpus().resolve("expected-messages.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] p = line.split("\t", 3);
      out.add(Arguments.of(p[0], p[1], p.length > 2 ? p[2] : ""));
    }
    return out.stream();
  }

  /** Reads with the registry's reader and the options of the third column (e.g. dimension=2). */
  static void read(Path file, String options) throws IOException {
    SampleReader<?> r = SampleReaders.reader(file);
    for (String o : options.isEmpty() ? new String[0] : options.split(" ")) {
      String[] kv = o.split("=", 2);
      r = switch (kv[0]) {
        case "dimension" -> r.withDimension(Integer.parseInt(kv[1]));
        case "types" -> r.withTypes(ElementTypes.parse(kv[1]));
        case "frame" -> r.withFrameIndex(Integer.parseInt(kv[1]));
        default -> throw new IllegalArgumentException("unknown option " + o);
      };
    }
    r.read(file);
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("cases")
  void failsWithItsMessage(String file, String expected, String options) throws Exception {
    SampleFormatException e =
        assertThrows(SampleFormatException.class, () -> read(corpus().resolve(file), options));
    String regex = Pattern.quote(expected).replace("*", "\\E.*\\Q");
    assertTrue(e.getMessage().matches(regex),
        "message\n  " + e.getMessage() + "\ndoes not match\n  " + expected);
    assertEquals(file, e.file());
    assertTrue(e.getMessage().indexOf('\n') < 0, "one line");
  }

  @Test
  void theCorpusHasAtLeastSeventyFilesAndEachIsListed() throws Exception {
    long listed = cases().count();
    try (Stream<Path> files = Files.list(corpus())) {
      long present = files.filter(p -> !p.getFileName().toString().endsWith(".tsv")).count();
      assertEquals(present, listed, "every corpus file has an expected message");
    }
    assertTrue(listed >= 70, "33 before issues 14 and 17, 46 added: " + listed);
  }
}
