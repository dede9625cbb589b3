package org.giipbeam.arrowio.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.giipbeam.arrowio.Frame;

/**
 * What every sample reader shares: its options (dimension, frame, label, element types), the
 * {@code read} overloads, frame selection and the checks every frame passes before it is
 * returned. Each file format is a small subclass that reads one frame ({@link SampleFormat}
 * lists them).
 *
 * <pre>{@code
 * Frame last = new LammpsDumpReader().withDimension(2).read(path);       // the last frame
 * Frame third = new ExtendedXyzReader().withFrameIndex(2).read(path);     // 0-based
 * List<Frame> every10th = new LammpsDumpReader().frames(path, 10);        // frames 0, 10, 20 ...
 * Frame mapped = new ExtendedXyzReader().withTypes(ElementTypes.of("Ni", "Nb")).read(path);
 * }</pre>
 *
 * <p>Checks on every frame returned, each one {@link SampleFormatException} naming file, line and
 * value: atom types are small positive integers (at most {@link #MAX_TYPE}); the frame holds
 * atoms; no two atoms coincide (closer than {@link FrameChecks#COINCIDENT} of the mean atomic
 * spacing, also all atoms at one point); with dimension 2 the z coordinate is the same for every
 * atom (a 3D sample is refused, not projected). A 3D read of a sample whose z is constant is not
 * an error (a monolayer in a 3D cell is a real 3D sample): {@link FrameChecks#planarHint} gives
 * the hint a caller shows when that sample then fails another check.
 *
 * @param <R> the concrete reader, returned by the {@code withX} methods
 */
