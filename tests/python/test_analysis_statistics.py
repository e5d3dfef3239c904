"""The statistical code on synthetic inputs with known answers: Sobol indices
of the Ishigami function (known analytically), PRIM and CART on a planted
box, paired differences on hand-made numbers, bands and the trade-off's
dominance on tiny tables."""
import numpy as np
import pandas as pd
import pytest
import xarray as xr
from scipy import stats

import havens_analysis as ha
from conftest import load_script

# Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: Saltelli et al. (2008), table 4.
ISHIGAMI_S1 = [0.3139, 0.4424, 0.0]
ISHIGAMI_ST = [0.5576, 0.4424, 0.2437]


def ishigami(x, a=7.0, b=0.1):
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


@pytest.fixture(scope="module")
def ishigami_indices():
    keys = ["x1", "x2", "x3"]
    design = ha.saltelli_design(2**14, {k: (-np.pi, np.pi) for k in keys}, seed=11)
    y = ishigami(design[keys].values)
    f_a, f_b, f_ab = ha.split_saltelli(y, design["saltelli_matrix"], design["saltelli_column"],
                                       design["saltelli_row"], len(keys))
    return ha.sobol_indices(f_a, f_b, f_ab, keys, confidence=0.99, resamples=300)


def test_sobol_first_order_matches_ishigami(ishigami_indices):
    assert np.allclose(ishigami_indices["S1"], ISHIGAMI_S1, atol=0.03)


def test_sobol_total_matches_ishigami(ishigami_indices):
    assert np.allclose(ishigami_indices["ST"], ISHIGAMI_ST, atol=0.03)


def test_sobol_intervals_cover_the_truth(ishigami_indices):
    s = ishigami_indices
    assert ((s["S1_low"] <= ISHIGAMI_S1) & (s["S1_high"] >= ISHIGAMI_S1)).all()
    assert ((s["ST_low"] <= ISHIGAMI_ST) & (s["ST_high"] >= ISHIGAMI_ST)).all()


def test_saltelli_design_follows_the_engine_order():
    d = ha.saltelli_design(4, {"a": (0, 1), "b": (10, 20)}, seed=0)
    assert len(d) == 4 * (2 + 2)
    assert list(d["saltelli_matrix"]) == ["A"] * 4 + ["B"] * 4 + ["AB"] * 8
    assert list(d["saltelli_column"]) == [-1] * 8 + [0] * 4 + [1] * 4
    a, b = d.iloc[0:4], d.iloc[4:8]
    ab0 = d.iloc[8:12]
    assert np.array_equal(ab0["a"].values, b["a"].values)  # column 0 from B
    assert np.array_equal(ab0["b"].values, a["b"].values)  # the rest from A


def test_split_saltelli_does_not_depend_on_point_order():
    d = ha.saltelli_design(16, {"a": (0, 1), "b": (0, 1)}, seed=1)
    y = d["a"].values * 3 + d["b"].values
    order = np.random.default_rng(0).permutation(len(d))
    first = ha.split_saltelli(y, d["saltelli_matrix"], d["saltelli_column"], d["saltelli_row"], 2)
    shuffled = ha.split_saltelli(y[order], d["saltelli_matrix"].values[order],
                                 d["saltelli_column"].values[order],
                                 d["saltelli_row"].values[order], 2)
    for x, z in zip(first, shuffled):
        assert np.array_equal(x, z)


def test_split_saltelli_rejects_an_incomplete_design():
    d = ha.saltelli_design(4, {"a": (0, 1)}, seed=0).iloc[:-1]
    with pytest.raises(ValueError, match="incomplete"):
        ha.split_saltelli(np.ones(len(d)), d["saltelli_matrix"], d["saltelli_column"],
                          d["saltelli_row"], 1)


@pytest.fixture(scope="module")
def planted():
    """Uniform inputs; the cases of interest are exactly the box
    x0 > 0.6 and x1 < 0.3 (x2 irrelevant), plus a text input that is irrelevant."""
    rng = np.random.default_rng(5)
    x = pd.DataFrame(rng.random((3000, 3)), columns=["x0", "x1", "x2"])
    x["option"] = rng.choice(["optional", "mandatory"], len(x))
    y = (x["x0"] > 0.6) & (x["x1"] < 0.3)
    return x, y.values


def test_prim_finds_the_planted_box(planted):
    x, y = planted
    result = ha.prim(x, y)
    box = result.box
    assert set(box.limits) == {"x0", "x1"}
    assert box.limits["x0"][0] == pytest.approx(0.6, abs=0.03)
    assert box.limits["x1"][1] == pytest.approx(0.3, abs=0.03)
    assert box.density > 0.97 and box.coverage > 0.9
    assert box.mass == pytest.approx(0.4 * 0.3, abs=0.02)


def test_prim_trajectory_starts_with_everything(planted):
    x, y = planted
    t = ha.prim(x, y).trajectory
    assert t.loc[0, "mass"] == 1 and t.loc[0, "coverage"] == 1
    assert t.loc[0, "density"] == pytest.approx(y.mean())
    assert (t["mass"].diff().dropna() < 0).all()  # every peel removes points
    assert t["mass"].iloc[-1] >= 0.05


def test_prim_min_density_prefers_coverage(planted):
    x, y = planted
    result = ha.prim(x, y, min_density=0.5)
    assert result.box.density >= 0.5
    assert result.box.coverage >= ha.prim(x, y).box.coverage


