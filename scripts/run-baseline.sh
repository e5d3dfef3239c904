#!/usr/bin/env bash
# The main job on a fresh machine: set-up, build, then the default scenario,
# which writes results/baseline.h5 and prints a short summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The first build takes about 20 minutes on 2 cores: a line at every tenth
# of it, the whole log in build/build.log, and its end if it fails.
mkdir -p build
echo "havens: building (the first build takes about 20 minutes on 2 cores; log: build/build.log)" >&2
if ! scripts/build.sh 2>&1 | tee build/build.log | awk '
    match($0, /^\[[0-9]+\/[0-9]+\]/) {
        split(substr($0, 2, RLENGTH - 2), step, "/")
        tenth = int(10 * step[1] / step[2])
        if (tenth > shown) { printf "havens: build %d%% (%d of %d steps)\n", 10 * tenth, step[1], step[2] > "/dev/stderr"; shown = tenth }
    }'; then
  echo "havens: the build failed; the end of build/build.log:" >&2
  tail -n 30 build/build.log >&2
  exit 1
fi
echo "havens: built; running scenarios/baseline.toml" >&2
build/release/sim/havens run scenarios/baseline.toml "$@"
