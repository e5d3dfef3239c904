#!/usr/bin/env bash
# Fuzzing (CI and by hand): builds the libFuzzer harnesses of tests/fuzz with
# the fuzz preset (clang, address and undefined-behaviour sanitizers), replays
# each harness's checked-in corpus, then fuzzes each one for SECONDS (default
# 60) on one process. The checked-in corpus is copied to a scratch folder
# first and never grows. One summary line per harness; exit status 1 if any
# harness crashed, leaked, timed out or ran out of memory, with the input left
# in build/fuzz/findings/ (replay it: build/fuzz/tests/fuzz/HARNESS FILE).
#
#   bash scripts/fuzz.sh [SECONDS]           replay, then fuzz every harness
#   bash scripts/fuzz.sh --replay            replay the checked-in corpora only
#   HARNESSES="csv_fuzz" bash scripts/fuzz.sh 600    some harnesses only
#   HAVENS_BUILD_JOBS=2                      parallel compile jobs (default: all cores)
set -euo pipefail
cd "$(dirname "$0")/.."

replay_only=0
if [ "${1:-}" = "--replay" ]; then
  replay_only=1
  shift
fi
seconds="${1:-60}"
harnesses=(${HARNESSES:-scenario_fuzz csv_fuzz checkpoint_fuzz result_info_fuzz calibration_fuzz})

bash scripts/require_packages.sh clang libclang-rt-14-dev
start=$(date +%s)
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --parallel "${HAVENS_BUILD_JOBS:-$(nproc)}"
echo "fuzz: built in $(($(date +%s) - start)) s"

bin=build/fuzz/tests/fuzz
work=build/fuzz/corpus-work
logs=build/fuzz/logs
findings=build/fuzz/findings
mkdir -p "$logs" "$findings"
# allocator_may_return_null: libhdf5 mallocs sizes read from a damaged file and
# handles a null answer as an error; ASan would otherwise abort on them.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
limits=(-timeout=10 -rss_limit_mb=2048)

# 1. Replay: every checked-in input (seeds and the crash-* regressions) once.
failed=0
for h in "${harnesses[@]}"; do
  corpus=tests/fuzz/corpus/$h
  count=$(find "$corpus" -type f | wc -l)
  if "$bin/$h" "${limits[@]}" "$corpus"/* >"$logs/$h.replay.log" 2>&1; then
    echo "$h: replayed $count inputs, ok"
  else
    echo "$h: replay FAILED (see $logs/$h.replay.log)"
    failed=1
  fi
done
if [ "$replay_only" -eq 1 ] || [ "$failed" -ne 0 ]; then
  exit "$failed"
fi

# 2. Fuzz each harness for `seconds`, growing a scratch copy of its corpus.
for h in "${harnesses[@]}"; do
  rm -rf "${work:?}/$h"
  mkdir -p "$work/$h"
  cp tests/fuzz/corpus/"$h"/* "$work/$h"/
  dict=()
  [ -f "tests/fuzz/$h.dict" ] && dict=(-dict="tests/fuzz/$h.dict")
  status=0
  "$bin/$h" "${limits[@]}" "${dict[@]}" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$findings/$h-" "$work/$h" >"$logs/$h.log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$h.log" | tail -1)
  [ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$logs/$h.log" | tail -1)
  rate=$(sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p' "$logs/$h.log" | tail -1)
  size=$(find "$work/$h" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    failed=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$logs/$h.log" | tail -1)
    kind=$(basename "${artifact:-unknown-}" | sed "s/^$h-//; s/-.*//")
    result="FAILED: $kind, input ${artifact:-not written} (log $logs/$h.log)"
  fi
  echo "$h: ${runs:-?} runs in ${seconds} s (${rate:-?} exec/s), corpus $size files, $result"
done
exit "$failed"
