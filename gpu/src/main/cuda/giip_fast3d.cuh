// GIIP cross-term search on the GPU, FAST mode in 3D: the CPU engine's FastSearch3D split into
// four kernels over a chunk of pairs, launched back to back on one stream (CudaGiipEngine):
//
//   giip_fast3d_expand  one block per pair: F^l = sum_ij W_ij 4pi e^{-s(r_i-r'_j)^2} e^{-k} i_l(k)
//                       Y_l(a_i) Y_l(b_j)^T (k = 2 s r_i r'_j), l <= L, written in the padded
//                       even/odd flat layout of FastPlan3D (float).
//   giip_fast3d_grid    the grid values as one tiled matrix product F (pairs x flat) times
//                       Delta^T (flat x grid): E (even degrees) + O (odd degrees) = C(R_g) and
//                       E - O = C(-R_g), because Delta^l(-R) = (-1)^l Delta^l(R).
//   giip_fast3d_starts  one block per pair: grid local maxima (no neighbour strictly larger,
//                       either handedness) within the margin of the best, ranked best first
//                       (ties: lowest grid code, the CPU's order), the first maxStarts kept.
//   giip_fast3d_polish  one block per pair, one warp per start: safeguarded Newton ascent on
//                       SO(3) of the exact Gaussian cross term in double (R <- exp([w]x) R, exact
//                       gradient and Hessian), the warp's lanes splitting the atom pairs; the
//                       best polished value (ties: the earliest start) is the pair's cross term.
//
// Included by giip_kernels.cu (one PTX module). s = 1 / (4 sigma^2) throughout.

#define FAST_MAX_L 10
#define FAST_NY_MAX ((FAST_MAX_L + 1) * (FAST_MAX_L + 1))
#define FAST_THREADS 128
#define FAST_GRID_TILE 64
#define FAST_GRID_K 16
#define FAST_CAND_CAP 2048
#define FAST_WARPS 8

// e^{-x} i_l(x), l = 0..L, by Miller's downward recurrence normalised with
// e^{-x} i_0(x) = (1 - e^{-2x}) / 2x (as ModifiedBessel.scaledSpherical).
__device__ void fastScaledBessel(double x, int L, double* out) {
  if (x < 1e-8) {
    out[0] = 1 - x;
    double p = 1;
    for (int l = 1; l <= L; l++) {
      p *= x / (2 * l + 1);
      out[l] = p;
    }
    return;
  }
  int start = L + 12 + (int) (2 * sqrt(25 * (x + 1)));
  double ip1 = 0, i = 1e-280, invX = 1 / x;
  for (int l = start; l >= 1; l--) {
    double im1 = ip1 + ((2.0 * l + 1) * invX) * i;
    if (l <= L) out[l] = i;
    ip1 = i;
    i = im1;
    if (i > 1e250) {
      ip1 *= 1e-250;
      i *= 1e-250;
      for (int k = max(l, 1); k <= L; k++) out[k] *= 1e-250;
    }
  }
  double i0 = x < 1e-3 ? exp(-x) * (1 + x * x / 6 + x * x * x * x / 120) : -expm1(-2 * x) / (2 * x);
  double f = i0 / i;
  out[0] = i0;
  for (int l = 1; l <= L; l++) out[l] *= f;
}

