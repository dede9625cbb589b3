// GIIP cross-term search on the GPU, FAST mode in 2D: the CPU engine's FastSearch2D with one warp
// per pair (FAST2D_WARPS pairs per block), all in double:
//
//   1. the Fourier coefficients Gamma_m (m <= M, both handednesses) of C(theta), the lanes
//      splitting the atom pairs, 32 at a time, each order summed over the warp by a butterfly;
//   2. the series sampled at S = 8M angles per handedness (cos/sin tables from the host);
//   3. its local maxima, refined by a parabola through three samples; those within
//      FAST2D_PREFILTER of the best are refined by Newton on the series (a lane each);
//   4. ranked best first (ties: the lower sample code), and polished by a safeguarded Newton
//      iteration on the exact Gaussian sum, the lanes splitting the atom pairs; after the first,
//      a start is polished only if its series value beats the best exact value by the margin.
//
// Included by giip_kernels.cu (one PTX module). s = 1 / (4 sigma^2).

#define FAST2D_WARPS 4
#define FAST2D_MAX_ORDER 64
#define FAST2D_PREFILTER 0.25

// e^{-x} I_m(x), m = 0..order (as ModifiedBessel.scaledCylindrical).
__device__ void fastScaledCylindrical(double x, int order, double* out) {
  if (x < 1e-300) {
    out[0] = 1;
    for (int m = 1; m <= order; m++) out[m] = 0;
    return;
  }
  int start = order + 12 + (int) (2 * sqrt(25 * (x + 1)));
  double ip1 = 0, i = 1e-280, sum = 0, twoOverX = 2 / x;
  for (int m = start; m >= 1; m--) {
    double im1 = ip1 + (m * twoOverX) * i;
    if (m <= order) out[m] = i;
    sum += 2 * i;
    ip1 = i;
    i = im1;
    if (i > 1e250) {
      ip1 *= 1e-250;
      i *= 1e-250;
      sum *= 1e-250;
      for (int k = max(m, 1); k <= order; k++) out[k] *= 1e-250;
    }
  }
  sum += i;
  out[0] = i / sum;
  for (int m = 1; m <= order; m++) out[m] /= sum;
}

// Atom pair t of the warp's pair: its channel-summed weight (0: no term) and coordinates.
struct Fast2dTerm {
  double w, ax, ay, bx, by;
};

__device__ __forceinline__ Fast2dTerm fast2dTerm(int t, int na, int a0, int b0,
    const float4* posA, const float* wA, const float4* posB, const float* wB, int channels) {
  Fast2dTerm r;
  int i = t % na;
  int j = t / na;
  r.w = 0;
  for (int ch = 0; ch < channels; ch++) {
    r.w += (double) wA[(a0 + i) * channels + ch] * (double) wB[(b0 + j) * channels + ch];
  }
  float4 a = posA[a0 + i];
  float4 b = posB[b0 + j];
  r.ax = a.x;
  r.ay = a.y;
  r.bx = b.x;
  r.by = b.y;
  return r;
}

// Exact C, C', C'' at theta (a.R b = P cos + Q sin per term, P/Q of the handedness), summed by
// the warp; every lane gets the same sums.
__device__ void fast2dEvaluate(double theta, bool improper, int na, int nb, int a0, int b0,
    const float4* posA, const float* wA, const float4* posB, const float* wB, int channels,
    double s, double* out) {
  double c = cos(theta), sn = sin(theta);
  double f = 0, f1 = 0, f2 = 0, s2 = 2 * s;
  for (int t = threadIdx.x & 31; t < na * nb; t += 32) {
    Fast2dTerm u = fast2dTerm(t, na, a0, b0, posA, wA, posB, wB, channels);
    if (u.w == 0) continue;
    double tp = improper ? u.ax * u.bx - u.ay * u.by : u.ax * u.bx + u.ay * u.by;
    double tq = improper ? u.ay * u.bx + u.ax * u.by : u.ay * u.bx - u.ax * u.by;
    double tn = u.ax * u.ax + u.ay * u.ay + u.bx * u.bx + u.by * u.by;
    double dot = c * tp + sn * tq;
    double d1 = -sn * tp + c * tq;
    double e = u.w * exp(s * (2 * dot - tn));
    f += e;
    f1 += e * s2 * d1;
    f2 += e * (s2 * s2 * d1 * d1 - s2 * dot);
  }
  for (int off = 16; off > 0; off >>= 1) {
    f += __shfl_xor_sync(0xffffffffu, f, off);
    f1 += __shfl_xor_sync(0xffffffffu, f1, off);
    f2 += __shfl_xor_sync(0xffffffffu, f2, off);
  }
  out[0] = f;
  out[1] = f1;
  out[2] = f2;
}

