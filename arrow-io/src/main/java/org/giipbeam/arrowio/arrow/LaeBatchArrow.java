package org.giipbeam.arrowio.arrow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.giipbeam.arrowio.LaeBatch;

/**
 * Arrow encoding of {@link LaeBatch}: one row per LAE.
 *
 * <table>
 *   <caption>columns</caption>
 *   <tr><td>sample</td><td>utf8</td></tr>
 *   <tr><td>centre_id</td><td>int64</td></tr>
 *   <tr><td>centre_type</td><td>int32</td></tr>
 *   <tr><td>neighbour_count</td><td>int32</td></tr>
 *   <tr><td>coordination</td><td>float64, Σ f</td></tr>
 *   <tr><td>composition, composition_count</td><td>fixed_size_list&lt;float64&gt;[species]</td></tr>
 *   <tr><td>positions</td><td>list&lt;float32&gt;, maxAtoms × d, padded</td></tr>
 *   <tr><td>weights</td><td>list&lt;float32&gt;, channels × maxAtoms, padded</td></tr>
 *   <tr><td>prop.NAME</td><td>float64, carried per-atom properties of the centre</td></tr>
 * </table>
 *
 * Schema metadata: {@code dimension}, {@code channels}, {@code species} (comma-separated types),
 * and the LAE parameters as {@code param.*}.
 */
public final class LaeBatchArrow extends ArrowTable<LaeBatch> {
  public static final LaeBatchArrow INSTANCE = new LaeBatchArrow();
  private static final String PROP = "prop.";

  private LaeBatchArrow() {}

  @Override
  protected String what() {
    return "LaeBatch";
  }

  @Override
  public Schema schema(LaeBatch b) {
    int s = b.species().length;
    List<Field> fields = new ArrayList<>();
    fields.add(Fields.utf8("sample"));
    fields.add(Fields.int64("centre_id"));
    fields.add(Fields.int32("centre_type"));
    fields.add(Fields.int32("neighbour_count"));
    fields.add(Fields.float64("coordination"));
    fields.add(Fields.fixedList("composition", s, Fields.float64("item")));
    fields.add(Fields.fixedList("composition_count", s, Fields.float64("item")));
    fields.add(Fields.list("positions", Fields.float32("item")));
    fields.add(Fields.list("weights", Fields.float32("item")));
    for (String name : b.properties().keySet()) {
      fields.add(Fields.float64(PROP + name));
    }
    Map<String, String> own = newMetadata();
    own.put("giip.type", "LaeBatch");
    own.put("dimension", Integer.toString(b.dimension()));
    own.put("channels", Integer.toString(b.channels()));
    own.put("species", Arrays.stream(b.species()).mapToObj(Integer::toString)
        .collect(Collectors.joining(",")));
    return new Schema(fields, metadata(b.parameters(), own));
  }

  @Override
  protected void fill(VectorSchemaRoot root, LaeBatch b) {
    int n = b.size();
    int s = b.species().length;
    int m = b.maxAtoms();
    int d = b.dimension();
    int c = b.channels();
    VarCharVector sample = (VarCharVector) root.getVector("sample");
    BigIntVector id = (BigIntVector) root.getVector("centre_id");
    IntVector type = (IntVector) root.getVector("centre_type");
    IntVector count = (IntVector) root.getVector("neighbour_count");
    Float8Vector coord = (Float8Vector) root.getVector("coordination");
    FixedSizeListVector comp = (FixedSizeListVector) root.getVector("composition");
    FixedSizeListVector compCount = (FixedSizeListVector) root.getVector("composition_count");
    ListVector pos = (ListVector) root.getVector("positions");
    ListVector w = (ListVector) root.getVector("weights");
    Float8Vector compData = (Float8Vector) comp.getDataVector();
    Float8Vector compCountData = (Float8Vector) compCount.getDataVector();
    Float4Vector posData = (Float4Vector) pos.getDataVector();
    Float4Vector wData = (Float4Vector) w.getDataVector();
    float[] positions = b.positions();
    float[] weights = b.weights();
    for (int i = 0; i < n; i++) {
      sample.setSafe(i, b.samples()[i].getBytes(StandardCharsets.UTF_8));
      id.setSafe(i, b.centreIds()[i]);
      type.setSafe(i, b.centreTypes()[i]);
      count.setSafe(i, b.neighbourCounts()[i]);
      coord.setSafe(i, b.coordination()[i]);
      comp.setNotNull(i);
      compCount.setNotNull(i);
      for (int k = 0; k < s; k++) {
        compData.setSafe(i * s + k, b.composition()[i * s + k]);
        compCountData.setSafe(i * s + k, b.countComposition()[i * s + k]);
      }
      int start = pos.startNewValue(i);
      for (int k = 0; k < m * d; k++) {
        posData.setSafe(start + k, positions[i * m * d + k]);
      }
      pos.endValue(i, m * d);
      start = w.startNewValue(i);
      for (int ch = 0; ch < c; ch++) {
        for (int a = 0; a < m; a++) {
          wData.setSafe(start + ch * m + a, weights[(ch * n + i) * m + a]);
        }
      }
      w.endValue(i, c * m);
    }
    for (Map.Entry<String, double[]> e : b.properties().entrySet()) {
      Float8Vector v = (Float8Vector) root.getVector(PROP + e.getKey());
      for (int i = 0; i < n; i++) {
        v.setSafe(i, e.getValue()[i]);
      }
    }
    root.setRowCount(n);
  }

