package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeResult;

/**
 * Writes a frame back as a LAMMPS dump or an extended XYZ file with extra per-atom columns (a
 * study's class and diffusion coordinates), so that ASE, OVITO and LAMMPS read them with every
 * column. Every per-atom column the frame was read with is written too. Files are written
 * atomically.
 *
 * <pre>{@code
 * AnnotatedFrameWriter w = AnnotatedFrameWriter.create()
 *     .withTypeSymbols(AnnotatedFrameWriter.parseTypeSymbols("Ni,Nb"));   // optional
 * Map<String, double[]> cols = AnnotatedFrameWriter.studyColumns(frame, results);
 * w.lammpsDump(dir.resolve("a.dump"), frame, cols);
 * w.extendedXyz(dir.resolve("a.xyz"), frame, cols);
 * }</pre>
 *
 * <p>{@link #studyColumns} makes the usual columns from a study's results: {@code lae} (1 for LAE
 * centres, else 0: the mask), {@code training} (1/0), {@code class} (1-based; <b>−1</b> for atoms
 * that were not LAE centres) and {@code phi_1..phi_k} (<b>NaN</b> for atoms that were not centres).
 *
 * <p><b>Element symbols</b>: the type's symbol from {@link #withTypeSymbols} (e.g. {@code
 * --types=Ni,Nb}), else the name the frame carries for it (an extended XYZ {@code species}), else
 * none: the extended XYZ then writes {@code X} (ASE's dummy element; the {@code type} column keeps
 * the LAMMPS type) and the dump has no {@code element} column.
 *
 * <p><b>Dump column names</b>: ASE's LAMMPS-dump reader (3.22, Debian's) keeps, besides ids,
 * types, positions, velocities and forces, only columns named like LAMMPS computes, fixes and
 * variables ({@code c_ f_ v_}; newer ASE also {@code d_ i_}). So in a dump every column without
 * such a prefix is written as a per-atom variable, {@code v_NAME}: {@code v_lae v_training v_class
 * v_phi_1 ...} ({@code c_pe} stays {@code c_pe}); the extended XYZ keeps the plain names ({@code
 * lae class phi_1 ...}). OVITO and LAMMPS {@code read_dump} keep every column under its name.
 *
 * <p><b>Box</b>: a dump keeps the input dump's {@code BOX BOUNDS} line and bounds as they were
 * ({@link #withInputFile}, {@link LammpsBoxHeader#ofInput}: boundary flags such as {@code ss ss pp}, a 2D sample's z
 * bounds), else one made from the frame's box ({@code pp} where periodic, {@code ff} where not,
 * a 2D sample's z as {@code pp} from −0.5 to 0.5). The extended XYZ takes {@code pbc} and a 2D
 * sample's third cell vector from the same header.
 */
public final class AnnotatedFrameWriter {
  /** Class written for atoms that were not LAE centres. */
  public static final int NO_CLASS = -1;
  /** Coordinate written for atoms that were not LAE centres: NaN, outside any data range. */
  public static final double NO_COORDINATE = Double.NaN;
  /** Symbol written in the extended XYZ for a type without a name or symbol. */
  public static final String NO_SYMBOL = "X";

  /** Columns ASE's dump reader keeps under their own names. */
  private static final Set<String> ASE_DUMP_COLUMNS =
      Set.of("vx", "vy", "vz", "fx", "fy", "fz", "q", "mass");

  private final Map<Integer, String> symbols;
  private final LammpsBoxHeader boxHeader;
  private final Path input;

  private AnnotatedFrameWriter(Map<Integer, String> symbols, LammpsBoxHeader boxHeader,
      Path input) {
    this.symbols = symbols;
    this.boxHeader = boxHeader;
    this.input = input;
  }

  /** A writer that takes symbols from the frame and makes the box header from its box. */
  public static AnnotatedFrameWriter create() {
    return new AnnotatedFrameWriter(Map.of(), null, null);
  }

  /**
   * Keep the box header of the file the frame was read from, when that is a LAMMPS dump with
   * the frame's timestep and box (else the header is made from the frame's box).
   */
  public AnnotatedFrameWriter withInputFile(Path inputFile) {
    return new AnnotatedFrameWriter(symbols, null, inputFile);
  }

  /** Element symbols by type number; they win over names the frame carries. */
  public AnnotatedFrameWriter withTypeSymbols(Map<Integer, String> typeSymbols) {
    Map<Integer, String> m = new TreeMap<>(typeSymbols);
    m.forEach((t, s) -> {
      if (!s.matches("[A-Za-z][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("element symbol for type " + t
            + " must be a word such as Ni: '" + s + "'");
      }
    });
    return new AnnotatedFrameWriter(Map.copyOf(m), boxHeader, input);
  }

