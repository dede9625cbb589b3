package org.giipbeam.arrowio.arrow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.giipbeam.arrowio.DistanceBlock;

/**
 * Arrow encoding of {@link DistanceBlock}: one row per row LAE — {@code sample} (utf8),
 * {@code centre_id} and {@code row_index} (int64), {@code distance}
 * (fixed_size_list&lt;float32&gt;[columns]), and where present {@code rotation}
 * (fixed_size_list&lt;float32&gt;[columns × d × d]) and {@code lower_bound}
 * (fixed_size_list&lt;bool&gt;[columns]). Schema metadata: {@code dimension},
 * {@code column_offset}, {@code columns}, and the GIIP/LAE parameters as {@code param.*}.
 */
public final class DistanceBlockArrow extends ArrowTable<DistanceBlock> {
  public static final DistanceBlockArrow INSTANCE = new DistanceBlockArrow();

  private DistanceBlockArrow() {}

  @Override
  protected String what() {
    return "DistanceBlock";
  }

  @Override
  public Schema schema(DistanceBlock b) {
    int c = b.columns();
    int dd = b.dimension() * b.dimension();
    List<Field> fields = new ArrayList<>();
    fields.add(Fields.utf8("sample"));
    fields.add(Fields.int64("centre_id"));
    fields.add(Fields.int64("row_index"));
    fields.add(Fields.fixedList("distance", c, Fields.float32("item")));
    if (b.hasRotations()) {
      fields.add(Fields.fixedList("rotation", c * dd, Fields.float32("item")));
    }
    if (b.hasLowerBounds()) {
      fields.add(Fields.fixedList("lower_bound", c, Fields.bool("item")));
    }
    Map<String, String> own = newMetadata();
    own.put("giip.type", "DistanceBlock");
    own.put("dimension", Integer.toString(b.dimension()));
    own.put("column_offset", Integer.toString(b.columnOffset()));
    own.put("columns", Integer.toString(c));
    return new Schema(fields, metadata(b.parameters(), own));
  }

  @Override
  protected void fill(VectorSchemaRoot root, DistanceBlock b) {
    int n = b.rows();
    int c = b.columns();
    int dd = b.dimension() * b.dimension();
    VarCharVector sample = (VarCharVector) root.getVector("sample");
    BigIntVector id = (BigIntVector) root.getVector("centre_id");
    BigIntVector row = (BigIntVector) root.getVector("row_index");
    FixedSizeListVector dist = (FixedSizeListVector) root.getVector("distance");
    Float4Vector distData = (Float4Vector) dist.getDataVector();
    FixedSizeListVector rot = b.hasRotations()
        ? (FixedSizeListVector) root.getVector("rotation") : null;
    FixedSizeListVector low = b.hasLowerBounds()
        ? (FixedSizeListVector) root.getVector("lower_bound") : null;
    for (int i = 0; i < n; i++) {
      sample.setSafe(i, b.samples()[i].getBytes(StandardCharsets.UTF_8));
      id.setSafe(i, b.centreIds()[i]);
      row.setSafe(i, b.rowIndices()[i]);
      dist.setNotNull(i);
      for (int k = 0; k < c; k++) {
        distData.setSafe(i * c + k, b.distances()[i * c + k]);
      }
      if (rot != null) {
        rot.setNotNull(i);
        Float4Vector data = (Float4Vector) rot.getDataVector();
        for (int k = 0; k < c * dd; k++) {
          data.setSafe(i * c * dd + k, b.rotations()[i * c * dd + k]);
        }
      }
      if (low != null) {
        low.setNotNull(i);
        BitVector data = (BitVector) low.getDataVector();
        for (int k = 0; k < c; k++) {
          data.setSafe(i * c + k, b.lowerBounds()[i * c + k] ? 1 : 0);
        }
      }
    }
    root.setRowCount(n);
  }

  @Override
  protected DistanceBlock read(VectorSchemaRoot root) throws IOException {
    Schema schema = root.getSchema();
    int d = requiredInt(schema, "dimension");
    int offset = requiredInt(schema, "column_offset");
    int c = requiredInt(schema, "columns");
    int dd = d * d;
    int n = root.getRowCount();
    VarCharVector sample = (VarCharVector) root.getVector("sample");
    BigIntVector id = (BigIntVector) root.getVector("centre_id");
    BigIntVector row = (BigIntVector) root.getVector("row_index");
    FixedSizeListVector dist = (FixedSizeListVector) root.getVector("distance");
    if (dist.getListSize() != c) {
      throw new IOException("distance rows have " + dist.getListSize() + " columns, metadata "
          + c);
    }
    Float4Vector distData = (Float4Vector) dist.getDataVector();
    FixedSizeListVector rot = (FixedSizeListVector) root.getVector("rotation");
    FixedSizeListVector low = (FixedSizeListVector) root.getVector("lower_bound");
    String[] samples = new String[n];
    long[] ids = new long[n];
    long[] rows = new long[n];
    float[] distances = new float[n * c];
    float[] rotations = rot == null ? null : new float[n * c * dd];
    boolean[] lower = low == null ? null : new boolean[n * c];
    if (rot != null && rot.getListSize() != c * dd) {
      throw new IOException("rotation rows do not hold " + c + " " + d + "×" + d + " matrices");
    }
    if (low != null && low.getListSize() != c) {
      throw new IOException("lower_bound rows do not have " + c + " columns");
    }
    for (int i = 0; i < n; i++) {
      samples[i] = new String(sample.get(i), StandardCharsets.UTF_8);
      ids[i] = id.get(i);
      rows[i] = row.get(i);
      for (int k = 0; k < c; k++) {
        distances[i * c + k] = distData.get(i * c + k);
      }
      if (rot != null) {
        Float4Vector data = (Float4Vector) rot.getDataVector();
        for (int k = 0; k < c * dd; k++) {
          rotations[i * c * dd + k] = data.get(i * c * dd + k);
        }
      }
      if (low != null) {
        BitVector data = (BitVector) low.getDataVector();
        for (int k = 0; k < c; k++) {
          lower[i * c + k] = data.get(i * c + k) != 0;
        }
      }
    }
    try {
      return new DistanceBlock(d, offset, c, parameters(schema.getCustomMetadata()), samples, ids,
          rows, distances, rotations, lower);
    } catch (IllegalArgumentException e) {
      throw new IOException("inconsistent DistanceBlock: " + e.getMessage(), e);
    }
  }
}
