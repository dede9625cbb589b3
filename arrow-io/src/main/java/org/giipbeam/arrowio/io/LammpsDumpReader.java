package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;

/**
 * Reads LAMMPS text dumps (plain or gzipped) into {@link Frame}s.
 *
 * <pre>{@code
 * Frame glass = new LammpsDumpReader().read(Path.of("quench10M.dump"));
 * Frame crystal2d = new LammpsDumpReader().withDimension(2).withFrameIndex(0).read(path);
 * }</pre>
 *
 * <p>Coordinates: {@code x y z}, scaled {@code xs ys zs}, unwrapped {@code xu yu zu} or
 * {@code xsu ysu zsu} (chosen in that order when several are present). Boxes: orthogonal, or
 * restricted triclinic ({@code ITEM: BOX BOUNDS xy xz yz}); periodicity from the header's
 * boundary flags ({@code pp} is periodic). Columns {@code id} and {@code type} are required;
 * every other numeric column is kept as a per-atom property, and an {@code element} column names
 * the types. With {@link #withDimension(int) dimension 2} the z column (which LAMMPS writes for
 * 2D runs) is dropped. Several frames per file: {@link #withFrameIndex(int)} picks one (0-based;
 * the default -1 is the last).
 *
 * <p>Bad input raises one {@link SampleFormatException} naming file, line and value.
 */
public final class LammpsDumpReader extends SampleReader<LammpsDumpReader> {
  private static final String[][] COORDINATE_SETS = {
      {"x", "y", "z"}, {"xu", "yu", "zu"}, {"xs", "ys", "zs"}, {"xsu", "ysu", "zsu"}};
  private static final String ITEM = "ITEM:";

  public LammpsDumpReader() {
    this(Settings.DEFAULT);
  }

  LammpsDumpReader(Settings settings) {
    super(settings);
  }

  @Override
  LammpsDumpReader with(Settings s) {
    return new LammpsDumpReader(s);
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.LAMMPS_DUMP;
  }

  /** The default label of a file; see {@link SampleFormat#labelOf(String)}. */
  static String labelOf(String fileName) {
    return SampleFormat.labelOf(fileName);
  }

  private static boolean isItem(String line, String item) {
    if (!line.startsWith(ITEM)) {
      return false;
    }
    String rest = line.substring(ITEM.length()).strip();
    return rest.equals(item) || rest.startsWith(item + " ");
  }

  private String expectItem(LineSource lines, String line, String item) throws IOException {
    if (line == null) {
      throw lines.error(lines.lineNumber(), null,
          "file ends where 'ITEM: " + item + "' was expected (truncated file?)");
    }
    if (!isItem(line, item)) {
      throw lines.error(line, "expected 'ITEM: " + item + "'");
    }
    return line.substring(ITEM.length()).strip().substring(item.length()).strip();
  }

  private String valueLine(LineSource lines, String what) throws IOException {
    String v = lines.next();
    if (v == null) {
      throw lines.error(lines.lineNumber(), null, "file ends where " + what + " was expected");
    }
    return v;
  }

