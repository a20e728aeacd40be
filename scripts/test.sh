#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, runs every test (unit, differential
# against tshark, integration), then builds again with AddressSanitizer + UBSan and runs the
# suite once more. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)

echo "== build (RelWithDebInfo)"
bash scripts/build.sh build
echo "== tests"
ctest --test-dir build -j "$jobs" --output-on-failure --timeout 900

echo "== build (ASan + UBSan)"
bash scripts/build.sh build-asan -DNETSIFT_SANITIZE=ON
echo "== tests under ASan + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j "$jobs" --output-on-failure --timeout 1800
