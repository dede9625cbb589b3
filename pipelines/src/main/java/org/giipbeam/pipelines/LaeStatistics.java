package org.giipbeam.pipelines;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.giipbeam.arrowio.LaeBatch;

/** Summary numbers of a sample's LAEs: what a user checks before starting a study. */
public record LaeStatistics(
    String sample,
    int laes,
    double meanNeighbours,
    int minNeighbours,
    int maxNeighbours,
    double meanCoordination,
    double minCoordination,
    double maxCoordination,
    Map<Integer, Integer> neighbourHistogram) {

  public static LaeStatistics of(String sample, LaeBatch b) {
    int n = b.size();
    int[] counts = b.neighbourCounts();
    double[] coord = b.coordination();
    Map<Integer, Integer> hist = new TreeMap<>();
    for (int c : counts) {
      hist.merge(c, 1, Integer::sum);
    }
    return new LaeStatistics(sample, n,
        Arrays.stream(counts).average().orElse(Double.NaN),
        Arrays.stream(counts).min().orElse(0),
        Arrays.stream(counts).max().orElse(0),
        Arrays.stream(coord).average().orElse(Double.NaN),
        Arrays.stream(coord).min().orElse(Double.NaN),
        Arrays.stream(coord).max().orElse(Double.NaN),
        hist);
  }

  /** A few lines for the console. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d LAEs%n", sample, laes));
    sb.append(String.format(Locale.ROOT,
        "  neighbours within r_cut: mean %.3f, min %d, max %d%n", meanNeighbours,
        minNeighbours, maxNeighbours));
    sb.append(String.format(Locale.ROOT,
        "  coordination Σf:         mean %.3f, min %.3f, max %.3f%n", meanCoordination,
        minCoordination, maxCoordination));
    sb.append("  neighbour-count histogram:");
    neighbourHistogram.forEach((k, v) -> sb.append(' ').append(k).append(':').append(v));
    return sb.append(System.lineSeparator()).toString();
  }
}
