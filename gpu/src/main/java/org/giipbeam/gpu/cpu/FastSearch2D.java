package org.giipbeam.gpu.cpu;

import org.giipbeam.gpu.harmonics.FourierTables;
import org.giipbeam.gpu.harmonics.ModifiedBessel;

/**
 * FAST in 2D: the cross term as a Fourier series in the angle, then Newton on the exact cross
 * term from its best maxima.
 *
 * <p>With a = r e^{iφ_a}, b = s e^{iφ_b}, κ = rs/2σ² and the Jacobi–Anger expansion,
 * exp(−|a − R_θ b|²/4σ²) = e^{−(r−s)²/4σ²} Σ_m e^{−κ}I_m(κ) e^{im(φ_a − φ_b − θ)}, so
 * C(θ) = Σ_m Γ_m e^{−imθ} with Γ_m = Σ_ij W_ij e^{−(r−s)²/4σ²} e^{−κ}I_m(κ) e^{im(φ_a − φ_b)}
 * (truncated at the order M); for the rotoinversion R_θ·diag(1, −1) replace −φ_b by +φ_b. The
 * series is sampled at 4M angles per handedness, its local maxima within the start margin of
 * the best are polished with a safeguarded Newton iteration on the exact Gaussian sum, and the
 * largest polished value is returned: exact up to convergence (1e-12 in the angle).
 */
final class FastSearch2D extends OrientationSearch {
  private final double s;
  private final boolean properOnly;
  private final int order;
  private final int samples;
  private final int maxStarts;
  private final double margin;
  private final double[] cosTable;
  private final double[] sinTable;
  private final double[] bessel;
  private final double[] gre;
  private final double[] gim;
  private final double[] values;
  private final int[] cand;
  private final double[] candValue;
  private final double[] candAngle;
  private double[] pp = new double[0];
  private double[] pq = new double[0];
  private double[] ip = new double[0];
  private double[] iq = new double[0];

  FastSearch2D(double sigma, boolean properOnly, int order, int maxStarts, double margin) {
    this.s = 1.0 / (4 * sigma * sigma);
    this.properOnly = properOnly;
    this.order = order;
    this.samples = 8 * order;
    this.maxStarts = maxStarts;
    this.margin = margin;
    double[][] tables = FourierTables.sampled(order, samples);
    cosTable = tables[0];
    sinTable = tables[1];
    bessel = new double[order + 1];
    gre = new double[2 * (order + 1)];
    gim = new double[2 * (order + 1)];
    values = new double[2 * samples];
    cand = new int[2 * samples];
    candValue = new double[2 * samples];
    candAngle = new double[2 * samples];
  }

