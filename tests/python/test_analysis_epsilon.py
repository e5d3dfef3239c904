"""The safe-haven share against epsilon, the threshold that defines a haven:
the shipped scenarios/epsilon.toml (run small), its tables, its figure and
its section of the report; a file without such a sweep gets no such section."""
import re
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import havens_analysis as ha
from conftest import lower_quantile

matplotlib.use("Agg")

KEY = "decision.safe_haven_epsilon"
VALUES = [0.01, 0.02, 0.05, 0.1, 0.2]


@pytest.fixture(scope="module")
def eps(epsilon_file):
    return ha.open_results(epsilon_file)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_the_shipped_sweep_varies_epsilon_alone(eps):
    design = eps.design("epsilon")
    assert design.attrs["design"] == "grid" and design.attrs["keys"] == [KEY]
    assert list(design[KEY]) == VALUES


def test_response_table_is_one_row_per_point(eps):
    ds = eps.sweeps["epsilon"]
    table = ha.response_table(ds, "share_exiles_in_safe_haven", KEY)
    assert list(table[KEY]) == VALUES and (table["n"] == 2).all()
    share = ha.outcome(ds, "share_exiles_in_safe_haven")
    assert np.allclose(table["median"], [lower_quantile(row, 0.5) for row in
                                         share.transpose("point", "replicate").values])
    assert (table["low"] <= table["median"]).all() and (table["median"] <= table["high"]).all()
    with pytest.raises(KeyError, match="not a swept key"):
        ha.response_table(ds, "share_exiles_in_safe_haven", "treaty.threshold")


def test_response_table_pools_other_keys(grid_file):
    ds = ha.open_results(grid_file).sweeps["grid"]
    split = ha.response_table(ds, "parties", "treaty.threshold")
    assert len(split) == 4 and (split["n"] == 3).all()
    pooled = ha.response_table(ds, "parties", "treaty.threshold", by=[])
    assert list(pooled["treaty.threshold"]) == [20, 60] and (pooled["n"] == 6).all()
    values = ha.outcome(ds, "parties")
    at_20 = values.where(ds["treaty.threshold"] == 20, drop=True)
    assert pooled["median"].iloc[0] == pytest.approx(lower_quantile(at_20.values, 0.5))


def test_the_haven_share_moves_with_epsilon_and_the_risk_does_not(eps):
    tables = ha.epsilon_response(eps.sweeps["epsilon"])
    assert set(tables) == {"share_exiles_in_safe_haven", "exile_risk"}
    share = tables["share_exiles_in_safe_haven"]["median"].values
    risk = tables["exile_risk"]["median"].values
    # A larger epsilon counts more hosts as havens: the share grows by tens
    # of points across the sweep, while the exile risk, which has no
    # threshold, hardly moves.
    assert share[-1] - share[0] > 0.1
    assert np.ptp(risk) < 0.1 * np.ptp(share)


def test_epsilon_figure(eps):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = ha.plot_haven_share_by_epsilon(eps.sweeps["epsilon"])
    panels = [ax for ax in fig.axes if ax.get_lines()]
    assert len(panels) == 2
    assert "safe haven" in panels[0].get_title() and "Exile risk" in panels[1].get_title()
    for ax in panels:
        assert list(ax.get_lines()[0].get_xdata()) == VALUES
        assert [t.get_text() for t in ax.get_xticklabels()] == ["0.01", "0.02", "0.05", "0.1",
                                                                "0.2"]
        assert KEY in ax.get_xlabel()


def test_rows_without_values_are_left_out_quietly(eps):
    # Without the engine's outcomes the package computes them from the series.
    ds = eps.sweeps["epsilon"].drop_vars("outcome_value")
    share = ds["share_exiles_in_safe_haven"].copy()
    share[0] = np.nan  # the first point: nothing to summarise
    ds["share_exiles_in_safe_haven"] = share
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tables = ha.epsilon_response(ds)
        fig = ha.plot_haven_share_by_epsilon(ds)
    assert list(tables["share_exiles_in_safe_haven"][KEY]) == VALUES[1:]
    assert len(tables["exile_risk"]) == 5
    assert len(fig.axes[0].get_lines()[0].get_xdata()) == 4
    # Nothing at all to draw: no figure with empty panels, an error instead.
    ds = ds.drop_vars(["share_exiles_in_safe_haven", "exile_risk"])
    assert ha.epsilon_response(ds) == {}
    with pytest.raises(ValueError, match="nothing|no safe-haven share"):
        ha.plot_haven_share_by_epsilon(ds)


def test_report_on_the_epsilon_sweep(epsilon_file, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no All-NaN slices and the like
        index = ha.write_report(epsilon_file, tmp_path / "eps")
    page = index.read_text()
    assert (tmp_path / "eps" / "haven_share_epsilon_epsilon.png").exists()
    section = page.split("Safe havens against epsilon: epsilon</h2>")[1]
    paragraph = re.search(r"<p>(.*?)</p>", section, re.S).group(1)
    assert "at epsilon = 0.01" in paragraph and "at 0.2" in paragraph
    assert "exile risk, which uses no threshold, stays" in paragraph
    # epsilon defines the haven share: no PRIM box that only finds it again,
    # and no second figure of the same sweep
    assert not list((tmp_path / "eps").glob("prim_*.png"))
    assert not list((tmp_path / "eps").glob("sweep_*.png"))
    assert "The sweep epsilon in this file shows how far it moves" in page
