#!/usr/bin/env bash
# A sweep of many short runs (12 months, 1,000 exiles, one replicate per
# point): wall time, peak memory, file size per point and the phases the
# file records, at 1,000 and 10,000 points. Prints a Markdown block for
# bench/RESULTS.md. Extra arguments go to every `havens run` (for instance
# --set output.flows=false).
# Usage: bench/sweep_scale.sh [path/to/havens] [havens run flags...]
set -euo pipefail
havens=${1:-build/release/sim/havens}
shift || true
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

scenario() {
    cat >"$out/sweep$1.toml" <<TOML
name = "short"
months = 12
replicates = 1
[world]
exiles = 1000
[sweep]
design = "latin_hypercube"
samples = $1
[sweep.ranges]
"treaty.threshold" = [20, 80]
"ratification.b_peer" = [0.5, 3.0]
TOML
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "revision: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); flags: --posterior none $*"
echo
echo "| points | wall | peak RSS | file | per point | phases (wall, CPU) |"
echo "|---|---|---|---|---|---|"
for points in 1000 10000; do
    scenario "$points"
    measured=$(/usr/bin/time -f "%e %M" "$havens" run "$out/sweep$points.toml" --posterior none \
        --quiet --overwrite -o "$out/s.h5" "$@" 2>&1 >/dev/null | tail -1)
    bytes=$(stat -c %s "$out/s.h5")
    phases=$(/usr/bin/python3 -c '
import json, sys, h5py
times = json.loads(h5py.File(sys.argv[1], "r").attrs["phase_times"])
print("; ".join("%s %.1f s (%.1f s)" % (p["phase"], p["wall_seconds"], p["cpu_seconds"])
                for p in times["phases"]))' "$out/s.h5")
    echo "| $points | $(echo "$measured" | cut -d' ' -f1) s | $(( $(echo "$measured" | cut -d' ' -f2) / 1024 )) MB" \
         "| $(( bytes / 1048576 )) MB | $(( bytes / points / 1024 )) KB | $phases |"
done
