"""Sweeps written by the engine ([sweep] tables): a grid and a Saltelli
design, read as Datasets along `point`, with the known answers that common
random numbers give (inputs that cannot change an outcome change it by
exactly zero), Sobol indices, scenario discovery and the report."""
import numpy as np
import pytest

import havens_analysis as ha

GRID_POINTS = {(20, "optional"), (20, "mandatory"), (60, "optional"), (60, "mandatory")}
KEYS = ["ratification.b_peer", "decision.detection", "requests.rate"]


@pytest.fixture(scope="module")
def grid_res(grid_file):
    return ha.open_results(grid_file)


@pytest.fixture(scope="module")
def sens_res(saltelli_file):
    return ha.open_results(saltelli_file)


def test_grid_sweep_is_listed_apart_from_scenarios(grid_res):
    assert grid_res.sweep_names == ["grid"]
    assert grid_res.scenario_names == []  # points are not listed as scenarios


def test_sweeps_and_scenarios_are_listed_in_the_order_given(tmp_path):
    # Schema 4: the root's scenario_order names sweeps (HDF5 lists them
    # alphabetically).
    from conftest import SOURCE, havens, world_keys
    files = []
    for name in ("zeta", "alpha"):
        files.append(tmp_path / f"{name}.toml")
        files[-1].write_text(world_keys() + f'name = "{name}"\nmonths = 12\n\n[sweep]\n'
                             'design = "grid"\n\n[sweep.values]\n"treaty.threshold" = [20, 60]\n')
    out = tmp_path / "both.h5"
    havens("run", files[0], SOURCE / "scenarios" / "baseline.toml", files[1], "--posterior",
           "none", "--replicates", "1", "--set", "world.exiles=1000", "--set", "months=12",
           "-o", out)
    res = ha.open_results(out)
    assert res.sweep_names == ["zeta", "alpha"] and res.scenario_names == ["baseline"]
    assert list(res.point_labels) == ["zeta_p0000", "zeta_p0001", "alpha_p0000", "alpha_p0001"]
    assert res.scenario("alpha_p0001").attrs["treaty.threshold"] == 60


def test_grid_design_table(grid_res):
    design = grid_res.design("grid")
    assert design.attrs["design"] == "grid"
    assert design.attrs["keys"] == ["treaty.threshold", "safeguards.dual_criminality"]
    assert list(design.index) == [0, 1, 2, 3]
    assert set(zip(design["treaty.threshold"], design["safeguards.dual_criminality"])) == \
        GRID_POINTS
    assert list(design["scenario"]) == [f"grid_p{i:04d}" for i in range(4)]


def test_grid_sweep_dataset_has_points_and_keys(grid_res):
    ds = grid_res.sweeps["grid"]
    assert ds.parties.dims == ("point", "replicate", "month")
    assert ds.sizes["point"] == 4 and ds.sizes["replicate"] == 3 and ds.sizes["month"] == 60
    assert ds["treaty.threshold"].dims == ("point",)
    assert ds.attrs["design"] == "grid" and ds.attrs["sweep"] == "grid"
    assert "safe_havens" not in ds and "grant_probability" not in ds  # large: on request
    with_havens = grid_res.sweep("grid", variables=["safe_havens", "parties"])
    assert with_havens.safe_havens.dims == ("point", "replicate", "month", "origin")


def test_points_are_ordinary_scenarios_with_their_options(grid_res):
    ds = grid_res.sweeps["grid"]
    for i, name in enumerate(ds.scenario.values):
        point = grid_res.scenario(name)
        assert point.attrs["sweep"] == "grid" and point.attrs["point"] == i
        assert point.attrs["treaty.threshold"] == ds["treaty.threshold"].values[i]
        assert point.attrs["safeguards.dual_criminality"] == \
            ds["safeguards.dual_criminality"].values[i]
        assert np.array_equal(point.parties.values, ds.parties.isel(point=i).values)


