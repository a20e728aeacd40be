#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, runs every test (unit, differential
# against tshark, integration), then builds again with clang, AddressSanitizer + UBSan and runs the
# suite once more. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# One test more than cores: tests spend part of their time waiting for the tshark and netsift
# runs they start and for files, which left a fifth of two cores idle.
test_jobs=$(($(nproc) + 1))

# The Check build type (-O1, CMakeLists.txt) in its own directory: build/ stays the
# RelWithDebInfo build that bench/ measures.
echo "== build (Check)"
bash scripts/build.sh build-check -DCMAKE_BUILD_TYPE=Check
echo "== tests"
ctest --test-dir build-check -j "$test_jobs" --output-on-failure --timeout 900

# clang: its sanitizers, and the fuzz targets become libFuzzer executables that ctest runs over
# their seeds and past crash inputs.
echo "== build (clang, ASan + UBSan)"
bash scripts/build.sh build-asan -DNETSIFT_SANITIZE=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
echo "== tests under ASan + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j "$test_jobs" --output-on-failure --timeout 1800
