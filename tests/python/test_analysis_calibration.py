"""havens_analysis on a calibration (`havens calibrate`, docs/CALIBRATION.md)
and on runs over its posterior (`havens run --posterior`): the labelled
Dataset, the posterior and predictive tables recomputed by brute force from
the file, the figures, damaged files, and the paired contrasts over the
posterior's draws with the report's statement of them."""
import re
import shutil
import subprocess
import warnings

import h5py
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import havens_analysis as ha  # noqa: E402
from conftest import BINARY, SOURCE, havens, lower_quantile, write_checksum  # noqa: E402

PARAMETERS = ["decision.grant_intercept", "ratification.base_hazard",
              "ratification.lag_median_months"]
TARGETS = ["parties_month_7", "untoc_100th_party", "untoc_40th_instrument",
           "untoc_parties_month_94"]


@pytest.fixture(scope="module")
def cal(calibration_file):
    return ha.open_calibration(calibration_file)


def read(path, name):
    with h5py.File(path, "r") as f:
        values = f[f"calibration/{name}"][()]
    if values.dtype.kind in "OS":
        return np.array([v.decode() if isinstance(v, bytes) else v for v in values])
    return values


def brute_quantile(values, weights, p):
    """The smallest value v whose total weight of values <= v reaches p."""
    keep = ~np.isnan(values)
    values, weights = values[keep], weights[keep] / weights[keep].sum()
    for v in np.sort(np.unique(values)):
        if weights[values <= v].sum() >= p - 1e-12:
            return v
    return values.max()


# --- reading ----------------------------------------------------------------


def test_the_dataset_has_the_labelled_dimensions_and_coordinates(cal, calibration_file):
    generations = read(calibration_file, "generation").size
    assert generations >= 2
    assert dict(cal.sizes) == {"generation": generations, "particle": 60, "parameter": 3,
                               "target": 4, "replicate": 1}
    assert sorted(cal["parameter"].values) == PARAMETERS
    assert sorted(cal["target"].values) == TARGETS
    assert list(cal["generation"].values) == list(range(generations))
    assert cal["particles"].dims == ("generation", "particle", "parameter")
    assert cal["simulated"].dims == ("generation", "particle", "target")
    assert cal["distances"].dims == ("generation", "particle", "replicate")
    assert cal["prior_kind"].sel(parameter="ratification.base_hazard").item() == "log_uniform"
    assert cal.attrs["particles"] == 60 and cal.attrs["seed"] == 1
    assert cal.attrs["stopped"] in ("generations", "tolerance", "acceptance")
    assert "ABC-SMC" in cal.attrs["method"]
    assert np.isinf(cal["tolerances"].values[0])
    assert (np.diff(cal["tolerances"].values[1:]) <= 0).all()


def test_every_generation_s_weights_sum_to_one(cal):
    assert cal["weights"].isel(generation=-1).sum().item() == pytest.approx(1, abs=1e-9)
    np.testing.assert_allclose(cal["weights"].sum("particle").values, 1, atol=1e-9)


def test_weighted_quantile_inverts_the_weighted_ecdf():
    values = np.array([3.0, 1.0, 2.0, np.nan, 4.0])
    weights = np.array([0.1, 0.2, 0.3, 5.0, 0.4])  # the NaN's weight is left out
    assert ha.weighted_quantile(values, weights, 0.2) == 1.0
    assert ha.weighted_quantile(values, weights, 0.5) == 2.0
    assert ha.weighted_quantile(values, weights, 0.55) == 3.0
    assert ha.weighted_quantile(values, weights, 0.61) == 4.0
    assert list(ha.weighted_quantile(values, weights, [0.05, 0.95])) == [1.0, 4.0]
    assert np.isnan(ha.weighted_quantile([np.nan], [1.0], 0.5))