  @Override
  RawFrame readFrame(LineSource lines, boolean keep) throws IOException {
    int dimension = dimension();
    String first = lines.next();
    String line = first;
    // Optional ITEM: UNITS / ITEM: TIME headers written by dump_modify units/time yes.
    while (line != null && (isItem(line, "UNITS") || isItem(line, "TIME"))) {
      valueLine(lines, "a value");
      line = lines.next();
    }
    expectItem(lines, line, "TIMESTEP");
    String[] ts = LineSource.tokens(valueLine(lines, "the timestep"));
    if (ts.length != 1) {
      throw lines.error(String.join(" ", ts), "expected one timestep value");
    }
    long timestep = lines.parseLong(ts[0], "timestep");

    expectItem(lines, lines.next(), "NUMBER OF ATOMS");
    String[] na = LineSource.tokens(valueLine(lines, "the number of atoms"));
    if (na.length != 1) {
      throw lines.error(String.join(" ", na), "expected one atom count");
    }
    long n = lines.parseLong(na[0], "number of atoms");
    if (n < 0 || n > Integer.MAX_VALUE / 8) {
      throw lines.error(na[0], "number of atoms out of range");
    }

    String boxHeader = expectItem(lines, lines.next(), "BOX BOUNDS");
    String[] bh = LineSource.tokens(boxHeader);
    boolean triclinic = bh.length >= 3 && bh[0].equals("xy") && bh[1].equals("xz")
        && bh[2].equals("yz");
    if (bh.length > 0 && bh[0].equals("abc")) {
      throw lines.error(boxHeader, "general triclinic boxes (abc origin) are not supported;"
          + " write the dump with a restricted triclinic box");
    }
    int flagStart = triclinic ? 3 : 0;
    if (bh.length != flagStart + 3) {
      throw lines.error(boxHeader, "expected three boundary flags such as 'pp pp pp'");
    }
    boolean[] periodic = new boolean[3];
    for (int k = 0; k < 3; k++) {
      String f = bh[flagStart + k];
      if (!f.matches("[pfsm]{2}")) {
        throw lines.error(f, "unknown boundary flag");
      }
      periodic[k] = f.equals("pp");
    }
    double[] lo = new double[3];
    double[] hi = new double[3];
    double[] tilt = new double[3];
    String[] axis = {"x", "y", "z"};
    String[] tiltName = {"xy", "xz", "yz"};
    long[] boxLine = new long[3];
    for (int k = 0; k < 3; k++) {
      String[] t = LineSource.tokens(valueLine(lines, "box bounds"));
      boxLine[k] = lines.lineNumber();
      if (t.length != (triclinic ? 3 : 2)) {
        throw lines.error(String.join(" ", t),
            "expected " + (triclinic ? 3 : 2) + " numbers for the " + axis[k] + " bounds");
      }
      lo[k] = lines.parseFinite(t[0], axis[k] + "lo");
      hi[k] = lines.parseFinite(t[1], axis[k] + "hi");
      if (triclinic) {
        tilt[k] = lines.parseFinite(t[2], tiltName[k]);
      }
    }
    if (triclinic) {
      // The header holds the bounding box of the tilted cell; recover the cell's own bounds.
      double xy = tilt[0];
      double xz = tilt[1];
      double yz = tilt[2];
      lo[0] -= Math.min(Math.min(0, xy), Math.min(xz, xy + xz));
      hi[0] -= Math.max(Math.max(0, xy), Math.max(xz, xy + xz));
      lo[1] -= Math.min(0, yz);
      hi[1] -= Math.max(0, yz);
    }
    for (int k = 0; k < dimension; k++) {
      if (!(hi[k] > lo[k])) {
        throw lines.error(boxLine[k], lo[k] + " " + hi[k],
            "inverted or empty box: " + axis[k] + "hi must exceed " + axis[k] + "lo");
      }
    }
    Box box;
    try {
      box = Box.lammps(dimension, lo, hi, tilt[0], tilt[1], tilt[2], periodic);
    } catch (IllegalArgumentException e) {
      throw lines.error(boxLine[0], null, e.getMessage());
    }

    String columnsText = expectItem(lines, lines.next(), "ATOMS");
    String[] columns = LineSource.tokens(columnsText);
    Columns cols = resolveColumns(lines, columnsText, columns, dimension);

    AtomColumns atoms = new AtomColumns(dimension, keep ? cols.extras.length : 0, n);
    long firstAtomLine = lines.lineNumber() + 1;
    Map<Integer, String> elements = new LinkedHashMap<>();
    double[] r = new double[3];
    double[] s = new double[dimension];
    double[] cart = new double[dimension];
    int zVaries = -1;
    String zFirst = null;
    String zThat = null;
    double z0 = 0;
    for (long a = 0; a < n; a++) {
      String atomLine = lines.next();
      if (atomLine == null) {
        throw lines.error(lines.lineNumber(), null, "file ends after " + a + " of " + n
            + " atoms (truncated file?)");
      }
      if (atomLine.startsWith(ITEM)) {
        throw lines.error(atomLine, "found an ITEM header after " + a + " of " + n
            + " atoms: the atom count is wrong");
      }
      String[] t = LineSource.tokens(atomLine);
      if (t.length != columns.length) {
        throw lines.error(atomLine, "expected " + columns.length + " values ("
            + String.join(" ", columns) + "), found " + t.length);
      }
      long id = lines.parseLong(t[cols.id], "atom id");
      int type = FrameChecks.type(lines, t[cols.type]);
      for (int k = 0; k < cols.coords.length; k++) {
        r[k] = lines.parseFinite(t[cols.coords[k]], "coordinate " + columns[cols.coords[k]]);
      }
      if (cols.element >= 0) {
        String el = t[cols.element];
        String before = elements.putIfAbsent(type, el);
        if (before != null && !before.equals(el)) {
          throw lines.error(el, "type " + type + " was named " + before + " before");
        }
      }
      double[] extraValues = null;
      if (keep) {
        extraValues = new double[cols.extras.length];
      }
      for (int e = 0; e < cols.extras.length; e++) {
        double v = lines.parseProperty(t[cols.extras[e]], "column " + columns[cols.extras[e]]);
        if (keep) {
          extraValues[e] = v;
        }
      }
      if (!keep) {
        continue;
      }
      if (cols.z >= 0) {
        double z = lines.parseFinite(t[cols.z], "coordinate " + columns[cols.z]);
        if (a == 0) {
          zFirst = t[cols.z];
          z0 = z;
        } else if (zVaries < 0 && z != z0) {
          zVaries = (int) a;
          zThat = t[cols.z];
        }
      }
      int i = atoms.add(id, type);
      if (cols.scaled) {
        System.arraycopy(r, 0, s, 0, dimension);
        box.toCartesian(s, cart);
        for (int k = 0; k < dimension; k++) {
          if (!Double.isFinite(cart[k])) {
            throw lines.error(t[cols.coords[k]], "scaled coordinate out of range");
          }
        }
      } else {
        System.arraycopy(r, 0, cart, 0, dimension);
      }
      System.arraycopy(cart, 0, atoms.positions, i * dimension, dimension);
      for (int e = 0; e < cols.extras.length; e++) {
        atoms.extra[e][i] = extraValues[e];
      }
    }
    String next = lines.next();
    while (next != null && next.isBlank()) {
      next = lines.next();
    }
    if (next != null && !next.startsWith(ITEM)) {
      throw lines.error(next, "more atom lines than the " + n + " the header announced");
    }
    if (next != null) {
      lines.pushBack(next);
    }
    if (!keep) {
      return RawFrame.skipped();
    }
    int dup = atoms.firstDuplicateId();
    if (dup >= 0) {
      throw lines.error(firstAtomLine + dup, Long.toString(atoms.ids[dup]),
          "duplicate atom id");
    }
    Frame.Builder b = Frame.builder()
        .sample(label(lines))
        .source(lines.name())
        .timestep(timestep)
        .box(box)
        .atoms(atoms.ids(), atoms.types(), atoms.positions());
    for (int e = 0; e < cols.extras.length; e++) {
      b.property(columns[cols.extras[e]], atoms.extra(e));
    }
    elements.forEach(b::typeName);
    return new RawFrame(b.build(), firstAtomLine, zVaries, zFirst, zThat);
  }

