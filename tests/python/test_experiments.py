"""havens_analysis.experiments: uncertainties sampled by Latin hypercube and
crossed with every combination of the levers, run by the real engine in one
process (a "table" sweep), the outcomes lined up with the design. Runs are
tiny (24 months, 2000 exiles, 2 replicates)."""
import tomllib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy import stats

import havens_analysis as ha
from havens_analysis import experiments as hx

NEVER = "interventions.never_ratify"
SMALL = {"months": 24, "replicates": 2, "constants": {"world.exiles": 2000},
         "posterior": "none"}


def model(**kw):
    return ha.Model("exp", base="baseline", **{**SMALL, **kw})


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """3 samples of two uncertainties x (2 x 3) lever options = 18 experiments."""
    m = model(uncertainties=[ha.RealParameter("ratification.b_peer", 3.0, 8.0),
                             ha.IntegerParameter("treaty.threshold", 20, 60)],
              levers=[ha.BooleanParameter("treaty.enabled"),
                      ha.CategoricalParameter(NEVER, ["", "USA", ["JPN", "eu"]])],
              outcomes=["parties", "exile_risk",
                        ha.TimeSeriesOutcome("parties_by_month", variable="parties")])
    output = tmp_path_factory.mktemp("experiments") / "exp.h5"
    design, outcomes = ha.perform_experiments(m, scenarios=3, sample_seed=5, output=output)
    return m, design, outcomes, output


def test_the_design_crosses_latin_hypercube_samples_with_every_lever_combination(run):
    _, design, _, _ = run
    assert design.shape == (18, 4)
    assert list(design.columns) == ["ratification.b_peer", "treaty.threshold",
                                    "treaty.enabled", NEVER]
    assert design.index.name == "experiment" and list(design.index) == list(range(18))
    samples = design[["ratification.b_peer", "treaty.threshold"]].drop_duplicates()
    assert len(samples) == 3
    # A Latin hypercube: one sample in each third of every range.
    assert sorted(np.floor((samples["ratification.b_peer"] - 3.0) / 5.0 * 3)) == [0, 1, 2]
    assert samples["treaty.threshold"].between(20, 60).all()
    assert design["treaty.threshold"].dtype.kind == "i"
    # The sample varies slowest; under it, every lever combination once.
    for _, block in design.groupby(["ratification.b_peer", "treaty.threshold"]):
        assert len(block) == 6 and list(block.index) == list(range(block.index[0],
                                                                    block.index[0] + 6))
        assert set(zip(block["treaty.enabled"], block[NEVER])) == \
            {(e, n) for e in (False, True) for n in ("", "USA", "JPN eu")}


def test_the_design_is_seeded():
    m = model(uncertainties=[ha.RealParameter("ratification.b_peer", 3.0, 8.0)],
              levers=[ha.BooleanParameter("treaty.enabled")])
    pd.testing.assert_frame_equal(m.design(4, seed=2), m.design(4, seed=2))
    assert not m.design(4, seed=2).equals(m.design(4, seed=3))


def test_the_outcomes_are_indexed_by_the_design(run):
    _, design, out, _ = run
    assert out.parties.dims == ("experiment", "replicate")
    assert out.parties.shape == (18, 2)
    assert out.parties_by_month.dims == ("experiment", "replicate", "month")
    assert out.sizes["month"] == 24
    for column in design.columns:
        assert list(out[column].values) == list(design[column].values)


def test_the_outcomes_line_up_with_the_design(run):
    _, design, out, _ = run
    enabled = design["treaty.enabled"].to_numpy(bool)
    # Without the convention there are no parties; with it, by month 24, some.
    assert (out.parties.values[~enabled] == 0).all()
    assert (out.parties.values[enabled] > 0).all()
    assert (out.parties_by_month.isel(month=-1).values == out.parties.values).all()
    # Japan and the EU's 27 kept out: fewer parties than the same sample
    # and replicate without an intervention.
    kept_out, free = [], []
    for _, block in design[enabled].groupby(["ratification.b_peer", "treaty.threshold"]):
        by_option = dict(zip(block[NEVER], block.index))
        kept_out.append(out.parties.values[by_option["JPN eu"]])
        free.append(out.parties.values[by_option[""]])
    assert (np.array(kept_out) < np.array(free)).all()


def test_the_engine_recorded_each_experiments_values(run):
    m, design, _, output = run
    res = ha.open_results(output)
    assert res.sweep_names == ["exp"] and res.design("exp").attrs["design"] == "table"
    for i, row in design.iterrows():
        attrs = res.scenario(f"exp_p{i:04d}").attrs
        assert attrs["ratification.b_peer"] == pytest.approx(row["ratification.b_peer"])
        assert attrs["treaty.threshold"] == row["treaty.threshold"]
        assert bool(attrs["treaty.enabled"]) == row["treaty.enabled"]
        assert attrs[NEVER] == row[NEVER]
        assert attrs["months"] == 24 and attrs["world.exiles"] == 2000


