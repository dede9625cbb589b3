// The files of the kernels' host runs (FastKernelHostRunTest writes and reads them): a sequence
// of arrays, each an int32 length and that many little-endian values.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

// The harnesses' command line: INPUT OUTPUT; opens INPUT (exits 2 with a usage line, or 1).
inline FILE* openInput(int argc, char** argv, const char* usage) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s INPUT OUTPUT\n", usage);
    std::exit(2);
  }
  FILE* in = std::fopen(argv[1], "rb");
  if (!in) {
    std::perror(argv[1]);
    std::exit(1);
  }
  return in;
}

template <class T>
std::vector<T> readArray(FILE* f) {
  int32_t n = 0;
  if (std::fread(&n, 4, 1, f) != 1) throw std::runtime_error("truncated input");
  std::vector<T> v(n);
  if (n > 0 && std::fread(v.data(), sizeof(T), n, f) != (size_t) n) {
    throw std::runtime_error("truncated input");
  }
  return v;
}

template <class T>
void writeArray(FILE* f, const std::vector<T>& v) {
  int32_t n = (int32_t) v.size();
  std::fwrite(&n, 4, 1, f);
  std::fwrite(v.data(), sizeof(T), v.size(), f);
}

// Both sides' PackedLaes arrays and the searched pairs (PairPlan.pairs), as the engine uploads.
struct PairData {
  std::vector<float> posA, wA, posB, wB;
  std::vector<int32_t> startA, countA, startB, countB, pairs;

  static PairData read(FILE* f) {
    PairData d;
    d.posA = readArray<float>(f);
    d.wA = readArray<float>(f);
    d.startA = readArray<int32_t>(f);
    d.countA = readArray<int32_t>(f);
    d.posB = readArray<float>(f);
    d.wB = readArray<float>(f);
    d.startB = readArray<int32_t>(f);
    d.countB = readArray<int32_t>(f);
    d.pairs = readArray<int32_t>(f);
    return d;
  }
};