  private static final class Columns {
    int id = -1;
    int type = -1;
    int element = -1;
    int[] coords;
    boolean scaled;
    int[] extras;
    /** The z column dropped by a dimension-2 read, or -1. */
    int z = -1;
  }

  private static Columns resolveColumns(LineSource lines, String header, String[] columns,
      int dimension)
      throws SampleFormatException {
    Columns c = new Columns();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < columns.length; i++) {
      if (index.put(columns[i], i) != null) {
        throw lines.error(columns[i], "column named twice in the ATOMS header");
      }
    }
    if (!index.containsKey("id")) {
      throw lines.error(header, "the ATOMS header has no 'id' column");
    }
    if (!index.containsKey("type")) {
      throw lines.error(header, "the ATOMS header has no 'type' column");
    }
    c.id = index.get("id");
    c.type = index.get("type");
    c.element = index.getOrDefault("element", -1);
    for (String[] set : COORDINATE_SETS) {
      boolean all = true;
      for (int k = 0; k < dimension; k++) {
        all &= index.containsKey(set[k]);
      }
      if (all) {
        c.coords = new int[dimension];
        for (int k = 0; k < dimension; k++) {
          c.coords[k] = index.get(set[k]);
        }
        c.scaled = set[0].startsWith("xs");
        if (dimension == 2) {
          c.z = index.getOrDefault(set[2], -1);
        }
        break;
      }
    }
    if (c.coords == null) {
      throw lines.error(header, "no complete set of coordinate columns: expected x y"
          + (dimension == 3 ? " z" : "") + ", xs ys" + (dimension == 3 ? " zs" : "")
          + ", xu yu" + (dimension == 3 ? " zu" : "") + " or xsu ysu"
          + (dimension == 3 ? " zsu" : ""));
    }
    List<Integer> extras = new ArrayList<>();
    List<Integer> coords = new ArrayList<>();
    for (int k : c.coords) {
      coords.add(k);
    }
    for (int i = 0; i < columns.length; i++) {
      if (i == c.id || i == c.type || i == c.element || coords.contains(i)) {
        continue;
      }
      if (dimension == 2 && Arrays.asList("z", "zu", "zs", "zsu").contains(columns[i])) {
        continue; // a 2D run's z column
      }
      extras.add(i);
    }
    c.extras = extras.stream().mapToInt(Integer::intValue).toArray();
    return c;
  }
}