// Newton on the series S(theta) = G_0 + 2 sum_m Re(G_m e^{-i m theta}) (FastSearch2D.seriesPolish).
__device__ void fast2dSeriesPolish(const double* gre, const double* gim, int order, double theta,
    double* value, double* angle) {
  double f = 0;
  for (int it = 0; it < 30; it++) {
    double c1 = cos(theta), s1 = sin(theta);
    double cm = 1, sm = 0;
    double f1 = 0, f2 = 0;
    f = gre[0];
    for (int m = 1; m <= order; m++) {
      double nc = cm * c1 - sm * s1;
      sm = sm * c1 + cm * s1;
      cm = nc;
      double a = gre[m] * cm + gim[m] * sm;
      double b = -gre[m] * sm + gim[m] * cm;
      f += 2 * a;
      f1 += 2 * m * b;
      f2 -= 2 * m * m * a;
    }
    double step = f2 < 0 ? -f1 / f2 : copysign(0.02, f1);
    step = fmax(-0.05, fmin(0.05, step));
    theta += step;
    if (fabs(step) < 1e-9) break;
  }
  *value = f;
  *angle = theta;
}

// Doubles of shared memory per warp (FastPlan2D.sharedBytes): G (4 (M+1)), the values (2S),
// candidate value/angle and ranked value/angle (S each: no two neighbouring samples are both
// maxima, so each handedness has at most S/2), then ints: candidate and ranked codes (S each)
// and a counter.
__device__ __forceinline__ int fast2dWarpDoubles(int order) {
  int S = 8 * order;
  return 4 * (order + 1) + 6 * S + (2 * S + 1 + 1) / 2;
}

