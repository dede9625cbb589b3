package org.giipbeam.arrowio.arrow;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.giipbeam.arrowio.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Writes one Arrow IPC file of each kind for reading with another Arrow implementation
 * ({@code arrow-io/src/test/js/read-arrow.mjs}, Arrow JS). Runs only when asked:
 * {@code ./mvnw test -pl arrow-io -Dtest=ArrowInteropFilesTest -Dgiip.interop.out=DIR}.
 */
class ArrowInteropFilesTest {
  @Test
  void writeFilesForOtherArrowReaders() throws Exception {
    String out = System.getProperty("giip.interop.out");
    assumeTrue(out != null && !out.isBlank() && !out.startsWith("$"),
        "set -Dgiip.interop.out=DIR to write the interop files");
    Path dir = Path.of(out);
    Random rnd = new Random(1);
    LaeBatchArrow.INSTANCE.writeFile(dir.resolve("laes.arrow"),
        List.of(Fixtures.randomBatch(rnd, 4, 3, 1)));
    DistanceBlockArrow.INSTANCE.writeFile(dir.resolve("distances.arrow"),
        List.of(Fixtures.randomBlock(rnd, 3, 5, 3, true, true)));
    LaeResultArrow.INSTANCE.writeFile(dir.resolve("results.arrow"),
        List.of(Fixtures.randomResults(rnd, 6, 2)));
  }
}