def test_prim_peels_categories_and_grid_values():
    # A grid of three thresholds and a text option; interest: threshold 20 with
    # mandatory dual criminality.
    x = pd.DataFrame([(t, o) for t in (20, 40, 60) for o in ("optional", "mandatory")] * 10,
                     columns=["treaty.threshold", "safeguards.dual_criminality"])
    y = (x["treaty.threshold"] == 20) & (x["safeguards.dual_criminality"] == "mandatory")
    box = ha.prim(x, y, min_mass=0.1).box
    assert box.density == 1.0 and box.coverage == 1.0
    assert box.limits["treaty.threshold"] == (20, 20)
    assert box.limits["safeguards.dual_criminality"] == {"mandatory"}
    table = box.table()
    assert table.loc["safeguards.dual_criminality", "values"] == "mandatory"


def test_prim_needs_both_kinds_of_case():
    x = pd.DataFrame({"a": np.arange(10.0)})
    with pytest.raises(ValueError, match="threshold"):
        ha.prim(x, np.zeros(10, dtype=bool))


def test_cart_splits_on_the_planted_inputs(planted):
    x, y = planted
    tree, names, rules = ha.cart(x, y, max_depth=2)
    used = {names[i] for i in tree.tree_.feature if i >= 0}
    assert used == {"x0", "x1"}
    assert "x0 <= 0.6" in rules or "x0 >  0.6" in rules or "x0 >  0.59" in rules
    assert tree.score(pd.get_dummies(x, prefix_sep="=").values.astype(float), y) > 0.98


def test_paired_difference_of_a_constant_shift_is_exact():
    a = np.array([1.0, 5.0, 2.0, 8.0])
    r = ha.paired_difference(a, a + 3)
    assert r["mean"] == 3 and r["low"] == 3 and r["high"] == 3 and r["n"] == 4
    # Without pairing the spread of the arms shows: a wide interval.
    assert r["unpaired_low"] < 0 < 6 < r["unpaired_high"]


def test_paired_difference_matches_a_t_interval():
    d = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    r = ha.paired_difference(np.zeros(5), d, confidence=0.95)
    # mean 3, sd sqrt(2.5), t(0.975, 4) = 2.776445
    half = 2.776445 * np.sqrt(2.5) / np.sqrt(5)
    assert r["mean"] == pytest.approx(3)
    assert r["low"] == pytest.approx(3 - half, rel=1e-5)
    assert r["high"] == pytest.approx(3 + half, rel=1e-5)
    assert r["share_positive"] == 1.0


def test_paired_difference_drops_pairs_with_nan():
    r = ha.paired_difference([1.0, np.nan, 3.0], [2.0, 5.0, np.nan])
    assert r["n"] == 1 and r["mean"] == 1 and np.isnan(r["low"])
    assert r["reference_mean"] == 1 and r["arm_mean"] == 2


def test_the_nan_rule_is_pairwise_and_every_statistic_is_over_the_pairs_used():
    # Replicates 1 (reference NaN) and 2 (arm NaN) are dropped; 0, 3, 4 stay.
    reference = [1.0, np.nan, 3.0, 4.0, 10.0]
    arm = [2.0, 5.0, np.nan, 6.0, 11.5]
    r = ha.paired_difference(reference, arm, confidence=0.95)
    d = np.array([1.0, 2.0, 1.5])
    half = stats.t.ppf(0.975, 2) * d.std(ddof=1) / np.sqrt(3)
    assert r["n"] == 3
    assert r["mean"] == pytest.approx(1.5)
    assert (r["low"], r["high"]) == (pytest.approx(1.5 - half), pytest.approx(1.5 + half))
    assert r["reference_mean"] == pytest.approx(5.0) and r["arm_mean"] == pytest.approx(6.5)
    assert r["share_positive"] == 1.0
    none = ha.paired_difference([np.nan, 1.0], [2.0, np.nan])
    assert none["n"] == 0 and np.isnan(none["mean"]) and np.isnan(none["reference_mean"])


def test_the_scripts_take_paired_differences_the_packages_way():
    # scripts/scenario_differences.py and threshold_effects.py call the
    # package's function, so their tables follow the same NaN rule.
    differences = load_script("scenario_differences")
    thresholds = load_script("threshold_effects")
    assert differences.paired_difference is ha.paired_difference
    assert thresholds.paired_difference is ha.paired_difference
    label, base, arm, mean, low, high = differences.paired_row(
        "entry into force", np.array([20.0, np.nan, 30.0, 25.0]), np.array([22.0, 40.0, 31.0, np.nan]))
    expected = ha.paired_difference([20.0, 30.0], [22.0, 31.0], confidence=0.95)
    assert label == "entry into force (n=2)"
    assert (base, arm, mean) == (25.0, 26.5, 1.5)
    assert (low, high) == (pytest.approx(expected["low"]), pytest.approx(expected["high"]))


def test_band_is_median_and_central_interval():
    da = xr.DataArray(np.arange(101.0)[:, None] * np.ones((1, 2)), dims=("replicate", "month"))
    b = ha.band(da)
    assert np.allclose(b["median"], 50) and np.allclose(b["low"], 5) and np.allclose(b["high"], 95)
