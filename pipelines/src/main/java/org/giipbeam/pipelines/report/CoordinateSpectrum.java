package org.giipbeam.pipelines.report;

import java.util.List;

/**
 * Significance and redundancy of the diffusion coordinates φ_1..φ_k (the trivial φ_0 dropped):
 * what the paper plots in Figs 1b and 2b to choose the non-harmonic coordinates.
 *
 * @param eigenvalues λ_1..λ_k (significance)
 * @param redundancyResiduals r_1..r_k: leave-one-out residual of predicting φ_k from
 *     φ_1..φ_{k−1} (Dsilva et al. 2018); near 1 = new information, near 0 = a harmonic
 * @param polynomialR2 r² of the polynomial regression of φ_k on the earlier coordinates (the
 *     paper's redundancy measure); may be empty when not computed
 * @param nonHarmonic 1-based indices of the coordinates judged non-harmonic; may be empty
 * @param warnings what the report must say about the coordinates (a coordinate that localises
 *     on a few LAEs, a kernel graph that is nearly disconnected); may be empty
 */
public record CoordinateSpectrum(
    double[] eigenvalues,
    double[] redundancyResiduals,
    double[] polynomialR2,
    List<Integer> nonHarmonic,
    List<String> warnings) {

  /** A spectrum without warnings. */
  public CoordinateSpectrum(double[] eigenvalues, double[] redundancyResiduals,
      double[] polynomialR2, List<Integer> nonHarmonic) {
    this(eigenvalues, redundancyResiduals, polynomialR2, nonHarmonic, List.of());
  }

  public CoordinateSpectrum {
    if (eigenvalues.length == 0) {
      throw new IllegalArgumentException("no eigenvalues");
    }
    if (redundancyResiduals.length != eigenvalues.length) {
      throw new IllegalArgumentException("redundancy residuals: " + redundancyResiduals.length
          + " values for " + eigenvalues.length + " eigenvalues");
    }
    if (polynomialR2.length != 0 && polynomialR2.length != eigenvalues.length) {
      throw new IllegalArgumentException("polynomial r²: " + polynomialR2.length
          + " values for " + eigenvalues.length + " eigenvalues");
    }
    for (int k : nonHarmonic) {
      if (k < 1 || k > eigenvalues.length) {
        throw new IllegalArgumentException("non-harmonic coordinate " + k + " is not in 1.."
            + eigenvalues.length);
      }
    }
    eigenvalues = eigenvalues.clone();
    redundancyResiduals = redundancyResiduals.clone();
    polynomialR2 = polynomialR2.clone();
    nonHarmonic = List.copyOf(nonHarmonic);
    warnings = List.copyOf(warnings);
  }

  /** Number of coordinates k. */
  public int size() {
    return eigenvalues.length;
  }
}
