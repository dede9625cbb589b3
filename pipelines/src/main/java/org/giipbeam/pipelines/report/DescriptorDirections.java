package org.giipbeam.pipelines.report;

import java.util.ArrayList;
import java.util.List;
import org.giipbeam.arrowio.LaeResult;

/**
 * For each descriptor, what in diffusion space predicts it best: the best single coordinate
 * φ_k (straight line) and the best direction in each of the given planes (φ_i, φ_j)
 * ({@link PlaneFit}, the paper's α'), over the given LAEs.
 *
 * <pre>{@code
 * List<DescriptorDirections.Row> rows = DescriptorDirections.of(results, List.of(1, 2, 3),
 *     List.of(new int[] {1, 2}, new int[] {2, 3}), List.of("coordination"));
 * PlaneFit best = rows.get(0).bestPlane();   // e.g. coordination along 37° in (φ_1, φ_2)
 * }</pre>
 */
public final class DescriptorDirections {
  private DescriptorDirections() {}

  /** How much more r² a plane direction needs than the best single coordinate to win. */
  public static final double WIN_MARGIN = 0.05;

  /**
   * One descriptor's best predictors.
   *
   * @param descriptor its name
   * @param coordinate the best single coordinate (1-based; 0 when no fit is defined)
   * @param coordinateFit that coordinate's line
   * @param bestPlane the best plane direction (null when no plane was given or none defined)
   */
  public record Row(String descriptor, int coordinate, LinearFit coordinateFit,
      PlaneFit bestPlane) {

    /** The larger of the two r² (NaN when neither is defined). */
    public double bestRSquared() {
      double a = coordinateFit.rSquared();
      double b = bestPlane == null ? Double.NaN : bestPlane.rSquared();
      if (Double.isNaN(a)) {
        return b;
      }
      return Double.isNaN(b) ? a : Math.max(a, b);
    }

    /**
     * Whether the plane direction predicts clearly better than the best single coordinate:
     * by at least {@link #WIN_MARGIN} in r² (two coordinates never fit worse than one).
     */
    public boolean planeWins() {
      return bestPlane != null && bestPlane.defined()
          && !(coordinateFit.rSquared() + WIN_MARGIN > bestPlane.rSquared());
    }
  }

  /** The rows, one per descriptor, in the order given. */
  public static List<Row> of(List<LaeResult> results, List<Integer> coordinates,
      List<int[]> planes, List<String> descriptors) {
    int k = results.get(0).coordinates().length;
    double[][] phi = new double[k + 1][];
    for (int c = 1; c <= k; c++) {
      phi[c] = InterpretationTable.coordinate(results, c);
    }
    List<Row> out = new ArrayList<>();
    for (String d : descriptors) {
      double[] y = InterpretationTable.descriptor(results, d);
      int best = 0;
      LinearFit bestFit = new LinearFit(Double.NaN, Double.NaN, Double.NaN, 0);
      for (int c : coordinates) {
        LinearFit f = LinearFit.of(phi[c], y);
        if (f.defined() && !(bestFit.rSquared() >= f.rSquared())) {
          best = c;
          bestFit = f;
        }
      }
      PlaneFit bestPlane = null;
      for (int[] p : planes) {
        PlaneFit f = PlaneFit.of(p[0], p[1], phi[p[0]], phi[p[1]], y);
        if (f.defined() && (bestPlane == null || f.rSquared() > bestPlane.rSquared())) {
          bestPlane = f;
        }
      }
      out.add(new Row(d, best, bestFit, bestPlane));
    }
    return out;
  }
}