public abstract sealed class SampleReader<R extends SampleReader<R>>
    permits LammpsDumpReader, ExtendedXyzReader, LammpsDataReader, PoscarReader {
  /** The largest atom type the readers accept: types index arrays downstream. */
  public static final int MAX_TYPE = 10_000;

  /** The options of a reader, one immutable value. */
  record Settings(int dimension, int frameIndex, String sample, ElementTypes types) {
    static final Settings DEFAULT = new Settings(3, -1, null, null);
  }

  final Settings settings;

  SampleReader(Settings settings) {
    this.settings = settings;
  }

  /** The format this reader reads. */
  public abstract SampleFormat format();

  /** A reader of the same format with other settings. */
  abstract R with(Settings s);

  /** Reads one frame; the lines are positioned at the frame's first (non-blank) line. */
  abstract RawFrame readFrame(LineSource lines, boolean keep) throws IOException;

  /** False for formats that hold one frame per file (the rest of the file is the subclass's). */
  boolean multiFrame() {
    return true;
  }

  /**
   * One frame as a subclass read it, with the line of its first atom (atom i is on line
   * firstAtomLine + i) and the index of the first atom whose z differs from the first atom's
   * in a dimension-2 read (-1: z constant or dimension 3).
   */
  record RawFrame(Frame frame, long firstAtomLine, int zVaries, String zFirst, String zThat) {
    static RawFrame skipped() {
      return new RawFrame(null, 0, -1, null, null);
    }
  }

  public int dimension() {
    return settings.dimension;
  }

  public int frameIndex() {
    return settings.frameIndex;
  }

  /** 2 for a 2D sample (z dropped, and required constant), 3 (the default) otherwise. */
  public R withDimension(int d) {
    if (d != 2 && d != 3) {
      throw new IllegalArgumentException("dimension must be 2 or 3, got " + d);
    }
    return with(new Settings(d, settings.frameIndex, settings.sample, settings.types));
  }

  /** Which frame to read, 0-based; -1 (the default) is the last. */
  public R withFrameIndex(int index) {
    if (index < -1) {
      throw new IllegalArgumentException("frame index must be ≥ 0, or -1 for the last");
    }
    return with(new Settings(settings.dimension, index, settings.sample, settings.types));
  }

  /** The sample label; by default the file name without its extensions. */
  public R withSample(String label) {
    return with(new Settings(settings.dimension, settings.frameIndex, label, settings.types));
  }

  /**
   * Element names to types, the same in every sample of a study: atoms whose file names their
   * element get the type of that name in {@code types}; a name it lacks, or an atom without a
   * name, is an error. Null (the default) keeps the file's own types.
   */
  public R withTypes(ElementTypes types) {
    return with(new Settings(settings.dimension, settings.frameIndex, settings.sample, types));
  }

  /** The selected frame ({@link #withFrameIndex}) of the file. */
  public Frame read(Path path) throws IOException {
    try (LineSource lines = LineSource.open(path)) {
      return selectOne(lines);
    }
  }

  /** Reads from a stream; {@code name} stands for the file in messages and the default label. */
  public Frame read(InputStream in, String name) throws IOException {
    try (LineSource lines = new LineSource(in, name)) {
      return selectOne(lines);
    }
  }

  /**
   * Every {@code every}-th frame of the file (frames 0, every, 2·every, ...), each its own
   * sample labelled {@code LABEL-frameN} (N the 0-based frame index in the file). The frame
   * index setting is not used.
   */
  public List<Frame> frames(Path path, int every) throws IOException {
    try (LineSource lines = LineSource.open(path)) {
      return selectEvery(lines, every);
    }
  }

  public List<Frame> frames(InputStream in, String name, int every) throws IOException {
    try (LineSource lines = new LineSource(in, name)) {
      return selectEvery(lines, every);
    }
  }

  /**
   * The number of frames in the file (1 for one-frame formats); every frame is checked as when
   * it is read, so a damaged frame is an error here too.
   */
  public int frameCount(Path path) throws IOException {
    try (LineSource lines = LineSource.open(path)) {
      return scan(lines, i -> false, seen -> false, (i, r) -> { });
    }
  }

  /** The label of frame {@code index} when frames are read as samples of their own. */
  public static String frameLabel(String label, int index) {
    return label + "-frame" + index;
  }

  String label(LineSource lines) {
    return settings.sample != null ? settings.sample : SampleFormat.labelOf(lines.name());
  }

  private Frame selectOne(LineSource lines) throws IOException {
    int wanted = settings.frameIndex;
    RawFrame[] chosen = new RawFrame[1];
    int count = scan(lines, i -> wanted < 0 || i == wanted, seen -> wanted >= 0 && seen > wanted,
        (i, r) -> chosen[0] = r);
    if (chosen[0] == null) {
      if (count == 0) {
        throw lines.error(0, null, "file holds no frame");
      }
      throw lines.error(0, Integer.toString(wanted),
          "frame index out of range: the file has " + count + " frame(s)");
    }
    return finish(lines, chosen[0]);
  }

  private List<Frame> selectEvery(LineSource lines, int every) throws IOException {
    if (every < 1) {
      throw new IllegalArgumentException("every must be ≥ 1, got " + every);
    }
    List<Frame> out = new ArrayList<>();
    scan(lines, i -> i % every == 0, seen -> false, (i, r) -> {
      Frame f = finish(lines, r);
      out.add(f.withSample(frameLabel(f.sample(), i)));
    });
    if (out.isEmpty()) {
      throw lines.error(0, null, "file holds no frame");
    }
    return out;
  }

  private interface FrameVisitor {
    void accept(int index, RawFrame frame) throws IOException;
  }

  /**
   * The one frame loop: reads frames in file order, those with {@code keep(index)} in full
   * (the others are only checked), and stops after {@code stop(framesSeen)} or, for one-frame
   * formats, after the first. Returns the number of frames seen.
   */
  private int scan(LineSource lines, IntPredicate keep, IntPredicate stop, FrameVisitor visit)
      throws IOException {
    String line = lines.next();
    if (line == null) {
      throw lines.error(0, null, "file is empty");
    }
    int count = 0;
    while (true) {
      while (line != null && line.isBlank()) {
        line = lines.next();
      }
      if (line == null) {
        return count;
      }
      lines.pushBack(line);
      boolean k = keep.test(count);
      RawFrame r = readFrame(lines, k);
      if (k) {
        visit.accept(count, r);
      }
      count++;
      if (!multiFrame() || stop.test(count)) {
        return count;
      }
      line = lines.next();
    }
  }

  private Frame finish(LineSource lines, RawFrame r) throws SampleFormatException {
    Frame f = r.frame();
    if (f.atomCount() == 0) {
      throw lines.error(0, null, "the frame holds no atoms: an empty sample");
    }
    if (r.zVaries() >= 0) {
      throw lines.error(r.firstAtomLine() + r.zVaries(), r.zThat(),
          "z differs from the first atom's (" + r.zFirst() + "): a 3D sample cannot be read"
              + " with dimension 2 (leave --dimension at 3)");
    }
    FrameChecks.requireSeparated(lines, f, r.firstAtomLine());
    if (settings.types != null) {
      f = settings.types.apply(f, lines.name(), r.firstAtomLine());
    }
    return f;
  }
}
