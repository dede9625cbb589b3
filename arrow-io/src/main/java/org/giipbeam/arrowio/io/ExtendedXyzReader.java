package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;

/**
 * Reads extended XYZ files (as written by ASE and OVITO), plain or gzipped, into
 * {@link Frame}s.
 *
 * <pre>{@code
 * Frame f = new ExtendedXyzReader().read(Path.of("glass.extxyz"));
 * }</pre>
 *
 * <p>Each frame is an atom count line, a comment line of {@code key=value} pairs and one line per
 * atom. Understood keys: {@code Lattice="ax ay az bx by bz cx cy cz"} (the three cell vectors;
 * without it the sample is non-periodic and its box just encloses the atoms), {@code pbc="T T T"}
 * (default: periodic where a lattice is given), {@code Origin="x y z"} (optional) and
 * {@code Properties=name:type:count:...} (default {@code species:S:1:pos:R:3}). Columns:
 * {@code pos} (required); {@code id} (else atoms are numbered 1..N); types from an integer
 * {@code Z} or {@code type} column if present, else from {@code species}: the distinct symbols in
 * alphabetical order become types 1, 2, ... and are kept as type names. Other real, integer and
 * logical columns are kept as per-atom properties ({@code name}, or {@code name_0}, {@code
 * name_1}, ... for several columns); other string columns are ignored. With
 * {@link #withDimension(int) dimension 2} the z components are dropped.
 *
 * <p>Bad input raises one {@link SampleFormatException} naming file, line and value.
 */
public final class ExtendedXyzReader extends SampleReader<ExtendedXyzReader> {

  public ExtendedXyzReader() {
    this(Settings.DEFAULT);
  }

  ExtendedXyzReader(Settings settings) {
    super(settings);
  }

  @Override
  ExtendedXyzReader with(Settings s) {
    return new ExtendedXyzReader(s);
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.EXTENDED_XYZ;
  }

  private record Column(String name, char type, int count, int start) {}