// Orthonormal real spherical harmonics of a unit vector at index l^2 + l + m (as
// RealSphericalHarmonics.evaluate), computed in double, stored as float.
__device__ void fastHarmonics(int L, double x, double y, double z, float* out) {
  double work[FAST_NY_MAX];
  work[0] = 0.28209479177387814;  // sqrt(1 / 4pi)
  for (int m = 1; m <= L; m++) {
    work[m * m + 2 * m] = sqrt((2.0 * m + 1) / (2.0 * m)) * work[(m - 1) * (m - 1) + 2 * (m - 1)];
  }
  for (int m = 0; m < L; m++) {
    work[(m + 1) * (m + 1) + (m + 1) + m] = sqrt(2.0 * m + 3) * z * work[m * m + 2 * m];
  }
  for (int m = 0; m <= L; m++) {
    for (int l = m + 2; l <= L; l++) {
      double a = sqrt((4.0 * l * l - 1) / ((double) l * l - (double) m * m));
      double b = sqrt(((l - 1.0) * (l - 1.0) - (double) m * m) / (4.0 * (l - 1.0) * (l - 1.0) - 1));
      double w1 = work[(l - 1) * (l - 1) + (l - 1) + m];
      double w2 = work[(l - 2) * (l - 2) + (l - 2) + m];
      work[l * l + l + m] = a * (z * w1 - b * w2);
    }
  }
  for (int l = 0; l <= L; l++) out[l * l + l] = (float) work[l * l + l];
  double cr = 1, ci = 0;  // Re, Im (x + iy)^m
  for (int m = 1; m <= L; m++) {
    double nr = cr * x - ci * y;
    ci = cr * y + ci * x;
    cr = nr;
    for (int l = m; l <= L; l++) {
      double n = 1.4142135623730951 * work[l * l + l + m];
      out[l * l + l + m] = (float) (n * cr);
      out[l * l + l - m] = (float) (n * ci);
    }
  }
}

__device__ void fastUnitHarmonics(float4 p, int L, double* r, float* out) {
  double x = p.x, y = p.y, z = p.z;
  double rr = sqrt(x * x + y * y + z * z);
  *r = rr;
  if (rr > 1e-12) {
    fastHarmonics(L, x / rr, y / rr, z / rr, out);
  } else {
    fastHarmonics(L, 0, 0, 1, out);
  }
}

// Dynamic shared memory (FastPlan3D.expandSharedBytes): double rA[maxA], rB[maxB]; float
// YA[maxA * ny], YB[maxB * ny], Z[maxB * ny], C[chunk * (L + 1)], chunk = max(blockDim, maxA).
extern "C" __global__ void __launch_bounds__(FAST_THREADS) giip_fast3d_expand(
    const int2* __restrict__ pairs, int pairOffset, int pairCount,
    const float4* __restrict__ posA, const float* __restrict__ wA,
    const int* __restrict__ startA, const int* __restrict__ countA,
    const float4* __restrict__ posB, const float* __restrict__ wB,
    const int* __restrict__ startB, const int* __restrict__ countB,
    int channels, int maxA, int maxB, double s, int L, const int* __restrict__ blockOffset,
    int flatStride, float* __restrict__ flatOut) {
  extern __shared__ double fsmem[];
  if (blockIdx.x >= pairCount) return;
  int2 pr = pairs[pairOffset + blockIdx.x];
  int ny = (L + 1) * (L + 1);
  int chunk = max((int) blockDim.x, maxA);
  double* rA = fsmem;
  double* rB = rA + maxA;
  float* YA = (float*) (rB + maxB);
  float* YB = YA + maxA * ny;
  float* Z = YB + maxB * ny;
  float* C = Z + maxB * ny;
  int a0 = startA[pr.x], na = countA[pr.x];
  int b0 = startB[pr.y], nb = countB[pr.y];
  for (int k = threadIdx.x; k < na + nb; k += blockDim.x) {
    if (k < na) {
      fastUnitHarmonics(posA[a0 + k], L, rA + k, YA + k * ny);
    } else {
      fastUnitHarmonics(posB[b0 + k - na], L, rB + k - na, YB + (k - na) * ny);
    }
  }
  __syncthreads();
  // Z_j = sum_i c^l_ij Y_l(a_i), a chunk of columns j at a time (c^l of the chunk staged in C)
  int J = na > 0 ? max(1, (int) blockDim.x / na) : nb;
  for (int j0 = 0; j0 < nb; j0 += J) {
    int jn = min(J, nb - j0);
    for (int t = threadIdx.x; t < jn * na; t += blockDim.x) {
      int i = t % na;
      int j = j0 + t / na;
      double w = 0;
      for (int ch = 0; ch < channels; ch++) {
        w += (double) wA[(a0 + i) * channels + ch] * (double) wB[(b0 + j) * channels + ch];
      }
      double bes[FAST_MAX_L + 1];
      if (w != 0) {
        double dr = rA[i] - rB[j];
        double pre = 4 * 3.141592653589793 * w * exp(-s * dr * dr);
        fastScaledBessel(2 * s * rA[i] * rB[j], L, bes);
        for (int l = 0; l <= L; l++) C[t * (L + 1) + l] = (float) (pre * bes[l]);
      } else {
        for (int l = 0; l <= L; l++) C[t * (L + 1) + l] = 0.f;
      }
    }
    __syncthreads();
    for (int u = threadIdx.x; u < jn * ny; u += blockDim.x) {
      int jj = u / ny;
      int lm = u - jj * ny;
      int l = (int) sqrtf((float) lm);
      while (l * l > lm) l--;
      while ((l + 1) * (l + 1) <= lm) l++;
      float acc = 0.f;
      for (int i = 0; i < na; i++) acc += C[(jj * na + i) * (L + 1) + l] * YA[i * ny + lm];
      Z[(j0 + jj) * ny + lm] = acc;
    }
    __syncthreads();
  }
  // F^l[m][k] = sum_j Z_j[l^2 + m] Y_l(b_j)[l^2 + k]; padding entries are written as zero
  float* out = flatOut + (size_t) blockIdx.x * flatStride;
  for (int e = threadIdx.x; e < flatStride; e += blockDim.x) {
    float acc = 0.f;
    for (int l = 0; l <= L; l++) {
      int dim = 2 * l + 1;
      int rel = e - blockOffset[l];
      if (rel >= 0 && rel < dim * dim) {
        int m = rel / dim;
        int k = rel - m * dim;
        for (int j = 0; j < nb; j++) acc += Z[j * ny + l * l + m] * YB[j * ny + l * l + k];
        break;
      }
    }
    out[e] = acc;
  }
}

