package org.giipbeam.arrowio.arrow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.giipbeam.arrowio.LaeResult;

/**
 * Arrow encoding of study results, one row per LAE, flat columns that any Arrow reader (pyarrow,
 * Arrow JS, pandas) shows as a table: {@code sample}, {@code centre_id}, {@code centre_type},
 * {@code training} (bool), {@code class} (int32), {@code phi_1..phi_k} (float64), then one float64
 * column per descriptor. An element is a list of rows sharing k and the descriptor names.
 *
 * <p>Schema metadata: {@code giip.type = LaeResult}, {@code coordinates = k}, and whatever
 * provenance {@link #withMetadata} adds (a study writes its LAE/GIIP parameters as {@code
 * param.*} and its settings as {@code study.*}: pyarrow {@code schema.metadata}, Arrow JS {@code
 * table.schema.metadata}).
 */
public final class LaeResultArrow extends ArrowTable<List<LaeResult>> {
  public static final LaeResultArrow INSTANCE = new LaeResultArrow();
  /** Columns before the coordinates. */
  public static final List<String> KEY_COLUMNS =
      List.of("sample", "centre_id", "centre_type", "training", "class");

  private final Map<String, String> extra;

  private LaeResultArrow() {
    this(Map.of());
  }

  private LaeResultArrow(Map<String, String> extra) {
    this.extra = extra;
  }

  /**
   * This encoding with more schema metadata (provenance: parameters, settings). Keys {@code
   * giip.type} and {@code coordinates} are the encoding's own and refused.
   */
  public LaeResultArrow withMetadata(Map<String, String> metadata) {
    for (String key : List.of("giip.type", "coordinates")) {
      if (metadata.containsKey(key)) {
        throw new IllegalArgumentException("metadata key " + key + " is the table's own");
      }
    }
    Map<String, String> m = new java.util.TreeMap<>(extra);
    m.putAll(metadata);
    return new LaeResultArrow(java.util.Collections.unmodifiableMap(m));
  }

  /** The schema metadata of an Arrow file of results (provenance included). */
  public static Map<String, String> readMetadata(java.nio.file.Path path) throws IOException {
    try (org.apache.arrow.memory.BufferAllocator a = newAllocator();
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path,
            java.nio.file.StandardOpenOption.READ);
        org.apache.arrow.vector.ipc.ArrowFileReader r =
            new org.apache.arrow.vector.ipc.ArrowFileReader(ch, a)) {
      Map<String, String> m = r.getVectorSchemaRoot().getSchema().getCustomMetadata();
      return m == null ? Map.of() : new java.util.TreeMap<>(m);
    }
  }

  @Override
  protected String what() {
    return "LaeResult table";
  }

  /** Name of coordinate column k (1-based): phi_k. */
  public static String coordinateColumn(int k) {
    return "phi_" + k;
  }

  @Override
  public Schema schema(List<LaeResult> rows) {
    LaeResult first = rows.isEmpty() ? null : rows.get(0);
    List<Field> fields = new ArrayList<>();
    fields.add(Fields.utf8("sample"));
    fields.add(Fields.int64("centre_id"));
    fields.add(Fields.int32("centre_type"));
    fields.add(Fields.bool("training"));
    fields.add(Fields.int32("class"));
    int k = first == null ? 0 : first.coordinates().length;
    for (int j = 1; j <= k; j++) {
      fields.add(Fields.float64(coordinateColumn(j)));
    }
    if (first != null) {
      for (String name : first.descriptors().keySet()) {
        if (KEY_COLUMNS.contains(name) || name.matches("phi_[0-9]+")) {
          throw new IllegalArgumentException("descriptor name " + name + " clashes with a column");
        }
        fields.add(Fields.float64(name));
      }
    }
    Map<String, String> own = newMetadata();
    own.putAll(extra);
    own.put("giip.type", "LaeResult");
    own.put("coordinates", Integer.toString(k));
    return new Schema(fields, own);
  }

  @Override
  protected void fill(VectorSchemaRoot root, List<LaeResult> rows) {
    int n = rows.size();
    VarCharVector sample = (VarCharVector) root.getVector("sample");
    BigIntVector id = (BigIntVector) root.getVector("centre_id");
    IntVector type = (IntVector) root.getVector("centre_type");
    BitVector training = (BitVector) root.getVector("training");
    IntVector cls = (IntVector) root.getVector("class");
    int k = n == 0 ? 0 : rows.get(0).coordinates().length;
    Float8Vector[] phi = new Float8Vector[k];
    for (int j = 0; j < k; j++) {
      phi[j] = (Float8Vector) root.getVector(coordinateColumn(j + 1));
    }
    List<String> names = n == 0 ? List.of() : new ArrayList<>(rows.get(0).descriptors().keySet());
    Float8Vector[] desc = new Float8Vector[names.size()];
    for (int j = 0; j < desc.length; j++) {
      desc[j] = (Float8Vector) root.getVector(names.get(j));
    }
    for (int i = 0; i < n; i++) {
      LaeResult r = rows.get(i);
      if (r.coordinates().length != k || !r.descriptors().keySet().equals(
          rows.get(0).descriptors().keySet())) {
        throw new IllegalArgumentException("row " + i + " (" + r.key()
            + ") has other coordinates or descriptors than the first row");
      }
      sample.setSafe(i, r.sample().getBytes(StandardCharsets.UTF_8));
      id.setSafe(i, r.centreId());
      type.setSafe(i, r.centreType());
      training.setSafe(i, r.training() ? 1 : 0);
      cls.setSafe(i, r.classLabel());
      for (int j = 0; j < k; j++) {
        phi[j].setSafe(i, r.coordinates()[j]);
      }
      for (int j = 0; j < desc.length; j++) {
        desc[j].setSafe(i, r.descriptors().get(names.get(j)));
      }
    }
    root.setRowCount(n);
  }

  @Override
  protected List<LaeResult> read(VectorSchemaRoot root) throws IOException {
    Schema schema = root.getSchema();
    int k = requiredInt(schema, "coordinates");
    int n = root.getRowCount();
    VarCharVector sample = (VarCharVector) root.getVector("sample");
    BigIntVector id = (BigIntVector) root.getVector("centre_id");
    IntVector type = (IntVector) root.getVector("centre_type");
    BitVector training = (BitVector) root.getVector("training");
    IntVector cls = (IntVector) root.getVector("class");
    Float8Vector[] phi = new Float8Vector[k];
    for (int j = 0; j < k; j++) {
      phi[j] = (Float8Vector) root.getVector(coordinateColumn(j + 1));
      if (phi[j] == null) {
        throw new IOException("missing column " + coordinateColumn(j + 1));
      }
    }
    List<String> names = new ArrayList<>();
    for (Field f : schema.getFields()) {
      String name = f.getName();
      if (!KEY_COLUMNS.contains(name) && !name.matches("phi_[0-9]+")) {
        names.add(name);
      }
    }
    List<LaeResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] c = new double[k];
      for (int j = 0; j < k; j++) {
        c[j] = phi[j].get(i);
      }
      Map<String, Double> d = new LinkedHashMap<>();
      for (String name : names) {
        d.put(name, ((Float8Vector) root.getVector(name)).get(i));
      }
      out.add(new LaeResult(new String(sample.get(i), StandardCharsets.UTF_8), id.get(i),
          type.get(i), training.get(i) != 0, cls.get(i), c, d));
    }
    return out;
  }
}
