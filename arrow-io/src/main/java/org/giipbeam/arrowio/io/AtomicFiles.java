package org.giipbeam.arrowio.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a file under a temporary name in the same folder and renames it into place only when
 * the writing succeeded, so that a failure never leaves a partial file behind. Temporary names
 * are {@code .NAME.RANDOM.tmp}: a process killed while writing leaves one, and
 * {@link #deleteTemporaries} removes them. Files are created with the process's umask (not the
 * 0600 of {@code Files.createTempFile}).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Suffix of the temporary files this class writes. */
  public static final String TEMPORARY_SUFFIX = ".tmp";

  /** Something that writes a file at the path it is given. */
  @FunctionalInterface
  public interface PathWriter {
    void write(Path temporary) throws IOException;
  }

  /** Something that writes to a stream. */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  public static void write(Path target, PathWriter writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = newTemporary(dir, abs.getFileName().toString());
    boolean done = false;
    try {
      writer.write(tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  public static void writeStream(Path target, StreamWriter writer) throws IOException {
    write(target, tmp -> {
      try (OutputStream out = new BufferedOutputStream(
          Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE), 1 << 16)) {
        writer.write(out);
      }
    });
  }

  /** An empty new file {@code .NAME.RANDOM.tmp} in {@code dir}, made with the umask. */
  private static Path newTemporary(Path dir, String name) throws IOException {
    while (true) {
      Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(
          ThreadLocalRandom.current().nextLong(), 36) + TEMPORARY_SUFFIX);
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        // another writer drew the same name: draw again
      }
    }
  }

  /** Whether a file name is one of this class's temporary names. */
  public static boolean isTemporary(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(TEMPORARY_SUFFIX);
  }

  /**
   * Deletes the temporary files left under {@code dir} (any depth) by writers that were killed;
   * returns how many. Only call it while no other process writes there.
   */
  public static int deleteTemporaries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int n = 0;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile)
          .filter(p -> isTemporary(p.getFileName().toString())).toList()) {
        Files.deleteIfExists(p);
        n++;
      }
    }
    return n;
  }

  /** SHA-256 of a file's bytes, in lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        md.update(buf, 0, r);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
