#!/usr/bin/env bash
# Builds libtbb with -fsanitize=thread from Debian's own source package of
# the installed libtbb-dev, into build/tbb-tsan/install, for the tsan preset
# (scripts/sanitize.sh tsan). Debian ships libtbb uninstrumented, and TSan
# cannot see the ordering that the start and end of a parallel_for give
# inside an uninstrumented library: it then reports havens data written
# before a loop and read in it as races. Built from the same version as the
# headers everything else compiles against, with the compiler of the preset.
#
# Only libtbb is built (no tests, no tbbmalloc, no hwloc binding): about
# 20 s on two cores. A finished build of the installed version is reused;
# another version rebuilds.
#
# The source comes through apt, from the mirrors the system's own sources
# name, with a private list of deb-src entries and a private package cache
# under build/tbb-tsan/apt, so the system's apt configuration is neither
# needed nor changed (a fresh bookworm image has no deb-src line).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/require_packages.sh libtbb-dev dpkg-dev xz-utils g++ cmake ninja-build

root="$PWD/build/tbb-tsan"
version=$(dpkg-query -W -f='${Version}' libtbb-dev)
source_package=$(dpkg-query -W -f='${source:Package}' libtbb-dev)
stamp="$root/install/built-from"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$source_package $version" ]; then
    exit 0
fi
echo "build-tbb-tsan: building $source_package $version with -fsanitize=thread"
rm -rf "$root"
mkdir -p "$root/apt/lists/partial" "$root/apt/cache/archives/partial" "$root/apt/sources" "$root/src"

# The deb-src entries mirror the system's deb entries (deb822 .sources files
# and one-line .list files alike), so that the source comes from wherever the
# binary packages come; apt lists them once its indexes are there.
deb_entries() {
    apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Created-By: Packages' |
        sort -u
}
entries=$(deb_entries)
if [ -z "$entries" ]; then
    apt-get update -qq
    entries=$(deb_entries)
fi
if [ -z "$entries" ]; then
    echo "build-tbb-tsan: apt names no repository to take the source from" >&2
    exit 1
fi
sed 's/^/deb-src /' <<<"$entries" >"$root/apt/sources/src.list"
apt_options=(
    -o "Dir::Etc::SourceList=$root/apt/sources/src.list"
    -o "Dir::Etc::SourceParts=$root/apt/sources"
    -o "Dir::State::Lists=$root/apt/lists"
    -o "Dir::Cache=$root/apt/cache"
    -o "Debug::NoLocking=1"
)
apt-get "${apt_options[@]}" update -qq
if ! (cd "$root/src" && apt-get "${apt_options[@]}" source -qq "$source_package=$version") \
    >"$root/apt/source.log" 2>&1; then
    cat "$root/apt/source.log" >&2
    exit 1
fi
tree=$(find "$root/src" -mindepth 1 -maxdepth 1 -type d | head -n 1)
if [ -z "$tree" ] || [ ! -f "$tree/CMakeLists.txt" ]; then
    echo "build-tbb-tsan: apt-get source $source_package=$version gave no source tree" >&2
    exit 1
fi

# TBB_SANITIZE=thread adds -fsanitize=thread to compiling and linking (and
# turns off the link-time optimisation under which GCC drops the
# instrumentation). TBB_STRICT=OFF: GCC 12's warnings in oneTBB 2021.8 are
# not ours to fail on.
cmake -S "$tree" -B "$root/build" -G Ninja \
    -DCMAKE_CXX_COMPILER=g++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
    -DTBB_SANITIZE=thread -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF \
    -DTBBMALLOC_BUILD=OFF -DTBB_DISABLE_HWLOC_AUTOMATIC_SEARCH=ON -DTBB_ENABLE_IPO=OFF \
    -DCMAKE_INSTALL_PREFIX="$root/install" -DCMAKE_INSTALL_LIBDIR=lib >/dev/null
cmake --build "$root/build" --parallel "$(nproc)" >/dev/null
cmake --install "$root/build" >/dev/null
echo "$source_package $version" >"$stamp"
echo "build-tbb-tsan: installed in $root/install"
