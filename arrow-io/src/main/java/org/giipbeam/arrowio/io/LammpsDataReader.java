package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;

/**
 * Reads LAMMPS data files (as {@code write_data} and ASE write them), plain or gzipped, into a
 * {@link Frame}.
 *
 * <pre>{@code
 * Frame f = new LammpsDataReader().read(Path.of("data.glass"));
 * }</pre>
 *
 * <p>The header gives {@code N atoms}, {@code K atom types}, {@code xlo xhi}, {@code ylo yhi},
 * {@code zlo zhi} and optionally {@code xy xz yz} (a restricted triclinic cell); other header
 * lines (bonds, angles, ...) are allowed and ignored. Sections: {@code Atoms} (required), whose
 * style is named by its comment ({@code Atoms # atomic}) or, without one, inferred from the
 * number of columns: {@code atomic} (id type x y z), {@code charge} (id type q x y z),
 * {@code molecular} (id mol type x y z) and {@code full} (id mol type q x y z), each optionally
 * followed by three image flags (ignored: the cell is periodic). Six columns without a style
 * comment are charge when the first entry's third value is not an integer (as ASE writes a
 * charge, {@code 0.0}), and otherwise ambiguous (charge or molecular) and refused. {@code Masses} (optional) names the
 * types where an entry's comment is a name ({@code 1 58.69 # Ni}). Other sections are skipped.
 * The charge becomes the per-atom property {@code q}, the molecule id {@code mol}. A data file
 * does not record the boundary: the cell is taken as periodic in every direction (LAMMPS's
 * default {@code boundary p p p}). A data file holds one frame.
 */
public final class LammpsDataReader extends SampleReader<LammpsDataReader> {
  /** Every section keyword of a LAMMPS data file (read_data's list). */
  private static final Set<String> SECTIONS = Set.of("Atoms", "Velocities", "Masses",
      "Ellipsoids", "Lines", "Triangles", "Bodies", "Bonds", "Angles", "Dihedrals", "Impropers",
      "Pair Coeffs", "PairIJ Coeffs", "Bond Coeffs", "Angle Coeffs", "Dihedral Coeffs",
      "Improper Coeffs", "BondBond Coeffs", "BondAngle Coeffs", "MiddleBondTorsion Coeffs",
      "EndBondTorsion Coeffs", "AngleTorsion Coeffs", "AngleAngleTorsion Coeffs",
      "BondBond13 Coeffs", "AngleAngle Coeffs");

  public LammpsDataReader() {
    this(Settings.DEFAULT);
  }

  LammpsDataReader(Settings settings) {
    super(settings);
  }

  @Override
  LammpsDataReader with(Settings s) {
    return new LammpsDataReader(s);
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.LAMMPS_DATA;
  }

  @Override
  boolean multiFrame() {
    return false;
  }

  private static String stripComment(String line) {
    int h = line.indexOf('#');
    return (h >= 0 ? line.substring(0, h) : line).strip();
  }

  private static String commentOf(String line) {
    int h = line.indexOf('#');
    return h >= 0 ? line.substring(h + 1).strip() : "";
  }

