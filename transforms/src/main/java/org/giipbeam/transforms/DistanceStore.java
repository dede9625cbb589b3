package org.giipbeam.transforms;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.arrow.DistanceBlockArrow;
import org.giipbeam.arrowio.arrow.LaeBatchArrow;
import org.giipbeam.arrowio.io.AtomicFiles;

/**
 * Where {@link GiipBlocks} keeps each finished training tile and extension batch as soon as it
 * is done, so that a study that is killed (or whose worker dies) and is run again computes only
 * what is missing. Each piece is one Arrow IPC file written atomically (temporary name, then
 * rename) with a SHA-256 sidecar {@code FILE.sha256} written after it; a piece counts as done
 * only when both are there, the checksum matches, and its rows and columns are the LAEs asked
 * for. Writing a piece twice (a re-executed bundle on Flink) writes the same bytes: harmless.
 * The folder must be visible to every worker (a local disk for the DirectRunner and a local
 * Flink cluster, a shared file system for a real one).
 *
 * <p>Layout under the folder:
 *
 * <pre>
 *   training-laes.arrow            the training batch
 *   training/tile-I-J.arrow        tile (I, J), I ≤ J, of the training matrix
 *   extension/KEY.laes.arrow       an extension batch, KEY its {@link LaeResults#batchKey}
 *   extension/KEY.rows.arrow       its distance rows to every training LAE
 * </pre>
 */
public final class DistanceStore implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String TRAINING_LAES = "training-laes.arrow";
  public static final String TRAINING = "training";
  public static final String EXTENSION = "extension";
  public static final String LAES_SUFFIX = ".laes.arrow";
  public static final String ROWS_SUFFIX = ".rows.arrow";
  public static final String CHECKSUM_SUFFIX = ".sha256";

  private final String dir;

  private DistanceStore(Path dir) {
    this.dir = dir.toAbsolutePath().toString();
  }

  /** The store in {@code dir} (created on first write). */
  public static DistanceStore in(Path dir) {
    return new DistanceStore(dir);
  }

  public Path dir() {
    return Path.of(dir);
  }

  /** The file of training tile (i, j). */
  public Path tileFile(int i, int j) {
    return dir().resolve(TRAINING).resolve("tile-" + i + "-" + j + ".arrow");
  }

  /** A file-name form of a key (any character outside [A-Za-z0-9._+-] becomes '_'). */
  public static String fileName(String key) {
    return key.replaceAll("[^A-Za-z0-9._+-]", "_");
  }

  public Path extensionFile(String key, String suffix) {
    return dir().resolve(EXTENSION).resolve(fileName(key) + suffix);
  }

  /** Stored tile (i, j) if it is complete, intact and made of these row and column LAEs. */
  public DistanceBlock tile(int i, int j, LaeBatch rows, int rowOffset, LaeBatch columns,
      int columnOffset) {
    DistanceBlock d = readVerified(tileFile(i, j), DistanceBlockArrow.INSTANCE);
    if (d == null || d.columnOffset() != columnOffset || d.columns() != columns.size()
        || !sameLaes(d, rows) || d.rows() == 0 || d.rowIndices()[0] != rowOffset) {
      return null;
    }
    return d;
  }

  public void putTile(int i, int j, DistanceBlock tile) {
    writeVerified(tileFile(i, j), DistanceBlockArrow.INSTANCE, tile);
  }

  /** Stored distance rows of this extension batch to {@code trainingSize} training LAEs. */
  public DistanceBlock extensionRows(LaeBatch batch, int trainingSize) {
    String key = LaeResults.batchKey(batch);
    DistanceBlock d = readVerified(extensionFile(key, ROWS_SUFFIX), DistanceBlockArrow.INSTANCE);
    LaeBatch saved = readVerified(extensionFile(key, LAES_SUFFIX), LaeBatchArrow.INSTANCE);
    if (d == null || saved == null || !saved.equals(batch) || d.columnOffset() != 0
        || d.columns() != trainingSize || !sameLaes(d, batch)) {
      return null;
    }
    return d;
  }

  /** Keeps an extension batch and its rows: the LAEs first, so that rows never stand alone. */
  public void putExtension(LaeBatch batch, DistanceBlock rows) {
    String key = LaeResults.batchKey(batch);
    writeVerified(extensionFile(key, LAES_SUFFIX), LaeBatchArrow.INSTANCE, batch);
    writeVerified(extensionFile(key, ROWS_SUFFIX), DistanceBlockArrow.INSTANCE, rows);
  }

  public void putTrainingLaes(LaeBatch training) {
    writeVerified(dir().resolve(TRAINING_LAES), LaeBatchArrow.INSTANCE, training);
  }

  /** The stored training batch, or null. */
  public LaeBatch trainingLaes() {
    return readVerified(dir().resolve(TRAINING_LAES), LaeBatchArrow.INSTANCE);
  }

  private static boolean sameLaes(DistanceBlock d, LaeBatch b) {
    return d.rows() == b.size() && Arrays.equals(d.samples(), b.samples())
        && Arrays.equals(d.centreIds(), b.centreIds());
  }

  /** The checksum sidecar of a file. */
  public static Path checksumFile(Path file) {
    return file.resolveSibling(file.getFileName() + CHECKSUM_SUFFIX);
  }

  /** Whether a file is complete: its sidecar exists and holds the file's SHA-256. */
  public static boolean intact(Path file) throws IOException {
    Path sum = checksumFile(file);
    if (!Files.isRegularFile(file) || !Files.isRegularFile(sum)) {
      return false;
    }
    String expected = Files.readString(sum, StandardCharsets.US_ASCII).trim();
    return expected.equals(AtomicFiles.sha256(file));
  }

  private static <T> T readVerified(Path file, org.giipbeam.arrowio.arrow.ArrowTable<T> table) {
    try {
      if (!intact(file)) {
        return null;
      }
      List<T> all = table.readFile(file);
      return all.size() == 1 ? all.get(0) : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      // A damaged piece is recomputed, not trusted.
      return null;
    }
  }

  private static <T> void writeVerified(Path file,
      org.giipbeam.arrowio.arrow.ArrowTable<T> table, T element) {
    try {
      table.writeFile(file, List.of(element));
      String sum = AtomicFiles.sha256(file);
      AtomicFiles.writeStream(checksumFile(file),
          out -> out.write((sum + "\n").getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "DistanceStore[" + dir + "]";
  }
}
