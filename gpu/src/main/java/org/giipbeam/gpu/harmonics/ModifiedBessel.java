package org.giipbeam.gpu.harmonics;

/**
 * Exponentially scaled modified Bessel functions of the first kind, the radial factors of the
 * GIIP cross term's expansions in the rotation:
 *
 * <ul>
 *   <li>2D (Jacobi–Anger): exp(κ cos ψ) = I₀(κ) + 2 Σ_{m≥1} I_m(κ) cos mψ;
 *   <li>3D: exp(κ â·b̂) = Σ_l (2l+1) i_l(κ) P_l(â·b̂) = 4π Σ_l i_l(κ) Σ_m Y_lm(â) Y_lm(b̂).
 * </ul>
 *
 * Both are computed by Miller's downward recurrence (the upward one is unstable), normalised by
 * an exact identity, and returned multiplied by e^{−κ} so nothing overflows.
 */
public final class ModifiedBessel {
  private ModifiedBessel() {}

  /**
   * out[m] = e^{−x} I_m(x) for m = 0..order (x ≥ 0). Recurrence I_{m−1} = I_{m+1} + (2m/x) I_m,
   * normalised with e^{−x}(I₀ + 2 Σ_{m≥1} I_m) = 1.
   */
  public static void scaledCylindrical(double x, int order, double[] out) {
    if (x < 1e-300) {
      out[0] = 1;
      for (int m = 1; m <= order; m++) {
        out[m] = 0;
      }
      return;
    }
    int start = order + 12 + (int) (2 * Math.sqrt(25 * (x + 1)));
    double ip1 = 0;
    double i = 1e-280;
    double sum = 0;
    double twoOverX = 2 / x;
    for (int m = start; m >= 1; m--) {
      double im1 = ip1 + (m * twoOverX) * i;
      if (m <= order) {
        out[m] = i;
      }
      sum += 2 * i;
      ip1 = i;
      i = im1;
      if (i > 1e250) { // rescale everything computed so far
        ip1 *= 1e-250;
        i *= 1e-250;
        sum *= 1e-250;
        for (int k = Math.max(m, 1); k <= order; k++) {
          out[k] *= 1e-250;
        }
      }
    }
    sum += i;
    out[0] = i / sum;
    for (int m = 1; m <= order; m++) {
      out[m] /= sum;
    }
  }

  /**
   * out[l] = e^{−x} i_l(x) for l = 0..degree (x ≥ 0), i_l the modified spherical Bessel
   * function of the first kind (i₀ = sinh x / x). Recurrence i_{l−1} = i_{l+1} + ((2l+1)/x) i_l,
   * normalised with e^{−x} i₀(x) = (1 − e^{−2x}) / 2x.
   */
  public static void scaledSpherical(double x, int degree, double[] out) {
    if (x < 1e-8) {
      out[0] = 1 - x; // e^{-x}(1 + x²/6) to first order
      double p = 1;
      for (int l = 1; l <= degree; l++) {
        p *= x / (2 * l + 1);
        out[l] = p;
      }
      return;
    }
    int start = degree + 12 + (int) (2 * Math.sqrt(25 * (x + 1)));
    double ip1 = 0;
    double i = 1e-280;
    double invX = 1 / x;
    for (int l = start; l >= 1; l--) {
      double im1 = ip1 + ((2.0 * l + 1) * invX) * i;
      if (l <= degree) {
        out[l] = i;
      }
      ip1 = i;
      i = im1;
      if (i > 1e250) {
        ip1 *= 1e-250;
        i *= 1e-250;
        for (int k = Math.max(l, 1); k <= degree; k++) {
          out[k] *= 1e-250;
        }
      }
    }
    double i0 = x < 1e-3 ? Math.exp(-x) * (1 + x * x / 6 + x * x * x * x / 120)
        : -Math.expm1(-2 * x) / (2 * x);
    double f = i0 / i;
    out[0] = i0;
    for (int l = 1; l <= degree; l++) {
      out[l] *= f;
    }
  }
}
