"""The figures and the tables behind them, on a fresh four-scenario file:
each figure is drawn headless (Agg), titled and labelled, with one curve or
bar per scenario named for a reader, and the heatmap orders states by UN
region."""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import havens_analysis as ha

matplotlib.use("Agg")

# The shipped scenarios as a reader sees them (their `title` key), in the file's order.
SHOWN = ["The convention as adopted", "No convention", "Strong safeguards made binding",
         "Weakened by the 2024 deletion proposals"]


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
    assert [t.get_text() for t in ax.get_legend().get_texts()] == SHOWN
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
    assert any("No convention (never in force in 3 of 3)" == t for t in legend)


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
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == SHOWN
    # channels and grounds of refusal in words, not codes
    legends = [t.get_text() for ax in fig.axes for t in ax.get_legend().get_texts()]
    assert "UN Cybercrime Convention" in legends and "no legal basis to extradite" in legends
    assert not any("_" in text for text in legends)


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
    frame = ha.paired_differences(res.scenarios, "parties", "baseline")
    assert list(frame.index) == ["no_treaty", "strong_safeguards", "weakened"]
    # Safeguards do not change who ratifies: with shared random numbers the
    # difference is exactly zero; without the treaty nobody is party.
    assert frame.loc["weakened", "mean"] == 0 and frame.loc["weakened", "high"] == 0
    parties = res.scenarios["baseline"].parties.isel(month=-1)
    assert frame.loc["no_treaty", "mean"] == pytest.approx(-float(parties.mean()))
    custom = ha.paired_differences(res.scenarios, lambda ds: ds.requests_sent.sum("month"),
                                   "baseline", arms=["no_treaty"])
    assert list(custom.index) == ["no_treaty"]


def test_labels_humanise_names_and_codes(res):
    from havens_analysis import labels
    assert labels.humanise("strong_safeguards") == "Strong safeguards"
    assert labels.humanise("uncc") == "UNCC"
    assert labels.humanise("threshold=20, dual_criminality=optional") == \
        "threshold=20, dual_criminality=optional"  # a sweep point keeps its values
    ds = res.scenarios["baseline"]
    for dim in ("channel", "reason", "status", "article"):
        words = labels.code_labels(dim, ds[dim].values, ds)
        assert len(set(words.values())) == len(words), dim  # distinct
        assert not any("_" in w for w in words.values()), dim  # none left as a code


def test_labels_of_the_file_win(res, scenarios_file, tmp_path):
    """A file that carries its own labels (the next schema) is read as such:
    a `labels` JSON list on a label coordinate, a `title` on a scenario."""
    import json
    import shutil

    import h5py
    from conftest import write_checksum
    from havens_analysis import labels
    copy = tmp_path / "labelled.h5"
    shutil.copy(scenarios_file, copy)
    ds = res.scenarios["baseline"]
    own = [f"channel {i}" for i in range(ds.sizes["channel"])]
    with h5py.File(copy, "r+") as f:
        f["scenarios/baseline/timeseries/channel"].attrs["labels"] = json.dumps(own)
        f["scenarios/weakened"].attrs["title"] = "Iran's amendments adopted"
    write_checksum(copy)
    mine = ha.open_results(copy)
    datasets = labels.attach(copy, dict(mine.scenarios))
    assert labels.code_label("channel", ds.channel.values[2], datasets["baseline"]) == own[2]
    assert labels.scenario_labels(datasets)["weakened"] == "Iran's amendments adopted"
    legend = [t.get_text() for t in
              ha.plot_exile_risk(datasets).axes[0].get_legend().get_texts()]
    assert "Iran's amendments adopted" in legend


def test_time_axes_end_soon_after_the_last_change(res):
    from havens_analysis.plots_treaty import MARGIN_MONTHS
    ds = res.scenarios["baseline"].copy()
    parties = ds["parties"].copy()
    parties[:, 20:] = parties[:, 20:21].values  # nothing moves after month 20
    ds["parties"] = parties
    ax = ha.plot_ratification({"baseline": ds}).axes[0]
    end = matplotlib.dates.num2date(ax.get_xlim()[1]).replace(tzinfo=None)
    assert str(end)[:7] == str(ds["date"].values[20 + MARGIN_MONTHS])[:7]
    # a series that moves to the end keeps the whole axis
    ax = ha.plot_ratification({"baseline": res.scenarios["baseline"]}).axes[0]
    assert ax.get_xlim()[1] >= matplotlib.dates.date2num(res.scenarios["baseline"].date[-10])


def test_safe_haven_share_is_labelled_a_threshold_measure(res):
    title = ha.plot_safe_haven_share(res.scenarios).axes[0].get_title()
    assert "threshold measure" in title and "ε = 0.05" in title
    assert "no threshold" in ha.plot_exile_risk(res.scenarios).axes[0].get_title()


def test_region_heatmap_names_origins_and_regions(res):
    from havens_analysis.plots_havens import haven_table, plot_safe_havens_by_region
    leading = ["TUR", "RUS", "CHN"]
    fig = plot_safe_havens_by_region(res.scenarios, res.world, leading)
    panels = [ax for ax in fig.axes if ax.images]
    assert len(panels) == 4
    rows = [t.get_text() for t in panels[0].get_yticklabels()]
    assert "China" in rows and "CHN" not in rows
    assert [t.get_text() for t in panels[0].get_xticklabels()][0] == "Africa"
    assert len(panels[0].get_xticklabels()) == 5
    table = haven_table({"baseline": res.scenarios["baseline"]}, res.world, leading)
    assert len(table) == 3 * 193
    assert {"origin_name", "host_name"} <= set(table.columns)


NO_SIDE_EFFECTS = """
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt
before = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
import havens_analysis as ha
res = ha.open_results(PATH)
ha.plot_exile_risk(res.scenarios)
ha.plot_requests(res.scenarios)
ha.write_report(res, OUT)
after = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
changed = sorted(k for k in before if str(before[k]) != str(after[k]))
print("backend", matplotlib.get_backend(), "changed", changed)
"""


def test_figures_leave_matplotlib_settings_alone(scenarios_file, tmp_path):
    import subprocess
    import sys

    from conftest import ANALYSIS
    code = f"PATH = {str(scenarios_file)!r}\nOUT = {str(tmp_path / 'r')!r}\n" + NO_SIDE_EFFECTS
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ANALYSIS), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["backend", "svg", "changed", "[]"]
