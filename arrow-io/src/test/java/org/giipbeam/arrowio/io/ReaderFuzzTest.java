package org.giipbeam.arrowio.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.giipbeam.arrowio.Frame;

/**
 * Fuzz tests of the sample readers: any byte sequence gives either a {@link Frame} or the
 * readers' own {@link SampleFormatException} — never another exception, a hang or an
 * out-of-memory error.
 *
 * <p>In an ordinary build these run as regression tests over their seed corpus
 * ({@code src/test/resources/org/giipbeam/arrowio/io/ReaderFuzzTestInputs/<method>/}). To fuzz,
 * see the README ("Fuzzing the readers"): {@code JAZZER_FUZZ=1} with one test selected.
 */
class ReaderFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void lammpsDump(byte[] data) throws IOException {
    for (int d = 2; d <= 3; d++) {
      try {
        check(new LammpsDumpReader().withDimension(d)
            .read(new ByteArrayInputStream(data), "fuzz.dump"));
      } catch (SampleFormatException expected) {
        // the documented failure
      }
    }
  }

  @FuzzTest(maxDuration = "10m")
  void extendedXyz(byte[] data) throws IOException {
    for (int d = 2; d <= 3; d++) {
      try {
        check(new ExtendedXyzReader().withDimension(d)
            .read(new ByteArrayInputStream(data), "fuzz.xyz"));
      } catch (SampleFormatException expected) {
        // the documented failure
      }
    }
  }

  /** A frame that was returned must be internally consistent and finite. */
  private static void check(Frame f) {
    int d = f.dimension();
    if (f.positions().length != f.atomCount() * d || f.types().length != f.atomCount()) {
      throw new AssertionError("inconsistent frame " + f);
    }
    for (double v : f.positions()) {
      if (!Double.isFinite(v)) {
        throw new AssertionError("non-finite position in " + f);
      }
    }
    if (!(f.box().volume() > 0)) {
      throw new AssertionError("box without volume " + f.box());
    }
  }
}