  @Override
  RawFrame readFrame(LineSource lines, boolean keep) throws IOException {
    int d = dimension();
    lines.next(); // the first line is a title, whatever it says
    long atomsCount = -1;
    long typesCount = -1;
    double[] lo = new double[3];
    double[] hi = new double[3];
    double[] tilt = new double[3];
    boolean[] haveBounds = new boolean[3];
    long[] boundsLine = new long[3];
    Set<String> headerKeys = new HashSet<>();
    String line;
    String section = null;
    while ((line = lines.next()) != null) {
      String text = stripComment(line);
      if (text.isEmpty()) {
        continue;
      }
      if (SECTIONS.contains(text)) {
        section = text;
        break;
      }
      String[] t = LineSource.tokens(text);
      String key = headerKey(t);
      if (key == null) {
        throw lines.error(line, "not a data file header line (expected e.g. '3 atoms',"
            + " '2 atom types', '0 10 xlo xhi') nor a section name");
      }
      if (!headerKeys.add(key)) {
        throw lines.error(line, "header keyword '" + key + "' given twice");
      }
      switch (key) {
        case "atoms" -> {
          atomsCount = lines.parseLong(t[0], "number of atoms");
          if (atomsCount < 0 || atomsCount > Integer.MAX_VALUE / 8) {
            throw lines.error(t[0], "number of atoms out of range");
          }
        }
        case "atom types" -> {
          typesCount = lines.parseLong(t[0], "number of atom types");
          if (typesCount < 1 || typesCount > SampleReader.MAX_TYPE) {
            throw lines.error(t[0], "number of atom types must be 1 to " + SampleReader.MAX_TYPE);
          }
        }
        case "xlo xhi", "ylo yhi", "zlo zhi" -> {
          int k = key.charAt(0) - 'x';
          lo[k] = lines.parseFinite(t[0], key.substring(0, 3));
          hi[k] = lines.parseFinite(t[1], key.substring(4));
          haveBounds[k] = true;
          boundsLine[k] = lines.lineNumber();
        }
        case "xy xz yz" -> {
          tilt[0] = lines.parseFinite(t[0], "xy");
          tilt[1] = lines.parseFinite(t[1], "xz");
          tilt[2] = lines.parseFinite(t[2], "yz");
        }
        default -> {
          // other counts (bonds, angles, extra/atom, ellipsoids ...): checked as integers only
          if (!key.equals("avec") && !key.equals("bvec") && !key.equals("cvec")
              && !key.equals("abc origin")) {
            lines.parseLong(t[0], key);
          } else {
            throw lines.error(line, "general triclinic data files are not supported;"
                + " write the data file with a restricted triclinic box");
          }
        }
      }
    }
    if (atomsCount < 0) {
      throw lines.error(0, null, "the header has no 'N atoms' line");
    }
    if (typesCount < 0) {
      throw lines.error(0, null, "the header has no 'N atom types' line");
    }
    String[] axis = {"x", "y", "z"};
    for (int k = 0; k < d; k++) {
      if (!haveBounds[k]) {
        throw lines.error(0, null, "the header has no '" + axis[k] + "lo " + axis[k] + "hi' line");
      }
      if (!(hi[k] > lo[k])) {
        throw lines.error(boundsLine[k], lo[k] + " " + hi[k],
            "inverted or empty box: " + axis[k] + "hi must exceed " + axis[k] + "lo");
      }
    }
    Box box;
    try {
      box = Box.lammps(d, lo, hi, tilt[0], tilt[1], tilt[2], new boolean[] {true, true, true});
    } catch (IllegalArgumentException e) {
      throw lines.error(boundsLine[0], null, e.getMessage());
    }

    Map<Integer, String> names = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    AtomColumns atoms = null;
    long firstAtomLine = 0;
    int zVaries = -1;
    String zFirst = null;
    String zThat = null;
    Style style = null;
    Map<String, double[]> atomExtras = Map.of();
    while (section != null) {
      String header = line;
      if (!seen.add(section)) {
        throw lines.error(line, "section '" + section + "' given twice");
      }
      String next = null;
      switch (section) {
        case "Masses" -> {
          for (long i = 0; i < typesCount; i++) {
            String entry = entryLine(lines, "Masses", i, typesCount);
            String[] t = LineSource.tokens(stripComment(entry));
            if (t.length != 2) {
              throw lines.error(entry, "expected 'type mass' in the Masses section");
            }
            int type = FrameChecks.type(lines, t[0]);
            if (type > typesCount) {
              throw lines.error(t[0], "type larger than the " + typesCount
                  + " atom types the header declares");
            }
            double mass = lines.parseFinite(t[1], "mass");
            if (!(mass > 0)) {
              throw lines.error(t[1], "mass must be positive");
            }
            String name = commentOf(entry);
            if (name.matches("[A-Za-z][A-Za-z0-9_]*")) {
              if (names.put(type, name) != null) {
                throw lines.error(t[0], "type given twice in the Masses section");
              }
            }
          }
          next = afterCounted(lines, section);
        }
        case "Atoms" -> {
          style = Style.named(lines, commentOf(header));
          atoms = new AtomColumns(d, 0, atomsCount);
          Map<String, double[]> extras = new HashMap<>();
          double[] q = new double[(int) Math.min(atomsCount, 1 << 16)];
          double[] mol = new double[q.length];
          double z0 = 0;
          for (long a = 0; a < atomsCount; a++) {
            String entry = entryLine(lines, "Atoms", a, atomsCount);
            if (a == 0) {
              firstAtomLine = lines.lineNumber();
            }
            String[] t = LineSource.tokens(stripComment(entry));
            if (style == null) {
              style = Style.byCount(lines, entry, t);
            }
            if (t.length != style.columns && t.length != style.columns + 3) {
              throw lines.error(entry, "expected " + style.columns + " values ("
                  + style.header + ") or " + (style.columns + 3) + " with image flags, found "
                  + t.length);
            }
            long id = lines.parseLong(t[0], "atom id");
            int type = FrameChecks.type(lines, t[style.type]);
            if (type > typesCount) {
              throw lines.error(t[style.type], "atom type larger than the " + typesCount
                  + " atom types the header declares");
            }
            double[] r = new double[3];
            for (int k = 0; k < 3; k++) {
              r[k] = lines.parseFinite(t[style.x + k], "coordinate " + axis[k]);
            }
            for (int k = style.columns; k < t.length; k++) {
              lines.parseLong(t[k], "image flag");
            }
            int i = atoms.add(id, type);
            System.arraycopy(r, 0, atoms.positions, i * d, d);
            if (i == q.length) {
              q = java.util.Arrays.copyOf(q, q.length * 2);
              mol = java.util.Arrays.copyOf(mol, mol.length * 2);
            }
            if (style.q >= 0) {
              q[i] = lines.parseFinite(t[style.q], "charge");
            }
            if (style.mol >= 0) {
              mol[i] = lines.parseLong(t[style.mol], "molecule id");
            }
            if (d == 2) {
              if (a == 0) {
                z0 = r[2];
                zFirst = t[style.x + 2];
              } else if (zVaries < 0 && r[2] != z0) {
                zVaries = (int) a;
                zThat = t[style.x + 2];
              }
            }
          }
          if (style != null && style.q >= 0) {
            extras.put("q", java.util.Arrays.copyOf(q, atoms.size));
          }
          if (style != null && style.mol >= 0) {
            extras.put("mol", java.util.Arrays.copyOf(mol, atoms.size));
          }
          atomExtras = extras;
          next = afterCounted(lines, section);
        }
        default -> {
          // a section this reader does not need: skip to the next section name
          while ((next = lines.next()) != null && !SECTIONS.contains(stripComment(next))) {
            // skipped
          }
        }
      }
      section = next == null ? null : stripComment(next);
      line = next;
    }
    if (atoms == null) {
      throw lines.error(0, null, "the file has no Atoms section");
    }
    int dup = atoms.firstDuplicateId();
    if (dup >= 0) {
      throw lines.error(firstAtomLine + dup, Long.toString(atoms.ids[dup]), "duplicate atom id");
    }
    Frame.Builder b = Frame.builder().sample(label(lines)).source(lines.name()).box(box)
        .atoms(atoms.ids(), atoms.types(), atoms.positions());
    for (String p : new String[] {"q", "mol"}) {
      if (atomExtras.containsKey(p)) {
        b.property(p, atomExtras.get(p));
      }
    }
    names.forEach(b::typeName);
    return new RawFrame(b.build(), firstAtomLine, zVaries, zFirst, zThat);
  }

