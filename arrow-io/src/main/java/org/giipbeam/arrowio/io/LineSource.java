package org.giipbeam.arrowio.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text sample file line by line, counting lines for error messages. Gzipped input is
 * recognised by its magic bytes. Lines longer than {@link #MAX_LINE} characters are an error, so
 * that a binary or corrupt file cannot exhaust memory.
 */
final class LineSource implements AutoCloseable {
  static final int MAX_LINE = 1 << 20;

  private final String name;
  private final InputStream in;
  private final StringBuilder buffer = new StringBuilder(256);
  private long lineNumber;
  private boolean eof;
  private String pushed;

  LineSource(InputStream raw, String name) throws IOException {
    this.name = name;
    BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
    b.mark(2);
    int b0 = b.read();
    int b1 = b.read();
    b.reset();
    InputStream stream = b;
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        stream = new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16);
      } catch (IOException e) {
        throw new SampleFormatException(name, 0, null, "corrupt gzip data: " + e);
      }
    }
    this.in = stream;
  }

  static LineSource open(Path path) throws IOException {
    return new LineSource(Files.newInputStream(path), path.getFileName().toString());
  }

  String name() {
    return name;
  }

  /** Number of the line last returned by {@link #next()}. */
  long lineNumber() {
    return lineNumber;
  }

  /** The next line without its terminator, or null at the end of the input. */
  String next() throws IOException {
    if (pushed != null) {
      String line = pushed;
      pushed = null;
      lineNumber++;
      return line;
    }
    if (eof) {
      return null;
    }
    buffer.setLength(0);
    int c;
    boolean any = false;
    try {
      while ((c = in.read()) >= 0) {
        any = true;
        if (c == '\n') {
          break;
        }
        if (buffer.length() >= MAX_LINE) {
          throw error(lineNumber + 1, null, "line longer than " + MAX_LINE + " characters");
        }
        buffer.append((char) c);
      }
    } catch (SampleFormatException e) {
      throw e;
    } catch (IOException e) {
      // From a byte stream only the gzip layer fails: the data is corrupt or truncated.
      throw error(lineNumber + 1, null, "cannot read (corrupt or truncated data?): " + e);
    }
    if (c < 0) {
      eof = true;
      if (!any) {
        return null;
      }
    }
    lineNumber++;
    int len = buffer.length();
    if (len > 0 && buffer.charAt(len - 1) == '\r') {
      buffer.setLength(len - 1);
    }
    return buffer.toString();
  }

  /** Makes {@code line}, the line last returned, the next one again. */
  void pushBack(String line) {
    pushed = line;
    lineNumber--;
  }

  SampleFormatException error(long line, String value, String problem) {
    return new SampleFormatException(name, line, value, problem);
  }

  /** An error on the line last read. */
  SampleFormatException error(String value, String problem) {
    return error(lineNumber, value, problem);
  }

  double parseFinite(String token, String what) throws SampleFormatException {
    return parseFinite(this, lineNumber, token, what);
  }

  /** A finite double; NaN and infinities (also as LAMMPS writes them: nan, inf) are errors. */
  static double parseFinite(LineSource lines, long line, String token, String what)
      throws SampleFormatException {
    if (token.matches("(?i)[+-]?(nan|inf|infinity)")) {
      throw lines.error(line, token, what + " is not finite");
    }
    double v;
    try {
      v = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw lines.error(line, token, what + " is not a number");
    }
    if (!Double.isFinite(v)) {
      throw lines.error(line, token, what + " is not finite");
    }
    return v;
  }

  /**
   * A per-atom property value: a number, or NaN (nan) for "no value" — how GIIP-Beam's own
   * annotated snapshots mark atoms that were not analysed; infinities are errors.
   */
  double parseProperty(String token, String what) throws SampleFormatException {
    if (token.matches("(?i)[+-]?nan")) {
      return Double.NaN;
    }
    return parseFinite(token, what);
  }

  long parseLong(String token, String what) throws SampleFormatException {
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw error(token, what + " is not an integer");
    }
  }

  /** Splits on runs of spaces and tabs. */
  static String[] tokens(String line) {
    String t = line.strip();
    if (t.isEmpty()) {
      return new String[0];
    }
    return t.split("[ \t]+");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
