package org.giipbeam.arrowio.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.arrow.LaeResultArrow;

/**
 * Writes a study's per-LAE results, one row per LAE, as an Arrow IPC file and as CSV with the
 * same columns ({@link LaeResultArrow}). Both are written atomically.
 *
 * <p>Provenance (the study's parameters and settings, string keys and values) goes into the
 * Arrow schema metadata and, for the CSV, into a sidecar {@code NAME.csv-metadata.json} beside
 * it: the file name and layout of the W3C "CSV on the Web" metadata ({@code url}, {@code
 * tableSchema.columns} with name and datatype), with the same key/value pairs under {@code
 * giip:metadata}.
 */
public final class ResultsWriter {
  private ResultsWriter() {}

  public static void writeArrow(Path path, List<LaeResult> rows) throws IOException {
    writeArrow(path, rows, Map.of());
  }

  /** results.arrow with the provenance in its schema metadata. */
  public static void writeArrow(Path path, List<LaeResult> rows, Map<String, String> metadata)
      throws IOException {
    LaeResultArrow.INSTANCE.withMetadata(metadata).writeFile(path, List.of(rows));
  }

  public static List<LaeResult> readArrow(Path path) throws IOException {
    List<LaeResult> all = new ArrayList<>();
    for (List<LaeResult> batch : LaeResultArrow.INSTANCE.readFile(path)) {
      all.addAll(batch);
    }
    return all;
  }

  /** The schema metadata of a results.arrow. */
  public static Map<String, String> readArrowMetadata(Path path) throws IOException {
    return LaeResultArrow.readMetadata(path);
  }

  /** The sidecar of a CSV file: {@code NAME.csv-metadata.json} (CSVW's name for it). */
  public static Path csvSidecar(Path csv) {
    return csv.resolveSibling(csv.getFileName() + "-metadata.json");
  }

  /** results.csv and its sidecar with the provenance and the column types. */
  public static void writeCsv(Path path, List<LaeResult> rows, Map<String, String> metadata)
      throws IOException {
    writeCsv(path, rows);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@context", "http://www.w3.org/ns/csvw");
    m.put("url", path.getFileName().toString());
    m.put("dc:creator", "GIIP-Beam");
    List<Map<String, String>> columns = new ArrayList<>();
    for (String c : csvColumns(rows)) {
      String type = switch (c) {
        case "sample" -> "string";
        case "centre_id" -> "long";
        case "centre_type", "class" -> "int";
        case "training" -> "boolean";
        default -> "double";
      };
      columns.add(Map.of("name", c, "titles", c, "datatype", type));
    }
    m.put("tableSchema", Map.of("columns", columns));
    m.put("giip:metadata", new TreeMap<>(metadata));
    byte[] bytes = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    AtomicFiles.writeStream(csvSidecar(path), out -> out.write(bytes));
  }

  /** The CSV header for these rows. */
  public static List<String> csvColumns(List<LaeResult> rows) {
    List<String> cols = new ArrayList<>(LaeResultArrow.KEY_COLUMNS);
    if (!rows.isEmpty()) {
      for (int j = 1; j <= rows.get(0).coordinates().length; j++) {
        cols.add(LaeResultArrow.coordinateColumn(j));
      }
      cols.addAll(rows.get(0).descriptors().keySet());
    }
    return cols;
  }

  public static void writeCsv(Path path, List<LaeResult> rows) throws IOException {
    List<String> cols = csvColumns(rows);
    AtomicFiles.writeStream(path, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(String.join(",", cols));
      w.write('\n');
      StringBuilder sb = new StringBuilder();
      int k = rows.isEmpty() ? 0 : rows.get(0).coordinates().length;
      for (LaeResult r : rows) {
        if (r.coordinates().length != k
            || !r.descriptors().keySet().equals(rows.get(0).descriptors().keySet())) {
          throw new IllegalArgumentException("row " + r.sample() + "#" + r.centreId()
              + " has other coordinates or descriptors than the first row");
        }
        sb.setLength(0);
        sb.append(csvText(r.sample())).append(',').append(r.centreId()).append(',')
            .append(r.centreType()).append(',').append(r.training()).append(',')
            .append(r.classLabel());
        for (double v : r.coordinates()) {
          sb.append(',').append(v);
        }
        for (double v : r.descriptors().values()) {
          // Undefined (a Voronoi cell not fixed by the LAE, ...) is empty, not a number.
          sb.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
        }
        w.write(sb.append('\n').toString());
      }
      w.flush();
    });
  }

  /** RFC 4180 quoting where needed. */
  static String csvText(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0
        && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
