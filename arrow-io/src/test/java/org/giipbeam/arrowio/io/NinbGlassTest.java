package org.giipbeam.arrowio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper's four NiNb glass samples read as their README and headers say. */
class NinbGlassTest {

  @ParameterizedTest
  @CsvSource({"quench100K, 58.079", "quench500K, 58.053", "quench1M, 58.033",
      "quench10M, 58.039"})
  void readsEachSampleWithTheBoxOfItsHeader(String name, double edge) throws Exception {
    Path file = SharedData.ninbGlass().resolve(name + ".dump");
    assumeTrue(Files.isRegularFile(file), "NiNb data absent: " + file);
    Frame f = new LammpsDumpReader().read(file);
    assertEquals(name, f.sample());
    assertEquals(13_500, f.atomCount());
    assertEquals(6_750, Arrays.stream(f.types()).filter(t -> t == 1).count());
    assertEquals(6_750, Arrays.stream(f.types()).filter(t -> t == 2).count());
    assertTrue(f.box().isOrthogonal());
    for (int k = 0; k < 3; k++) {
      assertTrue(f.box().periodic(k));
      assertEquals(edge, f.box().h(k, k), 5e-4, "box edge " + k);
    }
    // Header box line, read independently of the reader.
    String[] bounds = Files.readAllLines(file).get(5).trim().split("\\s+");
    double lo = Double.parseDouble(bounds[0]);
    double hi = Double.parseDouble(bounds[1]);
    assertEquals(lo, f.box().origin(0), 0);
    assertEquals(hi - lo, f.box().h(0, 0), 1e-12);
    // Scaled coordinates become Cartesian: the first atom line, parsed here by hand.
    String[] first = Files.readAllLines(file).get(9).trim().split("\\s+");
    int i = 0;
    assertEquals(Long.parseLong(first[0]), f.ids()[i]);
    assertEquals(Integer.parseInt(first[1]), f.types()[i]);
    for (int k = 0; k < 3; k++) {
      assertEquals(lo + Double.parseDouble(first[2 + k]) * (hi - lo), f.position(i, k), 1e-12);
    }
  }
}
