#!/usr/bin/env bash
# The main job on a fresh machine: set-up, build, then the default scenario,
# which writes results/baseline.h5 and prints a short summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
# No -o: the default path, results/NAME.h5, is the one whose folder havens
# creates (an -o into a missing folder is refused, docs/OUTPUT.md).
build/release/sim/havens run scenarios/baseline.toml "$@"
