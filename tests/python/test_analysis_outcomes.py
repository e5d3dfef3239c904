"""The outcomes added with the law outside the convention, on the fresh
four-scenario file: exile risk, exiles in custody and extradited, the
legitimate refusals of Free states, the channels requests are sent through.
Each is checked against the engine's own summary or against the arrays read
with h5py, not against the package's arithmetic."""
import h5py
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import havens_analysis as ha
from conftest import lower_quantile

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def res(scenarios_file):
    return ha.open_results(scenarios_file)


def engine_outcome(ds, name):
    """summary/outcome_value as the engine computed it."""
    return ds.outcome_value.sel(outcome=name).values


def test_exile_risk_at_horizon_is_the_engines(res):
    for ds in res.scenarios.values():
        risk = ha.outcome(ds, "exile_risk")
        assert risk.dims == ("replicate",)
        assert np.allclose(risk.values, engine_outcome(ds, "exile_risk"))
        assert ((risk > 0) & (risk < 1)).all()
    mean = ha.outcome(res.scenarios["baseline"], "exile_risk_mean")
    assert np.allclose(mean, res.scenarios["baseline"].exile_risk.mean("month"))


def test_custody_is_extradited_plus_pending_plus_removed(res):
    for ds in res.scenarios.values():
        exiles = ds.exiles.values
        detained = ha.outcome(ds, "detained_share_at_horizon").values
        extradited = ha.outcome(ds, "extradited_share_at_horizon").values
        removed = ha.outcome(ds, "removed_share_at_horizon").values
        assert np.allclose(detained * exiles, engine_outcome(ds, "detained"))
        assert np.allclose(extradited * exiles, engine_outcome(ds, "extradited"))
        assert np.allclose(removed * exiles, engine_outcome(ds, "removed"))
        stock = ds.exiles_by_status.isel(month=-1)
        assert np.array_equal(engine_outcome(ds, "detained"), stock.sel(
            status=["pending_extradition", "extradited", "removed"]).sum("status").values)
        # Some are still awaiting the decision after a provisional arrest.
        assert (detained > extradited + removed).any()
        assert (detained >= extradited + removed - 1e-12).all()


def test_legitimate_refusal_share_of_free_states(res, scenarios_file):
    with h5py.File(scenarios_file, "r") as f:
        status = f["world/states/fh_status"].asstr()[()]
        sent = f["scenarios/weakened/states/legitimate_sent"][()]
        refused = f["scenarios/weakened/states/legitimate_refused"][()]
    free = status == "Free"
    assert 0 < free.sum() < len(free)
    expected = refused[:, free].sum(axis=1) / sent[:, free].sum(axis=1)
    share = ha.outcome(res.scenarios["weakened"], "legitimate_refusal_share_free")
    assert np.allclose(share.values, expected)
    everyone = refused.sum(axis=1) / sent.sum(axis=1)
    assert not np.allclose(share.values, everyone)  # the Free states alone, not all


def test_legitimate_arrays_add_up_to_the_timeseries(res):
    for ds in res.scenarios.values():
        assert (ds.legitimate_refused.sum("state") == ds.refused_legitimate.sum("month")).all()
        completed = ds.granted_legitimate.sum("month") + ds.refused_legitimate.sum("month")
        assert (ds.legitimate_sent.sum("state") >= completed).all()


def test_free_refusals_need_the_world(res):
    ds = res.scenarios["baseline"].drop_vars("fh_status")
    with pytest.raises(ValueError, match="fh_status"):
        ha.outcome(ds, "legitimate_refusal_share_free")


def test_channel_shares(res):
    table = ha.channel_shares(res.scenarios)
    assert list(table.index) == res.scenario_names
    assert list(table.columns) == list(res.scenarios["baseline"].channel.values)
    assert np.allclose(table.sum(axis=1), 1)
    assert table.loc["no_treaty", "uncc"] == 0  # no convention, no convention channel
    sent = res.scenarios["weakened"].sent_by_channel.sum("month")
    by_hand = (sent / sent.sum("channel")).mean("replicate")
    assert np.allclose(table.loc["weakened"].values, by_hand.values)


def test_comparison_table_leads_with_exile_risk(res):
    table = ha.comparison_table(res.scenarios)
    medians = [c for c in table.columns if c.endswith("(median)") and "month" not in c
               and "parties" not in c]
    assert medians[0] == "exile risk (median)"
    risk = table["exile risk (median)"]
    for name, ds in res.scenarios.items():
        assert risk[name] == pytest.approx(lower_quantile(engine_outcome(ds, "exile_risk"), 0.5))
    assert ((table["exiles extradited (5%)"] <= table["exiles extradited (median)"])
            & (table["exiles extradited (median)"] <= table["exiles extradited (95%)"])).all()
    assert "legitimate requests of Free states refused (median)" in table


def test_exile_risk_figure(res):
    fig = ha.plot_exile_risk(res.scenarios)
    ax = fig.axes[0]
    assert "Exile risk" in ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "The convention as adopted", "No convention",
        "Strong safeguards made binding",
        "Weakened by the 2024 deletion proposals"]  # scenarios by title
    assert len(ax.get_lines()) == 4 and len(ax.collections) == 4
    assert ax.get_ylim()[0] == 0
    median = res.scenarios["weakened"].exile_risk.median("replicate").values
    line = ax.get_lines()[res.scenario_names.index("weakened")]
    assert np.allclose(line.get_ydata(), median)
    plt.close(fig)