def test_select_points_and_grid_by_value(grid_res):
    ds = grid_res.sweeps["grid"]
    high = ha.select_points(ds, **{"treaty.threshold": 60})
    assert high.sizes["point"] == 2 and set(high["treaty.threshold"].values) == {60}
    one = ha.select_points(ds, **{"treaty.threshold": 20,
                                  "safeguards.dual_criminality": "mandatory"})
    assert one.sizes["point"] == 1
    g = ha.grid(ds)
    assert g.parties.dims[-2:] == ("treaty.threshold", "safeguards.dual_criminality")
    cell = g.parties.sel({"treaty.threshold": 20, "safeguards.dual_criminality": "mandatory"})
    assert np.array_equal(cell.values, one.parties.isel(point=0).values)


def test_sweep_frame_is_long(grid_res):
    frame = grid_res.sweep_frame("grid", ["parties", "in_force"])
    assert len(frame) == 4 * 3
    assert list(frame.columns[:6]) == ["point", "scenario", "label", "treaty.threshold",
                                       "safeguards.dual_criminality", "replicate"]
    assert set(zip(frame["treaty.threshold"], frame["safeguards.dual_criminality"])) == \
        GRID_POINTS


def test_threshold_changes_entry_into_force(grid_res):
    ds = grid_res.sweeps["grid"]
    month = ha.outcome(ds, "entry_into_force_month")
    low = month.where(ds["treaty.threshold"] == 20, drop=True)
    high = month.where(ds["treaty.threshold"] == 60, drop=True)
    # Same random numbers: 60 instruments can never come before 20.
    assert (high.fillna(10**6).values >= low.values).all()


def test_common_random_numbers_across_points(grid_res):
    # Dual criminality does not change who ratifies: points that differ only
    # in it ratify identically, replicate by replicate.
    ds = grid_res.sweeps["grid"]
    ref = ds.label.values[0]  # arms are named by their labels
    diffs = ha.paired_differences(ds, "parties", ref)
    same = [n for i, n in enumerate(ds.label.values)
            if ds["treaty.threshold"].values[i] == ds["treaty.threshold"].values[0] and n != ref]
    assert len(same) == 1
    assert diffs.loc[same[0], "mean"] == 0 and diffs.loc[same[0], "high"] == 0


def test_saltelli_design_layout(sens_res):
    design = sens_res.design("sens")
    assert design.attrs["design"] == "saltelli" and design.attrs["base_samples"] == 8
    assert design.attrs["keys"] == KEYS
    assert len(design) == 8 * (len(KEYS) + 2)
    assert list(design["saltelli_matrix"][:16]) == ["A"] * 8 + ["B"] * 8
    assert list(design["saltelli_column"][16:]) == [j for j in range(3) for _ in range(8)]
    lo, hi = design["ratification.b_peer"].min(), design["ratification.b_peer"].max()
    assert 2.0 <= lo and hi <= 9.0


def test_sobol_indices_from_an_engine_sweep(sens_res):
    ds = sens_res.sweeps["sens"]
    frame = ha.sobol_from_sweep(ds, "parties", resamples=200)
    assert list(frame.index) == KEYS
    # Detection and the request rate cannot change who ratifies, and with
    # common random numbers f(AB_j) = f(A) exactly: their indices are zero.
    for key in ("decision.detection", "requests.rate"):
        assert frame.loc[key, "ST"] == 0 and frame.loc[key, "S1"] == 0
    assert frame.loc["ratification.b_peer", "ST"] > 0.5
    other = ha.sobol_from_sweep(ds, "share_exiles_in_safe_haven", resamples=200)
    assert np.isfinite(other["ST"]).all() and (other["ST"] >= 0).all()


def test_sobol_needs_a_saltelli_sweep(grid_res):
    with pytest.raises(ValueError, match="saltelli"):
        ha.sobol_from_sweep(grid_res.sweeps["grid"], "parties")


