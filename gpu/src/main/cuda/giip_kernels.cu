// GIIP searches on the GPU: EXHAUSTIVE here, FAST in giip_fast3d.cuh and giip_fast2d.cuh
// (included at the end). Built to PTX by build-ptx.sh, shipped as a resource (CudaGiipEngine).
//
// One thread block per (row LAE, column LAE) pair. The block stages both LAEs (compacted: only
// atoms with a non-zero weight) and the per-term constants in shared memory:
//   w_ij = sum_ch wA[i,ch] wB[j,ch],  l_ij = -|a_i|^2+|b_j|^2) s log2(e),  s = 1/(4 sigma^2)
// so that each term of the cross term is  w_ij * exp2(k2 * a_i.(R b_j) + l_ij),  k2 = 2 s log2 e.
// Threads own grid orientations; every term costs one FMA and one ex2.approx (MUFU) per
// orientation, which makes the special-function unit the limit. R and -R share a dot product.
// The argmax is reduced in the block (ties: the lowest grid index, as the CPU search), and the
// cross term at the winning orientation is re-evaluated in double precision, so the distance
// matches the CPU engine (double) whenever both pick the same grid orientation.

#define LOG2E 1.4426950408889634f
#define MAX_THREADS 256

struct Best {
  float v;
  int code;
};

__device__ __forceinline__ bool better(float v, int code, const Best& b) {
  return v > b.v || (v == b.v && code < b.code);
}

// Block-wide argmax; every thread gets the result. `scratch` holds MAX_THREADS/32 entries.
__device__ Best blockArgmax(Best b, Best* scratch) {
  for (int off = 16; off > 0; off >>= 1) {
    float v = __shfl_down_sync(0xffffffffu, b.v, off);
    int c = __shfl_down_sync(0xffffffffu, b.code, off);
    if (better(v, c, b)) {
      b.v = v;
      b.code = c;
    }
  }
  int warp = threadIdx.x >> 5;
  int lane = threadIdx.x & 31;
  if (lane == 0) scratch[warp] = b;
  __syncthreads();
  if (threadIdx.x == 0) {
    Best r = scratch[0];
    int warps = (blockDim.x + 31) >> 5;
    for (int w = 1; w < warps; w++) {
      if (better(scratch[w].v, scratch[w].code, r)) r = scratch[w];
    }
    scratch[0] = r;
  }
  __syncthreads();
  Best r = scratch[0];
  __syncthreads();
  return r;
}

__device__ double blockSum(double x, double* scratch) {
  for (int off = 16; off > 0; off >>= 1) x += __shfl_down_sync(0xffffffffu, x, off);
  int warp = threadIdx.x >> 5;
  if ((threadIdx.x & 31) == 0) scratch[warp] = x;
  __syncthreads();
  if (threadIdx.x == 0) {
    double s = 0;
    int warps = (blockDim.x + 31) >> 5;
    for (int w = 0; w < warps; w++) s += scratch[w];
    scratch[0] = s;
  }
  __syncthreads();
  double r = scratch[0];
  __syncthreads();
  return r;
}

// Stages the pair in shared memory: A atoms, B atoms (x, y, z, |x|^2) and the (w_ij, l_ij)
// table laid out j-major (sWL[j * na + i]). Returns false for an empty pair.
__device__ void stagePair(int ia, int ib, const float4* posA, const float* wA, const int* startA,
    const int* countA, const float4* posB, const float* wB, const int* startB, const int* countB,
    int channels, float s, float4* sA, float4* sB, float2* sWL, int& na, int& nb, int& a0,
    int& b0) {
  a0 = startA[ia];
  b0 = startB[ib];
  na = countA[ia];
  nb = countB[ib];
  for (int k = threadIdx.x; k < na; k += blockDim.x) sA[k] = posA[a0 + k];
  for (int k = threadIdx.x; k < nb; k += blockDim.x) sB[k] = posB[b0 + k];
  __syncthreads();
  for (int t = threadIdx.x; t < na * nb; t += blockDim.x) {
    int i = t % na;
    int j = t / na;
    float w = 0.f;
    for (int ch = 0; ch < channels; ch++) {
      w += wA[(a0 + i) * channels + ch] * wB[(b0 + j) * channels + ch];
    }
    sWL[t] = make_float2(w, -(sA[i].w + sB[j].w) * s * LOG2E);
  }
  __syncthreads();
}

