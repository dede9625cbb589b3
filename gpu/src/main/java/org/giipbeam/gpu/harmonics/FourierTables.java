package org.giipbeam.gpu.harmonics;

/**
 * cos(m t_k) and sin(m t_k) at the angles t_k = 2πk / samples (k × (order + 1), m = 0..order):
 * the tables that sample a Fourier series in the angle (FAST 2D, on the CPU and the GPU).
 */
public final class FourierTables {
  private FourierTables() {}

  /** {cos table, sin table}, row k = angle t_k, column m = order m. */
  public static double[][] sampled(int order, int samples) {
    double[] cos = new double[samples * (order + 1)];
    double[] sin = new double[samples * (order + 1)];
    for (int k = 0; k < samples; k++) {
      double t = 2 * Math.PI * k / samples;
      for (int m = 0; m <= order; m++) {
        cos[k * (order + 1) + m] = Math.cos(m * t);
        sin[k * (order + 1) + m] = Math.sin(m * t);
      }
    }
    return new double[][] {cos, sin};
  }
}
