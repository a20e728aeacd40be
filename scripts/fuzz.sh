#!/usr/bin/env bash
# Long fuzzing runs: scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) into build-fuzz/,
# then fuzzes TARGET for SECONDS starting from its seeds (fuzz/corpus/TARGET/, read only: new
# interesting inputs go to build-fuzz/corpus/TARGET/) and writes every crash, leak or timeout
# input into fuzz/regressions/TARGET/, which ctest replays from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: $0 TARGET SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
if [ ! -d "fuzz/corpus/$target" ]; then
  echo "fuzz.sh: no seeds in fuzz/corpus/$target (targets: $(ls fuzz/corpus | tr '\n' ' '))" >&2
  exit 2
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNETSIFT_FUZZ=ON -DNETSIFT_TESTS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "$target"
mkdir -p "build-fuzz/corpus/$target" "fuzz/regressions/$target"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  "build-fuzz/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="fuzz/regressions/$target/" "$@" \
  "build-fuzz/corpus/$target" "fuzz/corpus/$target"
