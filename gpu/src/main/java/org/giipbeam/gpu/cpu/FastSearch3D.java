package org.giipbeam.gpu.cpu;

import org.giipbeam.gpu.harmonics.ModifiedBessel;
import org.giipbeam.gpu.harmonics.RealSphericalHarmonics;
import org.giipbeam.gpu.harmonics.RealWignerMatrices;
import org.giipbeam.gpu.rotation.Rotations;

/**
 * FAST in 3D (second generation): the truncated spherical-harmonic expansion of the cross term
 * on an Euler-angle grid by separable trigonometric sums, candidates refined on that grid, and
 * the exact Newton polish spent only where a stated bound says it can still change the answer.
 *
 * <p>Expansion (addition theorem, κ = |a||b|/2σ²):
 * exp(−|a − Rb|²/4σ²) = 4π e^{−(|a|−|b|)²/4σ²} Σ_l e^{−κ} i_l(κ) Y_l(â)ᵀ Δ^l(R) Y_l(b̂), so
 *
 * <pre>
 *   C(R) = Σ_l ⟨F^l, Δ^l(R)⟩,  F^l = 4π Σ_ij W_ij e^{−(r_i−s_j)²/4σ²} e^{−κ}i_l(κ) Y_l(â_i) Y_l(b̂_j)ᵀ
 * </pre>
 *
 * truncated at degree L (C_L). Steps per pair:
 *
 * <ol>
 *   <li><b>Expansion</b>: F^l for l ≤ L (as the first generation), and the truncation bound
 *       ε = Σ_ij |W_ij| e^{−(r_i−s_j)²/4σ²} (1 − Σ_{l≤L} (2l+1) e^{−κ}i_l(κ)) ≥ max_R |C − C_L|
 *       (|P_l| ≤ 1 and Σ_l (2l+1) i_l(κ) = e^κ).
 *   <li><b>Grid</b>: C_L on the Euler grid of {@link EulerTables3D} (N α × N/2 β × N γ per
 *       handedness). With R = R_z(α) R_y(β) R_z(γ) and Δ^l(R_z(θ)) a plane rotation by mθ on
 *       (Y_lm, Y_l,−m), C_L(α, β, γ) = Σ_{p,q ≤ L} [A cos pα cos qγ + B sin pα cos qγ +
 *       C' cos pα sin qγ + E sin pα sin qγ]_pq(β), the coefficients being D^l(β) summed against
 *       F^l, Jᵀ F^l, F^l Jᵀ, Jᵀ F^l Jᵀ (J the plane rotation's generator). Per β: the
 *       coefficients (4 Σ(2l+1)² multiply-adds), a sum over q for each γ, a sum over p for
 *       each α; even and odd degrees apart so that E ± O give R and −R.
 *   <li><b>Candidates</b>: grid local maxima (no strictly larger value among the 26 neighbours,
 *       α and γ periodic, β continued across the poles) within the start margin of the grid's
 *       best, each refined by one Newton step of the quadratic through its 3 × 3 × 3
 *       neighbourhood (no exponentials): a refined location and value Ĉ_L.
 *   <li><b>Exact polish</b>, best refined value first: a safeguarded Newton ascent of the exact
 *       Gaussian cross term on SO(3) (as the first generation) from the refined location, but
 *       only while Ĉ_L + ε + {@value #MODEL_SLACK} · (value scale) can still beat the best
 *       exact value found (C ≤ C_L + ε everywhere), and at most {@code maxStarts} times.
 * </ol>
 *
 * The value returned is the exact cross term at the returned rotation (a stationary point of
 * C). Deterministic (no randomness, fixed order); the inner loops allocate nothing.
 */
final class FastSearch3D extends OrientationSearch {
  private static final double FOUR_PI = 4 * Math.PI;
  /**
   * α and γ angles of the Euler grid (β gets half as many): 24 is a 15° step, about twice the
   * sampling that a degree-6 trigonometric polynomial needs.
   */
  static final int GRID_ANGLES = Integer.getInteger("giip.fast3d.gridAngles", 24);
  /** At most this many grid local maxima are refined. */
  static final int MAX_CANDIDATES = 64;
  /**
   * Allowance for the error of the quadratic model's value, relative to the grid's largest
   * |C_L|: candidates are polished while Ĉ_L + ε + slack · scale exceeds the best exact value.
   */
  static final double MODEL_SLACK = Double.parseDouble(
      System.getProperty("giip.fast3d.modelSlack", "0.02"));

  /** See {@link #newton}: 2 = four times the quadratic model's predicted gain. */
  static final double ABANDON_FACTOR = Double.parseDouble(
      System.getProperty("giip.fast3d.abandonFactor", "2"));

