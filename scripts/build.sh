#!/usr/bin/env bash
# Configures and builds the release preset: havens, havens-mpi (OpenMPI),
# the tests and the benchmarks. HAVENS_WERROR=ON (as CI sets it) makes
# every warning an error.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release -DHAVENS_BUILD_TESTS=ON -DHAVENS_BUILD_BENCH=ON -DHAVENS_WITH_MPI=ON \
  -DHAVENS_WERROR="${HAVENS_WERROR:-OFF}" >/dev/null
cmake --build build/release --parallel "$(nproc)"