  @Override
  protected LaeBatch read(VectorSchemaRoot root) throws IOException {
    Schema schema = root.getSchema();
    int d = requiredInt(schema, "dimension");
    int c = requiredInt(schema, "channels");
    String speciesText = required(schema, "species");
    int[] species;
    try {
      species = speciesText.isEmpty() ? new int[0]
          : Arrays.stream(speciesText.split(",")).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IOException("bad species metadata: " + speciesText);
    }
    int n = root.getRowCount();
    int s = species.length;
    VarCharVector sample = (VarCharVector) root.getVector("sample");
    BigIntVector id = (BigIntVector) root.getVector("centre_id");
    IntVector type = (IntVector) root.getVector("centre_type");
    IntVector count = (IntVector) root.getVector("neighbour_count");
    Float8Vector coord = (Float8Vector) root.getVector("coordination");
    FixedSizeListVector comp = (FixedSizeListVector) root.getVector("composition");
    FixedSizeListVector compCount = (FixedSizeListVector) root.getVector("composition_count");
    ListVector pos = (ListVector) root.getVector("positions");
    ListVector w = (ListVector) root.getVector("weights");
    if (comp.getListSize() != s || compCount.getListSize() != s) {
      throw new IOException("composition width does not match " + s + " species");
    }
    int m = 0;
    if (n > 0) {
      int len = pos.getElementEndIndex(0) - pos.getElementStartIndex(0);
      if (len % d != 0) {
        throw new IOException("positions row of length " + len + " is not a multiple of " + d);
      }
      m = len / d;
    }
    Float8Vector compData = (Float8Vector) comp.getDataVector();
    Float8Vector compCountData = (Float8Vector) compCount.getDataVector();
    Float4Vector posData = (Float4Vector) pos.getDataVector();
    Float4Vector wData = (Float4Vector) w.getDataVector();
    String[] samples = new String[n];
    long[] ids = new long[n];
    int[] types = new int[n];
    int[] counts = new int[n];
    double[] coordination = new double[n];
    double[] composition = new double[n * s];
    double[] countComposition = new double[n * s];
    float[] positions = new float[n * m * d];
    float[] weights = new float[c * n * m];
    for (int i = 0; i < n; i++) {
      samples[i] = new String(sample.get(i), StandardCharsets.UTF_8);
      ids[i] = id.get(i);
      types[i] = type.get(i);
      counts[i] = count.get(i);
      coordination[i] = coord.get(i);
      for (int k = 0; k < s; k++) {
        composition[i * s + k] = compData.get(i * s + k);
        countComposition[i * s + k] = compCountData.get(i * s + k);
      }
      int start = pos.getElementStartIndex(i);
      if (pos.getElementEndIndex(i) - start != m * d) {
        throw new IOException("LAE " + i + ": positions are not padded to " + m + " atoms");
      }
      for (int k = 0; k < m * d; k++) {
        positions[i * m * d + k] = posData.get(start + k);
      }
      start = w.getElementStartIndex(i);
      if (w.getElementEndIndex(i) - start != c * m) {
        throw new IOException("LAE " + i + ": weights are not " + c + " × " + m);
      }
      for (int ch = 0; ch < c; ch++) {
        for (int a = 0; a < m; a++) {
          weights[(ch * n + i) * m + a] = wData.get(start + ch * m + a);
        }
      }
    }
    Map<String, double[]> props = new LinkedHashMap<>();
    for (Field f : schema.getFields()) {
      if (f.getName().startsWith(PROP)) {
        Float8Vector v = (Float8Vector) root.getVector(f.getName());
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
          values[i] = v.get(i);
        }
        props.put(f.getName().substring(PROP.length()), values);
      }
    }
    try {
      return new LaeBatch(d, c, m, species, parameters(schema.getCustomMetadata()), samples, ids,
          types, counts, coordination, composition, countComposition, props, positions, weights);
    } catch (IllegalArgumentException e) {
      throw new IOException("inconsistent LaeBatch: " + e.getMessage(), e);
    }
  }
}
