"""The figures and the tables behind them, on a fresh four-scenario file:
each figure is drawn headless (Agg), titled and labelled, with one curve or
bar per scenario, and the heatmap orders states by UN region."""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import havens_analysis as ha

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def res(scenarios_file):
    return ha.open_results(scenarios_file)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labelled(fig):
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    return ax


def test_ratification_curves_have_a_line_and_band_per_scenario(res):
    ax = labelled(ha.plot_ratification(res.scenarios))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == res.scenario_names
    assert len(ax.collections) == 4  # one band each
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "40" in texts and "60" in texts  # both thresholds marked


def test_bands_are_median_and_interval(res):
    table = ha.timeseries_bands(res.scenarios, "parties")
    base = table[table.scenario == "baseline"]
    parties = res.scenarios["baseline"].parties
    assert np.allclose(base["median"], parties.median("replicate"))
    assert (base["low"] <= base["median"]).all() and (base["median"] <= base["high"]).all()


def test_entry_into_force_distribution(res):
    frame = ha.entry_into_force(res.scenarios)
    assert len(frame) == 12
    assert frame[frame.scenario == "no_treaty"].month.isna().all()
    ax = labelled(ha.plot_entry_into_force(res.scenarios))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("no_treaty (never in force in 3 of 3)" == t for t in legend)


def test_safe_haven_share_figure(res):
    ax = labelled(ha.plot_safe_haven_share(res.scenarios))
    assert len(ax.get_lines()) == 4


def test_requests_breakdown_adds_up(res):
    table = ha.requests_breakdown(res.scenarios)
    for name, ds in res.scenarios.items():
        mine = table[table.scenario == name]
        granted = mine[mine.outcome == "granted"]["mean"].sum()
        refused = mine[mine.outcome == "refused"]["mean"].sum()
        assert granted == pytest.approx(float(ds.requests_granted.sum("month").mean()))
        assert refused == pytest.approx(float(ds.requests_refused.sum("month").mean()))
    assert set(table[table.outcome == "refused"].category) == set(
        res.scenarios["baseline"].reason.values)
    fig = ha.plot_requests(res.scenarios)
    assert len(fig.axes) == 2
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == res.scenario_names


def test_tradeoff_rates_and_dominance(res):
    frame = ha.tradeoff(res.scenarios)
    ds = res.scenarios["baseline"]
    gp, rp = ds.granted_pretextual.sum("month"), ds.refused_pretextual.sum("month")
    base = frame[frame.scenario == "baseline"].sort_values("replicate")
    assert np.allclose(base.pretextual_grant_rate, gp / (gp + rp))
    assert "safeguards.scope" in frame.columns
    summary = ha.tradeoff_summary(res.scenarios)
    assert summary["dominated"].dtype == bool and not summary["dominated"].all()
    ax = labelled(ha.plot_tradeoff(res.scenarios))
    assert len(ax.get_legend().get_texts()) == 4


def test_heatmap_orders_states_by_region(res):
    world = res.world
    matrix = ha.safe_haven_matrix(res.scenarios["baseline"], world)
    assert matrix.dims == ("origin", "host") and matrix.shape == (193, 193)
    regions = world.region.to_series().reindex(matrix.host.values).values
    assert list(regions) == sorted(regions)  # grouped and in order
    assert matrix.attrs["kind"] in ("grant_probability", "haven_share")
    assert float(matrix.min()) >= 0 and float(matrix.max()) <= 1
    fig = ha.plot_safe_haven_heatmap(res.scenarios["baseline"], world)
    ax = labelled(fig)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "Africa" and len(labels) == 5


def test_heatmap_of_selected_origins_names_them(res):
    leading = ["TUR", "RUS", "CHN"]
    fig = ha.plot_safe_haven_heatmap(res.scenarios["weakened"], res.world, origins=leading)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # Ordered by region: Asia-Pacific (CHN), Eastern European (RUS), then
    # Western European and Others (TUR is in that group).
    assert labels == ["CHN", "RUS", "TUR"]
    fig = ha.plot_safe_haven_heatmaps(res.scenarios, res.world, origins=leading)
    assert len([a for a in fig.axes if a.images]) == 4


def test_comparison_table(res):
    table = ha.comparison_table(res.scenarios)
    assert list(table.index) == res.scenario_names
    assert table.loc["no_treaty", "in force (share)"] == 0
    assert table.loc["baseline", "replicates"] == 3
    shares = table.filter(like="exiles in a safe haven")
    assert ((shares >= 0) & (shares <= 1)).all().all()
    low, med, high = (table[f"pretextual requests granted ({q})"] for q in ("5%", "median", "95%"))
    assert (low <= med).all() and (med <= high).all()


def test_paired_differences_between_scenarios(res):
    frame = ha.paired_differences(res.scenarios, "parties_at_horizon", "baseline")
    assert list(frame.index) == ["no_treaty", "strong_safeguards", "weakened"]
    # Safeguards do not change who ratifies: with shared random numbers the
    # difference is exactly zero; without the treaty nobody is party.
    assert frame.loc["weakened", "mean"] == 0 and frame.loc["weakened", "high"] == 0
    parties = res.scenarios["baseline"].parties.isel(month=-1)
    assert frame.loc["no_treaty", "mean"] == pytest.approx(-float(parties.mean()))
    custom = ha.paired_differences(res.scenarios, lambda ds: ds.requests_sent.sum("month"),
                                   "baseline", arms=["no_treaty"])
    assert list(custom.index) == ["no_treaty"]