def test_scenario_discovery_over_sweep_points(sens_res):
    ds = sens_res.sweeps["sens"]
    values = ha.outcome(ds, "parties").mean("replicate")
    threshold = float(values.median())
    x, y = ha.discovery_data(ds, "parties", threshold)
    assert list(x.columns) == KEYS and len(x) == ds.sizes["point"]
    assert y.sum() > 0 and not y.all()
    box = ha.prim(x, y, alpha=0.1, min_mass=0.1).box
    assert "ratification.b_peer" in box.limits  # the only input that moves ratification
    assert box.density > y.mean()
    tree, names, rules = ha.cart(x, y, max_depth=2)
    assert names[tree.tree_.feature[0]] == "ratification.b_peer"
    per_rep_x, per_rep_y = ha.discovery_data(ds, "parties", threshold,
                                             per_replicate=True)
    assert len(per_rep_x) == ds.sizes["point"] * ds.sizes["replicate"] == len(per_rep_y)


def test_figures_for_sweeps(grid_res, sens_res):
    import matplotlib.pyplot as plt
    ds = grid_res.sweeps["grid"]
    fig = ha.plot_sweep_response(ds, "entry_into_force_month", "treaty.threshold")
    assert fig.axes[0].get_xlabel() == "treaty.threshold"
    fig = ha.plot_sobol(ha.sobol_from_sweep(sens_res.sweeps["sens"], "parties",
                                            resamples=100))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == KEYS
    points = grid_res.points("grid")
    assert set(points) == {f"grid[threshold={t}, dual_criminality={o}]" for t, o in GRID_POINTS}
    fig = ha.plot_ratification(points)
    assert len(fig.axes[0].get_legend().get_texts()) == 4
    fig = ha.plot_tradeoff(points)
    assert len(fig.axes[0].get_legend().get_texts()) == 4
    plt.close("all")


def test_report_on_sweep_files(grid_file, saltelli_file, tmp_path):
    index = ha.write_report(grid_file, tmp_path / "grid")
    page = index.read_text()
    assert "sweep_grid.png" in page and (tmp_path / "grid" / "sweep_grid.png").exists()
    assert "ratification.png" in page  # four points: drawn like scenarios
    index = ha.write_report(saltelli_file, tmp_path / "sens")
    page = index.read_text()
    assert "sobol_sens.png" in page and (tmp_path / "sens" / "sobol_sens.png").exists()
    assert "prim_sens.png" in page
    assert "variation in exile risk at the horizon" in page  # Sobol of the headline
    for folder in ("grid", "sens"):  # neither sweeps epsilon
        assert not list((tmp_path / folder).glob("haven_share_epsilon_*.png"))


ADAPTIVE_SWEEP = '''name = "adapt"
months = 40
replicates = "auto"
world.exiles = 3000

[replication]
initial = 2
max = 6

[replication.half_width]
parties = 1.0

[sweep]
design = "grid"

[sweep.values]
"treaty.enabled" = [true, false]
'''


@pytest.fixture(scope="module")
def adaptive_res(tmp_path_factory):
    from conftest import sweep_result
    return ha.open_results(sweep_result(tmp_path_factory, "adapt", ADAPTIVE_SWEEP))


def test_adaptive_replication_pads_points_that_ran_fewer(adaptive_res):
    # Without the treaty nobody is party in any replicate: the target
    # half-width is met at once, while the treaty arm runs to the maximum.
    ds = adaptive_res.sweeps["adapt"]
    runs = dict(zip(ds["treaty.enabled"].values, ds["replicates_run"].values))
    assert runs[0] == 2 and runs[1] > 2
    assert ds.sizes["replicate"] == runs[1]
    without = ds.isel(point=int(np.flatnonzero(ds["treaty.enabled"].values == 0)[0]))
    assert np.isnan(without.parties.isel(replicate=-1)).all()
    in_force = ha.outcome(without, "in_force").values
    assert list(in_force[:2]) == [0, 0] and np.isnan(in_force[2:]).all()
    assert np.isnan(ha.outcome(without, "granted_pretextual").values[2:]).all()
    frame = adaptive_res.sweep_frame("adapt", ["parties"])
    assert len(frame) == runs[0] + runs[1]  # the padding is not a replicate
    diffs = ha.paired_differences(ds, "parties", ds.scenario.values[0])
    assert diffs["n"].iloc[0] == 2  # pairs only where both arms ran