// values[q][g] = C(R_g), values[q][nGrid + g] = C(-R_g) for the chunk's pairs q: a 64 x 64 tile
// of (pairs x grid) per block, 4 x 4 per thread, k in steps of 16; the even degrees occupy
// [0, evenStride) of a flat row and the odd ones [evenStride, flatStride), both multiples of 16.
extern "C" __global__ void __launch_bounds__(256) giip_fast3d_grid(
    const float* __restrict__ flat, int pairCount, const float* __restrict__ delta, int nGrid,
    int evenStride, int flatStride, float* __restrict__ values) {
  __shared__ float sF[FAST_GRID_K][FAST_GRID_TILE + 4];
  __shared__ float sD[FAST_GRID_K][FAST_GRID_TILE + 4];
  int tx = threadIdx.x & 15;
  int ty = threadIdx.x >> 4;
  int q0 = blockIdx.y * FAST_GRID_TILE;
  int g0 = blockIdx.x * FAST_GRID_TILE;
  float acc[4][4], even[4][4];
#pragma unroll
  for (int a = 0; a < 4; a++) {
#pragma unroll
    for (int b = 0; b < 4; b++) {
      acc[a][b] = 0.f;
      even[a][b] = 0.f;
    }
  }
  for (int k0 = 0; k0 < flatStride; k0 += FAST_GRID_K) {
    if (k0 == evenStride) {
#pragma unroll
      for (int a = 0; a < 4; a++) {
#pragma unroll
        for (int b = 0; b < 4; b++) {
          even[a][b] = acc[a][b];
          acc[a][b] = 0.f;
        }
      }
    }
    for (int r = threadIdx.x; r < FAST_GRID_TILE * FAST_GRID_K; r += blockDim.x) {
      int row = r / FAST_GRID_K;
      int kk = r - row * FAST_GRID_K;
      int q = q0 + row;
      int g = g0 + row;
      sF[kk][row] = q < pairCount ? flat[(size_t) q * flatStride + k0 + kk] : 0.f;
      sD[kk][row] = g < nGrid ? delta[(size_t) g * flatStride + k0 + kk] : 0.f;
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < FAST_GRID_K; kk++) {
      float fa[4], db[4];
#pragma unroll
      for (int a = 0; a < 4; a++) fa[a] = sF[kk][ty + 16 * a];
#pragma unroll
      for (int b = 0; b < 4; b++) db[b] = sD[kk][tx + 16 * b];
#pragma unroll
      for (int a = 0; a < 4; a++) {
#pragma unroll
        for (int b = 0; b < 4; b++) acc[a][b] += fa[a] * db[b];
      }
    }
    __syncthreads();
  }
#pragma unroll
  for (int a = 0; a < 4; a++) {
    int q = q0 + ty + 16 * a;
    if (q >= pairCount) continue;
    float* row = values + (size_t) q * 2 * nGrid;
#pragma unroll
    for (int b = 0; b < 4; b++) {
      int g = g0 + tx + 16 * b;
      if (g < nGrid) {
        row[g] = even[a][b] + acc[a][b];
        row[nGrid + g] = even[a][b] - acc[a][b];
      }
    }
  }
}

