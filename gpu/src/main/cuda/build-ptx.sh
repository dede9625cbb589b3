#!/usr/bin/env bash
# Rebuilds the shipped PTX of the CUDA engine from giip_kernels.cu. Run it after editing the
# kernels and commit the result; the Maven build never needs nvcc.
#
#   gpu/src/main/cuda/build-ptx.sh            (needs nvcc 12.x or 13.x on the PATH)
#
# The PTX is generated for the virtual architecture compute_80 (.target sm_80): it JIT-compiles
# on sm_80 and every newer GPU (H100/H200 = sm_90). nvcc 13 writes ".version 9.0", which only
# an r580+ driver and not JCuda 12.6's bundled nvPTXCompiler (ISA <= 8.0) accepts. The kernels
# use nothing newer than PTX ISA 7.x (shuffles, ex2.approx, fp64), so the version line is
# lowered to 8.0 (the ISA of CUDA 12.0–12.3) after compilation; ptxas checks the result here
# and PtxResourceTest checks it again with JCuda's nvPTXCompiler in every build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../resources/org/giipbeam/gpu/cuda/giip_kernels.ptx"
nvcc="${NVCC:-nvcc}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# -use_fast_math: exp2f -> ex2.approx.ftz.f32 (one MUFU op); the double exp() of the final value
# is not affected. -lineinfo keeps source lines for Nsight Compute.
"$nvcc" -ptx -arch=compute_80 -use_fast_math -lineinfo -std=c++17 \
  -o "$tmp/giip_kernels.ptx" "$here/giip_kernels.cu"
sed -E -e 's/^\.version [0-9]+\.[0-9]+$/.version 8.0/' \
  -e '/^\/\/ Cuda compilation tools|^\/\/ Based on NVVM|^\/\/ Compiler Build ID/d' \
  -e 's#^(\s*\.file\s+[0-9]+\s+)"[^"]*/([^/"]+)"#\1"\2"#' \
  "$tmp/giip_kernels.ptx" > "$out"
grep -q '^\.version 8\.0$' "$out"
grep -q '^\.target sm_80$' "$out"
# the lowered PTX must still assemble (sm_80 and sm_90)
if command -v ptxas >/dev/null; then
  ptxas -arch=sm_80 -o /dev/null "$out"
  ptxas -arch=sm_90 -v -o /dev/null "$out" 2>&1 | grep -E 'registers|Compiling' || true
fi
echo "wrote $out"
