#!/usr/bin/env bash
# The real pre-commit tool runs this repository's hook (.pre-commit-hooks.yaml) with
# `pre-commit try-repo` in a scratch git repository: a good config passes, a bad one is blocked
# with file:line:col, and JSON outside model_configs/ is not handed to the hook.
# Usage: run_precommit_test.sh BUILD_DIR_WITH_AIC_LINT SOURCE_DIR. Exit 77 (ctest: skipped) when
# pre-commit or git is missing or SOURCE_DIR is not a git checkout; nothing is downloaded.
set -uo pipefail
bin_dir=$(realpath "$1")
src=$(realpath "$2")

for tool in git pre-commit; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (scripts/install-deps.sh --test installs it)"
    exit 77
  fi
done
if ! git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "SKIP: $src is not a git checkout; pre-commit try-repo needs one"
  exit 77
fi
[[ -x "$bin_dir/aic-lint" ]] || { echo "FAIL: no $bin_dir/aic-lint"; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Everything pre-commit and git write stays in the scratch directory; no network is needed
# (language: system installs nothing).
export PRE_COMMIT_HOME="$scratch/cache" HOME="$scratch/home" XDG_CACHE_HOME="$scratch/cache"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export PATH="$bin_dir:$PATH" NO_COLOR=1 PRE_COMMIT_COLOR=never
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global --add safe.directory '*'

repo="$scratch/repo"
mkdir -p "$repo/model_configs" "$repo/other"
git -C "$repo" init -q
cp "$src/examples/model_configs/Qwen--Qwen3-8B_config.json" "$repo/model_configs/"
# A duplicate key, 15 lines down: aic-lint must point at it.
python3 - "$repo/model_configs/Qwen--Qwen3-8B_config.json" "$repo/model_configs/Qwen--Qwen3-8B-Base_config.json" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
head, sep, tail = text.partition('\n')
open(sys.argv[2], "w", encoding="utf-8").write(head + sep + '  "hidden_size": 1,\n' + tail)
PY
printf '{"not": "a model config", }\n' > "$repo/other/settings.json"
git -C "$repo" add -A

failed=0
check() {  # NAME EXPECTED_EXIT(0|nonzero) PATTERN FILE...
  local name=$1 expect=$2 pattern=$3
  shift 3
  local out code
  out=$(cd "$repo" && pre-commit try-repo "$src" aic-lint --files "$@" 2>&1)
  code=$?
  local ok=1
  if [[ $expect == 0 && $code != 0 ]] || [[ $expect != 0 && $code == 0 ]]; then ok=0; fi
  if [[ -n $pattern ]] && ! grep -Eq "$pattern" <<<"$out"; then ok=0; fi
  if ((ok)); then
    echo "PASS $name (exit $code)"
  else
    failed=1
    echo "FAIL $name (exit $code, expected $expect, pattern '$pattern')"
    echo "$out" | tail -40
  fi
}

check good-config 0 'aic-lint\.+Passed' model_configs/Qwen--Qwen3-8B_config.json
check bad-config 1 'model_configs/Qwen--Qwen3-8B-Base_config\.json:[0-9]+:[0-9]+: error: duplicate key .hidden_size.' \
  model_configs/Qwen--Qwen3-8B-Base_config.json
check bad-config-blocks-the-commit-set 1 'aic-lint\.+Failed' \
  model_configs/Qwen--Qwen3-8B_config.json model_configs/Qwen--Qwen3-8B-Base_config.json
check not-a-model-config 0 'aic-lint\.+\(no files to check\)Skipped' other/settings.json
exit $failed
