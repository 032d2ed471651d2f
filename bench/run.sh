#!/usr/bin/env bash
# Whole-process benchmark: aic-lint (full lint, every rule, text output) against the floor
# (bench/parse_floor.cc: read + plain RapidJSON DOM parse, one thread) on the same inputs, in the
# same run, reported as ratios (these machines are shared and noisy: absolute times mean little).
#
# usage: bench/run.sh [--peers]    (--peers also times sourcemeta's jsonschema and ajv-cli from npm)
# Inputs: ../shared/corpus/model_configs if present, one small config, a synthetic 10,000-file
# repository (bench/gen_repo.py). Results: bench/out/*.json and a summary on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)"; exit 2; }

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAIC_BUILD_BENCH=ON -DAIC_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j "$(nproc)" >/dev/null
lint=build-bench/aic-lint
floor=build-bench/bench/aic_parse_floor
floor_static=build-bench/bench/aic_parse_floor_static  # the same program linked -static, like aic-lint
out=bench/out
mkdir -p "$out"
[[ -d $out/synthetic/model_configs ]] || python3 bench/gen_repo.py "$out/synthetic/model_configs" 10000 >/dev/null

ratio() {  # hyperfine export (results 0 and 1: the two floors) -> ratios to each floor
  python3 - "$1" "$2" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
# Means, and medians: on a VM a second core now and then stalls, which pulls a mean up.
floor, floor_static = results[0]["mean"], results[1]["mean"]
floor_median = results[0]["median"]
print(f"{sys.argv[2]:<28} floor {floor*1e3:7.1f} ms (median {floor_median*1e3:.1f}), static floor {floor_static*1e3:7.1f} ms")
def p90(r):  # the slow tail: a late start of the second core shows here first
    times = sorted(r["times"])
    return times[(9 * len(times)) // 10]
for r in results[2:]:
    print(f"  {r['command'][:66]:<66} {r['mean']*1e3:8.1f} ms  ratio {r['mean']/floor:5.2f}x  "
          f"(median {r['median']/floor_median:5.2f}x; 90th percentile {p90(r)*1e3:.1f} ms; "
          f"static floor: {r['mean']/floor_static:5.2f}x)")
PY
}

run() {  # name, inputs...
  local name=$1; shift
  hyperfine -N --warmup 3 --min-runs 10 --max-runs 100 --export-json "$out/$name.json" \
    "$floor $*" "$floor_static $*" "$lint check -q --color never $*" "$lint check -q --color never --jobs 1 $*" >/dev/null 2>&1 || true
  ratio "$out/$name.json" "$name"
}

corpus=../shared/corpus/model_configs
if [[ -d $corpus ]]; then run corpus "$corpus"; else echo "corpus: SKIPPED (no ../shared/corpus)"; fi
run single-small-file examples/model_configs/Qwen--Qwen3-8B_config.json
run synthetic-10000 "$out/synthetic/model_configs"

# Peak memory on the 10,000-file repository (max RSS, KiB).
for cmd in "$floor" "$lint check -q --color never"; do
  rss=$( { /usr/bin/time -f '%M' $cmd "$out/synthetic/model_configs" >/dev/null; } 2>&1 | tail -1)
  echo "peak RSS synthetic-10000: ${rss} KiB  ($cmd)"
done

if [[ "${1:-}" == "--peers" && -d $corpus ]]; then
  [[ -x $out/node_modules/.bin/jsonschema ]] ||
    npm install --prefix "$out" --no-audit --no-fund @sourcemeta/jsonschema ajv-cli >/dev/null
  configs=$(ls "$corpus"/*_config.json | grep -v _hf_quant_config.json | tr '\n' ' ')
  hyperfine -N --warmup 2 --min-runs 5 --export-json "$out/peers.json" -i \
    "$floor $configs" \
    "$floor_static $configs" \
    "$lint check -q --color never $configs" \
    "$out/node_modules/.bin/jsonschema validate schemas/model-config.schema.json $configs" \
    "$out/node_modules/.bin/ajv validate --spec=draft7 --strict=false -s schemas/model-config.schema.json $(printf -- '-d %s ' $configs)" \
    >/dev/null 2>&1 || true
  ratio "$out/peers.json" "peers (corpus configs)"
fi