  @Override
  RawFrame readFrame(LineSource lines, boolean keep) throws IOException {
    final int dimension = dimension();
    String countLine = lines.next();
    String[] ct = LineSource.tokens(countLine);
    if (ct.length != 1) {
      throw lines.error(countLine, "expected the number of atoms alone on the line");
    }
    long n = lines.parseLong(ct[0], "number of atoms");
    if (n < 0 || n > Integer.MAX_VALUE / 8) {
      throw lines.error(ct[0], "number of atoms out of range");
    }
    String comment = lines.next();
    if (comment == null) {
      throw lines.error(lines.lineNumber(), null,
          "file ends where the comment line was expected (truncated file?)");
    }
    long commentLine = lines.lineNumber();
    Map<String, String> info = parseInfo(lines, comment);

    List<Column> columns = parseProperties(lines,
        info.getOrDefault("properties", "species:S:1:pos:R:3"));
    int width = 0;
    Column pos = null;
    Column id = null;
    Column species = null;
    Column typeColumn = null;
    for (Column c : columns) {
      width = Math.max(width, c.start + c.count);
      switch (c.name.toLowerCase(Locale.ROOT)) {
        case "pos" -> pos = c;
        case "id" -> id = c;
        case "species" -> species = c;
        case "z", "type" -> {
          if (c.type == 'I' && c.count == 1 && (typeColumn == null || c.name.equals("Z"))) {
            typeColumn = c;
          }
        }
        default -> { }
      }
    }
    if (pos == null || pos.type != 'R' || pos.count != 3) {
      throw lines.error(commentLine, info.get("properties"),
          "Properties must contain pos:R:3");
    }
    if (id != null && (id.type != 'I' || id.count != 1)) {
      throw lines.error(commentLine, info.get("properties"), "id must be id:I:1");
    }
    if (typeColumn == null && (species == null || species.type != 'S' || species.count != 1)) {
      throw lines.error(commentLine, info.get("properties"),
          "Properties must contain species:S:1, or an integer Z or type column");
    }

    boolean[] periodic = new boolean[3];
    double[][] lattice = null;
    if (info.containsKey("lattice")) {
      String[] t = LineSource.tokens(info.get("lattice"));
      if (t.length != 9) {
        throw lines.error(commentLine, info.get("lattice"), "Lattice needs 9 numbers");
      }
      lattice = new double[3][3];
      for (int i = 0; i < 9; i++) {
        lattice[i / 3][i % 3] = parseFinite(lines, commentLine, t[i], "Lattice entry");
      }
      periodic = new boolean[] {true, true, true};
    }
    if (info.containsKey("pbc")) {
      String[] t = LineSource.tokens(info.get("pbc"));
      if (t.length != 3) {
        throw lines.error(commentLine, info.get("pbc"), "pbc needs three T/F values");
      }
      for (int k = 0; k < 3; k++) {
        periodic[k] = parseLogical(lines, commentLine, t[k]);
      }
      if (lattice == null && (periodic[0] || periodic[1] || periodic[2])) {
        throw lines.error(commentLine, info.get("pbc"), "pbc is periodic but there is no Lattice");
      }
    }
    double[] origin = new double[3];
    if (info.containsKey("origin")) {
      String[] t = LineSource.tokens(info.get("origin"));
      if (t.length != 3) {
        throw lines.error(commentLine, info.get("origin"), "Origin needs 3 numbers");
      }
      for (int k = 0; k < 3; k++) {
        origin[k] = parseFinite(lines, commentLine, t[k], "Origin entry");
      }
    }

    int d = dimension;
    List<Column> extras = new ArrayList<>();
    List<String> extraNames = new ArrayList<>();
    for (Column c : columns) {
      if (c == pos || c == id || c == typeColumn || c.type == 'S') {
        continue;
      }
      extras.add(c);
      for (int j = 0; j < c.count; j++) {
        extraNames.add(c.count == 1 ? c.name : c.name + "_" + j);
      }
    }
    AtomColumns atoms = new AtomColumns(d, keep ? extraNames.size() : 0, n);
    String[] names = new String[keep ? (int) Math.min(n, 1 << 16) : 0];
    long firstAtomLine = lines.lineNumber() + 1;
    Map<Integer, String> typeNamesRead = new LinkedHashMap<>();
    int zVaries = -1;
    double z0 = 0;
    String zThat = null;
    for (long a = 0; a < n; a++) {
      String line = lines.next();
      if (line == null) {
        throw lines.error(lines.lineNumber(), null,
            "file ends after " + a + " of " + n + " atoms (truncated file?)");
      }
      String[] t = LineSource.tokens(line);
      if (t.length != width) {
        throw lines.error(line, "expected " + width + " values per atom, found " + t.length);
      }
      long atomId = id == null ? a + 1 : lines.parseLong(t[id.start], "atom id");
      int type = 0;
      if (typeColumn != null) {
        type = FrameChecks.type(lines, t[typeColumn.start]);
      }
      double[] r = new double[3];
      for (int k = 0; k < 3; k++) {
        r[k] = lines.parseFinite(t[pos.start + k], "position");
      }
      double[] ex = new double[extraNames.size()];
      int e = 0;
      for (Column c : extras) {
        for (int j = 0; j < c.count; j++) {
          String v = t[c.start + j];
          ex[e++] = switch (c.type) {
            case 'L' -> parseLogical(lines, lines.lineNumber(), v) ? 1 : 0;
            case 'I' -> lines.parseLong(v, c.name);
            default -> lines.parseProperty(v, c.name);
          };
        }
      }
      if (!keep) {
        continue;
      }
      if (d == 2) {
        if (a == 0) {
          z0 = r[2];
        } else if (zVaries < 0 && r[2] != z0) {
          zVaries = (int) a;
          zThat = t[pos.start + 2];
        }
      }
      int i = atoms.add(atomId, type);
      System.arraycopy(r, 0, atoms.positions, i * d, d);
      for (int k = 0; k < ex.length; k++) {
        atoms.extra[k][i] = ex[k];
      }
      if (typeColumn != null && species != null) {
        String before = typeNamesRead.putIfAbsent(type, t[species.start]);
        if (before != null && !before.equals(t[species.start])) {
          throw lines.error(t[species.start], "type " + type + " was named " + before + " before");
        }
      } else if (typeColumn == null) {
        if (i == names.length) {
          names = java.util.Arrays.copyOf(names, Math.max(16, names.length * 2));
        }
        names[i] = t[species.start];
      }
    }
    if (!keep) {
      return RawFrame.skipped();
    }
    int size = atoms.size;
    int dup = atoms.firstDuplicateId();
    if (dup >= 0) {
      throw lines.error(firstAtomLine + dup, Long.toString(atoms.ids[dup]), "duplicate atom id");
    }
    Map<Integer, String> typeNames = new LinkedHashMap<>(typeNamesRead);
    if (typeColumn == null) {
      TreeSet<String> distinct = new TreeSet<>();
      for (int i = 0; i < size; i++) {
        distinct.add(names[i]);
      }
      Map<String, Integer> typeOf = new LinkedHashMap<>();
      for (String s : distinct) {
        typeOf.put(s, typeOf.size() + 1);
        typeNames.put(typeOf.size(), s);
      }
      for (int i = 0; i < size; i++) {
        atoms.types[i] = typeOf.get(names[i]);
      }
    }
    Box box = makeBox(lines, commentLine, lattice, origin, periodic, atoms);
    Frame.Builder b = Frame.builder()
        .sample(label(lines))
        .source(lines.name())
        .box(box)
        .atoms(atoms.ids(), atoms.types(), atoms.positions());
    for (int k = 0; k < extraNames.size(); k++) {
      b.property(extraNames.get(k), atoms.extra(k));
    }
    typeNames.forEach(b::typeName);
    if (info.containsKey("timestep")) {
      try {
        b.timestep(Long.parseLong(info.get("timestep")));
      } catch (NumberFormatException e) {
        throw lines.error(commentLine, info.get("timestep"), "Timestep is not an integer");
      }
    }
    return new RawFrame(b.build(), firstAtomLine, zVaries, Double.toString(z0), zThat);
  }

