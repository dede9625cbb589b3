package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;

/**
 * The box part of a LAMMPS dump header as the input had it: the {@code ITEM: BOX BOUNDS} line
 * with its boundary flags ({@code ss ss pp} stays {@code ss ss pp}) and the three bounds lines,
 * character for character (so a 2D sample's z bounds are unchanged). {@link Frame} keeps only
 * whether a direction is periodic and, for 2D samples, no z at all; an annotated dump written
 * with this header reads back in LAMMPS and OVITO with the input's box.
 */
public final class LammpsBoxHeader {
  private final String item;
  private final List<String> bounds;
  private final boolean triclinic;
  private final String[] flags = new String[3];
  private final double[][] numbers = new double[3][];

  private LammpsBoxHeader(String item, List<String> bounds) {
    this.item = item.strip();
    this.bounds = List.copyOf(bounds);
    String[] t = LineSource.tokens(this.item);
    triclinic = t.length == 6 && t[0].equals("xy") && t[1].equals("xz") && t[2].equals("yz");
    if (t.length != (triclinic ? 6 : 3)) {
      throw new IllegalArgumentException("not a LAMMPS box header: BOX BOUNDS " + item);
    }
    for (int k = 0; k < 3; k++) {
      flags[k] = t[t.length - 3 + k];
      if (!flags[k].matches("[pfsm]{2}")) {
        throw new IllegalArgumentException("unknown boundary flag " + flags[k]);
      }
      String[] v = LineSource.tokens(bounds.get(k));
      if (v.length != (triclinic ? 3 : 2)) {
        throw new IllegalArgumentException("bad box bounds line: " + bounds.get(k));
      }
      numbers[k] = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        numbers[k][j] = Double.parseDouble(v[j]);
      }
    }
  }

  /** A header from its parts: what follows {@code ITEM: BOX BOUNDS}, and the three lines. */
  public static LammpsBoxHeader of(String item, List<String> bounds) {
    if (bounds.size() != 3) {
      throw new IllegalArgumentException("a LAMMPS box has three bounds lines, not "
          + bounds.size());
    }
    return new LammpsBoxHeader(item, bounds);
  }

  /**
   * The box header of the frame's input file, when that is a LAMMPS dump holding the frame's
   * timestep with the frame's box; else empty (an extended XYZ input, a missing file).
   */
  public static Optional<LammpsBoxHeader> ofInput(Path input, Frame frame) {
    if (input == null || !Files.isRegularFile(input)) {
      return Optional.empty();
    }
    try {
      return fromDump(input, frame.timestep()).filter(h -> h.matches(frame.box()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The box header of the given timestep in a LAMMPS text dump (plain or gzipped). */
  public static Optional<LammpsBoxHeader> fromDump(Path dump, long timestep) throws IOException {
    try (LineSource lines = LineSource.open(dump)) {
      String line;
      boolean atStep = false;
      while ((line = lines.next()) != null) {
        String s = line.strip();
        if (s.equals("ITEM: TIMESTEP")) {
          String v = lines.next();
          atStep = v != null && v.strip().equals(Long.toString(timestep));
        } else if (atStep && s.startsWith("ITEM: BOX BOUNDS")) {
          String a = lines.next();
          String b = lines.next();
          String c = lines.next();
          if (c == null) {
            return Optional.empty();
          }
          return Optional.of(of(s.substring("ITEM: BOX BOUNDS".length()),
              List.of(a.strip(), b.strip(), c.strip())));
        } else if (s.startsWith("ITEM: ATOMS")) {
          atStep = false;
        }
      }
    }
    return Optional.empty();
  }

  /** The header line, {@code ITEM: BOX BOUNDS ...}. */
  public String itemLine() {
    return "ITEM: BOX BOUNDS " + item;
  }

  /** The three bounds lines as the input had them. */
  public List<String> boundsLines() {
    return bounds;
  }

  /** The boundary flag of direction k (0..2), e.g. {@code ss}. */
  public String flag(int k) {
    return flags[k];
  }

  /** Lower and upper z of the box (the bounds line as written; tilt-free in z). */
  public double zLo() {
    return numbers[2][0];
  }

  public double zHi() {
    return numbers[2][1];
  }

  /**
   * Whether this header describes the box: the same bounds and tilts in the box's dimensions
   * (to 1e-9 relative) and periodic exactly where the flag is {@code pp}.
   */
  public boolean matches(Box box) {
    int d = box.dimension();
    double[] lo = new double[3];
    double[] hi = new double[3];
    for (int k = 0; k < 3; k++) {
      lo[k] = numbers[k][0];
      hi[k] = numbers[k][1];
    }
    double xy = triclinic ? numbers[0][2] : 0;
    double xz = triclinic ? numbers[1][2] : 0;
    double yz = triclinic ? numbers[2][2] : 0;
    if (triclinic) {
      lo[0] -= Math.min(Math.min(0, xy), Math.min(xz, xy + xz));
      hi[0] -= Math.max(Math.max(0, xy), Math.max(xz, xy + xz));
      lo[1] -= Math.min(0, yz);
      hi[1] -= Math.max(0, yz);
    }
    double[] tilt = {xy, xz, yz};
    int[][] tiltAt = {{0, 1}, {0, 2}, {1, 2}};
    for (int k = 0; k < d; k++) {
      if (!close(box.origin(k), lo[k]) || !close(box.h(k, k), hi[k] - lo[k])
          || box.periodic(k) != flags[k].equals("pp")) {
        return false;
      }
    }
    for (int t = 0; t < 3; t++) {
      if (tiltAt[t][1] < d && !close(box.h(tiltAt[t][0], tiltAt[t][1]), tilt[t])) {
        return false;
      }
    }
    return true;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }
}
