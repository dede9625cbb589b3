package org.giipbeam.pipelines.report;

import java.util.List;

/**
 * Two groups of samples to compare in the φ_i × φ_j plane (paper Fig. 3c: the slowest quench
 * as A against the fastest as B in the φ_2 × φ_3 plane; blue where A is denser).
 *
 * @param labelA name of group A in titles and file names, e.g. "slow quench"
 * @param samplesA sample names of group A (as in {@code LaeResult.sample()})
 * @param labelB name of group B
 * @param samplesB sample names of group B
 * @param i 1-based horizontal coordinate
 * @param j 1-based vertical coordinate
 */
public record SampleComparison(
    String labelA, List<String> samplesA, String labelB, List<String> samplesB, int i, int j) {

  public SampleComparison {
    samplesA = List.copyOf(samplesA);
    samplesB = List.copyOf(samplesB);
    if (samplesA.isEmpty() || samplesB.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs samples in both groups: "
          + labelA + " " + samplesA + ", " + labelB + " " + samplesB);
    }
    if (i < 1 || j < 1 || i == j) {
      throw new IllegalArgumentException("a comparison needs two different coordinates ≥ 1, got φ_"
          + i + " and φ_" + j);
    }
  }
}