def test_posterior_table_equals_a_brute_force_recomputation(cal, calibration_file):
    table = ha.posterior_table(cal)
    names = list(read(calibration_file, "parameter"))
    particles = read(calibration_file, "particles")[-1]
    weights = read(calibration_file, "weights")[-1]
    low, high = read(calibration_file, "prior_low"), read(calibration_file, "prior_high")
    for k, name in enumerate(names):
        row = table.loc[name]
        for column, p in (("median", 0.5), ("low", 0.05), ("high", 0.95)):
            assert row[column] == brute_quantile(particles[:, k], weights, p), (name, column)
    lag = names.index("ratification.lag_median_months")
    assert table.loc[names[lag], "prior_low"] == pytest.approx(
        low[lag] + 0.05 * (high[lag] - low[lag]))
    hazard = names.index("ratification.base_hazard")
    assert table.loc[names[hazard], "prior_high"] == pytest.approx(
        low[hazard] * (high[hazard] / low[hazard]) ** 0.95)


def test_the_targets_identify_the_hazard_but_not_the_parameter_they_cannot_see(cal):
    table = ha.posterior_table(cal)
    unseen = table.loc["decision.grant_intercept", "width_ratio"]
    hazard = table.loc["ratification.base_hazard", "width_ratio"]
    assert unseen > 0.6
    assert hazard < unseen


def test_predictive_table_matches_the_file(cal, calibration_file):
    table = ha.predictive_table(cal)
    names = list(read(calibration_file, "target"))
    simulated = read(calibration_file, "simulated")[-1]
    weights = read(calibration_file, "weights")[-1]
    for t, name in enumerate(names):
        row = table.loc[name]
        assert row["observed"] == read(calibration_file, "target_observed")[t]
        assert row["sd"] == read(calibration_file, "target_sd")[t]
        assert row["fitted"] == bool(read(calibration_file, "target_fitted")[t])
        assert row["source"] == read(calibration_file, "target_source")[t]
        assert row["statistic"] == read(calibration_file, "target_statistic")[t]
        for column, p in (("median", 0.5), ("low", 0.05), ("high", 0.95)):
            assert row[column] == brute_quantile(simulated[:, t], weights, p), (name, column)
    assert not table.loc["untoc_parties_month_94", "fitted"]
    assert table["fitted"].sum() == 3


def test_the_figures_are_drawn_without_warnings(cal):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for plot in (ha.plot_posterior_pairs, ha.plot_prior_posterior,
                     ha.plot_calibration_progress, ha.plot_predictive_check):
            fig = plot(cal)
            fig.canvas.draw()
            assert fig.axes, plot.__name__
            plt.close(fig)
    assert not [str(w.message) for w in caught if "pyparsing" not in w.filename]


def test_the_predictive_check_marks_the_checks(cal):
    fig = ha.plot_predictive_check(cal)
    titles = [ax.get_title() for ax in fig.axes]
    assert any("untoc_parties_month_94" in t and "check" in t for t in titles)
    assert not any("parties_month_7" in t and "check" in t for t in titles
                   if "94" not in t)
    plt.close(fig)


# --- damaged files ----------------------------------------------------------


def damaged(calibration_file, tmp_path, change):
    path = tmp_path / "damaged.h5"
    shutil.copy(calibration_file, path)
    with h5py.File(path, "r+") as f:
        change(f["calibration"])
    write_checksum(path)
    return path


def test_a_missing_variable_is_named(calibration_file, tmp_path):
    path = damaged(calibration_file, tmp_path, lambda g: g.__delitem__("weights"))
    with pytest.raises(ha.HavensResultError, match=r"/calibration/weights: missing dataset"):
        ha.open_calibration(path)


def test_a_variable_of_the_wrong_shape_is_named(calibration_file, tmp_path):
    def change(g):
        del g["weights"]
        g["weights"] = np.ones((2, 59))
    path = damaged(calibration_file, tmp_path, change)
    with pytest.raises(ha.HavensResultError, match=r"/calibration/weights: expected shape"):
        ha.open_calibration(path)


