package org.giipbeam.arrowio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one contract every sample format of {@link SampleFormat} passes: hand-built frames written
 * in the format by {@link #text} (a writer independent of the project's writers) read back
 * exactly; frame selection; dimension 2; element types; and the bad inputs that every format can
 * express. A new format fails to compile here until {@link #text} can write it.
 */
class ReaderContractTest {

  /** Three atoms, Nb (type 1) and Ni (type 2), in a triclinic periodic cell at the origin. */
  static Frame crystal(double shift, boolean planar) {
    Box box = Box.fromEdges(new double[3],
        new double[][] {{10, 0, 0}, {2, 9, 0}, {-1, -1.5, 8}}, new boolean[] {true, true, true});
    double z = 2.5;
    double[] pos = {0.5 + shift, 1, planar ? z : 0.25, 4.25, 5.5 + shift, planar ? z : 4,
        7.125, 2.75, planar ? z : 6.5 - shift};
    return Frame.builder().sample("c").box(box)
        .atoms(new long[] {1, 2, 3}, new int[] {1, 1, 2}, pos)
        .typeName(1, "Nb").typeName(2, "Ni").build();
  }

  /** The frames written in the format, as the format's own tools lay them out. */
  static String text(SampleFormat format, List<Frame> frames) {
    StringBuilder sb = new StringBuilder();
    for (Frame f : frames) {
      switch (format) {
        case LAMMPS_DUMP -> dump(sb, f);
        case EXTENDED_XYZ -> xyz(sb, f);
        case LAMMPS_DATA -> data(sb, f);
        case POSCAR -> poscar(sb, f);
      }
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  private static void dump(StringBuilder sb, Frame f) {
    Box b = f.box();
    double xy = b.h(0, 1);
    double xz = b.h(0, 2);
    double yz = b.h(1, 2);
    double xlo = b.origin(0);
    double ylo = b.origin(1);
    double zlo = b.origin(2);
    double xhi = xlo + b.h(0, 0);
    double yhi = ylo + b.h(1, 1);
    double zhi = zlo + b.h(2, 2);
    // The header holds the bounding box of the tilted cell (LAMMPS's dump convention).
    double xlob = xlo + Math.min(Math.min(0, xy), Math.min(xz, xy + xz));
    double xhib = xhi + Math.max(Math.max(0, xy), Math.max(xz, xy + xz));
    sb.append("ITEM: TIMESTEP\n").append(f.timestep()).append("\nITEM: NUMBER OF ATOMS\n")
        .append(f.atomCount()).append("\nITEM: BOX BOUNDS xy xz yz pp pp pp\n")
        .append(num(xlob)).append(' ').append(num(xhib)).append(' ').append(num(xy)).append('\n')
        .append(num(ylo + Math.min(0, yz))).append(' ').append(num(yhi + Math.max(0, yz)))
        .append(' ').append(num(xz)).append('\n')
        .append(num(zlo)).append(' ').append(num(zhi)).append(' ').append(num(yz)).append('\n')
        .append("ITEM: ATOMS id type element x y z\n");
    for (int i = 0; i < f.atomCount(); i++) {
      sb.append(f.ids()[i]).append(' ').append(f.types()[i]).append(' ')
          .append(f.typeNames().get(f.types()[i]));
      for (int k = 0; k < 3; k++) {
        sb.append(' ').append(num(f.position(i, k)));
      }
      sb.append('\n');
    }
  }

  private static void xyz(StringBuilder sb, Frame f) {
    Box b = f.box();
    List<String> lattice = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      for (double v : b.edge(k)) {
        lattice.add(num(v));
      }
    }
    sb.append(f.atomCount()).append("\nLattice=\"").append(String.join(" ", lattice));
    sb.append("\" Properties=species:S:1:pos:R:3:id:I:1 Time=0 pbc=\"T T T\"\n");
    for (int i = 0; i < f.atomCount(); i++) {
      sb.append(f.typeNames().get(f.types()[i]));
      for (int k = 0; k < 3; k++) {
        sb.append(' ').append(num(f.position(i, k)));
      }
      sb.append(' ').append(f.ids()[i]).append('\n');
    }
  }

  private static void data(StringBuilder sb, Frame f) {
    Box b = f.box();
    sb.append("written by ReaderContractTest\n\n").append(f.atomCount()).append(" atoms\n")
        .append(f.typeNames().size()).append(" atom types\n\n");
    String[] ax = {"x", "y", "z"};
    for (int k = 0; k < 3; k++) {
      sb.append(num(b.origin(k))).append(' ').append(num(b.origin(k) + b.h(k, k))).append(' ')
          .append(ax[k]).append("lo ").append(ax[k]).append("hi\n");
    }
    sb.append(num(b.h(0, 1))).append(' ').append(num(b.h(0, 2))).append(' ')
        .append(num(b.h(1, 2))).append(" xy xz yz\n\nMasses\n\n");
    f.typeNames().forEach((t, n) -> sb.append(t).append(" 1.0 # ").append(n).append('\n'));
    sb.append("\nAtoms # atomic\n\n");
    for (int i = 0; i < f.atomCount(); i++) {
      sb.append(f.ids()[i]).append(' ').append(f.types()[i]);
      for (int k = 0; k < 3; k++) {
        sb.append(' ').append(num(f.position(i, k)));
      }
      sb.append('\n');
    }
  }

  private static void poscar(StringBuilder sb, Frame f) {
    Box b = f.box();
    sb.append("written by ReaderContractTest\n1.0\n");
    for (int k = 0; k < 3; k++) {
      double[] e = b.edge(k);
      sb.append(num(e[0])).append(' ').append(num(e[1])).append(' ').append(num(e[2]))
          .append('\n');
    }
    StringBuilder names = new StringBuilder();
    StringBuilder counts = new StringBuilder();
    for (Map.Entry<Integer, String> e : f.typeNames().entrySet()) {
      long c = java.util.Arrays.stream(f.types()).filter(t -> t == e.getKey()).count();
      names.append(e.getValue()).append(' ');
      counts.append(c).append(' ');
    }
    sb.append(names.toString().strip()).append('\n').append(counts.toString().strip())
        .append("\nCartesian\n");
    for (int i = 0; i < f.atomCount(); i++) {
      sb.append(num(f.position(i, 0))).append(' ').append(num(f.position(i, 1))).append(' ')
          .append(num(f.position(i, 2))).append('\n');
    }
  }

  static Frame read(SampleReader<?> r, SampleFormat format, String text) throws Exception {
    return r.read(stream(text), name(format));
  }

  static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  static String name(SampleFormat format) {
    return format.prefixes().isEmpty() ? "s" + format.extensions().get(0)
        : format.prefixes().get(0) + (format.prefixes().get(0).endsWith(".") ? "s" : "");
  }

  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void roundTripOfAHandBuiltFrame(SampleFormat format) throws Exception {
    Frame f = crystal(0, false);
    Frame back = read(format.reader(), format, text(format, List.of(f)));
    assertArrayEquals(f.ids(), back.ids());
    assertArrayEquals(f.types(), back.types());
    assertArrayEquals(f.positions(), back.positions(), 1e-12);
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(f.box().edge(k), back.box().edge(k), 1e-12, "edge " + k);
      assertTrue(back.box().periodic(k));
    }
    assertArrayEquals(f.box().origin(), back.box().origin(), 1e-12);
    assertEquals(Map.of(1, "Nb", 2, "Ni"), back.typeNames());
    assertEquals(name(format), back.source());
    assertEquals(SampleFormat.labelOf(name(format)), back.sample());
    assertEquals("given", format.reader().withSample("given")
        .read(stream(text(format, List.of(f))), name(format)).sample());
  }

  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void frameSelection(SampleFormat format) throws Exception {
    List<Frame> frames = new ArrayList<>();
    int count = format.multiFrame() ? 5 : 1;
    for (int i = 0; i < count; i++) {
      frames.add(crystal(0.5 * i, false));
    }
    String text = text(format, frames);
    SampleReader<?> r = format.reader();
    assertArrayEquals(frames.get(count - 1).positions(), read(r, format, text).positions(),
        1e-12, "the default is the last frame");
    for (int i = 0; i < count; i++) {
      assertArrayEquals(frames.get(i).positions(),
          read(r.withFrameIndex(i), format, text).positions(), 1e-12, "frame " + i);
    }
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> read(r.withFrameIndex(count), format, text));
    assertEquals(name(format) + ": frame index out of range: the file has " + count
        + " frame(s) (value '" + count + "')", e.getMessage());
    List<Frame> every = r.frames(stream(text), name(format), 2);
    assertEquals((count + 1) / 2, every.size());
    for (int j = 0; j < every.size(); j++) {
      assertArrayEquals(frames.get(2 * j).positions(), every.get(j).positions(), 1e-12);
      assertEquals(SampleFormat.labelOf(name(format)) + "-frame" + 2 * j, every.get(j).sample());
    }
    assertEquals(count, r.frames(stream(text), name(format), 1).size());
    assertThrows(IllegalArgumentException.class, () -> r.frames(stream(text), name(format), 0));
  }

  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void dimensionTwoTakesAPlanarSampleAndRefusesA3dOne(SampleFormat format) throws Exception {
    Frame planar = crystal(0, true);
    // In 2D the third edge must be along z (POSCAR checks this; the others drop it).
    Box box = Box.fromEdges(new double[3],
        new double[][] {{10, 0, 0}, {2, 9, 0}, {0, 0, 8}}, new boolean[] {true, true, true});
    planar = planar.toBuilder().box(box).build();
    Frame f2 = read(format.reader().withDimension(2), format, text(format, List.of(planar)));
    assertEquals(2, f2.dimension());
    assertArrayEquals(new double[] {0.5, 1, 4.25, 5.5, 7.125, 2.75}, f2.positions(), 1e-12);
    assertArrayEquals(new double[] {2, 9}, f2.box().edge(1), 1e-12);
    String hint = FrameChecks.planarHint(read(format.reader(), format,
        text(format, List.of(planar))));
    assertEquals(name(format) + ": z is 2.5 for all 3 atoms: if this is a 2D sample, read it"
        + " with --dimension=2", hint);

    Frame solid = crystal(0, false).toBuilder().box(box).build();
    String text = text(format, List.of(solid));
    assertEquals(null, FrameChecks.planarHint(read(format.reader(), format, text)));
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> read(format.reader().withDimension(2), format, text));
    assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(name(format)) + ":\\d+: z"
        + " differs from the first atom's \\(0\\.25\\): a 3D sample cannot be read with"
        + " dimension 2 \\(leave --dimension at 3\\) \\(value '4\\.0'\\)"), e.getMessage());
    assertEquals(lineOf(text, "4.25 5.5 4.0"), e.line(), "the line of the second atom");
  }

  /** The 1-based number of the first line holding {@code part}. */
  private static long lineOf(String text, String part) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(part)) {
        return i + 1;
      }
    }
    return -1;
  }

  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void elementTypesMapNamesToTheSameTypeInEveryFile(SampleFormat format) throws Exception {
    String text = text(format, List.of(crystal(0, false)));
    Frame f = format.reader().withTypes(ElementTypes.parse("Ni,Nb")).read(stream(text),
        name(format));
    assertArrayEquals(new int[] {2, 2, 1}, f.types());
    assertEquals(Map.of(1, "Ni", 2, "Nb"), f.typeNames());
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> format.reader().withTypes(ElementTypes.parse("Ni,Cu")).read(stream(text),
            name(format)));
    assertTrue(e.getMessage().endsWith(": element not in the element types Ni,Cu (value 'Nb')"),
        e.getMessage());
    assertTrue(e.line() > 0, "the message names the line of the first Nb atom");
  }

  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void coincidentAtomsAndAllAtomsAtOnePointAreRefused(SampleFormat format) throws Exception {
    Frame c = crystal(0, false);
    double[] p = c.positions().clone();
    System.arraycopy(p, 0, p, 6, 3); // atom 3 onto atom 1
    Frame twin = c.toBuilder().atoms(c.ids(), c.types(), p).build();
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> read(format.reader(), format, text(format, List.of(twin))));
    assertTrue(e.getMessage().contains(": atom 3 is at the position of atom 1 (distance 0.0):"
        + " two atoms cannot coincide (value '0.5 1.0 0.25')"), e.getMessage());
    double[] q = new double[9];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(c.positions(), 0, q, 3 * i, 3);
    }
    Frame point = c.toBuilder().atoms(c.ids(), c.types(), q).build();
    e = assertThrows(SampleFormatException.class,
        () -> read(format.reader(), format, text(format, List.of(point))));
    assertTrue(e.getMessage().contains(": all 3 atoms are at one point (value '0.5 1.0 0.25')"),
        e.getMessage());
    // Atoms one period apart are the same atom: refused too.
    double[] r = c.positions().clone();
    r[6] = r[0] + 10;
    r[7] = r[1];
    r[8] = r[2];
    Frame image = c.toBuilder().atoms(c.ids(), c.types(), r).build();
    assertThrows(SampleFormatException.class,
        () -> read(format.reader(), format, text(format, List.of(image))));
  }

  /** Every prefix of a good file is a frame or the readers' one exception, nothing else. */
  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void everyTruncationFailsCleanly(SampleFormat format) throws Exception {
    String text = text(format, List.of(crystal(0, false), crystal(0.5, false)));
    for (int cut = 0; cut < text.length(); cut++) {
      String part = text.substring(0, cut);
      for (int d = 2; d <= 3; d++) {
        try {
          Frame f = format.reader().withDimension(d).read(stream(part), name(format));
          assertTrue(f.atomCount() > 0);
        } catch (SampleFormatException expected) {
          assertTrue(expected.getMessage().startsWith(name(format)), expected.getMessage());
          assertTrue(!expected.getMessage().contains("\n"), "one line");
        } catch (Exception | Error other) {
          fail("cut at " + cut + ", dimension " + d + ": " + other, other);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void emptyFilesAndEmptySamples(SampleFormat format) throws Exception {
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> read(format.reader(), format, ""));
    assertEquals(name(format) + ": file is empty", e.getMessage());
    Frame c = crystal(0, false);
    Frame empty = c.toBuilder().atoms(new long[0], new int[0], new double[0]).build();
    String text = text(format, List.of(empty));
    e = assertThrows(SampleFormatException.class, () -> read(format.reader(), format, text));
    assertEquals(name(format) + ": the frame holds no atoms: an empty sample", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void theRegistryDispatchesEveryNameOfTheFormat(SampleFormat format) {
    for (String ext : format.extensions()) {
      assertSame(format, SampleFormat.of("a" + ext));
      assertSame(format, SampleFormat.of("a" + ext + ".gz"));
      assertSame(format, SampleFormat.of("a" + ext.toUpperCase(Locale.ROOT)));
      assertEquals("a", SampleFormat.labelOf("a" + ext + ".gz"));
      assertTrue(SampleFormat.HELP.contains(ext), "help names " + ext);
    }
    for (String prefix : format.prefixes()) {
      assertSame(format, SampleFormat.of(prefix + "x"));
      assertTrue(SampleFormat.HELP.contains(prefix), "help names " + prefix);
    }
    assertSame(format, format.reader().with(SampleReader.Settings.DEFAULT).format());
  }

  @Test
  void unknownNamesAreReadAsLammpsDumps() {
    assertSame(SampleFormat.LAMMPS_DUMP, SampleFormat.of("glass.lammps"));
    assertEquals("glass", SampleFormat.labelOf("glass.dump.gz"));
    assertEquals("run.txt", SampleFormat.labelOf("run.txt.txt"));
  }
}
