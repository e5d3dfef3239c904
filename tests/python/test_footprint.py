"""The size check's memory estimate against the peak a real run reaches.

`havens validate` prints the memory a job will need (engine/footprint.cpp);
`havens run` of the same arguments is measured by its peak resident set
(getrusage of the child). The estimate must lie within a factor 2 of the
peak for every shipped scenario and for a stress set, each extreme driven by
another part of the footprint: exiles and their contacts, the queue of
legitimate requests, replicates gathered for writing, sweep points. The
shipped sweeps run at 6 months and 1 replicate here to keep the suite
short; bench/RESULTS.md gives the figures at full size."""
import re
import subprocess
import sys

import pytest

from conftest import BINARY, SOURCE

SCENARIOS = SOURCE / "scenarios"
SHORT = ["--set", "months=6", "--replicates", "1"]

CASES = {
    "baseline": [SCENARIOS / "baseline.toml"],
    "no-treaty": [SCENARIOS / "no-treaty.toml"],
    "strong-safeguards": [SCENARIOS / "strong-safeguards.toml"],
    "weakened": [SCENARIOS / "weakened.toml"],
    "epsilon": [SCENARIOS / "epsilon.toml"],
    "thresholds": [SCENARIOS / "thresholds.toml", *SHORT],
    "safeguards-grid": [SCENARIOS / "safeguards-grid.toml", *SHORT],
    "sensitivity": [SCENARIOS / "sensitivity.toml", *SHORT],
    # The extremes, each driven by one part of the footprint.
    "two million exiles, 32 contacts": [
        SCENARIOS / "baseline.toml", "--set", "world.exiles=2000000",
        "--set", "exiles.contacts=32", "--set", "months=6", "--replicates", "2"],
    "a million legitimate requests a month": [
        SCENARIOS / "baseline.toml", "--set", "requests.legitimate_rate=1000000",
        "--set", "months=24", "--replicates", "1"],
    "64 replicates gathered": [
        SCENARIOS / "baseline.toml", "--set", "world.exiles=1000", "--replicates", "64"],
    "600 sweep points": [
        SCENARIOS / "baseline.toml", "--set", "world.exiles=1000", "--set", "months=12",
        "--replicates", "1", "--sweep", "treaty.threshold=20:80",
        "--design", "latin_hypercube", "--samples", "600"],
}

UNITS = {"KB": 1e3, "MB": 1e6, "GB": 1e9}


def estimated_bytes(args):
    done = subprocess.run([str(BINARY), "validate", *map(str, args)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = re.search(r"about ([\d.]+) (KB|MB|GB) of memory", done.stdout)
    assert found, done.stdout
    return float(found.group(1)) * UNITS[found.group(2)]


# The peak resident set of `command`, measured by a fresh interpreter: a
# process's peak counts the pages it had between fork and exec, so the
# child of this test process (with numpy and pandas loaded) would start at
# this process's size; a bare interpreter is smaller than havens's own world.
MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(child.pid, 0)
sys.stderr.write(child.stderr.read().decode())
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024)
"""


def peak_bytes(args, output):
    done = subprocess.run([sys.executable, "-S", "-c", MEASURE, str(BINARY), "run",
                           *map(str, args), "--quiet", "-o", str(output)],
                          capture_output=True, text=True)
    status, peak = map(int, done.stdout.split())
    assert status == 0, done.stderr
    return peak


@pytest.mark.parametrize("name", CASES)
def test_the_estimate_is_within_a_factor_two_of_the_peak(name, tmp_path):
    args = [*CASES[name], "--threads", "2"]
    estimate = estimated_bytes(args)
    peak = peak_bytes(args, tmp_path / "out.h5")
    assert peak / 2 <= estimate <= 2 * peak, (
        f"{name}: estimated {estimate / 1e6:.0f} MB, peak {peak / 1e6:.0f} MB")
