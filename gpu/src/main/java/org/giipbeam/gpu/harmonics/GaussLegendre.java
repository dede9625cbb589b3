package org.giipbeam.gpu.harmonics;

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n from Chebyshev guesses). */
public final class GaussLegendre {
  private GaussLegendre() {}

  /** Returns {nodes, weights}; exact for polynomials of degree ≤ 2n − 1. */
  public static double[][] rule(int n) {
    double[] x = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double t = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double dp = 0;
      for (int it = 0; it < 100; it++) {
        double p0 = 1;
        double p1 = t;
        for (int k = 2; k <= n; k++) {
          double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        if (n == 1) {
          p1 = t;
          p0 = 1;
        }
        dp = n * (t * p1 - p0) / (t * t - 1);
        double dt = p1 / dp;
        t -= dt;
        if (Math.abs(dt) < 1e-15) {
          break;
        }
      }
      x[i] = t;
      w[i] = 2 / ((1 - t * t) * dp * dp);
    }
    return new double[][] {x, w};
  }
}
