package org.giipbeam.pipelines.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.transforms.descriptors.LocalSymmetry;
import org.jfree.svg.SVGGraphics2D;

/**
 * Exemplars of a study (the paper's Fig. 1(c) and 2(d) drawings): for each class, and for the
 * two ends of each leading coordinate, the <em>medoid</em> of the group's training LAEs — the
 * one whose summed GIIP distance to the others of the group is smallest — drawn (2D: the
 * neighbours as they lie; 3D: projected on the plane of their two largest principal axes) with
 * the group's descriptor means.
 *
 * <p>An end of φ_k is the {@link #END_FRACTION} of the training LAEs with the lowest (or
 * highest) φ_k; its descriptor means are over every LAE (training and extension) in the same
 * φ_k range. A class's means are over every LAE of the class.
 */
public final class Exemplars {
  private Exemplars() {}

  /** The fraction of training LAEs at each end of a coordinate. */
  public static final double END_FRACTION = 0.05;
  /** Classes drawn: the largest ones. */
  public static final int MAX_CLASSES = 20;
  /** Leading coordinates whose ends are drawn. */
  public static final int MAX_COORDINATES = 3;
  /** Descriptor columns of the table. */
  public static final int MAX_DESCRIPTORS = 8;

  private static final int PANEL = 210;
  private static final int COLUMNS = 5;
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  /**
   * One exemplar.
   *
   * @param group "class 3", "φ_2 low", "φ_2 high"
   * @param members LAEs of the group (all, training and extension)
   * @param trainingMembers training LAEs of the group, the medoid among them
   * @param lae the medoid's LAE
   * @param result the medoid's row
   * @param means the group's mean of each descriptor (NaN where undefined for all)
   */
  public record Exemplar(String group, int members, int trainingMembers, Lae lae,
      LaeResult result, Map<String, Double> means) {}

  /**
   * The member of {@code members} (indices into the n × n row-major {@code distances}) with the
   * smallest summed distance to the others; the first such on a tie.
   */
  public static int medoid(float[] distances, int n, int[] members) {
    if (members.length == 0) {
      throw new IllegalArgumentException("a medoid needs at least one member");
    }
    int best = members[0];
    double bestSum = Double.POSITIVE_INFINITY;
    for (int i : members) {
      double s = 0;
      for (int j : members) {
        s += distances[i * n + j];
      }
      if (s < bestSum) {
        bestSum = s;
        best = i;
      }
    }
    return best;
  }

