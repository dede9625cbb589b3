package org.giipbeam.arrowio.io;

import java.io.IOException;

/**
 * The one exception the sample readers throw for bad input: it names the file, the line (1-based;
 * 0 when the problem is not on one line, e.g. an empty file) and the offending value.
 */
public final class SampleFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String value;

  public SampleFormatException(String file, long line, String value, String problem) {
    super(format(file, line, value, problem));
    this.file = file;
    this.line = line;
    this.value = value;
  }

  private static String format(String file, long line, String value, String problem) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ").append(problem);
    if (value != null) {
      String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
      sb.append(" (value '").append(shown).append("')");
    }
    return sb.toString();
  }

  public String file() {
    return file;
  }

  /** 1-based line number, 0 when not tied to a line. */
  public long line() {
    return line;
  }

  /** The offending text, or null. */
  public String value() {
    return value;
  }
}