  private Box makeBox(LineSource lines, long commentLine, double[][] lattice, double[] origin,
      boolean[] periodic, AtomColumns atoms) throws SampleFormatException {
    int d = dimension();
    if (lattice == null) {
      // No cell: a non-periodic box just enclosing the atoms.
      double[] lo = new double[d];
      double[] hi = new double[d];
      for (int k = 0; k < d; k++) {
        double min = 0;
        double max = 0;
        for (int i = 0; i < atoms.size; i++) {
          double v = atoms.positions[i * d + k];
          min = i == 0 ? v : Math.min(min, v);
          max = i == 0 ? v : Math.max(max, v);
        }
        // A margin of 1 length unit, or more where 1 is lost in the coordinates' magnitude.
        double pad = Math.max(1, 1e-9 * Math.max(Math.abs(min), Math.abs(max)));
        lo[k] = min - pad;
        hi[k] = max + pad;
      }
      try {
        return Box.orthogonal(lo, hi, new boolean[d]);
      } catch (IllegalArgumentException e) {
        throw lines.error(commentLine, null, "no box fits these coordinates: " + e.getMessage());
      }
    }
    double[][] edges = new double[d][d];
    for (int k = 0; k < d; k++) {
      for (int i = 0; i < d; i++) {
        edges[k][i] = lattice[k][i];
      }
    }
    boolean[] per = java.util.Arrays.copyOf(periodic, d);
    try {
      return Box.fromEdges(java.util.Arrays.copyOf(origin, d), edges, per);
    } catch (IllegalArgumentException e) {
      throw lines.error(commentLine, null, "bad Lattice: " + e.getMessage());
    }
  }

