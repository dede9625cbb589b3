package org.giipbeam.pipelines.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.io.AtomicFiles;

/**
 * Writes {@code explore.html}: one self-contained page (no network, no external script) with a
 * scatter of the LAEs in any two coordinates or descriptors, coloured by class, training or any
 * column; hovering or clicking a point shows its LAE — sample, centre id, type, class, every
 * coordinate and descriptor — and, where the LAE's neighbours are known (the study's saved
 * training and extension LAEs), a small drawing of them relative to the centre.
 *
 * <pre>{@code
 * ExplorerPage.write(dir.resolve("explore.html"), "NiNb study", results, laes);
 * }</pre>
 *
 * <p>At most {@link #MAX_POINTS} LAEs are shown and at most {@link #MAX_DRAWINGS} carry their
 * neighbours (the same deterministic subsample as the figures, {@link StudyCharts#subsample}),
 * so that the page stays a few tens of MB at most. Opening it with {@code #selftest=K} clicks
 * the point of row K (used by the headless-browser test).
 */
public final class ExplorerPage {
  /** File name in a study's folder. */
  public static final String FILE = "explore.html";

  /** At most this many LAEs in the scatter. */
  public static final int MAX_POINTS = 100_000;

  /** At most this many LAEs with neighbour drawings. */
  public static final int MAX_DRAWINGS = 20_000;

  private ExplorerPage() {}

  /** Writes the page atomically; {@code laes} may be empty (no drawings). */
  public static void write(Path file, String title, List<LaeResult> results, List<Lae> laes)
      throws IOException {
    byte[] page = html(title, results, laes).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.writeStream(file, out -> out.write(page));
  }

  static String html(String title, List<LaeResult> results, List<Lae> laes)
      throws IOException {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no LAE results to explore");
    }
    List<LaeResult> rows = StudyCharts.subsample(results, MAX_POINTS);
    Map<String, Lae> byKey = new HashMap<>();
    for (Lae l : laes) {
      byKey.put(l.sample() + "#" + l.centreId(), l);
    }
    List<String> samples = new ArrayList<>();
    Map<String, Integer> sampleIndex = new HashMap<>();
    int k = rows.get(0).coordinates().length;
    List<String> columns = new ArrayList<>();
    for (int j = 1; j <= k; j++) {
      columns.add("phi_" + j);
    }
    columns.addAll(rows.get(0).descriptors().keySet());
    int n = rows.size();
    int[] sample = new int[n];
    long[] id = new long[n];
    int[] type = new int[n];
    int[] cls = new int[n];
    int[] training = new int[n];
    Map<String, Double[]> values = new LinkedHashMap<>();
    for (String c : columns) {
      values.put(c, new Double[n]);
    }
    List<float[]> drawings = new ArrayList<>(n);
    int dimension = 0;
    int drawn = 0;
    for (int i = 0; i < n; i++) {
      LaeResult r = rows.get(i);
      sample[i] = sampleIndex.computeIfAbsent(r.sample(), s -> {
        samples.add(s);
        return samples.size() - 1;
      });
      id[i] = r.centreId();
      type[i] = r.centreType();
      cls[i] = r.classLabel();
      training[i] = r.training() ? 1 : 0;
      for (int j = 0; j < k; j++) {
        values.get(columns.get(j))[i] = finiteOrNull(r.coordinates()[j]);
      }
      for (Map.Entry<String, Double> e : r.descriptors().entrySet()) {
        Double[] col = values.get(e.getKey());
        if (col != null) {
          col[i] = finiteOrNull(e.getValue());
        }
      }
      Lae l = drawn < MAX_DRAWINGS ? byKey.get(r.sample() + "#" + r.centreId()) : null;
      drawings.add(l == null ? null : atoms(l));
      if (l != null) {
        dimension = l.dimension();
        drawn++;
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dimension", dimension);
    data.put("columns", columns);
    data.put("samples", samples);
    data.put("sample", sample);
    data.put("id", id);
    data.put("type", type);
    data.put("cls", cls);
    data.put("training", training);
    data.put("values", values);
    data.put("lae", drawings);
    // "</" would end the script element the data sits in.
    String json = new ObjectMapper().writeValueAsString(data).replace("</", "<\\/");
    String template;
    try (InputStream in = ExplorerPage.class.getResourceAsStream("explore.html")) {
      if (in == null) {
        throw new IOException("explore.html template missing from the jar");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return template.replace("GIIP_TITLE", escape(title)).replace("GIIP_DATA", json);
  }

  /** Neighbour positions and summed weight, (x, y[, z], w) per neighbour, 4 significant digits. */
  private static float[] atoms(Lae l) {
    int d = l.dimension();
    int count = l.neighbourCount();
    float[] out = new float[count * (d + 1)];
    for (int j = 0; j < count; j++) {
      for (int c = 0; c < d; c++) {
        out[j * (d + 1) + c] = round(l.positions()[j * d + c]);
      }
      double w = 0;
      for (int ch = 0; ch < l.channels(); ch++) {
        w += l.weights()[ch * count + j];
      }
      out[j * (d + 1) + d] = round(w);
    }
    return out;
  }

  private static float round(double v) {
    return Float.parseFloat(String.format(java.util.Locale.ROOT, "%.4g", v));
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
