package org.giipbeam.arrowio.arrow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.giipbeam.arrowio.io.AtomicFiles;

/**
 * The Arrow encoding of one kind of element (a {@code LaeBatch}, a {@code DistanceBlock}, a list
 * of {@code LaeResult}s): its schema, and how one element becomes one record batch and back.
 * Writes and reads standard Arrow IPC streams and files; everything decoded from outside is
 * checked with {@code validateFull} before use.
 *
 * @param <T> the element type; a file or stream holds a sequence of elements sharing one schema
 */
public abstract class ArrowTable<T> {
  private static final BufferAllocator ROOT = new RootAllocator();

  /** A child of the process-wide allocator, for one encode or decode. */
  static BufferAllocator newAllocator() {
    return ROOT.newChildAllocator("giip", 0, Long.MAX_VALUE);
  }

  /** The schema of a file whose first element is {@code first}, metadata included. */
  public abstract Schema schema(T first);

  /** Fills the (freshly allocated) root with one element and sets its row count. */
  protected abstract void fill(VectorSchemaRoot root, T element);

  /** Reads one element from a loaded root. */
  protected abstract T read(VectorSchemaRoot root) throws IOException;

  /** Name of the element type, for messages. */
  protected abstract String what();

  /** Writes the elements as an Arrow IPC stream. All must fit the first one's schema. */
  public void writeStream(List<T> elements, OutputStream out, BufferAllocator allocator)
      throws IOException {
    requireNonEmpty(elements);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema(elements.get(0)), allocator);
        ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      w.start();
      for (T e : elements) {
        checkSchema(root.getSchema(), e);
        root.allocateNew();
        fill(root, e);
        w.writeBatch();
      }
      w.end();
    }
  }

  /** Reads every element of an Arrow IPC stream. */
  public List<T> readStream(InputStream in, BufferAllocator allocator) throws IOException {
    try (ArrowStreamReader r = new ArrowStreamReader(in, allocator)) {
      return readAll(r);
    }
  }

  /** Writes an Arrow IPC file, atomically (temporary name, then rename). */
  public void writeFile(Path path, List<T> elements) throws IOException {
    requireNonEmpty(elements);
    AtomicFiles.write(path, tmp -> {
      try (BufferAllocator a = newAllocator();
          FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          VectorSchemaRoot root = VectorSchemaRoot.create(schema(elements.get(0)), a);
          ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
        w.start();
        for (T e : elements) {
          checkSchema(root.getSchema(), e);
          root.allocateNew();
          fill(root, e);
          w.writeBatch();
        }
        w.end();
      }
    });
  }

  /** Reads every element of an Arrow IPC file. */
  public List<T> readFile(Path path) throws IOException {
    try (BufferAllocator a = newAllocator();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        ArrowFileReader r = new ArrowFileReader(ch, a)) {
      return readAll(r);
    }
  }

  /** One element as the bytes of an Arrow IPC stream (what the Beam coders carry). */
  public byte[] encode(T element) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BufferAllocator a = newAllocator()) {
      writeStream(List.of(element), out, a);
    }
    return out.toByteArray();
  }

  /** The element of a one-element Arrow IPC stream. */
  public T decode(byte[] bytes) throws IOException {
    try (BufferAllocator a = newAllocator()) {
      List<T> all = readStream(new ByteArrayInputStream(bytes), a);
      if (all.size() != 1) {
        throw new IOException("expected one " + what() + ", the stream holds " + all.size());
      }
      return all.get(0);
    }
  }

  private List<T> readAll(ArrowReader r) throws IOException {
    List<T> out = new ArrayList<>();
    try {
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      while (r.loadNextBatch()) {
        for (FieldVector v : root.getFieldVectors()) {
          validateFull(v);
        }
        out.add(read(root));
      }
    } catch (RuntimeException e) {
      throw new IOException("not a valid " + what() + " Arrow stream: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * {@code validateFull}, except that Arrow Java 18's full validation of a fixed-size list asks
   * for an offset buffer it does not have (UnsupportedOperationException): there the list's
   * structure is validated and its child fully.
   */
  private static void validateFull(FieldVector v) {
    if (v instanceof FixedSizeListVector fsl) {
      ValueVectorUtility.validate(fsl);
      validateFull(fsl.getDataVector());
    } else {
      ValueVectorUtility.validateFull(v);
    }
  }

  private void checkSchema(Schema expected, T element) {
    Schema s = schema(element);
    if (!s.equals(expected)) {
      throw new IllegalArgumentException("every " + what()
          + " of one Arrow file must share a schema: " + expected + " vs " + s);
    }
  }

  private void requireNonEmpty(List<T> elements) {
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("nothing to write: no " + what());
    }
  }

  // ---- helpers for subclasses ----

  static Map<String, String> metadata(Map<String, String> parameters, Map<String, String> own) {
    Map<String, String> m = new TreeMap<>(own);
    parameters.forEach((k, v) -> m.put("param." + k, v));
    return m;
  }

  static Map<String, String> parameters(Map<String, String> metadata) {
    Map<String, String> p = new TreeMap<>();
    if (metadata != null) {
      metadata.forEach((k, v) -> {
        if (k.startsWith("param.")) {
          p.put(k.substring("param.".length()), v);
        }
      });
    }
    return p;
  }

  static String required(Schema schema, String key) throws IOException {
    Map<String, String> m = schema.getCustomMetadata();
    String v = m == null ? null : m.get(key);
    if (v == null) {
      throw new IOException("Arrow schema lacks metadata '" + key + "'");
    }
    return v;
  }

  static int requiredInt(Schema schema, String key) throws IOException {
    String v = required(schema, key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IOException("Arrow schema metadata '" + key + "' is not an integer: " + v);
    }
  }

  static Map<String, String> newMetadata() {
    return new HashMap<>();
  }
}
