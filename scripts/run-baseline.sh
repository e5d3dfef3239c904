#!/usr/bin/env bash
# The main job on a fresh machine: set-up, build, then the default scenario,
# which writes results/baseline.h5 and prints a short summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
build/release/sim/havens run scenarios/baseline.toml -o results/baseline.h5 "$@"
