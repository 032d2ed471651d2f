#!/usr/bin/env bash
# Golden CLI tests. Each directory tests/cli/<scenario>/ holds:
#   args             the command line (after the binary), one shell word per line
#   expected_stdout  what aic-lint must print on stdout
#   expected_exit    the exit code
#   ...              any input files; the command runs inside the scenario directory
# UPDATE_GOLDEN=1 rewrites the expectations from the current binary (review the diff!).
set -uo pipefail
bin=$(realpath "$1")
root=$2
failed=0
passed=0
for dir in "$root"/*/; do
  [[ -f "$dir/args" ]] || continue
  name=$(basename "$dir")
  mapfile -t args < "$dir/args"
  actual=$(cd "$dir" && NO_COLOR=1 "$bin" "${args[@]}" 2>/dev/null)
  code=$?
  if [[ "${UPDATE_GOLDEN:-}" == 1 ]]; then
    printf '%s\n' "$actual" > "$dir/expected_stdout"
    echo "$code" > "$dir/expected_exit"
  fi
  expected=$(cat "$dir/expected_stdout")
  expected_code=$(cat "$dir/expected_exit")
  if [[ "$actual" == "$expected" && "$code" == "$expected_code" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name (exit $code, expected $expected_code)"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -40
  fi
done
echo "golden: $passed passed, $failed failed"
[[ $failed == 0 && $passed -gt 0 ]]