  /** The dump's box header, instead of the one of the frame's input file. */
  public AnnotatedFrameWriter withBoxHeader(LammpsBoxHeader header) {
    return new AnnotatedFrameWriter(symbols, header, null);
  }

  /**
   * A {@code --types} value: symbols of types 1, 2, ... separated by commas ({@code Ni,Nb}), or
   * explicit {@code 1=Ni,2=Nb}.
   */
  public static Map<Integer, String> parseTypeSymbols(String spec) {
    Map<Integer, String> m = new TreeMap<>();
    String[] parts = spec.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      int type = i + 1;
      String sym = p;
      if (eq >= 0) {
        try {
          type = Integer.parseInt(p.substring(0, eq).strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--types: '" + p + "' is not TYPE=SYMBOL");
        }
        sym = p.substring(eq + 1).strip();
      }
      if (!sym.matches("[A-Za-z][A-Za-z0-9_]*") || type < 1) {
        throw new IllegalArgumentException("--types: '" + p
            + "' is not an element symbol such as Ni (or TYPE=SYMBOL)");
      }
      if (m.put(type, sym) != null) {
        throw new IllegalArgumentException("--types: type " + type + " given twice in '"
            + spec + "'");
      }
    }
    return m;
  }

  /** The symbol of a type, or null. */
  private String symbol(Frame f, int type) {
    String s = symbols.get(type);
    if (s == null) {
      s = f.typeNames().get(type);
    }
    return s == null || !s.matches("[A-Za-z][A-Za-z0-9_]*") ? null : s;
  }

  private Optional<LammpsBoxHeader> header(Frame f) {
    if (boxHeader != null) {
      if (!boxHeader.matches(f.box())) {
        throw new IllegalArgumentException("box header " + boxHeader.itemLine()
            + " does not describe the frame's box " + f.box());
      }
      return Optional.of(boxHeader);
    }
    return LammpsBoxHeader.ofInput(input, f);
  }

  /** The name a column gets in a LAMMPS dump, so that ASE's dump reader keeps it. */
  static String dumpColumnName(String name) {
    if (ASE_DUMP_COLUMNS.contains(name) || name.matches("(c|f|v|d|d2|i|i2)_.+")) {
      return name;
    }
    return "v_" + name;
  }

