package org.giipbeam.pipelines.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;

/**
 * Partial radial distribution functions centred on LAE centres (the paper's Fig. 3a): for the
 * LAE centres of a group of samples with centre type a, and neighbours of type b,
 *
 * <pre>
 *   g_ab(r) = Σ_c n_b(c; r, r + Δr) / Σ_c ρ_b(s_c) V_shell(r, r + Δr)
 * </pre>
 *
 * where n_b(c; …) counts the atoms of type b (the centre itself excluded) in the shell around
 * centre c, ρ_b(s_c) = N_b / V is the number density of type b in the centre's sample, and
 * V_shell is the shell's volume (4π/3 (r_2³ − r_1³) in 3D, π (r_2² − r_1²) in 2D). Distances are
 * minimum-image in periodic directions, so r_max must stay below half the cell's narrowest
 * periodic width; a non-periodic direction is not corrected for its surface. g → 1 at large r
 * in a homogeneous sample. Plain Java, brute force over the sample's atoms for each centre.
 */
public final class PartialRdf {
  private final double rMax;
  private final int bins;
  /** "a-b" → counts per bin; "a-b" → Σ ρ_b · (per-centre) for the normalisation. */
  private final Map<String, double[]> counts = new TreeMap<>();
  private final Map<String, Double> densitySums = new TreeMap<>();
  private final Map<Integer, Integer> centresByType = new TreeMap<>();
  private int dimension = 3;

  private PartialRdf(double rMax, int bins) {
    this.rMax = rMax;
    this.bins = bins;
  }

  /**
   * The partial RDFs of the given centres (atom ids per sample label) in the frames, in
   * {@code bins} bins from 0 to {@code rMax}.
   */
  public static PartialRdf of(Collection<Frame> frames, Map<String, Set<Long>> centres,
      double rMax, int bins) {
    if (!(rMax > 0) || bins < 1) {
      throw new IllegalArgumentException("an RDF needs r_max > 0 and at least one bin, got "
          + rMax + " and " + bins);
    }
    PartialRdf g = new PartialRdf(rMax, bins);
    for (Frame f : frames) {
      Set<Long> ids = centres.get(f.sample());
      if (ids != null && !ids.isEmpty()) {
        g.add(f, ids);
      }
    }
    return g;
  }

  /** The largest r_max the frame's cell allows (half its narrowest periodic width). */
  public static double maxRadius(Frame f) {
    Box b = f.box();
    double m = Double.POSITIVE_INFINITY;
    for (int k = 0; k < b.dimension(); k++) {
      if (b.periodic(k)) {
        m = Math.min(m, b.perpendicularWidth(k) / 2);
      }
    }
    return m;
  }

  private void add(Frame f, Set<Long> ids) {
    if (rMax > maxRadius(f) * (1 + 1e-12)) {
      throw new IllegalArgumentException("r_max " + rMax + " exceeds half the narrowest"
          + " periodic width of sample " + f.sample() + " (" + maxRadius(f) + ")");
    }
    Box box = f.box();
    int d = f.dimension();
    int n = f.atomCount();
    double[] pos = f.positions();
    int[] types = f.types();
    double volume = Math.abs(box.volume());
    Map<Integer, Integer> perType = new TreeMap<>();
    for (int t : types) {
      perType.merge(t, 1, Integer::sum);
    }
    // Fractional coordinates once, for the minimum image.
    double[] frac = new double[n * d];
    double[] r = new double[d];
    double[] s = new double[d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(pos, i * d, r, 0, d);
      box.toFractional(r, s);
      System.arraycopy(s, 0, frac, i * d, d);
    }
    double[] ds = new double[d];
    double[] dr = new double[d];
    double width = rMax / bins;
    double r2max = rMax * rMax;
    for (int c = 0; c < n; c++) {
      if (!ids.contains(f.ids()[c])) {
        continue;
      }
      int a = types[c];
      centresByType.merge(a, 1, Integer::sum);
      for (Map.Entry<Integer, Integer> e : perType.entrySet()) {
        String key = a + "-" + e.getKey();
        counts.computeIfAbsent(key, k -> new double[bins]);
        densitySums.merge(key, e.getValue() / volume, Double::sum);
      }
      for (int j = 0; j < n; j++) {
        if (j == c) {
          continue;
        }
        for (int k = 0; k < d; k++) {
          double x = frac[j * d + k] - frac[c * d + k];
          if (box.periodic(k)) {
            x -= Math.rint(x);
          }
          ds[k] = x;
        }
        box.fractionalToCartesianDisplacement(ds, dr);
        double q = 0;
        for (int k = 0; k < d; k++) {
          q += dr[k] * dr[k];
        }
        if (q >= r2max) {
          continue;
        }
        int bin = Math.min(bins - 1, (int) (Math.sqrt(q) / width));
        counts.get(a + "-" + types[j])[bin] += 1;
      }
    }
    dimension = d;
  }

  /** The pairs "a-b" present (centre type, neighbour type). */
  public List<String> pairs() {
    return new ArrayList<>(counts.keySet());
  }

  /** Bin centres. */
  public double[] r() {
    double[] out = new double[bins];
    for (int i = 0; i < bins; i++) {
      out[i] = (i + 0.5) * rMax / bins;
    }
    return out;
  }

  /** g_ab(r) per bin (a copy). */
  public double[] g(String pair) {
    double[] c = counts.get(pair);
    if (c == null) {
      throw new IllegalArgumentException("no pair " + pair + "; pairs: " + pairs());
    }
    double rho = densitySums.get(pair);
    double[] out = new double[bins];
    double w = rMax / bins;
    for (int i = 0; i < bins; i++) {
      double r1 = i * w;
      double r2 = r1 + w;
      double shell = dimension == 3 ? 4 * Math.PI / 3 * (r2 * r2 * r2 - r1 * r1 * r1)
          : Math.PI * (r2 * r2 - r1 * r1);
      out[i] = c[i] / (rho * shell);
    }
    return out;
  }

  /** The mean number of type-b neighbours of a type-a centre in each bin (a copy). */
  public double[] neighboursPerCentre(String pair) {
    double[] c = counts.get(pair).clone();
    int a = Integer.parseInt(pair.substring(0, pair.indexOf('-')));
    int centres = centresByType.get(a);
    for (int i = 0; i < c.length; i++) {
      c[i] /= centres;
    }
    return c;
  }

  /** Centres counted, by type. */
  public Map<Integer, Integer> centres() {
    return new LinkedHashMap<>(centresByType);
  }

  public double rMax() {
    return rMax;
  }

  public int bins() {
    return bins;
  }

  /** Types present among the pairs, as a sorted set (for labels). */
  Set<Integer> types() {
    Set<Integer> t = new TreeSet<>();
    for (String p : counts.keySet()) {
      for (String s : p.split("-")) {
        t.add(Integer.parseInt(s));
      }
    }
    return t;
  }

  @Override
  public String toString() {
    return "PartialRdf[" + pairs() + ", " + centresByType + " centres, r_max " + rMax + ", "
        + bins + " bins]";
  }
}