  @Override
  double maximise(PairTerms p, double[] rot, int rotOffset) {
    int terms = p.terms;
    if (pp.length < terms) {
      int cap = Math.max(terms, 2 * pp.length);
      pp = new double[cap];
      pq = new double[cap];
      ip = new double[cap];
      iq = new double[cap];
    }
    int m1 = order + 1;
    java.util.Arrays.fill(gre, 0);
    java.util.Arrays.fill(gim, 0);
    for (int t = 0; t < terms; t++) {
      int i = p.ti[t];
      int j = p.tj[t];
      double ax = p.a[2 * i];
      double ay = p.a[2 * i + 1];
      double bx = p.b[2 * j];
      double by = p.b[2 * j + 1];
      pp[t] = ax * bx + ay * by;
      pq[t] = ay * bx - ax * by;
      ip[t] = ax * bx - ay * by;
      iq[t] = ay * bx + ax * by;
      double r = p.ra[i];
      double rs = r * p.rb[j];
      double dr = r - p.rb[j];
      double pre = p.tw[t] * Math.exp(-s * dr * dr);
      ModifiedBessel.scaledCylindrical(2 * s * rs, order, bessel);
      // e^{i(φa − φb)} = (a · conj b)/(rs) = (pp + i pq)/rs; improper: (a·b)/(rs) = (ip + i iq)/rs
      double zr = rs > 0 ? pp[t] / rs : 1;
      double zi = rs > 0 ? pq[t] / rs : 0;
      double yr = rs > 0 ? ip[t] / rs : 1;
      double yi = rs > 0 ? iq[t] / rs : 0;
      double cr = 1;
      double ci = 0;
      double dr2 = 1;
      double di = 0;
      for (int m = 0; m <= order; m++) {
        double c = pre * bessel[m];
        gre[m] += c * cr;
        gim[m] += c * ci;
        gre[m1 + m] += c * dr2;
        gim[m1 + m] += c * di;
        double nr = cr * zr - ci * zi;
        ci = cr * zi + ci * zr;
        cr = nr;
        nr = dr2 * yr - di * yi;
        di = dr2 * yi + di * yr;
        dr2 = nr;
      }
    }
    // C(θ_k) = Γ_0 + 2 Σ_m (Re Γ_m cos mθ + Im Γ_m sin mθ)
    double best = Double.NEGATIVE_INFINITY;
    int hands = properOnly ? 1 : 2;
    for (int h = 0; h < hands; h++) {
      int g = h * m1;
      for (int k = 0; k < samples; k++) {
        int o = k * m1;
        double v = gre[g];
        for (int m = 1; m <= order; m++) {
          v += 2 * (gre[g + m] * cosTable[o + m] + gim[g + m] * sinTable[o + m]);
        }
        values[h * samples + k] = v;
        best = Math.max(best, v);
      }
    }
    // local maxima, refined by a parabola through three samples; those within the margin of the
    // best refined value, best first
    int nc = 0;
    double top = Double.NEGATIVE_INFINITY;
    double h0 = 2 * Math.PI / samples;
    for (int h = 0; h < hands; h++) {
      for (int k = 0; k < samples; k++) {
        double v = values[h * samples + k];
        double prev = values[h * samples + (k + samples - 1) % samples];
        double next = values[h * samples + (k + 1) % samples];
        if (v >= prev && v > next) {
          double curv = prev - 2 * v + next;
          double off = curv < 0 ? 0.5 * (prev - next) / curv : 0;
          double peak = curv < 0 ? v - 0.125 * (next - prev) * (next - prev) / curv : v;
          cand[nc] = h * samples + k;
          candValue[nc] = peak;
          candAngle[nc] = h0 * (k + off);
          top = Math.max(top, peak);
          nc++;
        }
      }
    }
    // candidates near the top are refined on the series itself (Newton, no exponentials);
    // sampling can underestimate a sharp peak, hence the generous prefilter
    int kept = 0;
    for (int c = 0; c < nc; c++) {
      if (candValue[c] >= top - PREFILTER) {
        int h = cand[c] >= samples ? 1 : 0;
        double[] r = seriesPolish(h * m1, candAngle[c]);
        cand[kept] = cand[c];
        candValue[kept] = r[0];
        candAngle[kept] = r[1];
        kept++;
      }
    }
    if (kept == 0) {
      // a series without a strict maximum is constant (every term has rs = 0, e.g. lone centre
      // atoms): any angle is optimal
      cand[0] = 0;
      candValue[0] = values[0];
      candAngle[0] = 0;
      kept = 1;
    }
    // exact polish, best series maximum first; another candidate only if its series maximum
    // beats the best exact value so far by more than the margin (symmetric LAEs have several
    // equal maxima: one is enough)
    double bestC = Double.NEGATIVE_INFINITY;
    double bestTheta = 0;
    boolean bestImproper = false;
    for (int c = 0; c < Math.min(kept, maxStarts); c++) {
      int bi = c;
      for (int e = c + 1; e < kept; e++) {
        if (candValue[e] > candValue[bi]) {
          bi = e;
        }
      }
      swap(c, bi);
      if (c > 0 && candValue[c] <= bestC + margin) {
        break;
      }
      boolean improper = cand[c] >= samples;
      double[] tp = improper ? ip : pp;
      double[] tq = improper ? iq : pq;
      double[] res = polish(p, tp, tq, candAngle[c]);
      if (res[0] > bestC) {
        bestC = res[0];
        bestTheta = res[1];
        bestImproper = improper;
      }
    }
    if (rot != null) {
      ExhaustiveSearch2D.writeMatrix(Math.cos(bestTheta), Math.sin(bestTheta), bestImproper, rot,
          rotOffset);
    }
    return bestC;
  }

