"""havens run --posterior: the summary `havens` prints over the posterior's
draws is recomputed here from the file by the one quantile rule (written out
independently in conftest.lower_quantile), so that the printed "share of
draws" and ranges are what the file holds."""
import re

import h5py
import numpy as np
import pytest

from conftest import SOURCE, havens, lower_quantile, write_checksum

KEYS = ["treaty.threshold", "ratification.base_hazard"]


@pytest.fixture(scope="module")
def posterior_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("posterior")
    calibration = folder / "calibration.h5"
    # The layout of docs/CALIBRATION.md: the last generation is the posterior,
    # in a file with the user block and checksum havens reads only.
    with h5py.File(calibration, "w", userblock_size=512) as f:
        g = f.create_group("calibration")
        g["parameter"] = np.array(KEYS, dtype=h5py.string_dtype())
        g["particles"] = np.array([[[40, 0.003], [40, 0.003], [40, 0.003]],
                                   [[30, 0.003], [50, 0.004], [40, 0.006]]])
        g["weights"] = np.array([[1 / 3, 1 / 3, 1 / 3], [0.3, 0.3, 0.4]])
    write_checksum(calibration)
    out = folder / "out.h5"
    done = havens("run", SOURCE / "scenarios" / "baseline.toml",
                  SOURCE / "scenarios" / "weakened.toml", "--replicates", "16",
                  "--set", "months=60", "--set", "world.exiles=5000", "--quiet",
                  "--posterior", calibration, "-o", out)
    return out, done.stdout


def outcome(path, group, name):
    with h5py.File(path, "r") as f:
        summary = f[f"scenarios/{group}/summary"]
        names = [n.decode() if isinstance(n, bytes) else n for n in summary["outcome"][:]]
        return summary["outcome_value"][:, names.index(name)]


def spread(values, decimals, sign=False):
    q = lower_quantile(values, [0.5, 0.05, 0.95])  # the one rule (core/quantile.hpp)
    f = f"{{:{'+' if sign else ''}.{decimals}f}}"
    return f"{f.format(q[0])} [{f.format(q[1])}, {f.format(q[2])}]"


def test_both_arms_drew_the_same_particles_from_the_last_generation(posterior_run):
    path, _ = posterior_run
    with h5py.File(path, "r") as f:
        base = f["scenarios/baseline/posterior"]
        draws = base["draw"][:]
        assert (draws == f["scenarios/weakened/posterior/draw"][:]).all()
        last = np.array([[30, 0.003], [50, 0.004], [40, 0.006]])
        assert (base["parameters"][:] == last[draws]).all()
        assert "calibration.h5" in f.attrs["posterior"]


@pytest.mark.parametrize("name,label,better", [
    ("exile_risk", "exile risk", -1),
    ("share_exiles_in_safe_haven", "exiles in a safe haven", +1),
])
def test_the_printed_share_of_draws_matches_the_file(posterior_run, name, label, better):
    path, printed = posterior_run
    difference = outcome(path, "weakened", name) - outcome(path, "baseline", name)
    higher, lower = int((difference > 0).sum()), int((difference < 0).sum())
    up = higher >= lower
    count = higher if up else lower
    percent = int(np.floor(100 * count / difference.size + 0.5))
    assert count > 0, "the arms should differ in some draw"
    verdict = "better" if (1 if up else -1) == better else "worse"
    expected = (f"{label} {'higher' if up else 'lower'} ({verdict}) in {percent}% of draws "
                f"({spread(difference, 3, sign=True)})")
    line = next(l for l in printed.splitlines() if "weakened vs baseline:" in l)
    assert expected in line, f"{expected!r} not in {line!r}"


def test_the_printed_ranges_over_draws_match_the_file(posterior_run):
    path, printed = posterior_run
    for group in ("baseline", "weakened"):
        line = next(l for l in printed.splitlines()
                    if re.match(rf"\s+scenario {group}, \d+ draws", l))
        assert f"exile risk {spread(outcome(path, group, 'exile_risk'), 3)}" in line
        assert f"parties {spread(outcome(path, group, 'parties'), 1)}" in line
