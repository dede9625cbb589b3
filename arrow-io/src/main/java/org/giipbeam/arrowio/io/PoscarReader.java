package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;

/**
 * Reads VASP POSCAR and CONTCAR files (VASP 4 and 5 layouts), plain or gzipped, into a
 * {@link Frame}.
 *
 * <pre>{@code
 * Frame f = new PoscarReader().read(Path.of("CONTCAR"));
 * }</pre>
 *
 * <p>Layout: a comment line; the scale factor (one number: positive scales the cell and
 * Cartesian positions, negative is the cell volume wanted; or three positive numbers, one per
 * axis); three lattice vectors; the species names (VASP 5; absent in VASP 4, then types are
 * unnamed); the atom count of each species; an optional {@code Selective dynamics} line; the
 * coordinate mode ({@code Direct}, or {@code Cartesian}/{@code K...}: only the first letter
 * counts, as in VASP); one line per atom (three numbers, three T/F flags with selective
 * dynamics, anything after that is ignored). Whatever follows the positions (velocities,
 * predictor-corrector data) is ignored. Atoms are numbered 1..N in file order; species k is
 * type k. The cell is periodic in every direction and its origin is 0. With
 * {@link #withDimension(int) dimension 2} the first two lattice vectors must lie in the xy
 * plane and the third along z.
 */
public final class PoscarReader extends SampleReader<PoscarReader> {

  public PoscarReader() {
    this(Settings.DEFAULT);
  }

  PoscarReader(Settings settings) {
    super(settings);
  }

  @Override
  PoscarReader with(Settings s) {
    return new PoscarReader(s);
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.POSCAR;
  }

  @Override
  boolean multiFrame() {
    return false;
  }

  private static String need(LineSource lines, String what) throws IOException {
    String l = lines.next();
    if (l == null) {
      throw lines.error(lines.lineNumber(), null,
          "file ends where " + what + " was expected (truncated file?)");
    }
    return l;
  }