  /**
   * The exemplars of a study: its training batch (LAE i is training LAE i), the n × n training
   * distances in the same order, every result row, and the leading coordinates (1-based).
   */
  public static List<Exemplar> of(LaeBatch training, float[] distances, List<LaeResult> rows,
      List<Integer> leading) {
    int n = training.size();
    if (distances.length != (long) n * n) {
      throw new IllegalArgumentException(n + " training LAEs need " + n * n + " distances, got "
          + distances.length);
    }
    Map<String, LaeResult> byKey = new HashMap<>();
    for (LaeResult r : rows) {
      byKey.put(r.sample() + "/" + r.centreId(), r);
    }
    LaeResult[] trainingRows = new LaeResult[n];
    for (int i = 0; i < n; i++) {
      trainingRows[i] = byKey.get(training.samples()[i] + "/" + training.centreIds()[i]);
      if (trainingRows[i] == null) {
        throw new IllegalArgumentException("no result for training LAE " + training.key(i));
      }
    }
    List<String> names = InterpretationTable.informativeDescriptors(rows);
    List<Exemplar> out = new ArrayList<>();
    Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byClass.computeIfAbsent(trainingRows[i].classLabel(), c -> new ArrayList<>()).add(i);
    }
    Map<Integer, List<LaeResult>> allByClass = new HashMap<>();
    for (LaeResult r : rows) {
      allByClass.computeIfAbsent(r.classLabel(), c -> new ArrayList<>()).add(r);
    }
    List<Integer> classes = new ArrayList<>(byClass.keySet());
    classes.sort(Comparator.<Integer>comparingInt(c -> -allByClass.get(c).size())
        .thenComparingInt(c -> c));
    for (int c : classes.subList(0, Math.min(MAX_CLASSES, classes.size()))) {
      int[] members = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
      int m = medoid(distances, n, members);
      List<LaeResult> group = allByClass.get(c);
      out.add(new Exemplar("class " + c, group.size(), members.length, training.lae(m),
          trainingRows[m], means(group, names)));
    }
    int ends = Math.max(1, (int) Math.round(END_FRACTION * n));
    for (int k : leading.subList(0, Math.min(MAX_COORDINATES, leading.size()))) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      final int kk = k - 1;
      Arrays.sort(order, Comparator.comparingDouble(i -> trainingRows[i].coordinates()[kk]));
      for (boolean high : new boolean[] {false, true}) {
        int[] members = new int[ends];
        for (int e = 0; e < ends; e++) {
          members[e] = high ? order[n - 1 - e] : order[e];
        }
        double limit = trainingRows[members[ends - 1]].coordinates()[kk];
        List<LaeResult> group = rows.stream().filter(r -> high
            ? r.coordinates()[kk] >= limit : r.coordinates()[kk] <= limit).toList();
        int m = medoid(distances, n, members);
        out.add(new Exemplar(StudyCharts.phi(k) + (high ? " high" : " low"), group.size(),
            ends, training.lae(m), trainingRows[m], means(group, names)));
      }
    }
    return out;
  }

  /** The mean of each descriptor over the rows, NaN values left out. */
  static Map<String, Double> means(List<LaeResult> rows, List<String> names) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String d : names) {
      double s = 0;
      int c = 0;
      for (LaeResult r : rows) {
        Double v = r.descriptors().get(d);
        if (v != null && !Double.isNaN(v)) {
          s += v;
          c++;
        }
      }
      m.put(d, c == 0 ? Double.NaN : s / c);
    }
    return m;
  }

  /** The descriptors the table shows: coordination first, then in order, at most 8. */
  public static List<String> tableDescriptors(List<Exemplar> exemplars) {
    if (exemplars.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>(exemplars.get(0).means().keySet());
    if (names.remove("coordination")) {
      names.add(0, "coordination");
    }
    return names.subList(0, Math.min(MAX_DESCRIPTORS, names.size()));
  }

  /** The table: a header row, then one row per exemplar. */
  public static List<String[]> tableRows(List<Exemplar> exemplars) {
    List<String> names = tableDescriptors(exemplars);
    List<String[]> out = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("group", "LAEs", "training", "medoid LAE",
        "its class"));
    names.forEach(d -> head.add("mean " + d));
    out.add(head.toArray(new String[0]));
    for (Exemplar e : exemplars) {
      List<String> row = new ArrayList<>(List.of(e.group(), Integer.toString(e.members()),
          Integer.toString(e.trainingMembers()), e.result().sample() + " #"
              + e.result().centreId(), Integer.toString(e.result().classLabel())));
      for (String d : names) {
        double v = e.means().get(d);
        row.add(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v));
      }
      out.add(row.toArray(new String[0]));
    }
    return out;
  }

  // ------------------------------------------------------------------ drawing

  /** The figure: one panel per exemplar, PNG and SVG at the same size. */
  public static StudyCharts.Rendered draw(List<Exemplar> exemplars) throws IOException {
    int cols = Math.max(1, Math.min(COLUMNS, exemplars.size()));
    int rowsN = Math.max(1, (exemplars.size() + cols - 1) / cols);
    int w = cols * PANEL;
    int h = rowsN * (PANEL + 30);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    paint(g, exemplars, cols, w, h);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", png)) {
      throw new IOException("no PNG writer in this JVM");
    }
    SVGGraphics2D svg = new SVGGraphics2D(w, h);
    paint(svg, exemplars, cols, w, h);
    return new StudyCharts.Rendered(png.toByteArray(),
        svg.getSVGDocument().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void paint(Graphics2D g, List<Exemplar> exemplars, int cols, int w, int h) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    for (int e = 0; e < exemplars.size(); e++) {
      int x0 = (e % cols) * PANEL;
      int y0 = (e / cols) * (PANEL + 30);
      panel(g, exemplars.get(e), x0, y0);
    }
  }

  private static void panel(Graphics2D g, Exemplar e, int x0, int y0) {
    Lae lae = e.lae();
    double[][] p = projected(lae);
    int count = lae.neighbourCount();
    double reach = 1e-9;
    for (double[] q : p) {
      reach = Math.max(reach, Math.hypot(q[0], q[1]));
    }
    double scale = (PANEL / 2.0 - 18) / reach;
    double cx = x0 + PANEL / 2.0;
    double cy = y0 + 30 + PANEL / 2.0 - 8;
    g.setColor(new Color(0xdddddd));
    g.setStroke(new BasicStroke(1f));
    g.draw(new Ellipse2D.Double(cx - reach * scale, cy - reach * scale, 2 * reach * scale,
        2 * reach * scale));
    Integer[] order = new Integer[count];
    for (int j = 0; j < count; j++) {
      order[j] = j;
    }
    Arrays.sort(order, Comparator.comparingDouble(j -> p[j][2]));
    for (int j : order) {
      double wgt = 0;
      int channel = 0;
      for (int c = 0; c < lae.channels(); c++) {
        double v = lae.weights()[c * count + j];
        if (Math.abs(v) > Math.abs(wgt)) {
          wgt = v;
          channel = c;
        }
      }
      Color base = wgt < 0 || channel % 2 == 1 ? new Color(0xd35400) : new Color(0x2e86c1);
      float alpha = (float) Math.max(0.25, Math.min(1, Math.abs(wgt)));
      double r = lae.dimension() == 3 ? 6 + 2 * p[j][2] / reach : 7;
      g.setColor(new Color(base.getRed(), base.getGreen(), base.getBlue(),
          Math.round(alpha * 255)));
      g.fill(new Ellipse2D.Double(cx + p[j][0] * scale - r, cy - p[j][1] * scale - r, 2 * r,
          2 * r));
    }
    g.setColor(Color.BLACK);
    g.fill(new Ellipse2D.Double(cx - 4, cy - 4, 8, 8));
    g.setFont(TITLE);
    g.drawString(e.group() + " (" + e.members() + " LAEs)", x0 + 6, y0 + 15);
    g.setFont(TEXT);
    Double cn = e.means().get("coordination");
    g.drawString(e.result().sample() + " #" + e.result().centreId()
        + (cn == null || cn.isNaN() ? "" : String.format(Locale.ROOT, ", mean CN %.2f", cn)),
        x0 + 6, y0 + 29);
  }

  /**
   * The neighbours in the drawing plane: 2D as they lie (depth 0); 3D in the frame of their
   * principal axes (largest two across, the third as depth), weighted by |f|.
   */
  static double[][] projected(Lae lae) {
    int n = lae.neighbourCount();
    int d = lae.dimension();
    float[] pos = lae.positions();
    double[][] out = new double[n][3];
    if (d == 2) {
      for (int j = 0; j < n; j++) {
        out[j][0] = pos[2 * j];
        out[j][1] = pos[2 * j + 1];
      }
      return out;
    }
    double[][] cov = new double[3][3];
    for (int j = 0; j < n; j++) {
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          cov[a][b] += pos[3 * j + a] * pos[3 * j + b];
        }
      }
    }
    double[][] axes = principalAxes(cov);
    for (int j = 0; j < n; j++) {
      for (int a = 0; a < 3; a++) {
        double s = 0;
        for (int b = 0; b < 3; b++) {
          s += axes[a][b] * pos[3 * j + b];
        }
        out[j][a] = s;
      }
    }
    return out;
  }

  /** Eigenvectors (rows) of a symmetric 3 × 3 matrix, largest eigenvalue first. */
  static double[][] principalAxes(double[][] m) {
    double[] lambda = new double[3];
    double[][] rows = LocalSymmetry.jacobi(m, lambda);
    Integer[] idx = {0, 1, 2};
    Arrays.sort(idx, Comparator.comparingDouble(i -> -lambda[i]));
    return new double[][] {rows[idx[0]], rows[idx[1]], rows[idx[2]]};
  }
}