  /** After a counted section: the next section's line (or null at the end); stray lines fail. */
  private static String afterCounted(LineSource lines, String section) throws IOException {
    String next;
    while ((next = lines.next()) != null && stripComment(next).isEmpty()) {
      // blank
    }
    if (next != null && !SECTIONS.contains(stripComment(next))) {
      throw lines.error(next, "expected a section name after the " + section
          + " section (more entries than the header's count?)");
    }
    return next;
  }

  /** Entry i of n of a counted section, skipping the blank line(s) before the first. */
  private static String entryLine(LineSource lines, String section, long i, long n)
      throws IOException {
    String entry = lines.next();
    while (i == 0 && entry != null && stripComment(entry).isEmpty()) {
      entry = lines.next();
    }
    if (entry == null) {
      throw lines.error(lines.lineNumber(), null, "file ends after " + i + " of " + n
          + " " + section + " entries (truncated file?)");
    }
    if (SECTIONS.contains(stripComment(entry)) || stripComment(entry).isEmpty()) {
      throw lines.error(entry, "the " + section + " section ends after " + i + " of " + n
          + " entries: the header's count is wrong");
    }
    return entry;
  }

  /** The keyword of a header line ("atoms", "atom types", "xlo xhi", ...), or null. */
  private static String headerKey(String[] t) {
    if (t.length >= 2 && t[t.length - 1].equals("atoms") && t.length == 2) {
      return "atoms";
    }
    if (t.length == 3 && t[1].equals("atom") && t[2].equals("types")) {
      return "atom types";
    }
    if (t.length == 4 && t[3].endsWith("hi") && t[2].endsWith("lo")) {
      String k = t[2] + " " + t[3];
      return k.equals("xlo xhi") || k.equals("ylo yhi") || k.equals("zlo zhi") ? k : null;
    }
    if (t.length == 6 && t[3].equals("xy") && t[4].equals("xz") && t[5].equals("yz")) {
      return "xy xz yz";
    }
    if (t.length >= 4 && (t[t.length - 1].equals("avec") || t[t.length - 1].equals("bvec")
        || t[t.length - 1].equals("cvec"))) {
      return t[t.length - 1];
    }
    if (t.length >= 2 && t[0].matches("[0-9]+")) {
      StringBuilder k = new StringBuilder();
      for (int i = 1; i < t.length; i++) {
        if (!t[i].matches("[a-z/]+")) {
          return null;
        }
        k.append(i == 1 ? "" : " ").append(t[i]);
      }
      return k.toString();
    }
    return null;
  }

