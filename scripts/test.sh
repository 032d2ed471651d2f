#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, build, run every test;
# then the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer, and a short fuzz
# run. AIC_QUICK=1 skips the sanitizer and fuzz steps (local iteration only; CI runs everything).
# AIC_FUZZ_SECONDS sets the fuzz run's length (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DAIC_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"

if [[ "${AIC_QUICK:-}" == 1 ]]; then
  echo "test.sh: AIC_QUICK=1: sanitizer suite and fuzz run SKIPPED"
  exit 0
fi
# One clang build serves both: every object has ASan+UBSan and libFuzzer's coverage hooks, so
# the suite runs sanitized and the fuzz target links against the same library.
echo "test.sh: the whole suite under ASan+UBSan (build-asan)"
CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIC_SANITIZE=ON -DAIC_FUZZ=ON \
  -DAIC_BUILD_TESTS=ON >/dev/null
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_stack_use_after_return=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
echo "test.sh: fuzzing the pipeline for ${AIC_FUZZ_SECONDS:-60}s"
fuzz/run.sh "${AIC_FUZZ_SECONDS:-60}" build-asan