  private final double s;
  private final boolean properOnly;
  private final int degree;
  private final int ny;
  private final int maxStarts;
  private final double margin;
  private final EulerTables3D tables;
  private final int hands;
  private final int w2;
  private final double[] work;
  private final double[] bessel;
  /** Per atom of A and of B: Y_l(x̂) for l ≤ L; per atom j of B: Z_j = Σ_i c_l(i, j) Y_l(â_i). */
  private double[][] ya = new double[0][];
  private double[][] yb = new double[0][];
  private double[][] z = new double[0][];
  /** c_l(t) spread over the (L+1)² harmonics of each degree. */
  private final double[] coefOfDegree;
  private double[] kappa = new double[0];
  private double[] besselAll = new double[0];
  private final double[] f;
  /** Truncation bound of the last expansion. */
  private double eps;
  /**
   * Per parity (even, odd) the four coefficient sets A, B, C', E of every grid β:
   * [parity][set][p · (L+1) + q][k]; per handedness E ± O: coefHand[h][k][set][p · (L+1) + q].
   */
  private final double[] coef;
  private final double[] coefHand;
  /** Partial sums of the α stage over (β, γ): even/odd p of the cosine and the sine parts. */
  private final double[] accCosEven;
  private final double[] accCosOdd;
  private final double[] accSinEven;
  private final double[] accSinOdd;
  /**
   * P_p and Q_p of handedness h over (β, γ): pRows[h · (L+1) + p][k · n + j]. Separate rows
   * (and the accumulators and output row below) so that every long loop reads and writes its
   * arrays at offset 0, which the JIT vectorises (unknown offsets into possibly the same array
   * defeat its dependence test).
   */
  private final double[][] pRows;
  private final double[][] qRows;
  private final double[] outRow;
  private final double[] segRow;
  private final double[] rowMax;
  private final double[] rowMin;
  /** cos qθ_j and sin qθ_j as rows per q (offset 0). */
  private final double[][] cosRows;
  private final double[][] sinRows;
  /** values[((h · n + i) · nb + k) · n + j] = C_L(±R(α_i, β_k, γ_j)), − for h = 1. */
  private final double[] values;
  private final int[] cand;
  private final double[] candValue;
  private final double[] candAlpha;
  private final double[] candBeta;
  private final double[] candGamma;
  private final int[] order;
  /** wrap[x + n] = x mod n for x in [−n, 2n). */
  private final int[] wrap;
  private int candidates;
  private double top;
  private double scale;
  /** Exact polishes and exact evaluations of the last pair (for profiles and tests). */
  int polished;
  int evaluations;
  private double[] bq = new double[0];
  private final double[] q = new double[9];
  private final double[] qn = new double[9];
  private final double[] ex = new double[9];
  private final double[] best = new double[9];
  private final double[] grad = new double[3];
  private final double[] hess = new double[9];
  private final double[] gradN = new double[3];
  private final double[] hessN = new double[9];
  private final double[] step = new double[3];

  /**
   * @param gridAngles α and γ angles of the Euler grid (a multiple of 4)
   * @param margin grid values more than this below the grid's best are not candidates
   */
  FastSearch3D(double sigma, boolean properOnly, int degree, int gridAngles, int maxStarts,
      double margin) {
    this.s = 1.0 / (4 * sigma * sigma);
    this.properOnly = properOnly;
    this.degree = degree;
    this.ny = RealSphericalHarmonics.size(degree);
    this.maxStarts = maxStarts;
    this.margin = margin;
    this.tables = EulerTables3D.get(degree, gridAngles);
    this.hands = properOnly ? 1 : 2;
    int w = degree + 1;
    this.w2 = w * w;
    work = new double[ny];
    coefOfDegree = new double[ny];
    bessel = new double[degree + 1];
    f = new double[tables.size];
    coef = new double[2 * 4 * w2 * tables.nb];
    coefHand = new double[hands * tables.nb * 4 * w2];
    accCosEven = new double[tables.nb * tables.n];
    accCosOdd = new double[tables.nb * tables.n];
    accSinEven = new double[tables.nb * tables.n];
    accSinOdd = new double[tables.nb * tables.n];
    pRows = new double[hands * w][tables.nb * tables.n];
    qRows = new double[hands * w][tables.nb * tables.n];
    outRow = new double[tables.nb * tables.n];
    segRow = new double[tables.n];
    rowMax = new double[tables.nb * tables.n];
    rowMin = new double[tables.nb * tables.n];
    cosRows = new double[w][];
    sinRows = new double[w][];
    for (int qq = 0; qq < w; qq++) {
      cosRows[qq] = java.util.Arrays.copyOfRange(this.tables.cos, qq * this.tables.n,
          (qq + 1) * this.tables.n);
      sinRows[qq] = java.util.Arrays.copyOfRange(this.tables.sin, qq * this.tables.n,
          (qq + 1) * this.tables.n);
    }
    values = new double[hands * tables.nb * tables.n * tables.n];
    cand = new int[MAX_CANDIDATES];
    candValue = new double[MAX_CANDIDATES];
    candAlpha = new double[MAX_CANDIDATES];
    candBeta = new double[MAX_CANDIDATES];
    candGamma = new double[MAX_CANDIDATES];
    order = new int[MAX_CANDIDATES];
    int n = this.tables.n;
    wrap = new int[3 * n];
    for (int x = 0; x < 3 * n; x++) {
      wrap[x] = x % n;
    }
  }

  @Override
  double maximise(PairTerms p, double[] rot, int rotOffset) {
    expansion(p);
    grid();
    candidates();
    return polish(p, rot, rotOffset);
  }

  /** ε + the model slack: how far a refined value may be below the best exact and count. */
  private double allowance() {
    return eps + MODEL_SLACK * scale;
  }

  /** The truncation bound ε of the last expansion. */
  double truncationBound() {
    return eps;
  }