def test_the_scenario_file_is_the_base_plus_a_table_sweep(run):
    m, design, out, output = run
    written = output.with_suffix(".toml").read_text()
    assert written == out.attrs["scenario_toml"]
    toml = tomllib.loads(written)
    assert toml["name"] == "exp" and toml["title"] == "The convention as adopted"  # the base's
    assert toml["posterior"] == ""  # a point run
    assert toml["sweep"]["design"] == "table"
    values = toml["sweep"]["values"]
    assert values[NEVER] == list(design[NEVER])
    assert values["treaty.enabled"] == list(design["treaty.enabled"])
    assert all(len(v) == 18 for v in values.values())


def test_lever_effects_pair_experiments_and_replicates(run):
    _, design, out, _ = run
    effects = ha.lever_effects(design, out, "parties", "treaty.enabled")
    assert list(effects.index) == [True]
    row = effects.loc[True]
    assert row["experiments"] == 9 and row["n"] == 18  # 3 samples x 3 options x 2 replicates
    enabled = design["treaty.enabled"].to_numpy(bool)
    assert row["mean"] == pytest.approx(out.parties.values[enabled].mean())
    # A subset of the design (one sample's rows) reads its own experiments.
    last = design.iloc[12:]
    one = ha.lever_effects(last, out, "parties", "treaty.enabled")
    assert one.loc[True, "experiments"] == 3 and one.loc[True, "n"] == 6
    assert one.loc[True, "mean"] == pytest.approx(
        out.parties.values[12:][last["treaty.enabled"].to_numpy(bool)].mean())
    never = ha.lever_effects(design, out, "parties", NEVER)
    assert never.attrs["reference"] == "" and never.loc["JPN eu", "mean"] < 0
    fig = ha.plot_lever_effects(never)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] != []
    plt.close(fig)
    with pytest.raises(ValueError, match="one number per experiment"):
        ha.lever_effects(design, out, "parties_by_month", NEVER)


def test_a_given_design_runs_as_it_is(tmp_path):
    design = pd.DataFrame({"treaty.threshold": [20, 60, 40],
                           "treaty.enabled": [True, True, False]})
    m = model(outcomes=["parties"])
    got, out = ha.perform_experiments(m, design=design)
    assert list(got["treaty.threshold"]) == [20, 60, 40]
    assert out.parties.shape == (3, 2)
    assert (out.parties.values[2] == 0).all() and (out.parties.values[:2] > 0).all()


def test_a_key_the_engine_refuses_is_its_message():
    m = model(levers=[ha.CategoricalParameter("treaty.no_such_key", [1, 2])])
    with pytest.raises(ha.HavensRunError, match="no_such_key"):
        ha.perform_experiments(m)


def test_declarations_are_checked_before_running():
    with pytest.raises(ValueError, match="low < high"):
        ha.RealParameter("ratification.b_peer", 5.0, 5.0)
    with pytest.raises(ValueError, match="declared twice"):
        model(uncertainties=[ha.IntegerParameter("treaty.threshold", 20, 60)],
              levers=[ha.CategoricalParameter("treaty.threshold", [40])]).design(2)
    with pytest.raises(ValueError, match="nothing to vary"):
        model().design(2)
    with pytest.raises(ValueError, match="outcome names repeat"):
        ha.perform_experiments(model(levers=[ha.BooleanParameter("treaty.enabled")],
                                     outcomes=["parties", ha.TimeSeriesOutcome("parties")]))


def test_sampling_follows_each_distribution():
    u = np.array([0.0, 0.5, 1.0])
    assert np.allclose(ha.RealParameter("k", 2.0, 4.0).values(u), [2.0, 3.0, 4.0])
    assert np.allclose(ha.RealParameter("k", 1.0, 100.0, "loguniform").values(u),
                       [1.0, 10.0, 100.0])
    # A normal truncated to [-1, 1]: its median stays at 0, its ends at the bounds.
    assert np.allclose(ha.RealParameter("k", -1.0, 1.0, stats.norm(0, 1)).values(u),
                       [-1.0, 0.0, 1.0])
    whole = ha.IntegerParameter("k", 1, 3).values(np.array([0.0, 0.34, 0.67, 0.999, 1.0]))
    assert list(whole) == [1, 2, 3, 3, 3]
    options = ha.CategoricalParameter("k", ["a", ["b", "c"]]).values(np.array([0.1, 0.9]))
    assert list(options) == ["a", "b c"]


def test_values_are_written_as_toml_reads_them():
    values = {"a": 1e-05, "b": 4.0, "c": 3, "d": True, "e": 'say "no"\\', "f": [1, 2],
              "g": ["USA", ["JPN", "eu"]], "h": np.int64(7), "i": np.float64(0.1)}
    text = "\n".join(f"{k} = {hx.toml_value(v)}" for k, v in values.items())
    back = tomllib.loads(text)
    assert back == {"a": 1e-05, "b": 4.0, "c": 3, "d": True, "e": 'say "no"\\',
                    "f": [1, 2], "g": ["USA", "JPN eu"], "h": 7, "i": 0.1}
    assert isinstance(back["b"], float) and isinstance(back["h"], int)
