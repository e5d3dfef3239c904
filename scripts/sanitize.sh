#!/usr/bin/env bash
# Builds a sanitizer preset and runs the tests under it; any sanitizer report
# fails the run (exit status non-zero).
#
#   scripts/sanitize.sh        ASan + UBSan (build/asan): unit and property tests (the CI job)
#   scripts/sanitize.sh tsan   ThreadSanitizer (build/tsan): the planted race, unit and property
#                              tests, with tests/tsan.supp silencing TBB's own internals
#
# The tsan mode does not pass yet: libtbb is not instrumented, so TSan misses
# the ordering at the start and end of every parallel_for and reports havens
# data written before a loop and read in it (or written in it and read after
# it). Only tests that run no TBB loop pass clean.
#
# The cli tests are left out: under ASan they take over ten minutes on two
# cores, and two of them time the havens process (a kill after three saved
# runs, a run short enough to print no progress), which the slow-down breaks.
#
# ASan, LeakSanitizer and TSan reports go to files under
# build/<preset>/sanitizer-logs as well as failing the process that made them,
# so that a report from a havens process started by a test (whose stderr the
# test captures) fails the run too. UBSan reports stay on stderr (its runtime
# inside ASan ignores log_path) and abort the process (the asan preset builds
# with -fno-sanitize-recover=undefined). The labels can be overridden with
# SANITIZE_LABELS (a ctest -L regular expression).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-asan}"
case "$mode" in
    asan) labels="${SANITIZE_LABELS:-unit|property}" ;;
    tsan) labels="${SANITIZE_LABELS:-unit|property}" ;;
    *)
        echo "usage: scripts/sanitize.sh [asan|tsan]" >&2
        exit 2
        ;;
esac
build="build/$mode"
logs="$PWD/$build/sanitizer-logs"

cmake --preset "$mode" -DHAVENS_WITH_MPI=OFF -DHAVENS_BUILD_TESTS=ON \
    -DHAVENS_WERROR="${HAVENS_WERROR:-OFF}" >/dev/null
cmake --build "$build" --parallel "$(nproc)"

rm -rf "$logs"
mkdir -p "$logs"
status=0
if [ "$mode" = asan ]; then
    # halt_on_error stops at the first report; a report (leaks included) makes
    # the process exit non-zero, and the test that ran it fails.
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:print_stacktrace=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$logs/asan"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    ctest --test-dir "$build" -L "$labels" --output-on-failure --parallel "$(nproc)" || status=$?
else
    # Debian's libtbb is not instrumented: tests/tsan.supp names its internals.
    # The planted race test sets its own TSAN_OPTIONS (the same suppressions,
    # reports on stderr) and passes only if the race is still reported.
    export TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp:halt_on_error=1:second_deadlock_stack=1:log_path=$logs/tsan"
    ctest --test-dir "$build" -L "tsan|$labels" --output-on-failure --parallel "$(nproc)" ||
        status=$?
fi

reports=$(find "$logs" -type f | sort)
if [ -n "$reports" ]; then
    for f in $reports; do
        echo "---- $f"
        cat "$f"
    done
    echo "sanitize.sh $mode: $(echo "$reports" | wc -l) sanitizer report(s) above" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
