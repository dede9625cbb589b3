// Runs the FAST 3D kernels (giip_fast3d.cuh, rewritten for cuda_on_host.h by the Java test that
// builds this file) on the CPU over the buffers the CUDA engine would upload, in chunks as the
// engine launches them, and writes every stage's output for the test to compare.
//
//   fast3d_host_run INPUT OUTPUT
//
// INPUT and OUTPUT: see host_run_io.h (the order of the arrays is FastKernelHostRunTest's).
#include "cuda_on_host.h"
#include "host_run_io.h"

double fsmem[1 << 21];
double psmem[1 << 21];

#include "giip_fast3d_host.cuh"

int main(int argc, char** argv) {
  FILE* in = openInput(argc, argv, "fast3d_host_run");
  auto ints = readArray<int32_t>(in);
  int channels = ints[0], maxA = ints[1], maxB = ints[2], L = ints[3], flatStride = ints[4];
  int evenStride = ints[5], nGrid = ints[6], hands = ints[7], maxStarts = ints[8];
  int nPairs = ints[9], chunk = ints[10];
  auto reals = readArray<double>(in);
  double s = reals[0];
  float margin = (float) reals[1];
  PairData d = PairData::read(in);
  auto blockOffset = readArray<int32_t>(in);
  auto delta = readArray<float>(in);
  auto rotations = readArray<double>(in);
  auto neighbourStart = readArray<int32_t>(in);
  auto neighbours = readArray<int32_t>(in);
  std::fclose(in);

  std::vector<float> flatAll, valuesAll;
  std::vector<int32_t> startsAll, countAll;
  std::vector<double> cross(nPairs);
  std::vector<float> rot(9 * (size_t) nPairs);
  std::vector<float> flat((size_t) chunk * flatStride);
  std::vector<float> values((size_t) chunk * 2 * nGrid);
  std::vector<int32_t> starts((size_t) chunk * maxStarts), count(chunk);
  const int2* pr = (const int2*) d.pairs.data();
  const float4* pa = (const float4*) d.posA.data();
  const float4* pb = (const float4*) d.posB.data();
  for (int off = 0; off < nPairs; off += chunk) {
    unsigned n = (unsigned) min(chunk, nPairs - off);
    launch(giip_fast3d_expand, dim3{n, 1, 1}, dim3{FAST_THREADS, 1, 1}, pr, off, (int) n, pa,
        d.wA.data(), d.startA.data(), d.countA.data(), pb, d.wB.data(), d.startB.data(),
        d.countB.data(),
        channels, maxA, maxB, s, L, blockOffset.data(), flatStride, flat.data());
    launch(giip_fast3d_grid,
        dim3{(unsigned) (nGrid + FAST_GRID_TILE - 1) / FAST_GRID_TILE,
            (n + FAST_GRID_TILE - 1) / FAST_GRID_TILE, 1},
        dim3{256, 1, 1}, (const float*) flat.data(), (int) n, (const float*) delta.data(), nGrid,
        evenStride, flatStride, values.data());
    launch(giip_fast3d_starts, dim3{n, 1, 1}, dim3{256, 1, 1}, (const float*) values.data(),
        (int) n, nGrid, hands, (const int*) neighbourStart.data(), (const int*) neighbours.data(),
        margin, maxStarts, starts.data(), count.data());
    launch(giip_fast3d_polish, dim3{n, 1, 1}, dim3{FAST_WARPS * 32, 1, 1}, pr, off, (int) n, pa,
        d.wA.data(), d.startA.data(), d.countA.data(), pb, d.wB.data(), d.startB.data(),
        d.countB.data(),
        channels, maxA, maxB, s, (const double*) rotations.data(), nGrid,
        (const int*) starts.data(), (const int*) count.data(), maxStarts, cross.data(),
        rot.data());
    flatAll.insert(flatAll.end(), flat.begin(), flat.begin() + (size_t) n * flatStride);
    valuesAll.insert(valuesAll.end(), values.begin(), values.begin() + (size_t) n * 2 * nGrid);
    startsAll.insert(startsAll.end(), starts.begin(), starts.begin() + (size_t) n * maxStarts);
    countAll.insert(countAll.end(), count.begin(), count.begin() + n);
  }
  FILE* out = std::fopen(argv[2], "wb");
  if (!out) {
    std::perror(argv[2]);
    return 1;
  }
  writeArray(out, flatAll);
  writeArray(out, valuesAll);
  writeArray(out, startsAll);
  writeArray(out, countAll);
  writeArray(out, cross);
  writeArray(out, rot);
  std::fclose(out);
  return 0;
}
