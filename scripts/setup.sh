#!/usr/bin/env bash
# Installs, from Debian bookworm's packages, exactly what havens needs to
# build, run and test. Idempotent: when everything is there it prints nothing
# and touches nothing. Run as root (or through sudo).
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build git pkg-config
  # libraries
  libeigen3-dev libtbb-dev libhdf5-dev libboost-graph-dev libtomlplusplus-dev libcli11-dev
  nlohmann-json3-dev libfmt-dev librandom123-dev libgtest-dev libbenchmark-dev zlib1g-dev
  # MPI (sweeps across machines)
  libopenmpi-dev openmpi-bin
  # inspecting results
  hdf5-tools
  # analysis, notebooks and the Python tests, under /usr/bin/python3
  python3 python3-h5py python3-h5netcdf python3-xarray python3-pandas python3-numpy
  python3-scipy python3-matplotlib python3-sklearn python3-pytest python3-nbclient
  python3-nbformat python3-ipykernel python3-nbconvert python3-yaml python3-xxhash
  # installing the analysis package into a venv (pip install ./analysis, offline)
  python3-setuptools python3-wheel python3-venv python3-pip
  # a browser for the tests of the HTML report
  chromium
)

exec "$(dirname "$0")/require_packages.sh" "${packages[@]}"
