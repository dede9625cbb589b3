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

  @FuzzTest(maxDuration = "10m")
  void lammpsData(byte[] data) throws IOException {
    fuzz(SampleFormat.LAMMPS_DATA, data, "fuzz.data");
  }

  @FuzzTest(maxDuration = "10m")
  void poscar(byte[] data) throws IOException {
    fuzz(SampleFormat.POSCAR, data, "POSCAR");
  }

  /** Both dimensions, and every second frame as samples (frames(every)). */
  private static void fuzz(SampleFormat format, byte[] data, String name) throws IOException {
    for (int d = 2; d <= 3; d++) {
      try {
        check(format.reader().withDimension(d).read(new ByteArrayInputStream(data), name));
      } catch (SampleFormatException expected) {
        // the documented failure
      }
    }
    try {
      for (Frame f : format.reader().frames(new ByteArrayInputStream(data), name, 2)) {
        check(f);
      }
    } catch (SampleFormatException expected) {
      // the documented failure
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
    if (f.atomCount() == 0) {
      throw new AssertionError("an empty frame was returned");
    }
    for (int t : f.types()) {
      if (t < 1 || t > SampleReader.MAX_TYPE) {
        throw new AssertionError("type " + t + " passed the readers");
      }
    }
    if (!(f.box().volume() > 0)) {
      throw new AssertionError("box without volume " + f.box());
    }
  }
}
