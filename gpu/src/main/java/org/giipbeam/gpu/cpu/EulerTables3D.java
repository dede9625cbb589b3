package org.giipbeam.gpu.cpu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.giipbeam.gpu.harmonics.RealWignerMatrices;

/**
 * Shared, immutable tables of the second-generation FAST 3D search ({@link FastSearch3D}) for
 * one (degree L, grid size): an Euler-angle grid R(α, β, γ) = R_z(α) R_y(β) R_z(γ) with α and γ
 * at N uniform angles (N a multiple of 4) and β at the N/2 midpoints (k + ½)π/(N/2), the real
 * Wigner
 * matrices Δ^l(R_y(β)) of every grid β, and the cosines and sines of pα, qγ (p, q ≤ L).
 *
 * <p>Why this grid: Δ^l(R_z(α)) acts on the real harmonics (Y_lm, Y_l,−m) as a plane rotation by
 * mα, so the truncated cross term C_L(R) = Σ_l ⟨F^l, Δ^l(R)⟩ is, at fixed β, a trigonometric
 * polynomial of degree L in α and in γ whose (L+1)² × 4 coefficients are sums of D^l(β) against
 * F^l. The whole grid then costs two small separable transforms per β instead of a dot product
 * of all Σ(2l+1)² coefficients per rotation (SOFT-style; Kostelec and Rockmore).
 * Built once per setting and cached (a few ms).
 */
final class EulerTables3D {
  private static final Map<String, EulerTables3D> CACHE = new ConcurrentHashMap<>();

  final int degree;
  /**
   * Number of α (and γ) angles; a multiple of 4, so that α + π, −α and π − α are grid angles
   * (neighbours across a pole; the quarter symmetries of the trigonometric sums).
   */
  final int n;
  /** Number of β angles, n / 2. */
  final int nb;
  /** Σ_l (2l+1)²: the length of F and of one Δ^l(R_y(β)) table in the natural layout. */
  final int size;
  /** nb × size: Δ^l(R_y(β_k)) of {@link RealWignerMatrices} (block l row-major). */
  final double[] dBeta;
  /** Per natural index: p·(L+1) + q with p = |m| of the row, q = |m'| of the column. */
  final int[] pq;
  /** Per natural index: the degree's parity (0 even, 1 odd). */
  final int[] parity;
  /** Per natural index: the index of the entry (−m, m') and (m, −m') of the same block. */
  final int[] flipRow;
  final int[] flipColumn;
  /** Per natural index: sign of (Jᵀ F) and (F Jᵀ) taken from the flipped entry (0 for m = 0). */
  final double[] rowSign;
  final double[] columnSign;
  /** (L+1) × n: cos(pθ_i), sin(pθ_i) for θ_i = 2πi/n (the same angles for α and γ). */
  final double[] cos;
  final double[] sin;
  final double[] angles;
  final double[] betas;
  /**
   * The structurally non-zero entries of Δ^l(R_y(β)): R_y commutes with the reflection y → −y,
   * which keeps the cosine-type real harmonics (m ≥ 0) and negates the sine-type ones (m < 0),
   * so only entries with m, m' of the same type are non-zero (Σ_l (l+1)² + l² of Σ_l (2l+1)²).
   * Entry t: its natural index, the offset parity · 4 · (L+1)² + p·(L+1) + q of its coefficient
   * bin, and dNonZero[t · nb + k] = Δ^l(R_y(β_k)) there (the β values of one entry contiguous).
   */
  final int nonZero;
  final int[] nzIndex;
  final int[] nzBin;
  final double[] dNonZero;
  /**
   * Per non-zero entry: where its (JᵀF), (FJᵀ) and (JᵀFJᵀ) values are read from F, and with
   * which sign: (JᵀF)_x = nzRowSign · F[nzRow], and so on.
   */
  final int[] nzRow;
  final int[] nzCol;
  final int[] nzBoth;
  final double[] nzRowSign;
  final double[] nzColSign;
  final double[] nzBothSign;

  static EulerTables3D get(int degree, int n) {
    return CACHE.computeIfAbsent(degree + "/" + n, k -> new EulerTables3D(degree, n));
  }

