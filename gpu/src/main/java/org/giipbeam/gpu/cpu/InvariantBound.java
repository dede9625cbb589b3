package org.giipbeam.gpu.cpu;

import org.giipbeam.gpu.harmonics.ModifiedBessel;

/**
 * A rotation-invariant lower bound on d_inv: the GIIP distance between the rotationally
 * averaged densities, ‖Ā − B̄‖ ≤ ‖A − R*B‖ = d_inv(A, B) (averaging over SO(d) is a contraction
 * and commutes with R*, rotoinversions included). With κ = |a||b|/2σ²,
 *
 * <pre>
 *   ⟨Ā, B̄⟩ = Σ_ij W_ij e^{−(|a_i|−|b_j|)²/4σ²} e^{−κ} i₀(κ)   (3D, the l = 0 term)
 *   ⟨Ā, B̄⟩ = Σ_ij W_ij e^{−(|a_i|−|b_j|)²/4σ²} e^{−κ} I₀(κ)   (2D, the m = 0 term)
 * </pre>
 *
 * It depends only on radii, so it is cheap; it is loose (it ignores all angular structure) and
 * prunes only pairs far beyond a cut.
 */
public final class InvariantBound {
  private final double[] bessel = new double[1];
  private final int dimension;
  private final double s;

  public InvariantBound(int dimension, double sigma) {
    this.dimension = dimension;
    this.s = 1.0 / (4 * sigma * sigma);
  }

  /** e^{−s(r−q)²} e^{−κ} i₀(κ) (3D) or e^{−κ} I₀(κ) (2D), κ = 2 s r q. */
  public double kernel(double r, double q) {
    double k = 2 * s * r * q;
    double radial;
    if (dimension == 3) {
      radial = k < 1e-8 ? 1 - k : -Math.expm1(-2 * k) / (2 * k);
    } else {
      ModifiedBessel.scaledCylindrical(k, 0, bessel);
      radial = bessel[0];
    }
    return Math.exp(-s * (r - q) * (r - q)) * radial;
  }

  /** ⟨Ā, Ā⟩ for every LAE of the batch. */
  double[] selfProducts(PreparedLaes p) {
    double[] out = new double[p.size];
    for (int i = 0; i < p.size; i++) {
      double sum = 0;
      for (int a = p.start[i]; a < p.start[i] + p.count[i]; a++) {
        for (int b = p.start[i]; b < p.start[i] + p.count[i]; b++) {
          double w = p.weightProduct(a, p, b);
          if (w != 0) {
            sum += w * kernel(Math.sqrt(p.norm2[a]), Math.sqrt(p.norm2[b]));
          }
        }
      }
      out[i] = sum;
    }
    return out;
  }

  /** The lower bound ‖Ā − B̄‖ for the loaded pair. */
  double lowerBound(PairTerms pair, double selfA, double selfB) {
    double cross = 0;
    for (int t = 0; t < pair.terms; t++) {
      cross += pair.tw[t] * kernel(pair.ra[pair.ti[t]], pair.rb[pair.tj[t]]);
    }
    return Math.sqrt(Math.max(0, selfA + selfB - 2 * cross));
  }
}
