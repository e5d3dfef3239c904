"""docs/SCENARIOS.md's per-state examples as a reader meets them: each
`toml` block headed by its file name is saved, as printed, in an empty folder
and run beside the shipped baseline (smaller than the real thing, so that
the suite stays quick); each does what its text says, in the result file."""
import re

import h5py
import numpy as np
import pytest

from conftest import SMALL, SOURCE, havens
import havens_analysis as ha  # noqa: E402  (conftest puts analysis/ on the path)
from havens_analysis.scenario_changes import scenario_changes

DOC = SOURCE / "docs" / "SCENARIOS.md"
NEVER = -1


def examples():
    """{file name: text} of every ```toml block whose first line is `# NAME.toml`."""
    text = DOC.read_text(encoding="utf-8")
    return {name: body for body, name in
            re.findall(r"```toml\n(# (\S+\.toml)\n.*?)```", text, flags=re.S)}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("examples")
    files = examples()
    assert set(files) >= {"never_usa_eu.toml", "india_2027.toml", "russia_denounces.toml",
                          "g7_never.toml"}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = folder / "examples.h5"
    havens("run", SOURCE / "scenarios" / "baseline.toml", *[folder / n for n in sorted(files)],
           *SMALL, "--set", "months=120", "--quiet", "-o", out)
    with h5py.File(out, "r") as f:
        states = [s.decode() for s in f["world/states/state"][:]]
        yield f, states


def ratified(f, group, states, iso):
    return f[f"scenarios/{group}/states/ratified_month"][:, states.index(iso)]


def test_the_usa_and_the_eu_never_ratify_and_the_parties_are_fewer(runs):
    f, states = runs
    assert (ratified(f, "never_usa_eu", states, "USA") == NEVER).all()
    for iso in ["DEU", "FRA", "ITA", "POL", "SWE"]:
        assert (ratified(f, "never_usa_eu", states, iso) == NEVER).all()
    base = f["scenarios/baseline/timeseries/parties"][:, -1]
    never = f["scenarios/never_usa_eu/timeseries/parties"][:, -1]
    assert (never < base).all()


def test_india_ratifies_in_month_18(runs):
    f, states = runs
    assert (ratified(f, "india_2027", states, "IND") == 18).all()


def test_russia_leaves_a_year_after_its_notice_where_it_is_a_party(runs):
    f, states = runs
    base = f["scenarios/baseline/timeseries/parties"][:]
    left = f["scenarios/russia_denounces/timeseries/parties"][:]
    party = ratified(f, "russia_denounces", states, "RUS")
    assert (party != NEVER).any(), "Russia is a party in no replicate: the example shows nothing"
    for r in np.flatnonzero((party != NEVER) & (party < 60)):
        assert (left[r, :72] == base[r, :72]).all()
        assert left[r, 72] == base[r, 72] - 1


def test_the_g7_sweep_has_a_point_per_member_who_never_ratifies(runs):
    f, states = runs
    sweep = f["sweeps/g7_never"]  # one group: arrays [point, replicate, ...]
    members = [m.decode() if isinstance(m, bytes) else m
               for m in sweep["interventions.never_ratify"][()]]
    assert len(members) == 7
    ran = sweep["replicates_run"][()]
    for p, member in enumerate(members):
        month = sweep["ratified_month"][p, :ran[p], states.index(member)]
        assert ran[p] > 0 and (month == NEVER).all(), member


def test_the_report_says_what_each_example_changes(runs):
    f, _ = runs
    results = ha.open_results(f.filename)
    names = ["baseline", "never_usa_eu", "india_2027", "russia_denounces"]
    changes = scenario_changes({n: results.scenario(n) for n in names})
    assert changes["never_usa_eu"] == [
        "states that never ratify (interventions.never_ratify): none → USA eu"]
    assert changes["india_2027"] == ["interventions.ratify.IND: none → 18"]
    assert changes["russia_denounces"] == ["interventions.denounce.RUS: none → 60"]