  /** The grid values of the last {@link #grid()}: index ((h · n + i) · nb + k) · n + j. */
  double[] gridValues() {
    return values;
  }

  /** Candidates of the last {@link #candidates()}. */
  int candidateCount() {
    return candidates;
  }

  EulerTables3D tables() {
    return tables;
  }

  /** F^l for l ≤ L in the natural layout of {@link RealWignerMatrices}, and ε. */
  void expansion(PairTerms p) {
    int na = p.na;
    int nbb = p.nb;
    if (ya.length < na) {
      ya = grow(ya, na);
    }
    if (yb.length < nbb) {
      yb = grow(yb, nbb);
      z = grow(z, nbb);
    }
    for (int i = 0; i < na; i++) {
      unitHarmonics(p.a, i, p.ra[i], ya[i]);
    }
    for (int j = 0; j < nbb; j++) {
      unitHarmonics(p.b, j, p.rb[j], yb[j]);
      java.util.Arrays.fill(z[j], 0);
    }
    int terms = p.terms;
    int w = degree + 1;
    if (kappa.length < terms) {
      kappa = new double[Math.max(terms, 2 * kappa.length)];
      besselAll = new double[kappa.length * w];
    }
    for (int t = 0; t < terms; t++) {
      kappa[t] = 2 * s * p.ra[p.ti[t]] * p.rb[p.tj[t]];
    }
    scaledSphericalBessel(terms);
    double bound = 0;
    for (int t = 0; t < terms; t++) {
      int i = p.ti[t];
      int j = p.tj[t];
      double r = p.ra[i];
      double rs = p.rb[j];
      double dr = r - rs;
      double g = Math.exp(-s * dr * dr);
      double pre = FOUR_PI * p.tw[t] * g;
      double kept = 0;
      int bo = t * w;
      double[] c = coefOfDegree;
      for (int l = 0; l <= degree; l++) {
        double bl = besselAll[bo + l];
        kept += (2 * l + 1) * bl;
        java.util.Arrays.fill(c, l * l, (l + 1) * (l + 1), pre * bl);
      }
      // Z_j += c_l(t) Y_l(â_i), all degrees in one loop (rows at offset 0: vectorised)
      double[] zr = z[j];
      double[] yr = ya[i];
      for (int x = 0; x < ny; x++) {
        zr[x] += c[x] * yr[x];
      }
      bound += Math.abs(p.tw[t]) * g * (Math.max(0, 1 - kept) + 1e-15);
    }
    eps = bound;
    java.util.Arrays.fill(f, 0);
    for (int j = 0; j < nbb; j++) {
      double[] zr = z[j];
      double[] yr = yb[j];
      for (int l = 0; l <= degree; l++) {
        int dim = 2 * l + 1;
        int lo = l * l;
        int fo = RealWignerMatrices.offset(l);
        for (int m = 0; m < dim; m++) {
          double zm = zr[lo + m];
          int row = fo + m * dim;
          for (int k = 0; k < dim; k++) {
            f[row + k] += zm * yr[lo + k];
          }
        }
      }
    }
  }

  /**
   * besselAll[t · (L+1) + l] = e^{−κ_t} i_l(κ_t) for the terms' κ ({@link
   * ModifiedBessel#scaledSpherical}'s Miller recurrence and normalisation), four terms at a time
   * in interleaved recurrences (independent chains instead of one long dependent one), started
   * at L + 16 + ⌊κ⌋: from there the recurrence's ratios have converged to rounding for l ≤ L
   * (checked against a start of 400 for κ from 0.01 to 40: relative error ≤ 7e-16). κ below
   * 1e-3 (an atom at the centre) and the last terms that do not fill four go through {@link
   * ModifiedBessel#scaledSpherical} itself.
   */
  private void scaledSphericalBessel(int terms) {
    int w = degree + 1;
    double[] out = besselAll;
    int t = 0;
    for (; t + 4 <= terms; t += 4) {
      double x0 = kappa[t];
      double x1 = kappa[t + 1];
      double x2 = kappa[t + 2];
      double x3 = kappa[t + 3];
      if (Math.min(Math.min(x0, x1), Math.min(x2, x3)) < 1e-3) {
        for (int u = t; u < t + 4; u++) {
          one(u);
        }
        continue;
      }
      int start = degree + 16 + (int) Math.min(1e6, Math.max(Math.max(x0, x1), Math.max(x2, x3)));
      double i0 = 1e-280;
      double i1 = 1e-280;
      double i2 = 1e-280;
      double i3 = 1e-280;
      double p0 = 0;
      double p1 = 0;
      double p2 = 0;
      double p3 = 0;
      double v0 = 1 / x0;
      double v1 = 1 / x1;
      double v2 = 1 / x2;
      double v3 = 1 / x3;
      int o0 = t * w;
      int o1 = o0 + w;
      int o2 = o1 + w;
      int o3 = o2 + w;
      for (int l = start; l >= 1; l--) {
        double c = 2.0 * l + 1;
        double m0 = p0 + (c * v0) * i0;
        double m1 = p1 + (c * v1) * i1;
        double m2 = p2 + (c * v2) * i2;
        double m3 = p3 + (c * v3) * i3;
        if (l <= degree) {
          out[o0 + l] = i0;
          out[o1 + l] = i1;
          out[o2 + l] = i2;
          out[o3 + l] = i3;
        }
        p0 = i0;
        p1 = i1;
        p2 = i2;
        p3 = i3;
        i0 = m0;
        i1 = m1;
        i2 = m2;
        i3 = m3;
        if (Math.max(Math.max(i0, i1), Math.max(i2, i3)) > 1e250) {
          // rescale the chains that grew (each chain is normalised on its own at the end)
          int from = Math.max(l, 1);
          if (i0 > 1e250) {
            p0 *= 1e-250;
            i0 *= 1e-250;
            rescale(o0, from);
          }
          if (i1 > 1e250) {
            p1 *= 1e-250;
            i1 *= 1e-250;
            rescale(o1, from);
          }
          if (i2 > 1e250) {
            p2 *= 1e-250;
            i2 *= 1e-250;
            rescale(o2, from);
          }
          if (i3 > 1e250) {
            p3 *= 1e-250;
            i3 *= 1e-250;
            rescale(o3, from);
          }
        }
      }
      normalise(o0, x0, i0);
      normalise(o1, x1, i1);
      normalise(o2, x2, i2);
      normalise(o3, x3, i3);
    }
    for (; t < terms; t++) {
      one(t);
    }
  }

