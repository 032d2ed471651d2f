#!/usr/bin/env bash
# Installs the Debian packages aic-lint needs to build and test, only those missing.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail

packages=(g++ cmake make rapidjson-dev libvalijson-dev libspdlog-dev libcli11-dev libgtest-dev)
if [[ "${1:-}" == "--test" ]]; then
  # pre-commit and git: the real pre-commit hook test; python3: golden-test helpers;
  # clang and libclang-rt: the libFuzzer target and sanitizers.
  packages+=(git python3 pre-commit clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
