package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.giipbeam.arrowio.Frame;

/**
 * Reads a sample file with the reader its name calls for ({@link SampleFormat#of(String)}).
 *
 * <pre>{@code
 * Frame f = SampleReaders.read(Path.of("glass.extxyz"), 3, null);
 * List<Frame> frames = SampleReaders.reader(path).withDimension(2).frames(path, 10);
 * }</pre>
 */
public final class SampleReaders {
  private SampleReaders() {}

  /** True for file names the extended XYZ reader takes ({@code .xyz}, {@code .extxyz}, gzipped). */
  public static boolean isExtendedXyz(String fileName) {
    return SampleFormat.of(fileName) == SampleFormat.EXTENDED_XYZ;
  }

  /** A reader (default settings) for the file's format. */
  public static SampleReader<?> reader(Path file) {
    return SampleFormat.of(file.getFileName().toString()).reader();
  }

  /** The last frame of the file, labelled {@code label} (null: the file name). */
  public static Frame read(Path file, int dimension, String label) throws IOException {
    SampleReader<?> r = reader(file).withDimension(dimension);
    return (label == null ? r : r.withSample(label)).read(file);
  }

  /**
   * The frames a study takes from one file: frame {@code frameIndex} (-1: the last) as one
   * sample when {@code every} is 0, else every {@code every}-th frame, each its own sample
   * ({@link SampleReader#frameLabel}). {@code types}: element names to types, or null.
   */
  public static List<Frame> read(Path file, int dimension, String label, int frameIndex,
      int every, ElementTypes types) throws IOException {
    SampleReader<?> r = reader(file).withDimension(dimension).withTypes(types);
    if (label != null) {
      r = r.withSample(label);
    }
    if (every > 0) {
      return r.frames(file, every);
    }
    return List.of(r.withFrameIndex(frameIndex).read(file));
  }

  /** The default sample label of a file: its name without sample-file extensions. */
  public static String labelOf(String fileName) {
    return SampleFormat.labelOf(fileName);
  }
}