  private EulerTables3D(int degree, int n) {
    if (n < 4 || n % 4 != 0) {
      throw new IllegalArgumentException("Euler grid size must be a multiple of 4, got " + n);
    }
    this.degree = degree;
    this.n = n;
    this.nb = n / 2;
    this.size = RealWignerMatrices.size(degree);
    int w = degree + 1;
    pq = new int[size];
    parity = new int[size];
    flipRow = new int[size];
    flipColumn = new int[size];
    rowSign = new double[size];
    columnSign = new double[size];
    for (int l = 0; l <= degree; l++) {
      int dim = 2 * l + 1;
      int o = RealWignerMatrices.offset(l);
      for (int r = 0; r < dim; r++) {
        int m = r - l;
        for (int c = 0; c < dim; c++) {
          int mp = c - l;
          int idx = o + r * dim + c;
          pq[idx] = Math.abs(m) * w + Math.abs(mp);
          parity[idx] = l % 2;
          flipRow[idx] = o + (l - m) * dim + c;
          flipColumn[idx] = o + r * dim + (l - mp);
          // (JᵀF)_{m,·} = F_{−m,·} (m > 0), −F_{−m,·} (m < 0); (F Jᵀ)_{·,m'} = −F_{·,−m'} (m' > 0),
          // F_{·,−m'} (m' < 0): J is the generator of the plane rotation Δ(R_z) applies to (m, −m)
          rowSign[idx] = Integer.signum(m);
          columnSign[idx] = -Integer.signum(mp);
        }
      }
    }
    angles = new double[n];
    cos = new double[w * n];
    sin = new double[w * n];
    for (int i = 0; i < n; i++) {
      angles[i] = 2 * Math.PI * i / n;
    }
    for (int p = 0; p <= degree; p++) {
      for (int i = 0; i < n; i++) {
        cos[p * n + i] = Math.cos(p * angles[i]);
        sin[p * n + i] = Math.sin(p * angles[i]);
      }
    }
    betas = new double[nb];
    dBeta = new double[nb * size];
    RealWignerMatrices wm = new RealWignerMatrices(degree);
    double[] ry = new double[9];
    for (int k = 0; k < nb; k++) {
      betas[k] = (k + 0.5) * Math.PI / nb;
      double cb = Math.cos(betas[k]);
      double sb = Math.sin(betas[k]);
      ry[0] = cb;
      ry[2] = sb;
      ry[4] = 1;
      ry[6] = -sb;
      ry[8] = cb;
      wm.compute(ry, 0, dBeta, k * size);
    }
    int nz = 0;
    int[] idx = new int[size];
    for (int l = 0; l <= degree; l++) {
      int dim = 2 * l + 1;
      int o = RealWignerMatrices.offset(l);
      for (int r = 0; r < dim; r++) {
        for (int c = 0; c < dim; c++) {
          if ((r < l) == (c < l)) {
            idx[nz++] = o + r * dim + c;
          }
        }
      }
    }
    nonZero = nz;
    nzIndex = java.util.Arrays.copyOf(idx, nz);
    nzBin = new int[nz];
    dNonZero = new double[nz * nb];
    nzRow = new int[nz];
    nzCol = new int[nz];
    nzBoth = new int[nz];
    nzRowSign = new double[nz];
    nzColSign = new double[nz];
    nzBothSign = new double[nz];
    for (int t = 0; t < nz; t++) {
      int x = nzIndex[t];
      nzRow[t] = flipRow[x];
      nzCol[t] = flipColumn[x];
      nzBoth[t] = flipColumn[flipRow[x]];
      nzRowSign[t] = rowSign[x];
      nzColSign[t] = columnSign[x];
      nzBothSign[t] = rowSign[x] * columnSign[flipRow[x]];
      nzBin[t] = parity[x] * 4 * w * w + pq[x];
      for (int k = 0; k < nb; k++) {
        dNonZero[t * nb + k] = dBeta[k * size + x];
      }
    }
  }

  /** R_z(α) R_y(β) R_z(γ), row-major, times {@code sign} (−1: the rotoinversion), at out[o]. */
  static void rotation(double alpha, double beta, double gamma, double sign, double[] out,
      int o) {
    double ca = Math.cos(alpha);
    double sa = Math.sin(alpha);
    double cb = Math.cos(beta);
    double sb = Math.sin(beta);
    double cg = Math.cos(gamma);
    double sg = Math.sin(gamma);
    out[o] = sign * (ca * cb * cg - sa * sg);
    out[o + 1] = sign * (-ca * cb * sg - sa * cg);
    out[o + 2] = sign * (ca * sb);
    out[o + 3] = sign * (sa * cb * cg + ca * sg);
    out[o + 4] = sign * (-sa * cb * sg + ca * cg);
    out[o + 5] = sign * (sa * sb);
    out[o + 6] = sign * (-sb * cg);
    out[o + 7] = sign * (sb * sg);
    out[o + 8] = sign * cb;
  }
}
