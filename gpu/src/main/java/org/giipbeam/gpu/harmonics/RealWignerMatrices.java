package org.giipbeam.gpu.harmonics;

/**
 * The real orthogonal matrices Δ^l(R) that rotate real spherical harmonics of degree l:
 * Y_l(R x) = Δ^l(R) Y_l(x), i.e. Δ^l_{mm'}(R) = ∫ Y_lm(R x) Y_lm'(x) dx over the unit sphere.
 * The integral is evaluated exactly with a product quadrature (Gauss–Legendre in cos θ × uniform
 * in φ, exact for spherical polynomials of degree ≤ 2L). For a rotoinversion −R,
 * Δ^l(−R) = (−1)^l Δ^l(R).
 *
 * <p>Blocks are stored one after another, block l row-major (2l+1)² at {@link #offset(int)}:
 * the flat length is Σ_{l≤L} (2l+1)² = (L+1)(2L+1)(2L+3)/3.
 */
public final class RealWignerMatrices {
  private final int degree;
  private final double[] px;
  private final double[] py;
  private final double[] pz;
  private final double[] pw;
  private final double[] y0; // Y(x_q), q-major
  private final double[] yr;
  private final double[] work;

  public RealWignerMatrices(int degree) {
    this.degree = degree;
    double[][] gl = GaussLegendre.rule(degree + 1);
    int nphi = 2 * degree + 2;
    int nq = gl[0].length * nphi;
    px = new double[nq];
    py = new double[nq];
    pz = new double[nq];
    pw = new double[nq];
    int q = 0;
    for (int i = 0; i < gl[0].length; i++) {
      double z = gl[0][i];
      double rho = Math.sqrt(1 - z * z);
      for (int k = 0; k < nphi; k++) {
        double phi = 2 * Math.PI * k / nphi;
        px[q] = rho * Math.cos(phi);
        py[q] = rho * Math.sin(phi);
        pz[q] = z;
        pw[q] = gl[1][i] * 2 * Math.PI / nphi;
        q++;
      }
    }
    int ny = RealSphericalHarmonics.size(degree);
    work = new double[ny];
    y0 = new double[nq * ny];
    yr = new double[nq * ny];
    for (q = 0; q < nq; q++) {
      RealSphericalHarmonics.evaluate(degree, px[q], py[q], pz[q], y0, q * ny, work);
    }
  }

  /** Offset of block l in the flat layout. */
  public static int offset(int l) {
    return l * (4 * l * l - 1) / 3;
  }

  /** Flat length for degrees 0..L. */
  public static int size(int degree) {
    return offset(degree + 1);
  }

  /** Fills out[off ..] with Δ^l(R), l = 0..L, for a proper rotation R (3 × 3 row-major). */
  public void compute(double[] r, int ro, double[] out, int off) {
    int ny = RealSphericalHarmonics.size(degree);
    int nq = pw.length;
    for (int q = 0; q < nq; q++) {
      double x = r[ro] * px[q] + r[ro + 1] * py[q] + r[ro + 2] * pz[q];
      double y = r[ro + 3] * px[q] + r[ro + 4] * py[q] + r[ro + 5] * pz[q];
      double z = r[ro + 6] * px[q] + r[ro + 7] * py[q] + r[ro + 8] * pz[q];
      RealSphericalHarmonics.evaluate(degree, x, y, z, yr, q * ny, work);
    }
    for (int l = 0; l <= degree; l++) {
      int dim = 2 * l + 1;
      int base = l * l;
      int o = off + offset(l);
      for (int a = 0; a < dim; a++) {
        for (int b = 0; b < dim; b++) {
          double s = 0;
          for (int q = 0; q < nq; q++) {
            s += pw[q] * yr[q * ny + base + a] * y0[q * ny + base + b];
          }
          out[o + a * dim + b] = s;
        }
      }
    }
  }
}
