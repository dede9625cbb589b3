package org.giipbeam.pipelines.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.giipbeam.arrowio.LaeResult;

/**
 * r² of the best straight line between each leading diffusion coordinate φ_k and each per-LAE
 * descriptor (coordination, composition, potential energy, mean neighbour distance, q4, q6, …):
 * the computer does not name coordinates, the user does, and this table shows at a glance which
 * coordinate tracks which physical quantity (paper Figs 1d and 2c).
 *
 * <pre>{@code
 * InterpretationTable table = InterpretationTable.of(results, 5);
 * double r2 = table.rSquared(1, "composition_1");
 * LinearFit fit = InterpretationTable.fitFromCoordinate(results, 1, "composition_1");
 * }</pre>
 *
 * @param coordinates the 1-based indices k of the rows
 * @param descriptors the descriptor names of the columns
 * @param fits fits[row][column]: descriptor ≈ slope·φ_k + intercept, over all LAEs
 */
public record InterpretationTable(
    List<Integer> coordinates, List<String> descriptors, LinearFit[][] fits) {

  public InterpretationTable {
    coordinates = List.copyOf(coordinates);
    descriptors = List.copyOf(descriptors);
  }

  /**
   * The table for φ_1..φ_leading (at most the number of coordinates the rows carry) against
   * every {@linkplain #informativeDescriptors informative} descriptor, in first-seen order.
   */
  public static InterpretationTable of(List<LaeResult> rows, int leading) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no LAE results to interpret");
    }
    int k = Math.min(leading, rows.get(0).coordinates().length);
    List<Integer> coordinates = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      coordinates.add(i);
    }
    return of(rows, coordinates, informativeDescriptors(rows));
  }

  /** The table for the given 1-based coordinates and descriptor names. */
  public static InterpretationTable of(
      List<LaeResult> rows, List<Integer> coordinates, List<String> descriptors) {
    LinearFit[][] fits = new LinearFit[coordinates.size()][descriptors.size()];
    for (int c = 0; c < descriptors.size(); c++) {
      double[] y = descriptor(rows, descriptors.get(c));
      for (int r = 0; r < coordinates.size(); r++) {
        fits[r][c] = LinearFit.of(coordinate(rows, coordinates.get(r)), y);
      }
    }
    return new InterpretationTable(coordinates, descriptors, fits);
  }

  /**
   * Best straight line of a descriptor from φ_k (1-based): descriptor ≈ slope·φ_k + intercept,
   * e.g. the paper's composition from φ_1 (r² = 0.97 in the NiNb glass).
   */
  public static LinearFit fitFromCoordinate(List<LaeResult> rows, int k, String descriptor) {
    return LinearFit.of(coordinate(rows, k), descriptor(rows, descriptor));
  }

  /** {@link #fitFromCoordinate} for φ_1. */
  public static LinearFit fitFromPhi1(List<LaeResult> rows, String descriptor) {
    return fitFromCoordinate(rows, 1, descriptor);
  }

  /** The fit of a descriptor from φ_k. */
  public LinearFit fit(int k, String descriptor) {
    int r = coordinates.indexOf(k);
    int c = descriptors.indexOf(descriptor);
    if (r < 0 || c < 0) {
      throw new IllegalArgumentException("no cell for φ_" + k + " and '" + descriptor
          + "'; coordinates " + coordinates + ", descriptors " + descriptors);
    }
    return fits[r][c];
  }

  /** r² of a descriptor from φ_k (NaN where undefined). */
  public double rSquared(int k, String descriptor) {
    return fit(k, descriptor).rSquared();
  }

  /** The descriptor that φ_k tracks best, if any fit is defined. */
  public Optional<String> bestDescriptor(int k) {
    String best = null;
    double bestR2 = -1;
    for (String d : descriptors) {
      double r2 = rSquared(k, d);
      if (r2 > bestR2) {
        bestR2 = r2;
        best = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The descriptors worth a column and a figure: those the rows carry that vary over at least
   * two LAEs (constant or undefined ones are left out: a one-species sample has no composition
   * to explain) and that are not an affine function of an earlier one (composition_2 = 1 −
   * composition_1 in a binary; r² against anything would repeat).
   */
  public static List<String> informativeDescriptors(List<LaeResult> rows) {
    List<String> kept = new ArrayList<>();
    List<double[]> keptValues = new ArrayList<>();
    for (String name : descriptorNames(rows)) {
      double[] v = descriptor(rows, name);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      int finite = 0;
      for (double x : v) {
        if (Double.isFinite(x)) {
          finite++;
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
      if (finite < 2 || !(hi > lo)) {
        continue;
      }
      boolean duplicate = false;
      for (double[] w : keptValues) {
        LinearFit f = LinearFit.of(w, v);
        if (f.defined() && f.rSquared() > 1 - 1e-12 && f.n() == finite) {
          duplicate = true;
          break;
        }
      }
      if (!duplicate) {
        kept.add(name);
        keptValues.add(v);
      }
    }
    return Collections.unmodifiableList(kept);
  }

  /** The names of every descriptor the rows carry, in first-seen order. */
  public static List<String> descriptorNames(List<LaeResult> rows) {
    Set<String> names = new LinkedHashSet<>();
    for (LaeResult r : rows) {
      names.addAll(r.descriptors().keySet());
    }
    return Collections.unmodifiableList(new ArrayList<>(names));
  }

  /** φ_k (1-based) of every row. */
  static double[] coordinate(List<LaeResult> rows, int k) {
    double[] v = new double[rows.size()];
    for (int i = 0; i < v.length; i++) {
      double[] phi = rows.get(i).coordinates();
      if (k < 1 || k > phi.length) {
        throw new IllegalArgumentException("φ_" + k + " requested but LAE "
            + rows.get(i).sample() + "#" + rows.get(i).centreId() + " has " + phi.length
            + " coordinates");
      }
      v[i] = phi[k - 1];
    }
    return v;
  }

  /** A descriptor of every row; NaN where a row does not carry it. */
  static double[] descriptor(List<LaeResult> rows, String name) {
    double[] v = new double[rows.size()];
    for (int i = 0; i < v.length; i++) {
      Double d = rows.get(i).descriptors().get(name);
      v[i] = d == null ? Double.NaN : d;
    }
    return v;
  }
}
