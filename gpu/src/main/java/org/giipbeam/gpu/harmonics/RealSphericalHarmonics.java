package org.giipbeam.gpu.harmonics;

/**
 * Orthonormal real spherical harmonics Y_lm (l = 0..L, m = −l..l) of a unit vector, stored at
 * index l² + l + m: Y_l0 = N_l^0(z), Y_lm = √2 N_l^m(z) cos mφ, Y_l,−m = √2 N_l^m(z) sin mφ
 * (m > 0, N the normalised associated Legendre functions). Written without angles: the
 * Legendre part is carried divided by ρ^m = (1 − z²)^{m/2} and multiplied by Re/Im (x + iy)^m =
 * ρ^m cos/sin mφ, so the poles need no special case. Addition theorem:
 * Σ_m Y_lm(â) Y_lm(b̂) = (2l+1)/(4π) P_l(â·b̂).
 */
public final class RealSphericalHarmonics {
  private RealSphericalHarmonics() {}

  public static int size(int degree) {
    return (degree + 1) * (degree + 1);
  }

  /**
   * Fills out[off .. off + (L+1)²) with Y_lm(x, y, z) for a unit vector (x, y, z).
   *
   * @param work scratch of at least (L+1)² doubles
   */
  public static void evaluate(int degree, double x, double y, double z, double[] out, int off,
      double[] work) {
    // work[l² + l + m] (m ≥ 0) = N_l^m(z) / ρ^m, fully normalised, Condon–Shortley phase omitted
    double inv4pi = 1.0 / (4 * Math.PI);
    work[0] = Math.sqrt(inv4pi);
    for (int m = 1; m <= degree; m++) {
      int mm = m * m + 2 * m; // (m, m)
      int pm = (m - 1) * (m - 1) + 2 * (m - 1);
      work[mm] = Math.sqrt((2.0 * m + 1) / (2.0 * m)) * work[pm];
    }
    for (int m = 0; m < degree; m++) {
      int mm = m * m + 2 * m;
      int next = (m + 1) * (m + 1) + (m + 1) + m; // (m+1, m)
      work[next] = Math.sqrt(2.0 * m + 3) * z * work[mm];
    }
    for (int m = 0; m <= degree; m++) {
      for (int l = m + 2; l <= degree; l++) {
        double a = Math.sqrt((4.0 * l * l - 1) / ((double) l * l - (double) m * m));
        double b = Math.sqrt(((l - 1.0) * (l - 1.0) - (double) m * m)
            / (4.0 * (l - 1.0) * (l - 1.0) - 1));
        work[l * l + l + m] = a * (z * work[(l - 1) * (l - 1) + (l - 1) + m]
            - b * work[(l - 2) * (l - 2) + (l - 2) + m]);
      }
    }
    double sqrt2 = Math.sqrt(2);
    for (int l = 0; l <= degree; l++) {
      out[off + l * l + l] = work[l * l + l];
    }
    double cr = 1; // Re (x+iy)^m
    double ci = 0; // Im (x+iy)^m
    for (int m = 1; m <= degree; m++) {
      double nr = cr * x - ci * y;
      ci = cr * y + ci * x;
      cr = nr;
      for (int l = m; l <= degree; l++) {
        double n = sqrt2 * work[l * l + l + m];
        out[off + l * l + l + m] = n * cr;
        out[off + l * l + l - m] = n * ci;
      }
    }
  }
}