  /** Per-atom columns for the frame's atoms from the results of its sample (by centre id). */
  public static Map<String, double[]> studyColumns(Frame frame, List<LaeResult> results) {
    int n = frame.atomCount();
    Map<Long, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(frame.ids()[i], i);
    }
    int k = 0;
    for (LaeResult r : results) {
      if (r.sample().equals(frame.sample())) {
        k = Math.max(k, r.coordinates().length);
      }
    }
    double[] lae = new double[n];
    double[] training = new double[n];
    double[] cls = new double[n];
    java.util.Arrays.fill(cls, NO_CLASS);
    double[][] phi = new double[k][n];
    for (double[] p : phi) {
      java.util.Arrays.fill(p, NO_COORDINATE);
    }
    for (LaeResult r : results) {
      if (!r.sample().equals(frame.sample())) {
        continue;
      }
      Integer i = index.get(r.centreId());
      if (i == null) {
        throw new IllegalArgumentException("result for atom " + r.centreId()
            + " of sample " + r.sample() + ", which the frame does not have");
      }
      lae[i] = 1;
      training[i] = r.training() ? 1 : 0;
      cls[i] = r.classLabel();
      for (int j = 0; j < r.coordinates().length; j++) {
        phi[j][i] = r.coordinates()[j];
      }
    }
    Map<String, double[]> cols = new LinkedHashMap<>();
    cols.put("lae", lae);
    cols.put("training", training);
    cols.put("class", cls);
    for (int j = 0; j < k; j++) {
      cols.put("phi_" + (j + 1), phi[j]);
    }
    return cols;
  }

  private static Map<String, double[]> allColumns(Frame frame, Map<String, double[]> extra) {
    Map<String, double[]> cols = new LinkedHashMap<>(frame.properties());
    for (Map.Entry<String, double[]> e : extra.entrySet()) {
      if (e.getValue().length != frame.atomCount()) {
        throw new IllegalArgumentException("column " + e.getKey() + " has "
            + e.getValue().length + " values for " + frame.atomCount() + " atoms");
      }
      if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("column name must be a word: " + e.getKey());
      }
      cols.put(e.getKey(), e.getValue());
    }
    for (String reserved : List.of("id", "type", "x", "y", "z", "species", "pos")) {
      if (extra.containsKey(reserved)) {
        throw new IllegalArgumentException("column name " + reserved + " is reserved");
      }
    }
    return cols;
  }

  private static boolean integral(double[] values) {
    for (double v : values) {
      if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
        return false;
      }
    }
    return true;
  }

  private static String number(double v, boolean integral) {
    return integral ? Long.toString((long) v) : Double.toString(v);
  }

  /** {@code create().lammpsDump(path, frame, extra)}. */
  public static void writeLammpsDump(Path path, Frame frame, Map<String, double[]> extra)
      throws IOException {
    create().lammpsDump(path, frame, extra);
  }

  /** {@code create().extendedXyz(path, frame, extra)}. */
  public static void writeExtendedXyz(Path path, Frame frame, Map<String, double[]> extra)
      throws IOException {
    create().extendedXyz(path, frame, extra);
  }

  /** The frame as a LAMMPS text dump ({@code id type x y z ...}), 2D frames with z = 0. */
  public void lammpsDump(Path path, Frame frame, Map<String, double[]> extra)
      throws IOException {
    Map<String, double[]> cols = allColumns(frame, extra);
    AtomicFiles.writeStream(path, out -> writeLammpsDump(out, frame, cols));
  }

  private void writeLammpsDump(OutputStream os, Frame f, Map<String, double[]> cols)
      throws IOException {
    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
    Box box = f.box();
    int d = f.dimension();
    w.write("ITEM: TIMESTEP\n" + f.timestep() + "\nITEM: NUMBER OF ATOMS\n" + f.atomCount()
        + "\n");
    Optional<LammpsBoxHeader> input = header(f);
    if (input.isPresent()) {
      w.write(input.get().itemLine() + "\n");
      for (String b : input.get().boundsLines()) {
        w.write(b + "\n");
      }
    } else {
      writeBoxHeader(w, box, d);
    }
    String[] elements = symbols(f);
    StringBuilder header = new StringBuilder("ITEM: ATOMS id type");
    if (elements != null) {
      header.append(" element");
    }
    header.append(" x y z");
    boolean[] ints = new boolean[cols.size()];
    double[][] values = cols.values().toArray(new double[0][]);
    int c = 0;
    for (Map.Entry<String, double[]> e : cols.entrySet()) {
      String name = dumpColumnName(e.getKey());
      if (!name.equals(e.getKey()) && cols.containsKey(name)) {
        throw new IllegalArgumentException("columns " + e.getKey() + " and " + name
            + " would have the same name in a LAMMPS dump");
      }
      header.append(' ').append(name);
      ints[c++] = integral(e.getValue());
    }
    w.write(header.append('\n').toString());
    StringBuilder line = new StringBuilder(256);
    for (int i = 0; i < f.atomCount(); i++) {
      line.setLength(0);
      line.append(f.ids()[i]).append(' ').append(f.types()[i]);
      if (elements != null) {
        line.append(' ').append(elements[i]);
      }
      for (int k = 0; k < 3; k++) {
        line.append(' ').append(k < d ? Double.toString(f.position(i, k)) : "0.0");
      }
      for (int j = 0; j < values.length; j++) {
        line.append(' ').append(number(values[j][i], ints[j]));
      }
      w.write(line.append('\n').toString());
    }
    w.flush();
  }

  /** A box header made from the frame's box, where the input's is not known. */
  private static void writeBoxHeader(Writer w, Box box, int d) throws IOException {
    String flags = "";
    for (int k = 0; k < 3; k++) {
      flags += (k < d && box.periodic(k)) || k >= d ? " pp" : " ff";
    }
    double xlo = box.origin(0);
    double ylo = box.origin(1);
    double zlo = d == 3 ? box.origin(2) : -0.5;
    double lx = box.h(0, 0);
    double ly = box.h(1, 1);
    double lz = d == 3 ? box.h(2, 2) : 1.0;
    double xy = box.h(0, 1);
    double xz = d == 3 ? box.h(0, 2) : 0;
    double yz = d == 3 ? box.h(1, 2) : 0;
    if (box.h(1, 0) != 0 || (d == 3 && (box.h(2, 0) != 0 || box.h(2, 1) != 0))) {
      throw new IllegalArgumentException("a LAMMPS dump needs a restricted triclinic box "
          + "(a along x, b in the xy plane): " + box);
    }
    if (box.isOrthogonal()) {
      w.write("ITEM: BOX BOUNDS" + flags + "\n");
      w.write(xlo + " " + (xlo + lx) + "\n" + ylo + " " + (ylo + ly) + "\n" + zlo + " "
          + (zlo + lz) + "\n");
    } else {
      // Bounding box of the tilted cell, as LAMMPS writes it.
      double xloB = xlo + Math.min(Math.min(0, xy), Math.min(xz, xy + xz));
      double xhiB = xlo + lx + Math.max(Math.max(0, xy), Math.max(xz, xy + xz));
      double yloB = ylo + Math.min(0, yz);
      double yhiB = ylo + ly + Math.max(0, yz);
      w.write("ITEM: BOX BOUNDS xy xz yz" + flags + "\n");
      w.write(xloB + " " + xhiB + " " + xy + "\n" + yloB + " " + yhiB + " " + xz + "\n" + zlo
          + " " + (zlo + lz) + " " + yz + "\n");
    }
  }

  /** Each atom's element symbol, or null when some type has none. */
  private String[] symbols(Frame f) {
    Map<Integer, String> byType = new HashMap<>();
    for (int t : f.distinctTypes()) {
      String s = symbol(f, t);
      if (s == null) {
        return null;
      }
      byType.put(t, s);
    }
    String[] out = new String[f.atomCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = byType.get(f.types()[i]);
    }
    return out;
  }

  /**
   * The frame as extended XYZ: species (the element symbol, else {@value #NO_SYMBOL}), pos, id,
   * type, then every column under its own name. 2D frames get z = 0 and a third cell vector
   * along z: the input dump's z bounds where known, else of length 1.
   */
  public void extendedXyz(Path path, Frame frame, Map<String, double[]> extra)
      throws IOException {
    Map<String, double[]> cols = allColumns(frame, extra);
    AtomicFiles.writeStream(path, out -> writeExtendedXyz(out, frame, cols));
  }

  private void writeExtendedXyz(OutputStream os, Frame f, Map<String, double[]> cols)
      throws IOException {
    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
    Box box = f.box();
    int d = f.dimension();
    Optional<LammpsBoxHeader> input = header(f);
    double zLo = input.map(LammpsBoxHeader::zLo).orElse(0.0);
    double zLength = input.map(h -> h.zHi() - h.zLo()).orElse(1.0);
    StringBuilder lattice = new StringBuilder();
    StringBuilder pbc = new StringBuilder();
    StringBuilder origin = new StringBuilder();
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 3; i++) {
        double v = k < d && i < d ? box.h(i, k) : (k == i ? zLength : 0.0);
        lattice.append(lattice.length() == 0 ? "" : " ").append(v);
      }
      final int dir = k;
      boolean periodic = k < d ? box.periodic(k)
          : input.map(h -> h.flag(dir).equals("pp")).orElse(false);
      pbc.append(k == 0 ? "" : " ").append(periodic ? "T" : "F");
      origin.append(k == 0 ? "" : " ").append(k < d ? box.origin(k) : zLo);
    }
    boolean[] ints = new boolean[cols.size()];
    double[][] values = cols.values().toArray(new double[0][]);
    StringBuilder props = new StringBuilder("species:S:1:pos:R:3:id:I:1:type:I:1");
    int c = 0;
    for (Map.Entry<String, double[]> e : cols.entrySet()) {
      ints[c] = integral(e.getValue());
      props.append(':').append(e.getKey()).append(ints[c] ? ":I:1" : ":R:1");
      c++;
    }
    w.write(f.atomCount() + "\n");
    w.write("Lattice=\"" + lattice + "\" Origin=\"" + origin + "\" Properties=" + props
        + " pbc=\"" + pbc + "\" Timestep=" + f.timestep() + "\n");
    StringBuilder line = new StringBuilder(256);
    for (int i = 0; i < f.atomCount(); i++) {
      line.setLength(0);
      int t = f.types()[i];
      String name = symbol(f, t);
      line.append(name == null ? NO_SYMBOL : name);
      for (int k = 0; k < 3; k++) {
        line.append(' ').append(k < d ? Double.toString(f.position(i, k)) : "0.0");
      }
      line.append(' ').append(f.ids()[i]).append(' ').append(t);
      for (int j = 0; j < values.length; j++) {
        line.append(' ').append(number(values[j][i], ints[j]));
      }
      w.write(line.append('\n').toString());
    }
    w.flush();
  }
}
