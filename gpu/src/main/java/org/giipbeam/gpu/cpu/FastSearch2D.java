package org.giipbeam.gpu.cpu;

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
  private double[] pp = new double[0];
  private double[] pq = new double[0];
  private double[] ip = new double[0];
  private double[] iq = new double[0];

  FastSearch2D(double sigma, boolean properOnly, int order, int maxStarts, double margin) {
    this.s = 1.0 / (4 * sigma * sigma);
    this.properOnly = properOnly;
    this.order = order;
    this.samples = 4 * order;
    this.maxStarts = maxStarts;
    this.margin = margin;
    cosTable = new double[samples * (order + 1)];
    sinTable = new double[samples * (order + 1)];
    for (int k = 0; k < samples; k++) {
      double t = 2 * Math.PI * k / samples;
      for (int m = 0; m <= order; m++) {
        cosTable[k * (order + 1) + m] = Math.cos(m * t);
        sinTable[k * (order + 1) + m] = Math.sin(m * t);
      }
    }
    bessel = new double[order + 1];
    gre = new double[2 * (order + 1)];
    gim = new double[2 * (order + 1)];
    values = new double[2 * samples];
    cand = new int[2 * samples];
    candValue = new double[2 * samples];
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
    // local maxima within the margin, best first
    int nc = 0;
    for (int h = 0; h < hands; h++) {
      for (int k = 0; k < samples; k++) {
        double v = values[h * samples + k];
        double prev = values[h * samples + (k + samples - 1) % samples];
        double next = values[h * samples + (k + 1) % samples];
        if (v >= prev && v >= next && v >= best - margin) {
          int pos = nc++;
          while (pos > 0 && candValue[pos - 1] < v) {
            cand[pos] = cand[pos - 1];
            candValue[pos] = candValue[pos - 1];
            pos--;
          }
          cand[pos] = h * samples + k;
          candValue[pos] = v;
        }
      }
    }
    double bestC = Double.NEGATIVE_INFINITY;
    double bestTheta = 0;
    boolean bestImproper = false;
    for (int c = 0; c < Math.min(nc, maxStarts); c++) {
      boolean improper = cand[c] >= samples;
      double theta = 2 * Math.PI * (cand[c] % samples) / samples;
      double[] tp = improper ? ip : pp;
      double[] tq = improper ? iq : pq;
      double[] res = polish(p, tp, tq, theta);
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
    for (int it = 0; it < 60; it++) {
      double g = eval[1];
      double h = eval[2];
      double step = h < 0 ? -g / h : Math.copySign(0.05, g);
      step = Math.max(-0.3, Math.min(0.3, step));
      if (Math.abs(step) < 1e-12) {
        break;
      }
      boolean accepted = false;
      for (int half = 0; half < 30; half++) {
        evaluate(p, tp, tq, theta + step);
        if (eval[0] >= f) {
          theta += step;
          f = eval[0];
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        evaluate(p, tp, tq, theta);
        break;
      }
    }
    out[0] = f;
    out[1] = theta;
    return out;
  }
}