  /** The Atoms styles read: where id, type, position, charge and molecule sit. */
  private enum Style {
    ATOMIC(5, 1, 2, -1, -1, "id type x y z"),
    CHARGE(6, 1, 3, 2, -1, "id type q x y z"),
    MOLECULAR(6, 2, 3, -1, 1, "id mol type x y z"),
    FULL(7, 2, 4, 3, 1, "id mol type q x y z");

    final int columns;
    final int type;
    final int x;
    final int q;
    final int mol;
    final String header;

    Style(int columns, int type, int x, int q, int mol, String header) {
      this.columns = columns;
      this.type = type;
      this.x = x;
      this.q = q;
      this.mol = mol;
      this.header = header;
    }

    /** The style named by the Atoms line's comment, null when there is none. */
    static Style named(LineSource lines, String comment) throws SampleFormatException {
      if (comment.isEmpty()) {
        return null;
      }
      return switch (comment) {
        case "atomic" -> ATOMIC;
        case "charge" -> CHARGE;
        case "molecular", "bond", "angle" -> MOLECULAR;
        case "full" -> FULL;
        default -> throw lines.error(comment, "unsupported atom style (read: atomic, charge,"
            + " molecular, full)");
      };
    }

    /**
     * The style of an Atoms section without a style comment (ASE writes none), from its first
     * entry: 6 columns are charge when the third is not an integer (a molecular type must be).
     */
    static Style byCount(LineSource lines, String entry, String[] t)
        throws SampleFormatException {
      int n = t.length;
      return switch (n) {
        case 5, 8 -> ATOMIC;
        case 7, 10 -> FULL;
        case 6, 9 -> {
          if (!t[2].matches("[+-]?[0-9]+")) {
            yield CHARGE;
          }
          throw lines.error(entry, "6 columns could be atom style charge or"
              + " molecular: name it on the section line ('Atoms # charge')");
        }
        default -> throw lines.error(entry, "cannot tell the atom style from " + n
            + " columns (read: atomic 5, charge 6, molecular 6, full 7, each +3 image flags)");
      };
    }
  }
}