  private void swap(int x, int y) {
    int ci = cand[x];
    cand[x] = cand[y];
    cand[y] = ci;
    double v = candValue[x];
    candValue[x] = candValue[y];
    candValue[y] = v;
    v = candAngle[x];
    candAngle[x] = candAngle[y];
    candAngle[y] = v;
  }

  /** Series maxima within this of the best sampled one are refined. */
  private static final double PREFILTER = 0.25;

  /** Newton on the truncated series S(θ) = Γ₀ + 2 Σ_m Re(Γ_m e^{−imθ}); returns {S, θ}. */
  private double[] seriesPolish(int g, double theta) {
    for (int it = 0; it < 30; it++) {
      double c1 = Math.cos(theta);
      double s1 = Math.sin(theta);
      double cm = 1;
      double sm = 0;
      double f = gre[g];
      double f1 = 0;
      double f2 = 0;
      for (int m = 1; m <= order; m++) {
        double nc = cm * c1 - sm * s1;
        sm = sm * c1 + cm * s1;
        cm = nc;
        double a = gre[g + m] * cm + gim[g + m] * sm;
        double b = -gre[g + m] * sm + gim[g + m] * cm;
        f += 2 * a;
        f1 += 2 * m * b;
        f2 -= 2 * m * m * a;
      }
      double step = f2 < 0 ? -f1 / f2 : Math.copySign(0.02, f1);
      step = Math.max(-0.05, Math.min(0.05, step));
      theta += step;
      out[0] = f;
      if (Math.abs(step) < 1e-9) {
        break;
      }
    }
    out[1] = theta;
    return out;
  }

  private final double[] out = new double[2];
  private final double[] eval = new double[3];

  /** Exact C, C', C'' at θ, where a·R_θ b = P cos θ + Q sin θ per term. */
  private void evaluate(PairTerms p, double[] tp, double[] tq, double theta) {
    double c = Math.cos(theta);
    double sn = Math.sin(theta);
    double f = 0;
    double f1 = 0;
    double f2 = 0;
    double s2 = 2 * s;
    for (int t = 0; t < p.terms; t++) {
      double dot = c * tp[t] + sn * tq[t];
      double d1 = -sn * tp[t] + c * tq[t];
      double e = p.tw[t] * Math.exp(s * (2 * dot - p.tn[t]));
      f += e;
      f1 += e * s2 * d1;
      f2 += e * (s2 * s2 * d1 * d1 - s2 * dot);
    }
    eval[0] = f;
    eval[1] = f1;
    eval[2] = f2;
  }

  /** Safeguarded Newton ascent in θ; returns {C, θ}. */
  private double[] polish(PairTerms p, double[] tp, double[] tq, double theta) {
    evaluate(p, tp, tq, theta);
    double f = eval[0];
    for (int it = 0; it < 50; it++) {
      double g = eval[1];
      double h = eval[2];
      double step = h < 0 ? -g / h : Math.copySign(0.05, g);
      step = Math.max(-0.3, Math.min(0.3, step));
      // converged when the predicted gain is at rounding level
      if (Math.abs(g * step) <= 1e-14 * Math.abs(f) || Math.abs(step) < 1e-13) {
        break;
      }
      boolean accepted = false;
      for (int half = 0; half < 20; half++) {
        evaluate(p, tp, tq, theta + step);
        if (eval[0] > f) {
          theta += step;
          f = eval[0];
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        break;
      }
    }
    out[0] = f;
    out[1] = theta;
    return out;
  }
}