// Starts of the polish: codes h * nGrid + g (h = 1: -R_g) of the grid local maxima within
// `margin` of the best value, best first, at most maxStarts, and their number (at least one).
// Beyond FAST_CAND_CAP such maxima (only a nearly constant cross term has that many, e.g. a lone
// atom's) the first ones found are ranked: any start is then as good as another.
extern "C" __global__ void __launch_bounds__(256) giip_fast3d_starts(
    const float* __restrict__ values, int pairCount, int nGrid, int hands,
    const int* __restrict__ neighbourStart, const int* __restrict__ neighbours, float margin,
    int maxStarts, int* __restrict__ startsOut, int* __restrict__ startCount) {
  __shared__ float candValue[FAST_CAND_CAP];
  __shared__ int candCode[FAST_CAND_CAP];
  __shared__ float warpMax[8];
  __shared__ int count;
  int q = blockIdx.x;
  if (q >= pairCount) return;
  const float* v = values + (size_t) q * 2 * nGrid;
  int total = hands * nGrid;
  float top = -INFINITY;
  for (int k = threadIdx.x; k < total; k += blockDim.x) top = fmaxf(top, v[k]);
  for (int off = 16; off > 0; off >>= 1) top = fmaxf(top, __shfl_xor_sync(0xffffffffu, top, off));
  if ((threadIdx.x & 31) == 0) warpMax[threadIdx.x >> 5] = top;
  if (threadIdx.x == 0) count = 0;
  __syncthreads();
  top = warpMax[0];
  for (int w = 1; w < (int) (blockDim.x >> 5); w++) top = fmaxf(top, warpMax[w]);
  float threshold = top - margin;
  for (int k = threadIdx.x; k < total; k += blockDim.x) {
    float x = v[k];
    if (!(x >= threshold)) continue;
    int h = k >= nGrid ? 1 : 0;
    int g = k - h * nGrid;
    const float* base = v + h * nGrid;
    bool isMax = true;
    for (int n = neighbourStart[g]; n < neighbourStart[g + 1]; n++) {
      if (base[neighbours[n]] > x) {
        isMax = false;
        break;
      }
    }
    if (isMax) {
      int slot = atomicAdd(&count, 1);
      if (slot < FAST_CAND_CAP) {
        candValue[slot] = x;
        candCode[slot] = k;
      }
    }
  }
  __syncthreads();
  int nc = min(count, FAST_CAND_CAP);
  int* out = startsOut + (size_t) q * maxStarts;
  for (int c = threadIdx.x; c < nc; c += blockDim.x) {
    float x = candValue[c];
    int code = candCode[c];
    int rank = 0;
    for (int d = 0; d < nc; d++) {
      if (candValue[d] > x || (candValue[d] == x && candCode[d] < code)) rank++;
    }
    if (rank < maxStarts) out[rank] = code;
  }
  if (threadIdx.x == 0) {
    if (nc == 0) out[0] = 0;  // only if every value is NaN: start from the identity
    startCount[q] = max(1, min(nc, maxStarts));
  }
}

