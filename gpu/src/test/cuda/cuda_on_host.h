// Runs CUDA kernel source on the CPU, for tests on machines without a GPU: every thread of a
// block is an OS thread, __syncthreads is a barrier of the block, __syncwarp a barrier of the
// warp, warp shuffles exchange through a per-warp slot array between two barriers of the warp,
// and blocks run one after another. Kernels must reach every barrier from all threads of the
// block (or warp) that they synchronise, as on a GPU.
// Shared memory: the including test rewrites `extern __shared__ T name[]` to `extern T name[]`
// (a global array defined by the test) and `__shared__` to `static` (one copy, used by one block
// at a time). Only what the GIIP kernels use is provided.
#pragma once
#include <atomic>
#include <barrier>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(n)
#define __restrict__ __restrict

using std::max;
using std::min;
using std::isnan;

struct dim3 {
  unsigned x = 1, y = 1, z = 1;
};
struct float4 {
  float x, y, z, w;
};
struct int2 {
  int x, y;
};

inline thread_local dim3 threadIdx;
inline thread_local dim3 blockIdx;
inline dim3 blockDim;
inline dim3 gridDim;

namespace host {
inline std::unique_ptr<std::barrier<>> blockBarrier;
inline std::vector<std::unique_ptr<std::barrier<>>> warpBarriers;
inline std::vector<uint64_t> warpSlots;
}  // namespace host

inline void __syncthreads() { host::blockBarrier->arrive_and_wait(); }

template <class T>
T __shfl_xor_sync(unsigned, T v, int laneMask) {
  static_assert(sizeof(T) <= 8, "one slot per lane");
  int warp = threadIdx.x / 32;
  int lane = threadIdx.x % 32;
  std::memcpy(&host::warpSlots[32 * warp + lane], &v, sizeof(T));
  host::warpBarriers[warp]->arrive_and_wait();
  T r;
  std::memcpy(&r, &host::warpSlots[32 * warp + (lane ^ laneMask)], sizeof(T));
  host::warpBarriers[warp]->arrive_and_wait();
  return r;
}

inline void __syncwarp() { host::warpBarriers[threadIdx.x / 32]->arrive_and_wait(); }

inline int atomicAdd(int* address, int v) {
  return __atomic_fetch_add(address, v, __ATOMIC_SEQ_CST);
}

inline double atomicAdd(double* address, double v) {
  return std::atomic_ref<double>(*address).fetch_add(v);
}

// kernel<<<grid, block>>>(args...): one OS thread per CUDA thread of a block, the blocks in
// turn (a barrier between two blocks, so that static shared memory serves one block at a time).
template <class Kernel, class... Args>
void launch(Kernel kernel, dim3 grid, dim3 block, Args... args) {
  gridDim = grid;
  blockDim = block;
  int threads = (int) block.x;
  int warps = (threads + 31) / 32;
  host::blockBarrier = std::make_unique<std::barrier<>>(threads);
  host::warpBarriers.clear();
  for (int w = 0; w < warps; w++) {
    host::warpBarriers.push_back(std::make_unique<std::barrier<>>(min(32, threads - 32 * w)));
  }
  host::warpSlots.assign(32 * warps, 0);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; t++) {
    pool.emplace_back([=] {
      threadIdx = dim3{(unsigned) t, 0, 0};
      for (unsigned by = 0; by < grid.y; by++) {
        for (unsigned bx = 0; bx < grid.x; bx++) {
          blockIdx = dim3{bx, by, 0};
          kernel(args...);
          host::blockBarrier->arrive_and_wait();
        }
      }
    });
  }
  for (auto& th : pool) th.join();
}