def test_a_lost_dimension_scale_is_named(calibration_file, tmp_path):
    def change(g):
        g["simulated"].dims[2].detach_scale(g["target"])
    path = damaged(calibration_file, tmp_path, change)
    with pytest.raises(ha.HavensResultError, match=r"/calibration/simulated: axis 2"):
        ha.open_calibration(path)


def test_a_file_without_the_group_is_refused(calibration_file, tmp_path):
    path = damaged(calibration_file, tmp_path, lambda g: g.file.__delitem__("calibration"))
    with pytest.raises(ha.HavensResultError, match=r"damaged.h5: no /calibration group"):
        ha.open_calibration(path)
    with pytest.raises(ha.HavensResultError, match="no such file"):
        ha.open_calibration(tmp_path / "absent.h5")


# --- runs over a posterior --------------------------------------------------


def has_posterior_option():
    done = subprocess.run([str(BINARY), "run", "--help"], capture_output=True, text=True)
    return "--posterior" in done.stdout + done.stderr


@pytest.fixture(scope="module")
def posterior_file(calibration_file, tmp_path_factory):
    """Three shipped scenarios run over the small calibration's posterior."""
    if not has_posterior_option():
        pytest.skip("this havens binary has no `run --posterior`")
    path = tmp_path_factory.mktemp("over_posterior") / "runs.h5"
    havens("run", *[SOURCE / "scenarios" / f"{n}.toml"
                    for n in ("baseline", "weakened", "strong-safeguards")],
           "--replicates", "8", "--set", "months=60", "--set", "world.exiles=5000",
           "--posterior", calibration_file, "-o", path)
    return path


def outcome_values(path, group, name):
    with h5py.File(path, "r") as f:
        summary = f[f"scenarios/{group}/summary"]
        names = [n.decode() if isinstance(n, bytes) else n for n in summary["outcome"][:]]
        return summary["outcome_value"][:, names.index(name)]


@pytest.mark.parametrize("name,better", [("exile_risk", "lower"),
                                         ("share_exiles_in_safe_haven", "higher")])
def test_posterior_contrasts_recomputed_from_the_file(posterior_file, name, better):
    table = ha.posterior_contrasts(posterior_file, name)
    assert list(table.index) == ["weakened", "strong_safeguards"]
    base = outcome_values(posterior_file, "baseline", name)
    for arm, row in table.iterrows():
        d = outcome_values(posterior_file, arm, name) - base
        d = d[~np.isnan(d)]
        assert row["better"] == better and row["baseline"] == "baseline" and row["paired"]
        assert row["draws"] == d.size
        np.testing.assert_allclose([row["median"], row["low"], row["high"]],
                                   lower_quantile(d, [0.5, 0.05, 0.95]))
        wins = d < 0 if better == "lower" else d > 0
        assert row["share_better"] == pytest.approx(wins.mean())
    assert table.attrs["draws"] == 8


def test_the_report_states_the_parameter_uncertainty(posterior_file, tmp_path):
    page = ha.write_report(posterior_file, tmp_path / "report").read_text()
    assert "intervals include parameter uncertainty (8 posterior draws)" in page
    table = ha.posterior_contrasts(posterior_file)
    with h5py.File(posterior_file, "r") as f:
        title = {g: f[f"scenarios/{g}"].attrs["title"] for g in f["scenarios"]}
    assert title["baseline"] == "The convention as adopted"
    for arm, row in table.iterrows():
        # The page names scenarios by their titles, never by their codes.
        assert (f"<b>{title[arm]}</b> is better than <b>{title['baseline']}</b> on exile "
                f"risk at the horizon (lower is better) in {row['share_better']:.0%} of "
                "draws") in page
        assert f"<b>{arm}</b>" not in page
    # The table says it as the text does: a percentage of draws.
    table_html = page.split("Over the posterior: parameter uncertainty</h2>")[1].split(
        "</table>")[0]
    assert "share of draws better" in table_html
    cells = re.findall(r"<td>(\d+%)</td>", table_html)
    assert len(cells) >= len(table) and "<td>1</td>" not in table_html


