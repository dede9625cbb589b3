package org.giipbeam.arrowio.io;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The registry of sample file formats: which reader takes a file (by its name), the label a file
 * gets, and the help text of the sample options. Dispatch ({@link SampleReaders}), the CLI's help
 * ({@link #HELP}) and the reader contract test all go through this list, so a new format is one
 * reader subclass and one entry here.
 */
public enum SampleFormat {
  /** LAMMPS text dump (several frames); also the fallback for unknown names. */
  LAMMPS_DUMP("LAMMPS dump", List.of(".dump", ".lammpstrj"), List.of(), true,
      LammpsDumpReader::new),
  /** Extended XYZ as ASE and OVITO write it (several frames). */
  EXTENDED_XYZ("extended XYZ", List.of(".xyz", ".extxyz"), List.of(), true,
      ExtendedXyzReader::new),
  /** LAMMPS data file (read_data / write_data): atomic, charge, molecular or full style. */
  LAMMPS_DATA("LAMMPS data", List.of(".data", ".lmp"), List.of("data."), false,
      LammpsDataReader::new),
  /** VASP POSCAR / CONTCAR. */
  POSCAR("VASP POSCAR/CONTCAR", List.of(".poscar", ".vasp"), List.of("POSCAR", "CONTCAR"),
      false, PoscarReader::new);
  /**
   * The help text of a sample option, kept a compile-time constant for annotations; the
   * contract test checks that it names every format and extension listed here.
   */
  public static final String HELP = "LAMMPS dumps (.dump, .lammpstrj), extended XYZ (.xyz,"
      + " .extxyz), LAMMPS data files (.data, .lmp, data.*), VASP POSCAR/CONTCAR (POSCAR*,"
      + " CONTCAR*, .poscar, .vasp); any of them gzipped (.gz)";

  private final String title;
  private final List<String> extensions;
  private final List<String> prefixes;
  private final boolean multiFrame;
  private final Supplier<SampleReader<?>> reader;

  SampleFormat(String title, List<String> extensions, List<String> prefixes, boolean multiFrame,
      Supplier<SampleReader<?>> reader) {
    this.title = title;
    this.extensions = extensions;
    this.prefixes = prefixes;
    this.multiFrame = multiFrame;
    this.reader = reader;
  }

  public String title() {
    return title;
  }

  /** File name endings (lower case; matched case-insensitively, also before {@code .gz}). */
  public List<String> extensions() {
    return extensions;
  }

  /** File name beginnings (e.g. {@code POSCAR}, {@code data.}). */
  public List<String> prefixes() {
    return prefixes;
  }

  /** Whether a file may hold several frames (a trajectory). */
  public boolean multiFrame() {
    return multiFrame;
  }

  /** A new reader of this format with default settings. */
  public SampleReader<?> reader() {
    return reader.get();
  }

  /** Whether the file name (not a path) is one of this format's. */
  public boolean matches(String fileName) {
    String n = stripGz(fileName);
    String lower = n.toLowerCase(Locale.ROOT);
    for (String e : extensions) {
      if (lower.endsWith(e) && lower.length() > e.length()) {
        return true;
      }
    }
    for (String p : prefixes) {
      if (n.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** The format of a file name: the first that matches, else {@link #LAMMPS_DUMP}. */
  public static SampleFormat of(String fileName) {
    for (SampleFormat f : values()) {
      if (f.matches(fileName)) {
        return f;
      }
    }
    return LAMMPS_DUMP;
  }

  /**
   * The default sample label of a file: its name without {@code .gz} and the format's
   * extension ({@code glass.dump.gz} → {@code glass}); names known by their prefix
   * ({@code POSCAR}, {@code data.lj}) are kept whole but for {@code .gz}.
   */
  public static String labelOf(String fileName) {
    String n = stripGz(fileName);
    String lower = n.toLowerCase(Locale.ROOT);
    for (SampleFormat f : values()) {
      for (String e : f.extensions) {
        if (lower.endsWith(e) && n.length() > e.length()) {
          return n.substring(0, n.length() - e.length());
        }
      }
    }
    if (lower.endsWith(".txt") && n.length() > 4) {
      return n.substring(0, n.length() - 4);
    }
    return n;
  }

  private static String stripGz(String fileName) {
    return fileName.endsWith(".gz") && fileName.length() > 3
        ? fileName.substring(0, fileName.length() - 3) : fileName;
  }
}