extern "C" __global__ void __launch_bounds__(FAST2D_WARPS * 32) giip_fast2d(
    const int2* __restrict__ pairs, int pairOffset, int pairCount,
    const float4* __restrict__ posA, const float* __restrict__ wA,
    const int* __restrict__ startA, const int* __restrict__ countA,
    const float4* __restrict__ posB, const float* __restrict__ wB,
    const int* __restrict__ startB, const int* __restrict__ countB,
    int channels, double s, int order, const double* __restrict__ cosTable,
    const double* __restrict__ sinTable, int properOnly, int maxStarts, double margin,
    double* __restrict__ crossOut, float* __restrict__ rotOut) {
  extern __shared__ double f2smem[];
  int warp = threadIdx.x >> 5;
  int lane = threadIdx.x & 31;
  int q = blockIdx.x * FAST2D_WARPS + warp;
  if (q >= pairCount) return;  // the whole warp: this kernel has no block-wide barrier
  int p = pairOffset + q;
  int M = order, m1 = order + 1, S = 8 * order, hands = properOnly ? 1 : 2;
  double* gre = f2smem + (size_t) warp * fast2dWarpDoubles(order);
  double* gim = gre + 2 * m1;
  double* values = gim + 2 * m1;
  double* candValue = values + 2 * S;
  double* candAngle = candValue + S;
  double* rankValue = candAngle + S;
  double* rankAngle = rankValue + S;
  int* cand = (int*) (rankAngle + S);
  int* rankCode = cand + S;
  int* counter = rankCode + S;
  int2 pr = pairs[p];
  int a0 = startA[pr.x], na = countA[pr.x];
  int b0 = startB[pr.y], nb = countB[pr.y];
  for (int k = lane; k < 4 * m1; k += 32) gre[k] = 0;  // gre and gim
  if (lane == 0) counter[0] = 0;
  __syncwarp();
  // 1. Fourier coefficients: a term per lane, each order's contributions summed by the warp
  double bes[FAST2D_MAX_ORDER + 1];
  for (int t0 = 0; t0 < na * nb; t0 += 32) {
    double pre = 0, zr = 1, zi = 0, yr = 1, yi = 0;
    if (t0 + lane < na * nb) {
      Fast2dTerm u = fast2dTerm(t0 + lane, na, a0, b0, posA, wA, posB, wB, channels);
      if (u.w != 0) {
        double r = sqrt(u.ax * u.ax + u.ay * u.ay);
        double rb = sqrt(u.bx * u.bx + u.by * u.by);
        double rs = r * rb;
        double dr = r - rb;
        pre = u.w * exp(-s * dr * dr);
        fastScaledCylindrical(2 * s * rs, M, bes);
        if (rs > 0) {
          zr = (u.ax * u.bx + u.ay * u.by) / rs;
          zi = (u.ay * u.bx - u.ax * u.by) / rs;
          yr = (u.ax * u.bx - u.ay * u.by) / rs;
          yi = (u.ay * u.bx + u.ax * u.by) / rs;
        }
      }
    }
    double cr = 1, ci = 0, er = 1, ei = 0;
    for (int m = 0; m <= M; m++) {
      double c = pre != 0 ? pre * bes[m] : 0;
      double g0 = c * cr, g1 = c * ci, g2 = c * er, g3 = c * ei;
      for (int off = 16; off > 0; off >>= 1) {
        g0 += __shfl_xor_sync(0xffffffffu, g0, off);
        g1 += __shfl_xor_sync(0xffffffffu, g1, off);
        if (hands == 2) {
          g2 += __shfl_xor_sync(0xffffffffu, g2, off);
          g3 += __shfl_xor_sync(0xffffffffu, g3, off);
        }
      }
      if (lane == 0) {
        gre[m] += g0;
        gim[m] += g1;
        if (hands == 2) {
          gre[m1 + m] += g2;
          gim[m1 + m] += g3;
        }
      }
      double nr = cr * zr - ci * zi;
      ci = cr * zi + ci * zr;
      cr = nr;
      nr = er * yr - ei * yi;
      ei = er * yi + ei * yr;
      er = nr;
    }
  }
  __syncwarp();
  // 2. the series at S angles per handedness: G_0 + 2 sum_m (Re G_m cos m t + Im G_m sin m t)
  for (int k = lane; k < hands * S; k += 32) {
    int h = k >= S ? 1 : 0;
    int o = (k - h * S) * m1;
    int g = h * m1;
    double v = gre[g];
    for (int m = 1; m <= M; m++) {
      v += 2 * (gre[g + m] * cosTable[o + m] + gim[g + m] * sinTable[o + m]);
    }
    values[k] = v;
  }
  __syncwarp();
  // 3. local maxima, parabola-refined
  double h0 = 2 * 3.141592653589793 / S;
  double top = -INFINITY;
  for (int k = lane; k < hands * S; k += 32) {
    int h = k >= S ? 1 : 0;
    int kk = k - h * S;
    double v = values[k];
    double prev = values[h * S + (kk + S - 1) % S];
    double next = values[h * S + (kk + 1) % S];
    if (v >= prev && v > next) {
      double curv = prev - 2 * v + next;
      double off = curv < 0 ? 0.5 * (prev - next) / curv : 0;
      double peak = curv < 0 ? v - 0.125 * (next - prev) * (next - prev) / curv : v;
      int slot = atomicAdd(counter, 1);
      cand[slot] = k;
      candValue[slot] = peak;
      candAngle[slot] = h0 * (kk + off);
      top = fmax(top, peak);
    }
  }
  for (int off = 16; off > 0; off >>= 1) top = fmax(top, __shfl_xor_sync(0xffffffffu, top, off));
  __syncwarp();
  int nc = counter[0];
  // ... those near the top refined on the series; the others dropped (code -1)
  for (int c = lane; c < nc; c += 32) {
    if (candValue[c] >= top - FAST2D_PREFILTER) {
      int h = cand[c] >= S ? 1 : 0;
      fast2dSeriesPolish(gre + h * m1, gim + h * m1, M, candAngle[c], candValue + c,
          candAngle + c);
      if (isnan(candValue[c])) cand[c] = -1;  // a NaN would break the ranking
    } else {
      cand[c] = -1;
    }
  }
  __syncwarp();
  // 4. ranked best first
  int kept = 0;
  for (int c = 0; c < nc; c++) kept += cand[c] >= 0 ? 1 : 0;
  for (int c = lane; c < nc; c += 32) {
    if (cand[c] < 0) continue;
    double v = candValue[c];
    int rank = 0;
    for (int d = 0; d < nc; d++) {
      if (cand[d] >= 0 && (candValue[d] > v || (candValue[d] == v && cand[d] < cand[c]))) rank++;
    }
    rankValue[rank] = v;
    rankAngle[rank] = candAngle[c];
    rankCode[rank] = cand[c];
  }
  __syncwarp();
  if (kept == 0) {
    // a constant series (every term has rs = 0): any angle is optimal
    if (lane == 0) {
      rankValue[0] = values[0];
      rankAngle[0] = 0;
      rankCode[0] = 0;
    }
    kept = 1;
    __syncwarp();
  }
  double bestC = -INFINITY, bestTheta = 0;
  bool bestImproper = false;
  double ev[3];
  for (int c = 0; c < min(kept, maxStarts); c++) {
    if (c > 0 && rankValue[c] <= bestC + margin) break;
    bool improper = rankCode[c] >= S;
    double theta = rankAngle[c];
    fast2dEvaluate(theta, improper, na, nb, a0, b0, posA, wA, posB, wB, channels, s, ev);
    double f = ev[0];
    for (int it = 0; it < 50; it++) {
      double g = ev[1], hh = ev[2];
      double step = hh < 0 ? -g / hh : copysign(0.05, g);
      step = fmax(-0.3, fmin(0.3, step));
      if (fabs(g * step) <= 1e-14 * fabs(f) || fabs(step) < 1e-13) break;
      bool accepted = false;
      for (int half = 0; half < 20; half++) {
        fast2dEvaluate(theta + step, improper, na, nb, a0, b0, posA, wA, posB, wB, channels, s,
            ev);
        if (ev[0] > f) {
          theta += step;
          f = ev[0];
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) break;
      // the derivatives at the accepted angle are in ev
    }
    if (f > bestC) {
      bestC = f;
      bestTheta = theta;
      bestImproper = improper;
    }
  }
  if (lane == 0) {
    crossOut[p] = bestC;
    if (rotOut != 0) {
      double c = cos(bestTheta), sn = sin(bestTheta);
      float* r = rotOut + 4 * (size_t) p;
      r[0] = (float) c;
      r[1] = (float) (bestImproper ? sn : -sn);
      r[2] = (float) sn;
      r[3] = (float) (bestImproper ? -c : c);
    }
  }
}
