package org.giipbeam.pipelines.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.LaeResult;

/**
 * Local strain of each LAE's centre from its Voronoi cell, relative to the mean cell of its
 * sample: volumetric strain V/⟨V⟩ − 1 in 3D ({@code voronoi_volume}), area strain A/⟨A⟩ − 1 in
 * 2D ({@code voronoi_area}). The mean is over the sample's LAEs whose cell is defined (all
 * centre types together); undefined cells stay undefined (NaN).
 */
public final class SampleStrain {
  private SampleStrain() {}

  /** Name of the 3D strain column. */
  public static final String VOLUMETRIC = "volumetric_strain";
  /** Name of the 2D strain column. */
  public static final String AREA = "area_strain";

  /** The rows with a strain column added before their cell column; rows without one unchanged. */
  public static List<LaeResult> withStrain(List<LaeResult> rows) {
    String[][] pairs = {{"voronoi_volume", VOLUMETRIC}, {"voronoi_area", AREA}};
    List<LaeResult> out = rows;
    for (String[] p : pairs) {
      out = add(out, p[0], p[1]);
    }
    return out;
  }

  private static List<LaeResult> add(List<LaeResult> rows, String cell, String strain) {
    if (rows.isEmpty() || !rows.get(0).descriptors().containsKey(cell)
        || rows.get(0).descriptors().containsKey(strain)) {
      return rows;
    }
    Map<String, double[]> sums = new HashMap<>();
    for (LaeResult r : rows) {
      Double v = r.descriptors().get(cell);
      if (v != null && Double.isFinite(v)) {
        double[] s = sums.computeIfAbsent(r.sample(), k -> new double[2]);
        s[0] += v;
        s[1]++;
      }
    }
    List<LaeResult> out = new ArrayList<>(rows.size());
    for (LaeResult r : rows) {
      Map<String, Double> d = new LinkedHashMap<>();
      double[] s = sums.get(r.sample());
      for (Map.Entry<String, Double> e : r.descriptors().entrySet()) {
        if (e.getKey().equals(cell)) {
          // Strain first: within one sample the cell size is an affine copy of it, and the
          // report keeps the first of such a pair.
          Double v = e.getValue();
          d.put(strain, s == null || v == null || !Double.isFinite(v) ? Double.NaN
              : v / (s[0] / s[1]) - 1);
        }
        d.put(e.getKey(), e.getValue());
      }
      out.add(new LaeResult(r.sample(), r.centreId(), r.centreType(), r.training(),
          r.classLabel(), r.coordinates(), d));
    }
    return out;
  }
}
