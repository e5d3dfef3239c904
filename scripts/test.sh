#!/usr/bin/env bash
# Every test on a fresh machine: set-up, build, then the whole ctest suite
# (GoogleTest unit, property, regression and CLI tests; pytest; notebooks).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --test-dir build/release --output-on-failure --parallel "$(nproc)"