def test_a_report_without_a_posterior_says_nothing_of_one(scenarios_file, tmp_path):
    page = ha.write_report(scenarios_file, tmp_path / "report").read_text()
    # The page quotes the command line, whose paths may contain any word:
    # what must be absent is what the report says of a posterior.
    assert "parameter uncertainty" not in page
    assert "posterior draws" not in page


def with_posterior_groups(source, path, draws, parameters, names):
    """A copy of an ordinary multi-scenario result with `posterior/draw` and
    `posterior/parameters` added to each scenario group by hand, in the layout
    `havens run --posterior` writes, so that posterior_contrasts is tested
    whatever the engine at hand can do."""
    shutil.copy(source, path)
    with h5py.File(path, "r+") as f:
        for group in f["scenarios"].values():
            g = group.create_group("posterior")
            g.attrs["source"] = "made-by-hand.h5"
            g["replicate"] = np.arange(len(draws), dtype=np.int64)
            g["replicate"].make_scale("replicate")
            g["parameter"] = np.array(names, dtype=h5py.string_dtype())
            g["parameter"].make_scale("parameter")
            g["draw"] = np.asarray(draws, dtype=np.int64)
            g["draw"].dims[0].attach_scale(g["replicate"])
            g["parameters"] = np.asarray(parameters, dtype=float)
            g["parameters"].dims[0].attach_scale(g["replicate"])
            g["parameters"].dims[1].attach_scale(g["parameter"])
    write_checksum(path)
    return path


def test_posterior_contrasts_on_posterior_groups_made_by_hand(scenarios_file, tmp_path):
    path = with_posterior_groups(scenarios_file, tmp_path / "hand.h5", [4, 1, 4],
                                 [[0.004, 10.0], [0.006, 14.0], [0.004, 10.0]],
                                 ["ratification.base_hazard",
                                  "ratification.lag_median_months"])
    draws = ha.posterior_draws(path)
    assert set(draws) == {"baseline", "no_treaty", "strong_safeguards", "weakened"}
    assert list(draws["weakened"]["parameter"].values) == ["ratification.base_hazard",
                                                           "ratification.lag_median_months"]
    table = ha.posterior_contrasts(path, "exile_risk", baseline="no_treaty")
    assert "no_treaty" not in table.index and len(table) == 3
    res = ha.open_results(path)
    reference = ha.outcome(res.scenarios["no_treaty"], "exile_risk").values
    for arm, row in table.iterrows():
        d = ha.outcome(res.scenarios[arm], "exile_risk").values - reference
        assert row["median"] == pytest.approx(lower_quantile(d, 0.5))
        assert row["share_better"] == pytest.approx(np.mean(d < 0))
    with pytest.raises(ha.HavensResultError, match="no scenario ran over a posterior"):
        ha.posterior_contrasts(scenarios_file)
    with pytest.raises(ValueError, match="better="):
        ha.posterior_contrasts(path, "requests_sent")


def test_a_damaged_posterior_group_is_named(scenarios_file, tmp_path):
    path = with_posterior_groups(scenarios_file, tmp_path / "hand.h5", [0, 1, 2],
                                 np.zeros((3, 1)), ["ratification.base_hazard"])
    with h5py.File(path, "r+") as f:
        del f["scenarios/weakened/posterior/parameters"]
        f["scenarios/weakened/posterior/parameters"] = np.zeros((2, 1))
    write_checksum(path)
    with pytest.raises(ha.HavensResultError,
                       match=r"/scenarios/weakened/posterior/parameters: expected 3"):
        ha.posterior_contrasts(path)



def test_a_calibration_changed_since_havens_wrote_it_is_refused(calibration_file, tmp_path):
    path = tmp_path / "changed.h5"
    shutil.copy(calibration_file, path)
    with h5py.File(path, "r+") as f:
        f["calibration"].attrs["note"] = "by hand"
    with pytest.raises(ha.HavensResultError, match=r"damaged: .*verify=False reads it anyway"):
        ha.open_calibration(path)
    assert ha.open_calibration(path, verify=False).attrs["note"] == "by hand"
