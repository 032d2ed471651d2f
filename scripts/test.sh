#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, build, run every test;
# then the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer, and short fuzz
# runs (the per-file pipeline, then the front end's two passes against each other). AIC_QUICK=1
# skips the sanitizer and fuzz steps (local iteration only; CI runs everything).
# AIC_FUZZ_SECONDS sets the pipeline fuzz run's length (default 60; the front end's: half).
set -euo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp)
trap 'rm -f "$results"' EXIT
# ctest, keeping its summary line ("100% tests passed, 0 tests failed out of 152") for the end.
run_ctest() {
  local out
  out=$(mktemp)
  local status=0
  ctest "$@" 2>&1 | tee "$out" || status=$?
  local skipped
  skipped=$(grep -cE '^[[:space:]]+[0-9]+ - .*\(Skipped\)$' "$out" || true)
  grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$out" |
    sed -E "s/.* ([0-9]+) tests? failed out of ([0-9]+).*/\\1 \\2 ${skipped}/" >> "$results" || true
  rm -f "$out"
  return "$status"
}
# One closing line for the whole script, in the plain "N passed, N failed" form.
# ("failed total skipped" per ctest run in $results; skipped tests are named in ctest's output.)
summary() {
  awk '{ failed += $1; total += $2; skipped += $3 }
       END { printf "tests: %d passed, %d failed, %d skipped\n", total - failed - skipped, failed, skipped }' "$results"
}
scripts/install-deps.sh --test
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DAIC_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$(nproc)"
run_ctest --test-dir build --output-on-failure -j "$(nproc)"

if [[ "${AIC_QUICK:-}" == 1 ]]; then
  echo "test.sh: AIC_QUICK=1: sanitizer suite and fuzz run SKIPPED"
  summary
  exit 0
fi
# One clang build serves both: every object has ASan+UBSan and libFuzzer's coverage hooks, so
# the suite runs sanitized and the fuzz target links against the same library.
echo "test.sh: the whole suite under ASan+UBSan (build-asan)"
CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIC_SANITIZE=ON -DAIC_FUZZ=ON \
  -DAIC_BUILD_TESTS=ON >/dev/null
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_stack_use_after_return=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
echo "test.sh: fuzzing the pipeline for ${AIC_FUZZ_SECONDS:-60}s"
fuzz/run.sh "${AIC_FUZZ_SECONDS:-60}" build-asan
# The front end's clean-text fast path against the full RapidJSON pass: half as long.
echo "test.sh: fuzzing the front end's two passes for $(( ${AIC_FUZZ_SECONDS:-60} / 2 ))s"
fuzz/run.sh "$(( ${AIC_FUZZ_SECONDS:-60} / 2 ))" build-asan fuzz_front_end
summary