// The exact cross term at R (row-major), and (deriv) its gradient g and Hessian h (xx, xy, xz,
// yy, yz, zz) in w for exp([w]x) R, summed over the pair's atom pairs by the lanes of one warp;
// the xor butterfly leaves the same sums, bit for bit, in every lane. Atoms are stored by
// component (sA[c * na + i], c = x, y, z, |a|^2), so that the lanes' loads do not conflict.
__device__ double fastEvaluate(const double* R, bool deriv, const double* sA, const double* sB,
    const double* sW, int na, int nb, double s, double* g, double* h) {
  double f = 0, gx = 0, gy = 0, gz = 0, hxx = 0, hxy = 0, hxz = 0, hyy = 0, hyz = 0, hzz = 0;
  double s2 = 2 * s;
  int lane = threadIdx.x & 31;
  for (int t = lane; t < na * nb; t += 32) {
    double w = sW[t];
    if (w == 0) continue;
    int i = t % na;
    int j = t / na;
    double b0 = sB[j], b1 = sB[nb + j], b2 = sB[2 * nb + j];
    double bx = R[0] * b0 + R[1] * b1 + R[2] * b2;
    double by = R[3] * b0 + R[4] * b1 + R[5] * b2;
    double bz = R[6] * b0 + R[7] * b1 + R[8] * b2;
    double ax = sA[i], ay = sA[na + i], az = sA[2 * na + i];
    double dot = ax * bx + ay * by + az * bz;
    double e = w * exp(s * (2 * dot - (sA[3 * na + i] + sB[3 * nb + j])));
    f += e;
    if (deriv) {
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
  }
  for (int off = 16; off > 0; off >>= 1) {
    f += __shfl_xor_sync(0xffffffffu, f, off);
    if (deriv) {
      gx += __shfl_xor_sync(0xffffffffu, gx, off);
      gy += __shfl_xor_sync(0xffffffffu, gy, off);
      gz += __shfl_xor_sync(0xffffffffu, gz, off);
      hxx += __shfl_xor_sync(0xffffffffu, hxx, off);
      hxy += __shfl_xor_sync(0xffffffffu, hxy, off);
      hxz += __shfl_xor_sync(0xffffffffu, hxz, off);
      hyy += __shfl_xor_sync(0xffffffffu, hyy, off);
      hyz += __shfl_xor_sync(0xffffffffu, hyz, off);
      hzz += __shfl_xor_sync(0xffffffffu, hzz, off);
    }
  }
  if (deriv) {
    g[0] = gx;
    g[1] = gy;
    g[2] = gz;
    h[0] = hxx;
    h[1] = hxy;
    h[2] = hxz;
    h[3] = hyy;
    h[4] = hyz;
    h[5] = hzz;
  }
  return f;
}

// Solves (-H + mu I) w = g with the smallest mu >= 0 (1e-6 scale, then x4) that makes the matrix
// positive definite; a small gradient step if none does (FastSearch3D.newtonStep).
__device__ void fastNewtonStep(const double* g, const double* h, double* step) {
  double mu = 0;
  double scale = fabs(h[0]) + fabs(h[3]) + fabs(h[5]) + 1e-300;
  for (int attempt = 0; attempt < 60; attempt++) {
    double a00 = -h[0] + mu, a01 = -h[1], a02 = -h[2];
    double a11 = -h[3] + mu, a12 = -h[4], a22 = -h[5] + mu;
    if (a00 > 0) {
      double l00 = sqrt(a00);
      double l10 = a01 / l00;
      double l20 = a02 / l00;
      double d11 = a11 - l10 * l10;
      if (d11 > 0) {
        double l11 = sqrt(d11);
        double l21 = (a12 - l20 * l10) / l11;
        double d22 = a22 - l20 * l20 - l21 * l21;
        if (d22 > 0) {
          double l22 = sqrt(d22);
          double y0 = g[0] / l00;
          double y1 = (g[1] - l10 * y0) / l11;
          double y2 = (g[2] - l20 * y0 - l21 * y1) / l22;
          step[2] = y2 / l22;
          step[1] = (y1 - l21 * step[2]) / l11;
          step[0] = (y0 - l10 * step[1] - l20 * step[2]) / l00;
          return;
        }
      }
    }
    mu = mu == 0 ? 1e-6 * scale : 4 * mu;
  }
  step[0] = g[0] * 1e-3;
  step[1] = g[1] * 1e-3;
  step[2] = g[2] * 1e-3;
}

// out = exp([w]x) R (Rodrigues, as Rotations.exp then Rotations.multiply3).
__device__ void fastRotate(const double* w, const double* R, double* out) {
  double t2 = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
  double t = sqrt(t2);
  double a, b;
  if (t < 1e-4) {
    a = 1 - t2 / 6 + t2 * t2 / 120;
    b = 0.5 - t2 / 24 + t2 * t2 / 720;
  } else {
    a = sin(t) / t;
    b = (1 - cos(t)) / t2;
  }
  double wx = w[0], wy = w[1], wz = w[2];
  double E[9] = {1 - b * (wy * wy + wz * wz), -a * wz + b * wx * wy, a * wy + b * wx * wz,
      a * wz + b * wx * wy, 1 - b * (wx * wx + wz * wz), -a * wx + b * wy * wz,
      -a * wy + b * wx * wz, a * wx + b * wy * wz, 1 - b * (wx * wx + wy * wy)};
  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 3; j++) {
      out[3 * i + j] = E[3 * i] * R[j] + E[3 * i + 1] * R[3 + j] + E[3 * i + 2] * R[6 + j];
    }
  }
}

