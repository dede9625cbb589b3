#!/usr/bin/env bash
# Packs the CUDA engine's GPU checks for a GPU machine that has no Java: a jlink-made runtime,
# the JCuda and JUnit console jars, the gpu and arrow-io classes and test classes, and the NiNb
# samples if ../shared has them — into .gpu-run/ at the repository root (ignored by git, about
# 55 MB), with run.sh beside them. On the GPU machine, from a copy of the repository root:
#
#   bash .gpu-run/run.sh          (writes tests.txt and bench.txt to $OUT or ./gpu-check-out)
#
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
R=.gpu-run
rm -rf "$R"
mkdir -p "$R/lib"
./mvnw -q -B -pl gpu -am test-compile
./mvnw -q -B -pl gpu dependency:copy-dependencies -DincludeScope=test \
  -DincludeArtifactIds=jcuda,jcuda-natives -DoutputDirectory="$root/$R/lib"
./mvnw -q -B dependency:copy \
  -Dartifact=org.junit.platform:junit-platform-console-standalone:1.11.4 \
  -DoutputDirectory="$root/$R/lib"
jlink --add-modules \
  java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$R/jre"
cp -r gpu/target/classes "$R/gpu-classes"
cp -r gpu/target/test-classes "$R/gpu-tests"
cp -r arrow-io/target/classes "$R/arrow-classes"
cp -r arrow-io/target/test-classes "$R/arrow-tests"
if [ -d ../shared/data/ninb-glass ]; then
  mkdir -p "$R/shared/data"
  cp -r ../shared/data/ninb-glass "$R/shared/data/"
fi
cp gpu/gpu-check/run.sh "$R/run.sh"
du -sh "$R"
