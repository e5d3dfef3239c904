#!/usr/bin/env bash
# The lint gate CI runs after the build: every tracked Python file clean
# under pyflakes (first, as it takes a second), every C++ file formatted as
# .clang-format says, and clang-tidy (the checks in .clang-tidy) clean on
# sim/. Needs the release build's compile_commands.json (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# python3-pyflakes installs the module only (no command): run it with Debian's
# Python, the one that has the analysis packages.
scripts/require_packages.sh python3-pyflakes clang-format clang-tidy

py_files=$(git ls-files '*.py')
echo "lint: pyflakes on $(echo "$py_files" | wc -w) files"
# shellcheck disable=SC2086
/usr/bin/python3 -m pyflakes $py_files

files=$(git ls-files '*.cpp' '*.hpp' '*.h')
echo "lint: clang-format on $(echo "$files" | wc -w) files"
# shellcheck disable=SC2086
clang-format --dry-run --Werror $files

[ -f build/release/compile_commands.json ] || { echo "lint: run scripts/build.sh first" >&2; exit 2; }
echo "lint: clang-tidy on sim/"
start=$(date +%s)
# run-clang-tidy exits non-zero when any file has a finding (WarningsAsErrors).
# The build's flags are gcc's (with -Werror in CI): the compiler's own warnings
# are the build's business, and a gcc-only option is not a finding here.
run-clang-tidy -p build/release -j "$(nproc)" -quiet -extra-arg=-Wno-error \
  -extra-arg=-Wno-unknown-warning-option "$PWD/sim/" >build/release/clang-tidy.log 2>&1 || {
  sed 's/\x1b\[[0-9;]*m//g' build/release/clang-tidy.log | grep -E 'error:' | sort -u >&2
  echo "lint: clang-tidy found the problems above (full log: build/release/clang-tidy.log)" >&2
  exit 1
}
echo "lint: clean ($(($(date +%s) - start)) s for clang-tidy)"
