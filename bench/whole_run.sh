#!/usr/bin/env bash
# Whole-process benchmarks of the havens binary: the baseline run's wall
# time, memory per exile (peak RSS slope), the 10^7-exile run, and replicate
# scaling with threads. Prints a Markdown block for bench/RESULTS.md.
# Usage: bench/whole_run.sh [path/to/havens]   (run from the repository root)
set -euo pipefail
havens=${1:-build/release/sim/havens}
scenario=scenarios/baseline.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Wall time and peak RSS (KB) of one invocation.
measure() { /usr/bin/time -f "%e %M" "$havens" run "$scenario" -o "$out/r.h5" "$@" 2>&1 >/dev/null | tail -1; }

# Wall time in seconds, to the millisecond, of a run of the given scenario.
seconds_of() {
    local start end
    start=$(date +%s.%N)
    "$havens" run "$@" -o "$out/r.h5" >/dev/null
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f\n", b - a}'
}
seconds() { seconds_of "$scenario" "$@"; }

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "revision: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
times=$(for i in $(seq 10); do seconds --replicates 1 --threads 1; done)
echo "baseline, 1 replicate, 1 thread, whole process (10 runs): median $(echo "$times" | median) s, min $(echo "$times" | sort -n | head -1) s"

small=$(measure --replicates 1 --threads 1 --set world.exiles=200000 --set months=24 | cut -d' ' -f2)
large=$(measure --replicates 1 --threads 1 --set world.exiles=2000000 --set months=24 | cut -d' ' -f2)
echo "peak RSS: $small KB at 2e5 exiles, $large KB at 2e6: $(( (large - small) * 1024 / 1800000 )) bytes per exile"

big=$(measure --replicates 1 --threads 2 --set world.exiles=10000000)
echo "1e7 exiles x 240 months, 2 threads: $(echo "$big" | cut -d' ' -f1) s, peak RSS $(echo "$big" | cut -d' ' -f2) KB"

one=$(seconds --replicates 8 --threads 1)
two=$(seconds --replicates 8 --threads 2)
echo "baseline, 8 replicates: $one s on 1 thread, $two s on 2 threads: speed-up $(awk -v a="$one" -v b="$two" 'BEGIN {printf "%.2f", a / b}')"

# Sweep throughput: the safeguards grid (96 points) with 2 replicates each.
sweep_one=$(seconds_of scenarios/safeguards-grid.toml --replicates 2 --threads 1 --quiet)
sweep_two=$(seconds_of scenarios/safeguards-grid.toml --replicates 2 --threads 2 --quiet)
echo "safeguards grid, 96 points x 2 replicates (192 runs): $sweep_one s on 1 thread ($(awk -v t="$sweep_one" 'BEGIN {printf "%.1f", 192 / t}') runs/s), $sweep_two s on 2 threads ($(awk -v t="$sweep_two" 'BEGIN {printf "%.1f", 192 / t}') runs/s): parallel efficiency $(awk -v a="$sweep_one" -v b="$sweep_two" 'BEGIN {printf "%.0f", 100 * a / (2 * b)}')%"
