package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.nio.file.Path;
import org.giipbeam.arrowio.Frame;

/** Picks the reader for a sample file by its name: extended XYZ for .xyz/.extxyz, else LAMMPS. */
public final class SampleReaders {
  private SampleReaders() {}

  /** True for file names the extended XYZ reader takes ({@code .xyz}, {@code .extxyz}, gzipped). */
  public static boolean isExtendedXyz(String fileName) {
    String n = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
    return n.endsWith(".xyz") || n.endsWith(".extxyz");
  }

  /** The last frame of the file, labelled {@code label} (null: the file name). */
  public static Frame read(Path file, int dimension, String label) throws IOException {
    String name = file.getFileName().toString();
    if (isExtendedXyz(name)) {
      ExtendedXyzReader r = new ExtendedXyzReader().withDimension(dimension);
      return (label == null ? r : r.withSample(label)).read(file);
    }
    LammpsDumpReader r = new LammpsDumpReader().withDimension(dimension);
    return (label == null ? r : r.withSample(label)).read(file);
  }

  /** The default sample label of a file: its name without sample-file extensions. */
  public static String labelOf(String fileName) {
    return LammpsDumpReader.labelOf(fileName);
  }
}