// Newton ascent from R (left in R); returns the polished value (FastSearch3D.polish).
__device__ double fastPolish(double* R, const double* sA, const double* sB, const double* sW,
    int na, int nb, double s) {
  double grad[3], hess[6], gN[3], hN[6], step[3], Rn[9];
  double f = fastEvaluate(R, true, sA, sB, sW, na, nb, s, grad, hess);
  for (int it = 0; it < 50; it++) {
    fastNewtonStep(grad, hess, step);
    double len = sqrt(step[0] * step[0] + step[1] * step[1] + step[2] * step[2]);
    if (len > 0.3) {
      double sc = 0.3 / len;
      step[0] *= sc;
      step[1] *= sc;
      step[2] *= sc;
      len = 0.3;
    }
    double gain = grad[0] * step[0] + grad[1] * step[1] + grad[2] * step[2];
    if (gain <= 1e-14 * fabs(f) || len < 1e-13) break;
    bool accepted = false;
    for (int half = 0; half < 20; half++) {
      fastRotate(step, R, Rn);
      double fn = fastEvaluate(Rn, true, sA, sB, sW, na, nb, s, gN, hN);
      if (fn > f) {
        for (int k = 0; k < 9; k++) R[k] = Rn[k];
        for (int k = 0; k < 3; k++) grad[k] = gN[k];
        for (int k = 0; k < 6; k++) hess[k] = hN[k];
        f = fn;
        accepted = true;
        break;
      }
      step[0] *= 0.5;
      step[1] *= 0.5;
      step[2] *= 0.5;
    }
    if (!accepted) break;
  }
  return f;
}

