// Runs the FAST 2D kernel (giip_fast2d.cuh, rewritten for cuda_on_host.h by the Java test that
// builds this file) on the CPU over the buffers the CUDA engine would upload, in chunks as the
// engine launches it, and writes the cross terms and rotations.
//
//   fast2d_host_run INPUT OUTPUT
//
// INPUT and OUTPUT: see host_run_io.h (the order of the arrays is FastKernelHostRunTest's).
#include "cuda_on_host.h"
#include "host_run_io.h"

double f2smem[1 << 21];

#include "giip_fast2d_host.cuh"

int main(int argc, char** argv) {
  FILE* in = openInput(argc, argv, "fast2d_host_run");
  auto ints = readArray<int32_t>(in);
  int channels = ints[0], order = ints[1], properOnly = ints[2], maxStarts = ints[3];
  int nPairs = ints[4], chunk = ints[5];
  auto reals = readArray<double>(in);
  double s = reals[0], margin = reals[1];
  PairData d = PairData::read(in);
  auto cosTable = readArray<double>(in);
  auto sinTable = readArray<double>(in);
  std::fclose(in);

  std::vector<double> cross(nPairs);
  std::vector<float> rot(4 * (size_t) nPairs);
  const int2* pr = (const int2*) d.pairs.data();
  const float4* pa = (const float4*) d.posA.data();
  const float4* pb = (const float4*) d.posB.data();
  for (int off = 0; off < nPairs; off += chunk) {
    int n = min(chunk, nPairs - off);
    unsigned blocks = (unsigned) (n + FAST2D_WARPS - 1) / FAST2D_WARPS;
    launch(giip_fast2d, dim3{blocks, 1, 1}, dim3{FAST2D_WARPS * 32, 1, 1}, pr, off, n, pa,
        d.wA.data(), d.startA.data(), d.countA.data(), pb, d.wB.data(), d.startB.data(),
        d.countB.data(),
        channels, s, order, (const double*) cosTable.data(), (const double*) sinTable.data(),
        properOnly, maxStarts, margin, cross.data(), rot.data());
  }
  FILE* out = std::fopen(argv[2], "wb");
  if (!out) {
    std::perror(argv[2]);
    return 1;
  }
  writeArray(out, cross);
  writeArray(out, rot);
  std::fclose(out);
  return 0;
}
