"""Shared fixtures for the pytest suite: where the engine and the checkout
are (HAVENS_BINARY and HAVENS_SOURCE_DIR, as ctest sets them, with defaults
for a plain `pytest` in a checkout), and small result files written once per
session by the real engine. Runs are small (60 months, 5000 exiles, 3
replicates) so the whole suite stays within tens of seconds."""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import xxhash

SOURCE = Path(os.environ.setdefault("HAVENS_SOURCE_DIR",
                                    str(Path(__file__).resolve().parents[2])))
BINARY = Path(os.environ.setdefault("HAVENS_BINARY",
                                    str(SOURCE / "build" / "release" / "sim" / "havens")))
ANALYSIS = SOURCE / "analysis"
if str(ANALYSIS) not in sys.path:
    sys.path.insert(0, str(ANALYSIS))

from havens_analysis.engine import WORLD_FILES  # noqa: E402  (needs the path above)

SMALL = ["--replicates", "3", "--set", "months=60", "--set", "world.exiles=5000"]
SHIPPED = ["baseline", "no-treaty", "strong-safeguards", "weakened"]


def havens(*args):
    """Runs the engine; a failure shows its stderr in the test report."""
    done = subprocess.run([str(BINARY), *map(str, args)], capture_output=True, text=True)
    assert done.returncode == 0, f"havens {' '.join(map(str, args))}: {done.stderr.strip()}"
    return done


def write_checksum(path):
    """The record havens writes into the user block (sim/io/h5/checksum.cpp,
    docs/OUTPUT.md): the file's length and XXH64 of the XXH64 hashes (8 bytes
    little-endian each) of every mebibyte after the block, by libxxhash."""
    data = bytearray(path.read_bytes())
    body = memoryview(data)[512:]
    pieces = (body[i:i + (1 << 20)] for i in range(0, len(body), 1 << 20))
    h = xxhash.xxh64(b"".join(xxhash.xxh64(p).digest()[::-1] for p in pieces)).hexdigest()
    record = f"havens-checksum 2\nlength {len(data)}\nxxh64-mib {h}\n".encode()
    data[:512] = record.ljust(512, b"\0")
    path.write_bytes(data)


def load_script(name):
    """Imports scripts/NAME.py as a module, to test its functions."""
    spec = importlib.util.spec_from_file_location(name, SOURCE / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def world_keys():
    """Top-of-file keys pointing a scenario written in a temporary folder at
    the default world (world paths are relative to the scenario file)."""
    data = SOURCE / "scenarios" / "data"
    return "".join(f'world.{key} = "{data / name}"\n' for key, name in WORLD_FILES.items())


@pytest.fixture(scope="session")
def scenarios_file(tmp_path_factory):
    """The four shipped scenarios in one file (one seed: common random numbers),
    as point runs: an ordinary file, which the tests of runs over a posterior
    extend by hand."""
    path = tmp_path_factory.mktemp("scenarios") / "four.h5"
    havens("run", *[SOURCE / "scenarios" / f"{n}.toml" for n in SHIPPED], *SMALL,
           "--posterior", "none", "-o", path)
    return path


GRID_SWEEP = '''name = "grid"
months = 60
replicates = 3
seed = 7
world.exiles = 5000

[sweep]
design = "grid"

[sweep.values]
"treaty.threshold" = [20, 60]
"safeguards.dual_criminality" = ["optional", "mandatory"]
'''

SALTELLI_SWEEP = '''name = "sens"
months = 48
replicates = 2
seed = 3
world.exiles = 3000

[sweep]
design = "saltelli"
samples = 8

[sweep.ranges]
"ratification.b_peer" = [2.0, 9.0]
"decision.detection" = [0.2, 1.0]
"requests.rate" = [0.005, 0.02]
'''


def sweep_result(tmp_path_factory, name, body):
    folder = tmp_path_factory.mktemp(name)
    scenario = folder / f"{name}.toml"
    scenario.write_text(world_keys() + body)
    path = folder / f"{name}.h5"
    havens("run", scenario, "-o", path)
    return path


@pytest.fixture(scope="session")
def grid_file(tmp_path_factory):
    """A grid sweep: 2 thresholds x 2 dual-criminality options = 4 points."""
    return sweep_result(tmp_path_factory, "grid", GRID_SWEEP)


@pytest.fixture(scope="session")
def saltelli_file(tmp_path_factory):
    """A Saltelli sweep over 3 keys with N = 8: 8 * (3 + 2) = 40 points."""
    return sweep_result(tmp_path_factory, "sens", SALTELLI_SWEEP)


@pytest.fixture(scope="session")
def epsilon_file(tmp_path_factory):
    """The shipped scenarios/epsilon.toml (a grid over
    decision.safe_haven_epsilon, 5 points), small: 2 replicates."""
    path = tmp_path_factory.mktemp("epsilon") / "epsilon.h5"
    havens("run", SOURCE / "scenarios" / "epsilon.toml", "--replicates", "2",
           "--set", "months=60", "--set", "world.exiles=5000", "-o", path)
    return path


def small_calibration_toml():
    """A calibration of a few seconds: the treaty's pace only (no exiles, no
    legitimate requests, 10 years), 60 particles, 3 generations. Its third
    parameter, decision.grant_intercept, moves nothing the targets see (with
    no exiles there are no decisions), so its posterior is its prior."""
    return f'''scenario = "{SOURCE / "scenarios" / "baseline.toml"}"
set = ["treaty.observed_deposits=false", "world.exiles=0", "requests.legitimate_rate=0",
       "months=120"]

[sampler]
particles = 60
replicates = 1
moves = 1
max_generations = 3
seed = 1

[parameters."ratification.base_hazard"]
prior = "log_uniform"
low = 0.001
high = 0.02

[parameters."ratification.lag_median_months"]
prior = "uniform"
low = 3
high = 24

[parameters."decision.grant_intercept"]
prior = "uniform"
low = -2
high = 6

[targets.parties_month_7]
statistic = "parties_at_month"
month = 7
observed = 3
sd = 1
source = "scenarios/data/treaty_events.csv"

[targets.untoc_40th_instrument]
statistic = "month_of_parties"
count = 40
observed = 30.6
sd = 6
source = "scenarios/data/treaty_analogue_untoc.csv: UNTOC's 40th instrument"

[targets.untoc_100th_party]
statistic = "month_of_parties"
count = 100
observed = 50.7
sd = 6
source = "scenarios/data/treaty_analogue_untoc.csv: UNTOC's 100th party"

[targets.untoc_parties_month_94]
statistic = "parties_at_month"
month = 94
observed = 147
sd = 10
fit = false
source = "scenarios/data/treaty_analogue_untoc.csv: 147 UNTOC parties in October 2008"
'''


@pytest.fixture(scope="session")
def calibration_file(tmp_path_factory):
    """A small `havens calibrate` result (small_calibration_toml)."""
    folder = tmp_path_factory.mktemp("calibration")
    config = folder / "calibration.toml"
    config.write_text(small_calibration_toml())
    path = folder / "calibration.h5"
    havens("calibrate", config, "-o", path)
    return path


def lower_quantile(values, p):
    """The one quantile rule, written out independently of the package: the
    value at position ceil(p n) of the sorted values (NaN last)."""
    v = np.asarray(values, dtype=float).ravel()
    v = np.concatenate([np.sort(v[~np.isnan(v)]), v[np.isnan(v)]])

    def one(q):
        return v[max(int(np.ceil(q * v.size - 1e-9)) - 1, 0)]
    return np.array([one(q) for q in p]) if np.ndim(p) else float(one(p))