// Dynamic shared memory (FastPlan3D.polishSharedBytes): double sA[4 maxA] (x[na], y[na], z[na],
// |a|^2[na]), sB[4 maxB] (the same for B), sW[maxA * maxB] (W_ij = sum_ch w_i w_j at i + na j).
extern "C" __global__ void __launch_bounds__(FAST_WARPS * 32) giip_fast3d_polish(
    const int2* __restrict__ pairs, int pairOffset, int pairCount,
    const float4* __restrict__ posA, const float* __restrict__ wA,
    const int* __restrict__ startA, const int* __restrict__ countA,
    const float4* __restrict__ posB, const float* __restrict__ wB,
    const int* __restrict__ startB, const int* __restrict__ countB,
    int channels, int maxA, int maxB, double s, const double* __restrict__ gridRotations,
    int nGrid, const int* __restrict__ starts, const int* __restrict__ startCount, int maxStarts,
    double* __restrict__ crossOut, float* __restrict__ rotOut) {
  extern __shared__ double psmem[];
  __shared__ double warpBest[FAST_WARPS];
  __shared__ int warpStart[FAST_WARPS];
  __shared__ double warpR[FAST_WARPS][9];
  int q = blockIdx.x;
  if (q >= pairCount) return;
  int p = pairOffset + q;
  int2 pr = pairs[p];
  double* sA = psmem;
  double* sB = sA + 4 * maxA;
  double* sW = sB + 4 * maxB;
  int a0 = startA[pr.x], na = countA[pr.x];
  int b0 = startB[pr.y], nb = countB[pr.y];
  for (int k = threadIdx.x; k < na + nb; k += blockDim.x) {
    float4 v = k < na ? posA[a0 + k] : posB[b0 + k - na];
    double* d = k < na ? sA + k : sB + (k - na);
    int n = k < na ? na : nb;
    double x = v.x, y = v.y, z = v.z;
    d[0] = x;
    d[n] = y;
    d[2 * n] = z;
    d[3 * n] = x * x + y * y + z * z;
  }
  for (int t = threadIdx.x; t < na * nb; t += blockDim.x) {
    int i = t % na;
    int j = t / na;
    double w = 0;
    for (int ch = 0; ch < channels; ch++) {
      w += (double) wA[(a0 + i) * channels + ch] * (double) wB[(b0 + j) * channels + ch];
    }
    sW[t] = w;
  }
  __syncthreads();
  int warp = threadIdx.x >> 5;
  int warps = blockDim.x >> 5;
  int n = startCount[q];
  double best = -INFINITY;
  int bestStart = 0x7fffffff;
  double bestR[9];
  for (int c = warp; c < n; c += warps) {
    int code = starts[(size_t) q * maxStarts + c];
    int g = code >= nGrid ? code - nGrid : code;
    double sign = code >= nGrid ? -1.0 : 1.0;
    double R[9];
    for (int k = 0; k < 9; k++) R[k] = sign * gridRotations[9 * g + k];
    double v = fastPolish(R, sA, sB, sW, na, nb, s);
    if (v > best) {
      best = v;
      bestStart = c;
      for (int k = 0; k < 9; k++) bestR[k] = R[k];
    }
  }
  if ((threadIdx.x & 31) == 0) {
    warpBest[warp] = best;
    warpStart[warp] = bestStart;
    for (int k = 0; k < 9; k++) warpR[warp][k] = bestStart == 0x7fffffff ? 0.0 : bestR[k];
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    int w0 = 0;
    for (int w = 1; w < warps; w++) {
      if (warpBest[w] > warpBest[w0]
          || (warpBest[w] == warpBest[w0] && warpStart[w] < warpStart[w0])) {
        w0 = w;
      }
    }
    crossOut[p] = warpBest[w0];
    if (rotOut != 0) {
      for (int k = 0; k < 9; k++) rotOut[9 * (size_t) p + k] = (float) warpR[w0][k];
    }
  }
}