  private void one(int t) {
    ModifiedBessel.scaledSpherical(kappa[t], degree, bessel);
    System.arraycopy(bessel, 0, besselAll, t * (degree + 1), degree + 1);
  }

  private void rescale(int o, int from) {
    for (int k = from; k <= degree; k++) {
      besselAll[o + k] *= 1e-250;
    }
  }

  /**
   * e^{−x} i₀(x) = (1 − e^{−2x}) / 2x fixes the recurrence's scale (x ≥ 1e-3 here); from
   * x ≥ 0.5 with the exponential (an intrinsic; the cancellation costs ≤ 2.3e-16 relative),
   * below with expm1.
   */
  private void normalise(int o, double x, double i) {
    double i0 = (x >= 0.5 ? 1 - Math.exp(-2 * x) : -Math.expm1(-2 * x)) / (2 * x);
    double f = i0 / i;
    besselAll[o] = i0;
    for (int l = 1; l <= degree; l++) {
      besselAll[o + l] *= f;
    }
  }

  private double[][] grow(double[][] rows, int count) {
    double[][] out = java.util.Arrays.copyOf(rows, Math.max(count, 2 * rows.length));
    for (int k = rows.length; k < out.length; k++) {
      out[k] = new double[ny];
    }
    return out;
  }

  private void unitHarmonics(double[] pos, int i, double r, double[] out) {
    double x = 0;
    double y = 0;
    double zz = 1;
    if (r > 1e-12) {
      x = pos[3 * i] / r;
      y = pos[3 * i + 1] / r;
      zz = pos[3 * i + 2] / r;
    }
    RealSphericalHarmonics.evaluate(degree, x, y, zz, out, 0, work);
  }

