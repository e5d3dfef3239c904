#!/usr/bin/env bash
# Configures and builds the release preset (tests and benchmarks included).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release -DHAVENS_BUILD_TESTS=ON -DHAVENS_BUILD_BENCH=ON >/dev/null
cmake --build build/release --parallel "$(nproc)"