// Exact (double) cross term for the 3 x 3 matrix q, summed by the whole block.
__device__ double crossDouble3(const double* q, int na, int nb, int a0, int b0,
    const float4* posA, const float* wA, const float4* posB, const float* wB, int channels,
    double s, double* dscratch) {
  double sum = 0;
  for (int t = threadIdx.x; t < na * nb; t += blockDim.x) {
    int i = t % na;
    int j = t / na;
    double w = 0;
    for (int ch = 0; ch < channels; ch++) {
      w += (double) wA[(a0 + i) * channels + ch] * (double) wB[(b0 + j) * channels + ch];
    }
    if (w == 0) continue;
    float4 a = posA[a0 + i];
    float4 b = posB[b0 + j];
    double ax = a.x, ay = a.y, az = a.z, bx = b.x, by = b.y, bz = b.z;
    double dot = ax * (q[0] * bx + q[1] * by + q[2] * bz) + ay * (q[3] * bx + q[4] * by + q[5] * bz)
        + az * (q[6] * bx + q[7] * by + q[8] * bz);
    double n = ax * ax + ay * ay + az * az + bx * bx + by * by + bz * bz;
    sum += w * exp(s * (2 * dot - n));
  }
  return blockSum(sum, dscratch);
}

// 3D EXHAUSTIVE: coarse grid (R and -R), then the local ball about the best (left-multiplied),
// then the double-precision value at the winner. Dynamic shared memory:
// (maxA + maxB) float4 + maxA * maxB float2.
extern "C" __global__ void __launch_bounds__(MAX_THREADS) giip_search3d(
    const int2* __restrict__ pairs, int pairOffset, int pairCount,
    const float4* __restrict__ posA, const float* __restrict__ wA,
    const int* __restrict__ startA, const int* __restrict__ countA,
    const float4* __restrict__ posB, const float* __restrict__ wB,
    const int* __restrict__ startB, const int* __restrict__ countB,
    int channels, int maxA, int maxB, float s, double sd,
    const float* __restrict__ coarse, int nCoarse, const float* __restrict__ local, int nLocal,
    int properOnly, double* __restrict__ crossOut, float* __restrict__ rotOut) {
  extern __shared__ float4 smem[];
  __shared__ Best scratch[MAX_THREADS / 32];
  __shared__ double dscratch[MAX_THREADS / 32];
  __shared__ double q[9];
  int p = pairOffset + blockIdx.x;
  if (blockIdx.x >= pairCount) return;
  int2 pr = pairs[p];
  float4* sA = smem;
  float4* sB = smem + maxA;
  float2* sWL = (float2*) (smem + maxA + maxB);
  int na, nb, a0, b0;
  stagePair(pr.x, pr.y, posA, wA, startA, countA, posB, wB, startB, countB, channels, s, sA, sB,
      sWL, na, nb, a0, b0);
  const float k2 = 2.f * s * LOG2E;

  // Coarse grid: each thread takes two rotations at a time (the A loads serve 4 orientations).
  Best best;
  best.v = -INFINITY;
  best.code = 0x7fffffff;
  for (int g = 2 * threadIdx.x; g < nCoarse; g += 2 * blockDim.x) {
    int g2 = min(g + 1, nCoarse - 1);
    float r1[9], r2[9];
#pragma unroll
    for (int k = 0; k < 9; k++) {
      r1[k] = __ldg(coarse + 9 * g + k);
      r2[k] = __ldg(coarse + 9 * g2 + k);
    }
    float cp1 = 0.f, cm1 = 0.f, cp2 = 0.f, cm2 = 0.f;
    for (int j = 0; j < nb; j++) {
      float4 b = sB[j];
      float x1 = r1[0] * b.x + r1[1] * b.y + r1[2] * b.z;
      float y1 = r1[3] * b.x + r1[4] * b.y + r1[5] * b.z;
      float z1 = r1[6] * b.x + r1[7] * b.y + r1[8] * b.z;
      float x2 = r2[0] * b.x + r2[1] * b.y + r2[2] * b.z;
      float y2 = r2[3] * b.x + r2[4] * b.y + r2[5] * b.z;
      float z2 = r2[6] * b.x + r2[7] * b.y + r2[8] * b.z;
      const float2* wl = sWL + j * na;
      for (int i = 0; i < na; i++) {
        float4 a = sA[i];
        float2 c = wl[i];
        float d1 = k2 * (a.x * x1 + a.y * y1 + a.z * z1);
        float d2 = k2 * (a.x * x2 + a.y * y2 + a.z * z2);
        cp1 += c.x * exp2f(c.y + d1);
        cp2 += c.x * exp2f(c.y + d2);
        if (!properOnly) {
          cm1 += c.x * exp2f(c.y - d1);
          cm2 += c.x * exp2f(c.y - d2);
        }
      }
    }
    // candidates in the CPU's order: g proper, g improper, g2 proper, g2 improper
    if (better(cp1, 2 * g, best)) { best.v = cp1; best.code = 2 * g; }
    if (!properOnly && better(cm1, 2 * g + 1, best)) { best.v = cm1; best.code = 2 * g + 1; }
    if (g2 != g) {
      if (better(cp2, 2 * g2, best)) { best.v = cp2; best.code = 2 * g2; }
      if (!properOnly && better(cm2, 2 * g2 + 1, best)) { best.v = cm2; best.code = 2 * g2 + 1; }
    }
  }
  Best coarseBest = blockArgmax(best, scratch);
  int cg = coarseBest.code >> 1;
  float sign = (coarseBest.code & 1) ? -1.f : 1.f;
  float c[9];
#pragma unroll
  for (int k = 0; k < 9; k++) c[k] = sign * coarse[9 * cg + k];

  // Local ball about the best coarse orientation: Q = L_v C. Code -1 is the coarse winner, so
  // that (as on the CPU) a refinement must be strictly better to replace it.
  best.v = coarseBest.v;
  best.code = -1;
  for (int v = threadIdx.x; v < nLocal; v += blockDim.x) {
    float m[9];
#pragma unroll
    for (int r = 0; r < 3; r++) {
#pragma unroll
      for (int k = 0; k < 3; k++) {
        m[3 * r + k] = local[9 * v + 3 * r] * c[k] + local[9 * v + 3 * r + 1] * c[3 + k]
            + local[9 * v + 3 * r + 2] * c[6 + k];
      }
    }
    float cv = 0.f;
    for (int j = 0; j < nb; j++) {
      float4 b = sB[j];
      float x = m[0] * b.x + m[1] * b.y + m[2] * b.z;
      float y = m[3] * b.x + m[4] * b.y + m[5] * b.z;
      float z = m[6] * b.x + m[7] * b.y + m[8] * b.z;
      const float2* wl = sWL + j * na;
      for (int i = 0; i < na; i++) {
        float4 a = sA[i];
        float2 cc = wl[i];
        cv += cc.x * exp2f(cc.y + k2 * (a.x * x + a.y * y + a.z * z));
      }
    }
    if (better(cv, v, best)) { best.v = cv; best.code = v; }
  }
  Best fine = blockArgmax(best, scratch);
  if (threadIdx.x == 0) {
    if (fine.code < 0) {
      for (int k = 0; k < 9; k++) q[k] = (double) c[k];
    } else {
      // the product in double, from the float grids (as close to the CPU's double product as
      // the float grid allows)
      double cd[9];
      for (int k = 0; k < 9; k++) cd[k] = (double) sign * (double) coarse[9 * cg + k];
      const float* l = local + 9 * fine.code;
      for (int r = 0; r < 3; r++) {
        for (int k = 0; k < 3; k++) {
          q[3 * r + k] = (double) l[3 * r] * cd[k] + (double) l[3 * r + 1] * cd[3 + k]
              + (double) l[3 * r + 2] * cd[6 + k];
        }
      }
    }
  }
  __syncthreads();
  double cx = crossDouble3(q, na, nb, a0, b0, posA, wA, posB, wB, channels, sd, dscratch);
  if (threadIdx.x == 0) {
    crossOut[p] = cx;
    if (rotOut != 0) {
      for (int k = 0; k < 9; k++) rotOut[9 * (size_t) p + k] = (float) q[k];
    }
  }
}