  /**
   * C_L on the Euler grid, both handednesses unless proper only.
   *
   * <ol>
   *   <li>Coefficients: for every structurally non-zero entry of Δ^l(R_y(β)) and each of the
   *       four sets (F, JᵀF, FJᵀ, JᵀFJᵀ), the products with all grid β at once (long inner
   *       loop), into bins (parity, set, p, q); then the handedness ±: E ± O.
   *   <li>Per β, handedness and p: P_p(β, γ) = Σ_q A_pq cos qγ + C'_pq sin qγ and
   *       Q_p = Σ_q B_pq cos qγ + E_pq sin qγ at every grid γ.
   *   <li>Per handedness and α ∈ [0, π/2], over all (β, γ) at once: the partial sums over even
   *       and odd p of P_p cos pα and of Q_p sin pα; cos and sin of p(α + π) carry (−1)^p and
   *       −α flips the sine, so these four sums give the rows α, −α, π + α and π − α.
   * </ol>
   */
  void grid() {
    int n = tables.n;
    int nb = tables.nb;
    int plane = nb * n;
    int w = degree + 1;
    int quarter = n / 4;
    int half = n / 2;
    double[] cos = tables.cos;
    double[] sin = tables.sin;
    // 1. coefficient bins [(parity · 4 + set) · w2 + pq][k]
    int nz = tables.nonZero;
    int[] nzIndex = tables.nzIndex;
    int[] nzBin = tables.nzBin;
    double[] dz = tables.dNonZero;
    java.util.Arrays.fill(coef, 0);
    for (int t = 0; t < nz; t++) {
      int x = nzIndex[t];
      int o = nzBin[t] * nb;
      int d0 = t * nb;
      double va = f[x];
      double vb = tables.nzRowSign[t] * f[tables.nzRow[t]];
      double vc = tables.nzColSign[t] * f[tables.nzCol[t]];
      double ve = tables.nzBothSign[t] * f[tables.nzBoth[t]];
      for (int k = 0; k < nb; k++) {
        double dv = dz[d0 + k];
        coef[o + k] += dv * va;
        coef[o + w2 * nb + k] += dv * vb;
        coef[o + 2 * w2 * nb + k] += dv * vc;
        coef[o + 3 * w2 * nb + k] += dv * ve;
      }
    }
    // handedness h: coefHand[((h · nb + k) · 4 + set) · w2 + pq] = even ± odd
    int odd = 4 * w2 * nb;
    for (int h = 0; h < hands; h++) {
      double sign = h == 0 ? 1 : -1;
      for (int set = 0; set < 4; set++) {
        for (int c = 0; c < w2; c++) {
          int src = (set * w2 + c) * nb;
          int dst = (h * nb * 4 + set) * w2 + c;
          for (int k = 0; k < nb; k++) {
            coefHand[dst + k * 4 * w2] = coef[src + k] + sign * coef[odd + src + k];
          }
        }
      }
    }
    // 2. sums over q at every γ_j, per (h, β, p): rows of n at offset 0 (vectorised)
    double[] segP = outRow;
    double[] segQ = segRow;
    for (int h = 0; h < hands; h++) {
      for (int k = 0; k < nb; k++) {
        int cb = (h * nb + k) * 4 * w2;
        for (int p = 0; p <= degree; p++) {
          int ca = cb + p * w;
          java.util.Arrays.fill(segP, 0, n, 0);
          java.util.Arrays.fill(segQ, 0, n, 0);
          for (int qq = 0; qq <= degree; qq++) {
            double a = coefHand[ca + qq];
            double bq = coefHand[ca + w2 + qq];
            double c = coefHand[ca + 2 * w2 + qq];
            double e = coefHand[ca + 3 * w2 + qq];
            double[] cr = cosRows[qq];
            double[] sr = sinRows[qq];
            for (int j = 0; j < n; j++) {
              segP[j] += a * cr[j] + c * sr[j];
              segQ[j] += bq * cr[j] + e * sr[j];
            }
          }
          System.arraycopy(segP, 0, pRows[h * w + p], k * n, n);
          System.arraycopy(segQ, 0, qRows[h * w + p], k * n, n);
        }
      }
    }
    // 3. sums over p at α_i, i ≤ n/4, over all (β, γ); rows i, −i, n/2 + i, n/2 − i
    double[] ue = accCosEven;
    double[] uo = accCosOdd;
    double[] ve = accSinEven;
    double[] vo = accSinOdd;
    double[] out = outRow;
    // elementwise running maximum and minimum over the rows (vectorised), reduced at the end
    double[] hi = rowMax;
    double[] lo = rowMin;
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    for (int h = 0; h < hands; h++) {
      for (int i = 0; i <= quarter; i++) {
        System.arraycopy(pRows[h * w], 0, ue, 0, plane);
        java.util.Arrays.fill(uo, 0);
        java.util.Arrays.fill(ve, 0);
        java.util.Arrays.fill(vo, 0);
        for (int p = 1; p <= degree; p++) {
          double ca = cos[p * n + i];
          double sa = sin[p * n + i];
          double[] pr = pRows[h * w + p];
          double[] qr = qRows[h * w + p];
          double[] u = (p & 1) == 0 ? ue : uo;
          double[] v = (p & 1) == 0 ? ve : vo;
          for (int x = 0; x < plane; x++) {
            u[x] += ca * pr[x];
            v[x] += sa * qr[x];
          }
        }
        // rows i, n/2 + i (and −i, n/2 − i unless i = 0 or n/4, where they coincide)
        for (int x = 0; x < plane; x++) {
          double o = (ue[x] + uo[x]) + (ve[x] + vo[x]);
          out[x] = o;
          hi[x] = Math.max(hi[x], o);
          lo[x] = Math.min(lo[x], o);
        }
        System.arraycopy(out, 0, values, (h * n + i) * plane, plane);
        for (int x = 0; x < plane; x++) {
          double o = (ue[x] - uo[x]) + (ve[x] - vo[x]);
          out[x] = o;
          hi[x] = Math.max(hi[x], o);
          lo[x] = Math.min(lo[x], o);
        }
        System.arraycopy(out, 0, values, (h * n + half + i) * plane, plane);
        if (i != 0 && i != quarter) {
          for (int x = 0; x < plane; x++) {
            double o = (ue[x] + uo[x]) - (ve[x] + vo[x]);
            out[x] = o;
            hi[x] = Math.max(hi[x], o);
            lo[x] = Math.min(lo[x], o);
          }
          System.arraycopy(out, 0, values, (h * n + n - i) * plane, plane);
          for (int x = 0; x < plane; x++) {
            double o = (ue[x] - uo[x]) - (ve[x] - vo[x]);
            out[x] = o;
            hi[x] = Math.max(hi[x], o);
            lo[x] = Math.min(lo[x], o);
          }
          System.arraycopy(out, 0, values, (h * n + half - i) * plane, plane);
        }
      }
    }
    double tp = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    for (int x = 0; x < plane; x++) {
      tp = Math.max(tp, hi[x]);
      low = Math.min(low, lo[x]);
    }
    top = tp;
    scale = Math.max(Math.abs(tp), Math.abs(low));
  }

  /** Grid value at (h, k, i, j) with α, γ periodic and β continued across the poles. */
  private double at(int h, int k, int i, int j) {
    int n = tables.n;
    int nb = tables.nb;
    if (k < 0 || k >= nb) {
      k = k < 0 ? 0 : nb - 1;
      i += n / 2;
      j -= n / 2;
    }
    return values[((h * n + wrap[i + n]) * nb + k) * n + wrap[j + n]];
  }

