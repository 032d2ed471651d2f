#!/usr/bin/env bash
# Deterministic companion to bench/run.sh: instructions executed (valgrind callgrind), aic-lint
# with --jobs 1 against the parse floor, on the same inputs. Unlike wall time on a shared machine,
# these counts repeat exactly, so a regression shows as a changed ratio.
# usage: bench/instructions.sh   (after bench/run.sh has built build-bench/ and bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 2; }
lint=build-bench/aic-lint
floor=build-bench/bench/aic_parse_floor
floor_static=build-bench/bench/aic_parse_floor_static
[[ -x $lint && -x $floor ]] || { echo "run bench/run.sh first (builds build-bench/)"; exit 2; }
mkdir -p bench/out
[[ -d bench/out/synthetic-2000 ]] || python3 bench/gen_repo.py bench/out/synthetic-2000 2000 >/dev/null
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/refs/ {gsub(",", "", $NF); print $NF}'; }
inputs=(examples/model_configs/Qwen--Qwen3-8B_config.json bench/out/synthetic-2000)
[[ -d ../shared/corpus/model_configs ]] && inputs=(../shared/corpus/model_configs "${inputs[@]}")
for input in "${inputs[@]}"; do
  f=$(count "$floor" "$input")
  s=$(count "$floor_static" "$input")
  l=$(count "$lint" check -q --jobs 1 "$input")
  python3 -c "import sys; f,s,l=map(int,sys.argv[2:]); print(f'{sys.argv[1]:<52} floor {f/1e6:8.2f} M  static floor {s/1e6:8.2f} M  aic-lint {l/1e6:8.2f} M  ratio {l/f:5.2f}x ({l/s:5.2f}x static)')" "$input" "$f" "$s" "$l"
done