// 2D EXHAUSTIVE: a uniform angle grid, rotation R_t and rotoinversion R_t diag(1, -1), then the
// double-precision value at the winner. With a.R_t b = cos t (a.b) + sin t (a x b), each term is
// staged as (a.b, a x b, a.Jb, a x Jb) scaled by k2. Dynamic shared memory:
// (maxA + maxB) float4 + maxA * maxB float2 + maxA * maxB float4.
extern "C" __global__ void __launch_bounds__(MAX_THREADS) giip_search2d(
    const int2* __restrict__ pairs, int pairOffset, int pairCount,
    const float4* __restrict__ posA, const float* __restrict__ wA,
    const int* __restrict__ startA, const int* __restrict__ countA,
    const float4* __restrict__ posB, const float* __restrict__ wB,
    const int* __restrict__ startB, const int* __restrict__ countB,
    int channels, int maxA, int maxB, float s, double sd,
    const float2* __restrict__ angles, const double2* __restrict__ anglesD, int nAngles,
    int properOnly, double* __restrict__ crossOut, float* __restrict__ rotOut) {
  extern __shared__ float4 smem[];
  __shared__ Best scratch[MAX_THREADS / 32];
  __shared__ double dscratch[MAX_THREADS / 32];
  int p = pairOffset + blockIdx.x;
  if (blockIdx.x >= pairCount) return;
  int2 pr = pairs[p];
  float4* sA = smem;
  float4* sB = smem + maxA;
  float2* sWL = (float2*) (smem + maxA + maxB);
  float4* sT = (float4*) (sWL + ((maxA * maxB + 1) & ~1));
  int na, nb, a0, b0;
  stagePair(pr.x, pr.y, posA, wA, startA, countA, posB, wB, startB, countB, channels, s, sA, sB,
      sWL, na, nb, a0, b0);
  const float k2 = 2.f * s * LOG2E;
  int terms = na * nb;
  for (int t = threadIdx.x; t < terms; t += blockDim.x) {
    float4 a = sA[t % na];
    float4 b = sB[t / na];
    sT[t] = make_float4(k2 * (a.x * b.x + a.y * b.y), k2 * (a.y * b.x - a.x * b.y),
        k2 * (a.x * b.x - a.y * b.y), k2 * (a.y * b.x + a.x * b.y));
  }
  __syncthreads();
  Best best;
  best.v = -INFINITY;
  best.code = 0x7fffffff;
  for (int k = threadIdx.x; k < nAngles; k += blockDim.x) {
    float2 cs = angles[k];
    float cp = 0.f, cm = 0.f;
    for (int t = 0; t < terms; t++) {
      float4 u = sT[t];
      float2 c = sWL[t];
      cp += c.x * exp2f(c.y + cs.x * u.x + cs.y * u.y);
      if (!properOnly) cm += c.x * exp2f(c.y + cs.x * u.z + cs.y * u.w);
    }
    if (better(cp, 2 * k, best)) { best.v = cp; best.code = 2 * k; }
    if (!properOnly && better(cm, 2 * k + 1, best)) { best.v = cm; best.code = 2 * k + 1; }
  }
  Best b = blockArgmax(best, scratch);
  int k = b.code >> 1;
  bool improper = (b.code & 1) != 0;
  double2 cs = anglesD[k];
  double sum = 0;
  for (int t = threadIdx.x; t < terms; t += blockDim.x) {
    int i = t % na;
    int j = t / na;
    double w = 0;
    for (int ch = 0; ch < channels; ch++) {
      w += (double) wA[(a0 + i) * channels + ch] * (double) wB[(b0 + j) * channels + ch];
    }
    if (w == 0) continue;
    float4 a = posA[a0 + i];
    float4 bb = posB[b0 + j];
    double ax = a.x, ay = a.y, bx = bb.x, by = bb.y;
    double u = improper ? ax * bx - ay * by : ax * bx + ay * by;
    double v = improper ? ay * bx + ax * by : ay * bx - ax * by;
    double n = ax * ax + ay * ay + bx * bx + by * by;
    sum += w * exp(sd * (2 * (cs.x * u + cs.y * v) - n));
  }
  double cx = blockSum(sum, dscratch);
  if (threadIdx.x == 0) {
    crossOut[p] = cx;
    if (rotOut != 0) {
      float* r = rotOut + 4 * (size_t) p;
      r[0] = (float) cs.x;
      r[1] = (float) (improper ? cs.y : -cs.y);
      r[2] = (float) cs.y;
      r[3] = (float) (improper ? -cs.x : cs.x);
    }
  }
}

#include "giip_fast3d.cuh"
#include "giip_fast2d.cuh"
