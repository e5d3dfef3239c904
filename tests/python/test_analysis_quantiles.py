"""The package's one quantile rule (havens_analysis.quantile, the engine's
sim/core/quantile.hpp): the same numbers as `havens info` prints, for every
kind of object the package takes, and a value some run produced, where
xarray's and pandas' own quantiles interpolate."""
import re

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import havens_analysis as ha
from conftest import SOURCE, havens, lower_quantile

P = [0.5, 0.05, 0.95]  # how havens info prints: median [low, high]


@pytest.fixture(scope="module")
def eight(tmp_path_factory):
    """The baseline over the shipped posterior, 8 replicates (an even count:
    an interpolated median would fall between two runs), and what havens
    info prints about it."""
    path = tmp_path_factory.mktemp("quantiles") / "eight.h5"
    havens("run", SOURCE / "scenarios" / "baseline.toml", "--replicates", "8",
           "--set", "months=36", "--set", "world.exiles=2000", "-o", path)
    return ha.open_results(path), havens("info", path).stdout


def printed(info, pattern):
    """(median, low, high) as havens info prints them after `pattern`."""
    number = r"(-?[0-9.]+|never)"
    found = re.search(pattern + rf" {number} \[{number}, {number}\]", info)
    assert found, f"{pattern!r} not in\n{info}"
    return [float("nan") if g == "never" else float(g) for g in found.groups()]


def same(values, shown, decimals):
    """Whether `values`, printed with `decimals`, read as `shown` (a tie such
    as 0.1235 may be printed either way)."""
    return all(abs(v - w) <= 0.5 * 10.0 ** -decimals + 1e-9 or (np.isnan(v) and np.isnan(w))
               for v, w in zip(values, shown))


# (what havens info calls it, the package's outcome, decimals printed)
PRINTED = [(r"exile risk at the horizon:", "exile_risk", 3),
           (r"of which data", "exile_risk_data", 3),
           (r"\), bodily", "exile_risk_bodily", 3),
           (r"exiles in a safe haven at the horizon:", "share_exiles_in_safe_haven", 3),
           (r"parties at the horizon", "parties", 0),
           (r"entry into force month \(the horizon if never\)", None, 1),
           (r"; extradited", "extradited", 1)]


def test_the_package_prints_what_havens_info_prints(eight):
    res, info = eight
    ds = res.scenarios["baseline"]
    interpolated_differs = False
    for pattern, name, decimals in PRINTED:
        if name is None:  # the posterior line's month: the horizon when never
            values = ha.outcome(ds, "entry_into_force_month").fillna(ds.sizes["month"])
        else:
            values = ha.outcome(ds, name)
        mine = ha.quantile(values, P, "replicate")
        assert list(mine["quantile"].values) == P
        assert same(mine.values, printed(info, pattern), decimals), name
        # The same numbers from arrays, a pandas column and median_interval.
        assert list(ha.quantile(values.values, P)) == list(mine.values)
        assert ha.median_interval(values.to_series()) == tuple(mine.values)
        assert ha.median(values, "replicate").item() == mine.values[0]
        # Each is a value of one of the runs ...
        assert set(mine.values) <= set(values.values), name
        # ... where xarray's default (linear interpolation) need not be.
        linear = values.quantile(P, "replicate").values
        interpolated_differs |= not same(linear, printed(info, pattern), decimals)
    assert interpolated_differs, "this run cannot tell the two rules apart"


def test_tables_by_scenario_follow_the_rule(eight):
    res, info = eight
    frame = res.summary_frame(["exile_risk", "parties"])
    table = frame.groupby("scenario")[["exile_risk", "parties"]].agg(ha.median)
    risk, _, _ = printed(info, r"exile risk at the horizon:")
    assert same([table.loc["baseline", "exile_risk"]], [risk], 3)
    per_column = ha.quantile(frame[["exile_risk", "parties"]], P)
    assert list(per_column.index) == P
    assert per_column.loc[0.95, "parties"] == printed(info, "parties at the horizon")[2]


def test_quantile_is_the_engines_rule_on_every_kind_of_object():
    rng = np.random.default_rng(3)
    values = rng.integers(0, 12, size=(5, 8, 3)).astype(float)
    values[values > 9] = np.nan  # "never": later than every value
    da = xr.DataArray(values, dims=("scenario", "replicate", "point"), name="month")
    ps = [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0]
    got = ha.quantile(da, ps, "replicate")
    assert got.dims == ("quantile", "scenario", "point")
    for i in range(5):
        for j in range(3):
            row = values[i, :, j]
            np.testing.assert_array_equal(got.values[:, i, j], lower_quantile(row, ps))
            np.testing.assert_array_equal(ha.quantile(da, ps, "replicate", skipna=True)
                                          .values[:, i, j],
                                          lower_quantile(row[~np.isnan(row)], ps)
                                          if (~np.isnan(row)).any() else np.full(len(ps), np.nan))
    # several dimensions at once, all of them, a Dataset, an axis of an array
    both = ha.quantile(da, 0.5, ["replicate", "point"])
    assert both.dims == ("scenario",) and float(both["quantile"]) == 0.5
    np.testing.assert_array_equal(both.values,
                                  [lower_quantile(values[i], 0.5) for i in range(5)])
    assert ha.quantile(da, 0.5).item() == lower_quantile(values, 0.5)
    ds = xr.Dataset({"month": da, "label": ("scenario", list("abcde"))})
    assert list(ha.quantile(ds, 0.5, "replicate").data_vars) == ["month"]
    np.testing.assert_array_equal(ha.quantile(values, 0.5, 1), got.sel(quantile=0.5).values)
    # without NaN, numpy's inverted_cdf is the same rule; its default is not
    clean = rng.random(8)
    assert ha.quantile(clean, 0.5) == np.quantile(clean, 0.5, method="inverted_cdf")
    assert ha.quantile(clean, 0.5) != np.median(clean)
    # weights: the weighted rule of the calibration tables
    w = rng.random(8)
    assert ha.quantile(xr.DataArray(clean, dims="particle"), 0.3, "particle",
                       weights=w).item() == ha.weighted_quantile(clean, w, 0.3)
    # a DataFrame: per numeric column
    frame = pd.DataFrame({"a": clean, "b": clean[::-1] * 2, "name": list("abcdefgh")})
    assert list(ha.quantile(frame, 0.5).index) == ["a", "b"]
    assert ha.quantile(frame, 0.5)["b"] == lower_quantile(clean * 2, 0.5)


def test_nothing_to_reduce_is_nan():
    assert np.isnan(ha.quantile([], 0.5))
    assert np.isnan(ha.quantile([np.nan, np.nan], 0.5, skipna=True))
    assert np.isnan(ha.quantile(np.empty((3, 0)), [0.5, 0.9], 1)).all()


def test_quantile_refuses_what_it_cannot_reduce():
    da = xr.DataArray(np.arange(6.0).reshape(2, 3), dims=("replicate", "month"))
    with pytest.raises(ValueError, match="no dimension 'point'"):
        ha.quantile(da, 0.5, "point")
    with pytest.raises(ValueError, match="weights"):
        ha.quantile(da, 0.5, ["replicate", "month"], weights=np.ones(6))