  /**
   * The grid's local maxima within the margin of its best, refined on the quadratic through
   * their neighbourhoods; {@link #order} lists them by refined value, best first. A grid value
   * is a local maximum when no one of its 26 neighbours is strictly larger, i.e. when it equals
   * the maximum over its 3 × 3 × 3 neighbourhood, which is computed separably: along γ, then
   * α (both periodic), then β (continued across the poles by (α + π, β, γ − π): the 3 × 3
   * maximum in (α, γ) of the pole row at the shifted place).
   */
  /**
   * The grid's local maxima (no strictly larger value among the 26 neighbours) within the
   * margin of its best, refined on the quadratic through their neighbourhoods; {@link #order}
   * lists them by refined value, best first. One flat pass finds the few values above the
   * floor (about 2 % for NiNb pairs); only those are tested against their neighbours.
   */
  void candidates() {
    int n = tables.n;
    int nb = tables.nb;
    int plane = nb * n;
    int nc = 0;
    // a candidate is polished only while its refined value + allowance beats the best exact
    // value, which is ≥ top − ε: grid values below top − 2 · allowance cannot get there
    double floor = top - Math.min(margin, 2 * allowance());
    double[] v = values;
    int total = hands * n * plane;
    for (int x = 0; x < total; x++) {
      double vx = v[x];
      if (vx < floor) {
        continue;
      }
      if (nc == MAX_CANDIDATES && vx <= candValue[nc - 1]) {
        continue;
      }
      int j = x % n;
      int k = (x / n) % nb;
      int i = (x / plane) % n;
      int h = x / (n * plane);
      int ro = x - j;
      // along γ first (same row), then the rest
      if (v[ro + (j == 0 ? n - 1 : j - 1)] > vx || v[ro + (j == n - 1 ? 0 : j + 1)] > vx
          || !isLocalMax(h, k, i, j, vx)) {
        continue;
      }
      int pos = nc < MAX_CANDIDATES ? nc++ : nc - 1;
      while (pos > 0 && candValue[pos - 1] < vx) {
        cand[pos] = cand[pos - 1];
        candValue[pos] = candValue[pos - 1];
        pos--;
      }
      cand[pos] = x;
      candValue[pos] = vx;
    }
    candidates = nc;
    for (int c = 0; c < nc; c++) {
      refine(c);
      order[c] = c;
    }
    // by refined value, best first; ties keep the grid order (deterministic)
    for (int c = 1; c < nc; c++) {
      int x = order[c];
      int pos = c;
      while (pos > 0 && candValue[order[pos - 1]] < candValue[x]) {
        order[pos] = order[pos - 1];
        pos--;
      }
      order[pos] = x;
    }
  }