  @Override
  RawFrame readFrame(LineSource lines, boolean keep) throws IOException {
    int d = dimension();
    need(lines, "the comment line");
    String scaleLine = need(lines, "the scale factor");
    String[] st = LineSource.tokens(scaleLine);
    if (st.length != 1 && st.length != 3) {
      throw lines.error(scaleLine, "expected one scale factor (or three, one per axis)");
    }
    double[] scale = new double[3];
    for (int k = 0; k < st.length; k++) {
      scale[k] = lines.parseFinite(st[k], "scale factor");
    }
    if (st.length == 1) {
      scale[1] = scale[0];
      scale[2] = scale[0];
      if (scale[0] == 0) {
        throw lines.error(st[0], "the scale factor must not be 0");
      }
    } else if (!(scale[0] > 0 && scale[1] > 0 && scale[2] > 0)) {
      throw lines.error(scaleLine, "three scale factors must all be positive");
    }
    long scaleLineNo = lines.lineNumber();
    double[][] a = new double[3][3];
    for (int v = 0; v < 3; v++) {
      String l = need(lines, "lattice vector " + (v + 1));
      String[] t = LineSource.tokens(l);
      if (t.length < 3) {
        throw lines.error(l, "lattice vector " + (v + 1) + " needs 3 numbers");
      }
      for (int k = 0; k < 3; k++) {
        a[v][k] = lines.parseFinite(t[k], "lattice vector " + (v + 1) + " component");
      }
    }
    long latticeLine = lines.lineNumber() - 2;
    double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
        - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    if (scale[0] < 0) {
      if (!(Math.abs(det) > 0) || !Double.isFinite(det)) {
        throw lines.error(latticeLine, null, "the lattice vectors are degenerate (volume "
            + det + "), so a negative scale factor (a volume) cannot be applied");
      }
      double f = Math.cbrt(-scale[0] / Math.abs(det));
      scale[0] = f;
      scale[1] = f;
      scale[2] = f;
    }
    for (int v = 0; v < 3; v++) {
      for (int k = 0; k < 3; k++) {
        a[v][k] *= scale[k];
        if (!Double.isFinite(a[v][k])) {
          throw lines.error(scaleLineNo, st[0], "the scaled lattice is not finite");
        }
      }
    }

    String l = need(lines, "the species names or counts");
    String[] t = LineSource.tokens(l);
    List<String> species = null;
    if (t.length > 0 && !t[0].matches("[+-]?[0-9]+")) {
      species = new ArrayList<>();
      for (String s : t) {
        if (s.matches("[+-]?[0-9.]+.*")) {
          throw lines.error(s, "a species name cannot be a number");
        }
        // POTCAR labels such as Ni_pv or Ni/abc name the element before the separator.
        species.add(s.split("[_/]", 2)[0]);
      }
      l = need(lines, "the atom counts");
      t = LineSource.tokens(l);
    }
    if (t.length == 0) {
      throw lines.error(l, "expected the number of atoms of each species");
    }
    if (species != null && t.length != species.size()) {
      throw lines.error(l, species.size() + " species named but " + t.length + " counts given");
    }
    long[] counts = new long[t.length];
    long n = 0;
    for (int k = 0; k < t.length; k++) {
      counts[k] = lines.parseLong(t[k], "atom count");
      if (counts[k] < 0) {
        throw lines.error(t[k], "atom count must not be negative");
      }
      n += counts[k];
      if (n > Integer.MAX_VALUE / 8) {
        throw lines.error(t[k], "number of atoms out of range");
      }
    }
    if (t.length > SampleReader.MAX_TYPE) {
      throw lines.error(l, "more than " + SampleReader.MAX_TYPE + " species");
    }
    String mode = need(lines, "the coordinate mode (Direct or Cartesian)").strip();
    boolean selective = false;
    if (!mode.isEmpty() && (mode.charAt(0) == 'S' || mode.charAt(0) == 's')) {
      selective = true;
      mode = need(lines, "the coordinate mode (Direct or Cartesian)").strip();
    }
    if (mode.isEmpty()) {
      throw lines.error(mode, "expected the coordinate mode (Direct or Cartesian)");
    }
    char m = Character.toUpperCase(mode.charAt(0));
    boolean cartesian = m == 'C' || m == 'K';
    if (!cartesian && m != 'D') {
      throw lines.error(mode, "expected the coordinate mode Direct or Cartesian");
    }

    Box box3;
    try {
      box3 = Box.fromEdges(new double[3], a, new boolean[] {true, true, true});
    } catch (IllegalArgumentException e) {
      throw lines.error(latticeLine, null, det < 0
          ? "the lattice vectors are left-handed (volume " + det + "); swap two of them"
          : "bad lattice: " + e.getMessage());
    }
    Box box = box3;
    if (d == 2) {
      if (a[0][2] != 0 || a[1][2] != 0 || a[2][0] != 0 || a[2][1] != 0) {
        throw lines.error(latticeLine, null, "with dimension 2 the first two lattice vectors"
            + " must lie in the xy plane and the third along z");
      }
      try {
        box = Box.fromEdges(new double[2], new double[][] {{a[0][0], a[0][1]},
            {a[1][0], a[1][1]}}, new boolean[] {true, true});
      } catch (IllegalArgumentException e) {
        throw lines.error(latticeLine, null, "bad lattice: " + e.getMessage());
      }
    }

    AtomColumns atoms = new AtomColumns(d, 0, n);
    long firstAtomLine = lines.lineNumber() + 1;
    double[] r = new double[3];
    double[] s = new double[3];
    int zVaries = -1;
    String zFirst = null;
    String zThat = null;
    int type = 0;
    long left = 0;
    for (long i = 0; i < n; i++) {
      while (left == 0) {
        left = counts[type++];
      }
      left--;
      String line = lines.next();
      if (line == null) {
        throw lines.error(lines.lineNumber(), null,
            "file ends after " + i + " of " + n + " atoms (truncated file?)");
      }
      String[] p = LineSource.tokens(line);
      int want = selective ? 6 : 3;
      if (p.length < want) {
        throw lines.error(line, "expected " + want + " values per atom"
            + (selective ? " (x y z and three T/F flags)" : " (x y z)") + ", found " + p.length);
      }
      for (int k = 0; k < 3; k++) {
        s[k] = lines.parseFinite(p[k], "coordinate");
      }
      if (selective) {
        for (int k = 3; k < 6; k++) {
          if (!p[k].equals("T") && !p[k].equals("F")) {
            throw lines.error(p[k], "expected a selective-dynamics flag T or F");
          }
        }
      }
      if (cartesian) {
        for (int k = 0; k < 3; k++) {
          r[k] = s[k] * scale[k];
        }
      } else {
        box3.toCartesian(s, r);
      }
      for (int k = 0; k < 3; k++) {
        if (!Double.isFinite(r[k])) {
          throw lines.error(p[k], "coordinate out of range");
        }
      }
      if (d == 2) {
        if (i == 0) {
          zFirst = Double.toString(r[2]);
        } else if (zVaries < 0 && Double.toString(r[2]).equals(zFirst) == false) {
          zVaries = (int) i;
          zThat = p[2];
        }
      }
      int at = atoms.add(i + 1, type);
      System.arraycopy(r, 0, atoms.positions, at * d, d);
    }
    // The rest (velocities, predictor-corrector data) is not needed; skip it.
    while (lines.next() != null) {
      // skipped
    }
    Frame.Builder b = Frame.builder().sample(label(lines)).source(lines.name()).box(box)
        .atoms(atoms.ids(), atoms.types(), atoms.positions());
    if (species != null) {
      for (int k = 0; k < species.size(); k++) {
        if (counts[k] > 0) {
          b.typeName(k + 1, species.get(k));
        }
      }
    }
    return new RawFrame(b.build(), firstAtomLine, zVaries, zFirst, zThat);
  }
}