  private static double parseFinite(LineSource lines, long line, String token, String what)
      throws SampleFormatException {
    return LineSource.parseFinite(lines, line, token, what);
  }

  private static boolean parseLogical(LineSource lines, long line, String token)
      throws SampleFormatException {
    return switch (token) {
      case "T", "True", "true", "1" -> true;
      case "F", "False", "false", "0" -> false;
      default -> throw lines.error(line, token, "expected a logical value T or F");
    };
  }

  private static List<Column> parseProperties(LineSource lines, String spec)
      throws SampleFormatException {
    String[] p = spec.split(":", -1);
    if (p.length % 3 != 0 || p.length == 0) {
      throw lines.error(spec, "Properties must be name:type:count triples");
    }
    List<Column> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < p.length; i += 3) {
      String name = p[i];
      if (name.isEmpty()) {
        throw lines.error(spec, "a property has no name");
      }
      if (p[i + 1].length() != 1 || "SRIL".indexOf(p[i + 1].charAt(0)) < 0) {
        throw lines.error(p[i + 1], "property type must be S, R, I or L");
      }
      int count;
      try {
        count = Integer.parseInt(p[i + 2]);
      } catch (NumberFormatException e) {
        throw lines.error(p[i + 2], "property column count is not an integer");
      }
      if (count < 1 || count > 1000) {
        throw lines.error(p[i + 2], "property column count out of range");
      }
      for (Column c : out) {
        if (c.name.equals(name)) {
          throw lines.error(name, "property named twice");
        }
      }
      out.add(new Column(name, p[i + 1].charAt(0), count, start));
      start += count;
    }
    return out;
  }

  /** key=value pairs of the comment line; keys lower-cased; quotes and braces unwrapped. */
  private static Map<String, String> parseInfo(LineSource lines, String comment)
      throws SampleFormatException {
    Map<String, String> info = new LinkedHashMap<>();
    int i = 0;
    int len = comment.length();
    while (i < len) {
      while (i < len && Character.isWhitespace(comment.charAt(i))) {
        i++;
      }
      if (i >= len) {
        break;
      }
      int keyStart = i;
      while (i < len && comment.charAt(i) != '=' && !Character.isWhitespace(comment.charAt(i))) {
        i++;
      }
      String key = comment.substring(keyStart, i).toLowerCase(Locale.ROOT);
      while (i < len && Character.isWhitespace(comment.charAt(i))) {
        i++;
      }
      if (i >= len || comment.charAt(i) != '=') {
        if (info.put(key, "T") != null) { // a bare flag
          throw lines.error(key, "key given twice on the comment line (keys are case-insensitive)");
        }
        continue;
      }
      i++;
      while (i < len && Character.isWhitespace(comment.charAt(i))) {
        i++;
      }
      StringBuilder v = new StringBuilder();
      if (i < len && (comment.charAt(i) == '"' || comment.charAt(i) == '{')) {
        char close = comment.charAt(i) == '"' ? '"' : '}';
        i++;
        boolean closed = false;
        while (i < len) {
          char c = comment.charAt(i++);
          if (c == '\\' && i < len) {
            v.append(comment.charAt(i++));
          } else if (c == close) {
            closed = true;
            break;
          } else {
            v.append(c);
          }
        }
        if (!closed) {
          throw lines.error(comment, "unterminated quoted value of " + key);
        }
      } else {
        while (i < len && !Character.isWhitespace(comment.charAt(i))) {
          v.append(comment.charAt(i++));
        }
      }
      if (info.put(key, v.toString()) != null) {
        throw lines.error(key, "key given twice on the comment line (keys are case-insensitive)");
      }
    }
    return info;
  }
}