  /**
   * No strictly larger value among the 26 grid neighbours (the 6 along the axes first; the
   * two along γ are checked by the caller on the general path).
   */
  private boolean isLocalMax(int h, int k, int i, int j, double v) {
    int n = tables.n;
    int nb = tables.nb;
    if (k > 0 && k < nb - 1 && i > 0 && i < n - 1) {
      // away from the poles and the α seam: neighbours by offsets (γ wraps within the row)
      int c = ((h * n + i) * nb + k) * n + j;
      int jm = j == 0 ? n - 1 : -1;
      int jp = j == n - 1 ? 1 - n : 1;
      int si = nb * n;
      for (int o = c - si - n; o <= c + si - n; o += si) {
        for (int r = o; r <= o + 2 * n; r += n) {
          if (values[r + jm] > v || values[r + jp] > v || (r != c && values[r] > v)) {
            return false;
          }
        }
      }
      return true;
    }
    if (at(h, k, i - 1, j) > v
        || at(h, k, i + 1, j) > v || at(h, k - 1, i, j) > v || at(h, k + 1, i, j) > v) {
      return false;
    }
    for (int dk = -1; dk <= 1; dk++) {
      for (int di = -1; di <= 1; di++) {
        for (int dj = -1; dj <= 1; dj++) {
          int axes = (dk != 0 ? 1 : 0) + (di != 0 ? 1 : 0) + (dj != 0 ? 1 : 0);
          if (axes >= 2 && at(h, k + dk, i + di, j + dj) > v) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * One Newton step of the quadratic through the 3 × 3 × 3 neighbourhood (central differences,
   * grid-step units, coordinates β, α, γ), accepted only inside the cell; else the axis-wise
   * parabola vertices, each clamped to half a step. Writes the refined angles and value.
   */
  private void refine(int c) {
    int n = tables.n;
    int nb = tables.nb;
    int x = cand[c];
    int j = x % n;
    int k = (x / n) % nb;
    int i = (x / (n * nb)) % n;
    int h = x / (n * nb * n);
    double f0 = candValue[c];
    // derivatives along (k, i, j)
    double fkp = at(h, k + 1, i, j);
    double fkm = at(h, k - 1, i, j);
    double fip = at(h, k, i + 1, j);
    double fim = at(h, k, i - 1, j);
    double fjp = at(h, k, i, j + 1);
    double fjm = at(h, k, i, j - 1);
    double g0 = 0.5 * (fkp - fkm);
    double g1 = 0.5 * (fip - fim);
    double g2 = 0.5 * (fjp - fjm);
    double h00 = fkp - 2 * f0 + fkm;
    double h11 = fip - 2 * f0 + fim;
    double h22 = fjp - 2 * f0 + fjm;
    double h01 = 0.25 * (at(h, k + 1, i + 1, j) - at(h, k + 1, i - 1, j)
        - at(h, k - 1, i + 1, j) + at(h, k - 1, i - 1, j));
    double h02 = 0.25 * (at(h, k + 1, i, j + 1) - at(h, k + 1, i, j - 1)
        - at(h, k - 1, i, j + 1) + at(h, k - 1, i, j - 1));
    double h12 = 0.25 * (at(h, k, i + 1, j + 1) - at(h, k, i + 1, j - 1)
        - at(h, k, i - 1, j + 1) + at(h, k, i - 1, j - 1));
    // solve (−H) δ = g by Cholesky if −H is positive definite
    double d0 = 0;
    double d1 = 0;
    double d2 = 0;
    boolean ok = false;
    double a00 = -h00;
    if (a00 > 0) {
      double l00 = Math.sqrt(a00);
      double l10 = -h01 / l00;
      double l20 = -h02 / l00;
      double e11 = -h11 - l10 * l10;
      if (e11 > 0) {
        double l11 = Math.sqrt(e11);
        double l21 = (-h12 - l20 * l10) / l11;
        double e22 = -h22 - l20 * l20 - l21 * l21;
        if (e22 > 0) {
          double l22 = Math.sqrt(e22);
          double y0 = g0 / l00;
          double y1 = (g1 - l10 * y0) / l11;
          double y2 = (g2 - l20 * y0 - l21 * y1) / l22;
          d2 = y2 / l22;
          d1 = (y1 - l21 * d2) / l11;
          d0 = (y0 - l10 * d1 - l20 * d2) / l00;
          ok = Math.abs(d0) <= 1 && Math.abs(d1) <= 1 && Math.abs(d2) <= 1;
        }
      }
    }
    double value;
    if (ok) {
      value = f0 + 0.5 * (g0 * d0 + g1 * d1 + g2 * d2);
    } else {
      d0 = vertex(g0, h00);
      d1 = vertex(g1, h11);
      d2 = vertex(g2, h22);
      value = f0 + g0 * d0 + g1 * d1 + g2 * d2 + 0.5 * (h00 * d0 * d0 + h11 * d1 * d1
          + h22 * d2 * d2) + h01 * d0 * d1 + h02 * d0 * d2 + h12 * d1 * d2;
      value = Math.max(value, f0);
    }
    double step = 2 * Math.PI / n;
    candBeta[c] = (k + 0.5 + d0) * Math.PI / nb;
    candAlpha[c] = (i + d1) * step;
    candGamma[c] = (j + d2) * step;
    candValue[c] = value;
    cand[c] = h; // from here on only the handedness is needed
  }

  private static double vertex(double g, double h) {
    if (h >= 0) {
      return 0;
    }
    return Math.max(-0.5, Math.min(0.5, -g / h));
  }

  /**
   * Exact polish of the candidates, best refined value first, while their refined value plus
   * ε (and the model slack) can beat the best exact value; at most maxStarts.
   */
  double polish(PairTerms p, double[] rot, int rotOffset) {
    double bestC = Double.NEGATIVE_INFINITY;
    double allowance = allowance();
    polished = 0;
    evaluations = 0;
    for (int c = 0; c < candidates && polished < maxStarts; c++) {
      int x = order[c];
      if (polished > 0 && candValue[x] + allowance <= bestC) {
        break;
      }
      EulerTables3D.rotation(candAlpha[x], candBeta[x], candGamma[x], cand[x] == 0 ? 1 : -1, q,
          0);
      double v = newton(p, bestC);
      polished++;
      if (v > bestC) {
        bestC = v;
        System.arraycopy(q, 0, best, 0, 9);
      }
    }
    if (rot != null) {
      System.arraycopy(best, 0, rot, rotOffset, 9);
    }
    return bestC;
  }

  /** Exact C at qq, with gradient and Hessian in ω for R = exp([ω]×) qq. */
  private double evaluate(PairTerms p, double[] qq) {
    evaluations++;
    int nbb = p.nb;
    if (bq.length < 3 * nbb) {
      bq = new double[3 * nbb];
    }
    double[] b = p.b;
    for (int j = 0; j < nbb; j++) {
      double x = b[3 * j];
      double y = b[3 * j + 1];
      double zz = b[3 * j + 2];
      bq[3 * j] = qq[0] * x + qq[1] * y + qq[2] * zz;
      bq[3 * j + 1] = qq[3] * x + qq[4] * y + qq[5] * zz;
      bq[3 * j + 2] = qq[6] * x + qq[7] * y + qq[8] * zz;
    }
    double fv = 0;
    double gx = 0;
    double gy = 0;
    double gz = 0;
    double hxx = 0;
    double hxy = 0;
    double hxz = 0;
    double hyy = 0;
    double hyz = 0;
    double hzz = 0;
    double s2 = 2 * s;
    double[] a = p.a;
    for (int t = 0; t < p.terms; t++) {
      int i3 = 3 * p.ti[t];
      int j3 = 3 * p.tj[t];
      double ax = a[i3];
      double ay = a[i3 + 1];
      double az = a[i3 + 2];
      double bx = bq[j3];
      double by = bq[j3 + 1];
      double bz = bq[j3 + 2];
      double dot = ax * bx + ay * by + az * bz;
      double e = p.tw[t] * Math.exp(s * (2 * dot - p.tn[t]));
      fv += e;
      // ∂(a·Rb)/∂ω = b' × a ; ∂²: ½(a b'ᵀ + b' aᵀ) − (a·b') I
      double cx = by * az - bz * ay;
      double cy = bz * ax - bx * az;
      double cz = bx * ay - by * ax;
      double es = e * s2;
      gx += es * cx;
      gy += es * cy;
      gz += es * cz;
      double es2 = es * s2;
      hxx += es2 * cx * cx + es * (ax * bx - dot);
      hyy += es2 * cy * cy + es * (ay * by - dot);
      hzz += es2 * cz * cz + es * (az * bz - dot);
      hxy += es2 * cx * cy + es * 0.5 * (ax * by + bx * ay);
      hxz += es2 * cx * cz + es * 0.5 * (ax * bz + bx * az);
      hyz += es2 * cy * cz + es * 0.5 * (ay * bz + by * az);
    }
    gradN[0] = gx;
    gradN[1] = gy;
    gradN[2] = gz;
    hessN[0] = hxx;
    hessN[1] = hxy;
    hessN[2] = hxz;
    hessN[3] = hxy;
    hessN[4] = hyy;
    hessN[5] = hyz;
    hessN[6] = hxz;
    hessN[7] = hyz;
    hessN[8] = hzz;
    return fv;
  }

  /**
   * Safeguarded Newton ascent on SO(3) from {@link #q}; leaves the optimum in q. Abandoned early
   * (returning the value reached) once the exact local model says the ascent cannot reach
   * {@code beat}: at a concave point with an unclipped Newton step ω, the quadratic model's
   * maximum is f + ½ g·ω; the ascent stops if even f + {@value #ABANDON_FACTOR} · g·ω is below.
   */
  private double newton(PairTerms p, double beat) {
    double fv = evaluate(p, q);
    System.arraycopy(gradN, 0, grad, 0, 3);
    System.arraycopy(hessN, 0, hess, 0, 9);
    for (int it = 0; it < 50; it++) {
      boolean concave = newtonStep();
      double len = Math.sqrt(step[0] * step[0] + step[1] * step[1] + step[2] * step[2]);
      boolean clipped = len > 0.3;
      if (clipped) {
        double sc = 0.3 / len;
        step[0] *= sc;
        step[1] *= sc;
        step[2] *= sc;
        len = 0.3;
      }
      double gain = grad[0] * step[0] + grad[1] * step[1] + grad[2] * step[2];
      // converged when the predicted gain is at rounding level
      if (gain <= 1e-14 * Math.abs(fv) || len < 1e-13) {
        break;
      }
      if (concave && !clipped && fv + ABANDON_FACTOR * gain < beat) {
        break;
      }
      boolean accepted = false;
      for (int half = 0; half < 20; half++) {
        Rotations.exp(step[0], step[1], step[2], ex, 0);
        Rotations.multiply3(ex, 0, q, 0, qn, 0);
        double fn = evaluate(p, qn);
        if (fn > fv) {
          System.arraycopy(qn, 0, q, 0, 9);
          System.arraycopy(gradN, 0, grad, 0, 3);
          System.arraycopy(hessN, 0, hess, 0, 9);
          fv = fn;
          accepted = true;
          break;
        }
        step[0] *= 0.5;
        step[1] *= 0.5;
        step[2] *= 0.5;
      }
      if (!accepted) {
        break;
      }
    }
    return fv;
  }

  /**
   * Solves (−H + μI) ω = g with the smallest μ ≥ 0 that makes the matrix positive definite;
   * true if μ = 0 (H itself negative definite).
   */
  private boolean newtonStep() {
    double mu = 0;
    double sc = Math.abs(hess[0]) + Math.abs(hess[4]) + Math.abs(hess[8]) + 1e-300;
    for (int attempt = 0; attempt < 60; attempt++) {
      double a00 = -hess[0] + mu;
      double a01 = -hess[1];
      double a02 = -hess[2];
      double a11 = -hess[4] + mu;
      double a12 = -hess[5];
      double a22 = -hess[8] + mu;
      if (a00 > 0) {
        double l00 = Math.sqrt(a00);
        double l10 = a01 / l00;
        double l20 = a02 / l00;
        double d11 = a11 - l10 * l10;
        if (d11 > 0) {
          double l11 = Math.sqrt(d11);
          double l21 = (a12 - l20 * l10) / l11;
          double d22 = a22 - l20 * l20 - l21 * l21;
          if (d22 > 0) {
            double l22 = Math.sqrt(d22);
            double y0 = grad[0] / l00;
            double y1 = (grad[1] - l10 * y0) / l11;
            double y2 = (grad[2] - l20 * y0 - l21 * y1) / l22;
            step[2] = y2 / l22;
            step[1] = (y1 - l21 * step[2]) / l11;
            step[0] = (y0 - l10 * step[1] - l20 * step[2]) / l00;
            return mu == 0;
          }
        }
      }
      mu = mu == 0 ? 1e-6 * sc : 4 * mu;
    }
    step[0] = grad[0] * 1e-3;
    step[1] = grad[1] * 1e-3;
    step[2] = grad[2] * 1e-3;
    return false;
  }
}
