#!/usr/bin/env bash
# Golden CLI tests. Each directory tests/cli/<scenario>/ holds:
#   args             the command line (after the binary), one shell word per line
#   expected_stdout  what aic-lint must print on stdout
#   expected_exit    the exit code
#   expected_stderr  optional: when present, stderr must match it too
#   cwd              optional: a subdirectory of the scenario to run in (config discovery)
#   in_copy          optional: run in a fresh temporary copy of the scenario (commands that
#                    write files, e.g. import), removed afterwards; the checkout stays untouched
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
  base=$dir
  copy=""
  if [[ -f "$dir/in_copy" ]]; then
    copy=$(mktemp -d)
    cp -R "$dir/." "$copy/"
    base=$copy
  fi
  run_dir=$base
  [[ -f "$dir/cwd" ]] && run_dir="$base/$(cat "$dir/cwd")"
  stderr_file=$(mktemp)
  actual=$(cd "$run_dir" && NO_COLOR=1 "$bin" "${args[@]}" 2>"$stderr_file")
  code=$?
  actual_stderr=$(cat "$stderr_file")
  rm -f "$stderr_file"
  [[ -n "$copy" ]] && rm -rf "$copy"
  if [[ "${UPDATE_GOLDEN:-}" == 1 ]]; then
    printf '%s\n' "$actual" > "$dir/expected_stdout"
    echo "$code" > "$dir/expected_exit"
    [[ -f "$dir/expected_stderr" ]] && printf '%s\n' "$actual_stderr" > "$dir/expected_stderr"
  fi
  expected=$(cat "$dir/expected_stdout")
  expected_code=$(cat "$dir/expected_exit")
  stderr_ok=1
  if [[ -f "$dir/expected_stderr" && "$actual_stderr" != "$(cat "$dir/expected_stderr")" ]]; then
    stderr_ok=0
    echo "FAIL $name: stderr differs"
    diff <(cat "$dir/expected_stderr") <(printf '%s\n' "$actual_stderr") | head -20
  fi
  if [[ "$actual" == "$expected" && "$code" == "$expected_code" && $stderr_ok == 1 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name (exit $code, expected $expected_code)"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -40
  fi
done
echo "golden: $passed passed, $failed failed"
[[ $failed == 0 && $passed -gt 0 ]]
