"""The exile risk's two additive parts on a fresh file: data (evidence
requests granted, interception included) and bodily (an extradition that
ends in surrender or in a removal outside the law). The file's series add
up, the package's outcomes are the file's summary, the report names both
parts, and the vocabulary that came with removal (a channel, a status, an
event outcome) is read and counted as the engine counts it."""
import json
import re

import h5py
import numpy as np
import pytest

import havens_analysis as ha
from havens_analysis import schema as s
from havens_analysis.labels import FALLBACK, code_label
from conftest import SOURCE, havens

SERIES = "scenarios/baseline/timeseries"
SUMMARY = "scenarios/baseline/summary"
NEW_OUTCOMES = {"exile_risk_data": "1", "exile_risk_bodily": "1", "removed": "count"}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The baseline, small (2 replicates, 24 months, 5000 exiles), with the
    request log."""
    path = tmp_path_factory.mktemp("parts") / "baseline.h5"
    havens("run", SOURCE / "scenarios" / "baseline.toml", "--replicates", "2",
           "--set", "months=24", "--set", "world.exiles=5000",
           "--set", "output.request_log=true", "-o", path)
    return path


def read(path, group, name):
    with h5py.File(path, "r") as f:
        return f[f"{group}/{name}"][()]


def summary_value(path, name):
    """summary/outcome_value [replicate] of one outcome, read with h5py."""
    with h5py.File(path, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f[f"{SUMMARY}/outcome"][()]]
        return f[f"{SUMMARY}/outcome_value"][:, names.index(name)]


def test_the_parts_add_up_to_the_risk_every_month(fresh):
    risk, data, bodily = (read(fresh, SERIES, n) for n in ("exile_risk", "exile_risk_data",
                                                           "exile_risk_bodily"))
    assert risk.shape == data.shape == bodily.shape == (2, 24)
    np.testing.assert_allclose(data + bodily, risk, rtol=0, atol=1e-12)
    for part in (data, bodily):
        assert np.isfinite(part).all() and (part >= 0).all() and (part <= 1).all()
    # Neither part is empty in the baseline: both kinds of request are issued.
    assert (data[:, -1] > 0).all() and (bodily[:, -1] > 0).all()


def test_the_packages_outcomes_are_the_files_summary(fresh):
    ds = ha.open_results(fresh).scenario("baseline")
    table = ha.outcome_frame({"baseline": ds}, tuple(NEW_OUTCOMES) + ("exile_risk",))
    for name in NEW_OUTCOMES:
        np.testing.assert_array_equal(table.sort_values("replicate")[name].values,
                                      summary_value(fresh, name), err_msg=name)
        # Also when the package computes them itself (a file without the summary).
        recomputed = ha.outcome(ds.drop_vars(s.OUTCOME_VALUE), name).values
        np.testing.assert_allclose(recomputed, summary_value(fresh, name), rtol=1e-12,
                                   err_msg=name)
    np.testing.assert_allclose(table["exile_risk_data"] + table["exile_risk_bodily"],
                               table["exile_risk"], rtol=0, atol=1e-12)
    with h5py.File(fresh, "r") as f:
        axis = f[f"{SUMMARY}/outcome"]
        names = [n.decode() if isinstance(n, bytes) else n for n in axis[()]]
        labels, units = json.loads(axis.attrs["labels"]), json.loads(axis.attrs["units"])
    for name, unit in NEW_OUTCOMES.items():
        assert units[names.index(name)] == unit, name
        assert labels[names.index(name)] == ha.LABELS[name], name


def test_custody_counts_the_removed(fresh):
    stock = read(fresh, SERIES, "exiles_by_status")[:, -1, :]  # [replicate, status]
    with h5py.File(fresh, "r") as f:
        statuses = [c.decode() for c in f[f"{SERIES}/status"][()]]
    removed = stock[:, statuses.index("removed")]
    custody = stock[:, [statuses.index(c) for c in s.DETAINED]].sum(axis=1)
    assert np.array_equal(summary_value(fresh, "removed"), removed)
    assert np.array_equal(summary_value(fresh, "detained"), custody)
    ds = ha.open_results(fresh).scenario("baseline")
    assert np.array_equal(ha.outcome(ds, "detained").values, custody)


def test_removals_are_counted_as_the_event_log_records_them(fresh):
    res = ha.open_results(fresh)
    ds, events = res.scenario("baseline"), res.events("baseline")
    assert "removed" in list(events["outcome"].cat.categories)
    removed = events[events.outcome == "removed"]
    assert len(removed) > 0, "the baseline should remove someone within two years"
    assert (removed.kind == "extradition").all() and (removed.channel == "removal").all()
    per_replicate = removed.groupby("replicate").size().reindex(range(2), fill_value=0)
    assert np.array_equal(per_replicate.values, ds.requests_removed.sum("month").values)
    # A removal is neither granted nor refused: what was sent ends in one of
    # granted, refused, lapsed, removed, or is still pending.
    ended = (ds.requests_granted + ds.requests_refused + ds.requests_lapsed
             + ds.requests_removed).sum("month") + ds.requests_pending.isel(month=-1)
    assert (ds.requests_sent.sum("month") == ended).all()


def test_every_new_code_has_a_human_label(fresh):
    ds = ha.open_results(fresh).scenario("baseline")
    for dim, codes in ((s.CHANNEL, ("comity", "provider", "domestic", "removal")),
                       (s.REASON, ("provider_policy",)), (s.STATUS, ("removed",))):
        assert set(codes) <= set(ds[dim].values), dim
        for code in codes:
            assert FALLBACK[dim][code] != code
            assert code_label(dim, code) == FALLBACK[dim][code]


def test_the_report_gives_both_parts(fresh, tmp_path):
    page = ha.write_report(fresh, tmp_path / "report").read_text(encoding="utf-8")
    headline = re.search(r"<h2>Exile risk</h2>.*?<p>(.*?)</p>", page, re.S).group(1)
    assert "data part" in headline and "bodily part" in headline
    risk = ha.outcome(ha.open_results(fresh).scenario("baseline"), "exile_risk_data")
    median = ha.quantile(risk.values, 0.5)
    assert f"of which data {median:.1%}" in headline
    table = ha.comparison_table(ha.open_results(fresh).scenarios)
    assert table.loc["baseline", "exile risk, data part (median)"] == pytest.approx(median)
    assert "exile risk, bodily part (median)" in table
