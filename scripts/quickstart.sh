#!/usr/bin/env bash
# First command of the README: install what is missing, build, and lint the bundled examples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DAIC_BUILD_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" --target aic-lint >/dev/null
echo "built build/aic-lint; linting the bundled examples/model_configs (some are broken on purpose):"
echo
# The examples contain deliberate mistakes, so aic-lint exits 1 here: that is the demonstration.
build/aic-lint check examples/model_configs || true
