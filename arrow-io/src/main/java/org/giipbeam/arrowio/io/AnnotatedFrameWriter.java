package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeResult;

/**
 * Writes a frame back as a LAMMPS dump or an extended XYZ file with extra per-atom columns (a
 * study's class and diffusion coordinates), so that OVITO can colour atoms by them. Every
 * per-atom column the frame was read with is written too. Files are written atomically.
 *
 * <p>{@link #studyColumns} makes the usual columns from a study's results: {@code lae} (1 for LAE
 * centres, else 0), {@code training} (1/0), {@code class} (1-based; <b>−1</b> for atoms that were
 * not LAE centres) and {@code phi_1..phi_k} (<b>0</b> for atoms that were not centres — filter on
 * {@code lae} before colouring by a coordinate).
 */
public final class AnnotatedFrameWriter {
  /** Class written for atoms that were not LAE centres. */
  public static final int NO_CLASS = -1;
  /** Coordinate written for atoms that were not LAE centres. */
  public static final double NO_COORDINATE = 0.0;

  private AnnotatedFrameWriter() {}

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

  /** The frame as a LAMMPS text dump ({@code id type x y z ...}), 2D frames with z = 0. */
  public static void writeLammpsDump(Path path, Frame frame, Map<String, double[]> extra)
      throws IOException {
    Map<String, double[]> cols = allColumns(frame, extra);
    AtomicFiles.writeStream(path, out -> writeLammpsDump(out, frame, cols));
  }

  private static void writeLammpsDump(OutputStream os, Frame f, Map<String, double[]> cols)
      throws IOException {
    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
    Box box = f.box();
    int d = f.dimension();
    w.write("ITEM: TIMESTEP\n" + f.timestep() + "\nITEM: NUMBER OF ATOMS\n" + f.atomCount()
        + "\n");
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
    StringBuilder header = new StringBuilder("ITEM: ATOMS id type x y z");
    boolean[] ints = new boolean[cols.size()];
    double[][] values = cols.values().toArray(new double[0][]);
    int c = 0;
    for (Map.Entry<String, double[]> e : cols.entrySet()) {
      header.append(' ').append(e.getKey());
      ints[c++] = integral(e.getValue());
    }
    w.write(header.append('\n').toString());
    StringBuilder line = new StringBuilder(256);
    for (int i = 0; i < f.atomCount(); i++) {
      line.setLength(0);
      line.append(f.ids()[i]).append(' ').append(f.types()[i]);
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

  /**
   * The frame as extended XYZ: species (the type's name, else its number), pos, id, type, then
   * every column. 2D frames get z = 0 and a unit third cell vector along z.
   */
  public static void writeExtendedXyz(Path path, Frame frame, Map<String, double[]> extra)
      throws IOException {
    Map<String, double[]> cols = allColumns(frame, extra);
    AtomicFiles.writeStream(path, out -> writeExtendedXyz(out, frame, cols));
  }

  private static void writeExtendedXyz(OutputStream os, Frame f, Map<String, double[]> cols)
      throws IOException {
    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
    Box box = f.box();
    int d = f.dimension();
    StringBuilder lattice = new StringBuilder();
    StringBuilder pbc = new StringBuilder();
    StringBuilder origin = new StringBuilder();
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 3; i++) {
        double v = k < d && i < d ? box.h(i, k) : (k == i ? 1.0 : 0.0);
        lattice.append(lattice.length() == 0 ? "" : " ").append(v);
      }
      pbc.append(k == 0 ? "" : " ").append(k < d && box.periodic(k) ? "T" : "F");
      origin.append(k == 0 ? "" : " ").append(k < d ? box.origin(k) : 0.0);
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
      String name = f.typeNames().getOrDefault(t, Integer.toString(t));
      line.append(name.isBlank() || name.contains(" ") ? Integer.toString(t) : name);
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
