#!/usr/bin/env bash
# The CUDA engine's GPU checks (packed by gpu/gpu-check/pack.sh), run from the repository root
# on the GPU machine: the tests of org.giipbeam.gpu.cuda (GPU tests included), then
# CudaBenchmarkMain 3,2 with the FAST 3D kernels' profile. Output: $OUT (or ./gpu-check-out)
# holds gpu.txt, tests.txt and bench.txt; a summary is printed.
set -uo pipefail
R=.gpu-run
OUT="${OUT:-gpu-check-out}"
mkdir -p "$OUT"
CP="$R/gpu-classes:$R/gpu-tests:$R/arrow-classes:$R/arrow-tests:$R/lib/*"
J=("$R/jre/bin/java" -Xmx16g -Dgiip.shared.dir="$R/shared" -Dgiip.repo.dir=.
  --add-opens=java.base/java.nio=ALL-UNNAMED)
{ nvidia-smi; nproc; } > "$OUT/gpu.txt" 2>&1
timeout "${TESTS_SECONDS:-240}" "${J[@]}" -cp "$CP" org.junit.platform.console.ConsoleLauncher \
  execute --select-package org.giipbeam.gpu.cuda --details=tree --disable-ansi-colors \
  > "$OUT/tests.txt" 2>&1
echo "tests rc=$?" >> "$OUT/tests.txt"
timeout "${BENCH_SECONDS:-240}" "${J[@]}" -Dgiip.cuda.profile=true -cp "$CP" \
  org.giipbeam.gpu.cuda.CudaBenchmarkMain 3,2 > "$OUT/bench.txt" 2>&1
echo "bench rc=$?" >> "$OUT/bench.txt"
grep -E "CUDA|✘|tests (successful|failed|skipped)|rc=|Exception|Error" "$OUT/tests.txt" | head -60
tail -30 "$OUT/bench.txt"
