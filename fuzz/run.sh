#!/usr/bin/env bash
# Builds (if needed) and runs a libFuzzer target. Usage: fuzz/run.sh [SECONDS] [BUILD_DIR] [TARGET]
# TARGET: fuzz_pipeline (default: the whole per-file pipeline), fuzz_schema (the schema fast
# path against valijson only) or fuzz_front_end (the front end's clean-text fast path against the
# full RapidJSON pass).
# The seed corpus is the project's fixtures; new inputs go to BUILD_DIR/fuzz-corpus (kept between
# runs), crashers to BUILD_DIR/fuzz-crashes. Keep a crasher as a regression: copy it into
# fuzz/regressions/ (FuzzRegressions.* replays every file there through the same pipeline).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build="${2:-build-asan}"
target="${3:-fuzz_pipeline}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIC_FUZZ=ON >/dev/null
fi
# Always (incremental): a target left from an older checkout would fuzz stale code.
cmake --build "$build" -j "$(nproc)" --target "$target" >/dev/null
seeds="$build/fuzz-seeds"
rm -rf "$seeds" && mkdir -p "$seeds" "$build/fuzz-corpus" "$build/fuzz-crashes"
i=0
while IFS= read -r -d '' f; do cp "$f" "$seeds/seed-$((i++)).json"; done < <(
  find tests/rules tests/cli examples/model_configs fuzz/regressions -type f -name '*.json' -print0)
echo "fuzz: $i seed files, ${seconds}s"
# -rss_limit_mb: the pipeline's memory on a 1 MB input stays far below; a leak or blow-up is a bug.
"$build/fuzz/$target" "$build/fuzz-corpus" "$seeds" -dict=fuzz/json.dict \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$build/fuzz-crashes/" 2>&1 | grep -vE '^#[0-9]+.*(NEW|REDUCE|pulse)' || {
  echo "fuzz: FAILED; the crasher is in $build/fuzz-crashes/ (copy it to fuzz/regressions/)"
  exit 1
}
