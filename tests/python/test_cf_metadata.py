"""Schema 3: every variable says what it is (long_name, units), "never" is a
_FillValue that xarray masks, codes carry CF flags, the month axis has a
date, and `havens info`, the report's tables and havens_analysis give the
same number for the same outcome. docs/OUTPUT.md's and docs/CALIBRATION.md's
tables of variables are the ones the files describe, and the package reads
every variable of /calibration."""
import json
import re
import warnings

import h5py
import numpy as np
import pytest
import xarray as xr

import havens_analysis as ha
from havens_analysis import schema as s
from havens_analysis.outcomes import ENGINE_OUTCOMES, LABELS
from havens_analysis.quantiles import quantile
from havens_analysis.calibration import OPTIONAL, VARIABLES
from havens_analysis.variables import calibration_variables_markdown, variables_markdown

from conftest import SOURCE, havens

SCENARIO_GROUPS = ("timeseries", "states", "flows", "summary", "events")
MARK_BEGIN = "<!-- variables: generated from a result file, checked by tests -->"
MARK_END = "<!-- end of variables -->"
CALIBRATION_BEGIN = "<!-- calibration variables: generated from a result file, checked by tests -->"
CALIBRATION_END = "<!-- end of calibration variables -->"


@pytest.fixture(scope="module")
def logged_file(tmp_path_factory):
    """Two shipped scenarios, short, with the request log."""
    path = tmp_path_factory.mktemp("cf") / "logged.h5"
    havens("run", SOURCE / "scenarios" / "baseline.toml", SOURCE / "scenarios" / "weakened.toml",
           "--replicates", "4", "--set", "months=60", "--set", "world.exiles=4000",
           "--set", "output.request_log=true", "-o", path)
    return path


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, item: out.setdefault(name, dict(item.attrs))
                     if isinstance(item, h5py.Dataset) else None)
    return out


def test_every_variable_has_a_long_name_and_numbers_have_units(logged_file, calibration_file,
                                                                grid_file):
    for path in (logged_file, calibration_file, grid_file):
        for name, attrs in datasets(path).items():
            assert s.LONG_NAME in attrs, f"{path.name}:{name} has no long_name"
    for name, attrs in datasets(logged_file).items():
        if not name.startswith("scenarios/") or "flag_meanings" in attrs:
            continue
        leaf = name.rsplit("/", 1)[-1]
        with h5py.File(logged_file, "r") as f:
            kind = f[name].dtype.kind
        measured = kind == "f" or (kind in "iu" and leaf not in (
            "replicate", "month", "origin", "requested", "target", "request", "date"))
        if measured and not leaf.startswith("outcome_"):
            assert s.UNITS in attrs, f"{name} has no units"


def test_the_packages_fallback_labels_are_the_engines(logged_file):
    from havens_analysis.labels import FALLBACK
    with h5py.File(logged_file, "r") as f:
        for dim, group in ((s.CHANNEL, "timeseries"), (s.REASON, "timeseries"),
                           (s.STATUS, "timeseries"), (s.ARTICLE, "states")):
            axis = f[f"scenarios/baseline/{group}/{dim}"]
            codes = [c.decode() if isinstance(c, bytes) else c for c in axis[()]]
            assert [FALLBACK[dim][c] for c in codes] == json.loads(axis.attrs["labels"]), dim


def test_root_attributes_follow_cf(logged_file):
    with h5py.File(logged_file, "r") as f:
        for key in ("Conventions", "title", "institution", "source", "references"):
            assert f.attrs[key], key
        assert f.attrs["schema_version"] == 4


def test_xarray_opens_every_group_masked_labelled_and_dated(logged_file):
    groups = [f"scenarios/baseline/{g}" for g in SCENARIO_GROUPS] + ["world/states",
                                                                     "world/edges"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opened = {g: xr.open_dataset(logged_file, group=g, engine="h5netcdf") for g in groups}
    ts = opened["scenarios/baseline/timeseries"]
    assert ts["date"].dtype.kind == "M" and "date" in ts.coords
    assert str(ts["date"].values[0])[:10] == "2025-10-01"
    assert str(ts["date"].values[15])[:10] == "2027-01-01"
    assert ts["parties"].attrs["units"] == "count"
    assert ts["treaty_in_force"].attrs["flag_meanings"] == "not_in_force in_force"
    assert json.loads(ts["reason"].attrs["labels"])[-1] == "relations severed (war, no relations)"
    states = opened["scenarios/baseline/states"]
    with h5py.File(logged_file, "r") as f:
        raw = f["scenarios/baseline/states/ratified_month"][()]
    assert (raw == -1).any(), "a short run leaves some states unratified"
    masked = states["ratified_month"].values
    assert np.isnan(masked[raw == -1]).all() and (masked[raw != -1] == raw[raw != -1]).all()
    # A naive mean is the mean over the states that ratified, not one pulled down by -1.
    assert float(states["ratified_month"].mean()) == pytest.approx(raw[raw != -1].mean())
    events = opened["scenarios/baseline/events"]
    assert events["kind"].attrs["flag_meanings"].split()[-1] == "extradition"
    assert events["month_completed"].isnull().any()  # pending at the horizon


def test_xarray_opens_the_sweep_and_calibration_groups_without_a_warning(grid_file,
                                                                        calibration_file):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sweep = xr.open_dataset(grid_file, group="sweeps/grid", engine="h5netcdf")
        calibration = xr.open_dataset(calibration_file, group="calibration", engine="h5netcdf")
    assert calibration["weights"].attrs["units"] == "1"
    assert calibration["particles"].dims == ("generation", "particle", "parameter")
    # A whole sweep is one Dataset: every array leads with the point axis.
    assert sweep["treaty.threshold"].attrs["long_name"]
    assert sweep["date"].dtype.kind == "M"
    assert sweep.sizes["point"] == 4
    assert sweep["parties"].dims == ("point", "replicate", "month")
    assert sweep["entry_into_force_month"].dims == ("point", "replicate")
    assert sweep["outcome_median"].dims == ("point", "outcome")
    for name, var in sweep.data_vars.items():
        assert var.dims[0] == "point", name
    assert list(sweep["scenario"].values) == [f"grid_p{i:04d}" for i in range(4)]
    # Selecting by a swept value: the key made an index of the point axis.
    keyed = sweep.set_coords(["treaty.threshold", "safeguards.dual_criminality"])
    high = keyed.set_xindex("treaty.threshold").sel({"treaty.threshold": 60})
    assert high.sizes["point"] == 2
    assert set(high["safeguards.dual_criminality"].values) == {"optional", "mandatory"}
    from xarray.indexes import PandasMultiIndex
    chosen = {"treaty.threshold": 20, "safeguards.dual_criminality": "mandatory"}
    one = keyed.set_xindex(list(chosen), PandasMultiIndex).sel(chosen)
    assert one["parties"].dims == ("replicate", "month")  # one point: its axis is gone
    point = ha.select_points(ha.open_results(grid_file).sweeps["grid"], **chosen)
    assert one["scenario"].item() == point["scenario"].item()
    assert np.array_equal(one["parties"].values, point["parties"].isel(point=0).values)


def test_the_package_reads_never_as_nan_and_codes_as_categories(logged_file):
    res = ha.open_results(logged_file)
    ds = res.scenario("baseline")
    assert ds["ratified_month"].dtype.kind == "f"
    assert ds["ratified_month"].attrs["units"] == "month"
    assert ds["date"].dtype.kind == "M"
    events = res.events("baseline")
    assert events["channel"].dtype.name == "category"
    assert events["month_arrested"].isna().any() and events["month_arrested"].notna().any()
    assert set(events["pretextual"].cat.categories) == {"legitimate", "pretextual"}


def test_engine_outcomes_carry_the_packages_names_and_labels(logged_file):
    with h5py.File(logged_file, "r") as f:
        axis = f["scenarios/baseline/summary/outcome"]
        names = [n.decode() for n in axis[()]]
        labels = json.loads(axis.attrs["labels"])
        units = json.loads(axis.attrs["units"])
    assert tuple(names) == ENGINE_OUTCOMES
    assert [LABELS[n] for n in names] == labels
    assert units[names.index("exile_risk")] == "1"
    assert units[names.index("exile_risk_data")] == units[names.index("exile_risk_bodily")] == "1"
    assert units[names.index("removed")] == "count"
    ds = ha.open_results(logged_file).scenario("baseline")
    for name in names:
        from_file = ds[s.OUTCOME_VALUE].sel(outcome=name).values
        recomputed = ha.OUTCOMES[name](ds.drop_vars(s.OUTCOME_VALUE))
        np.testing.assert_allclose(from_file, recomputed.values, rtol=1e-6, equal_nan=True,
                                   err_msg=name)


def test_info_the_tables_and_the_package_give_the_same_number(logged_file):
    info = havens("info", logged_file).stdout
    res = ha.open_results(logged_file)
    table = ha.comparison_table(res.scenarios)
    for name in ("baseline", "weakened"):
        line = next(l for l in info.splitlines() if l.strip().startswith(f"scenario {name}:"))
        month = re.search(r"in force (month (\d+)|never)", line)
        risk_line = info.split(f"scenario {name}:")[1]
        risk = float(re.search(r"exile risk at the horizon: ([0-9.]+)", risk_line).group(1))
        ds = res.scenario(name)
        median_month = quantile(ds["entry_into_force_month"].values, 0.5)
        with h5py.File(logged_file, "r") as f:
            group = f[f"scenarios/{name}/summary"]
            names = [n.decode() for n in group["outcome"][()]]
            file_month = group["outcome_median"][names.index("entry_into_force_month")]
            file_risk = group["outcome_median"][names.index("exile_risk")]
        assert table.loc[name, "entry into force, month (median)"] == pytest.approx(
            median_month, nan_ok=True)
        assert file_month == pytest.approx(median_month, nan_ok=True)
        if month.group(2):
            assert float(month.group(2)) == median_month
        assert table.loc[name, "exile risk (median)"] == pytest.approx(file_risk)
        assert risk == pytest.approx(file_risk, abs=5e-4)
        assert table.loc[name, "parties at horizon (median)"] == \
            group_value(logged_file, name, "parties")


def group_value(path, scenario, outcome):
    with h5py.File(path, "r") as f:
        group = f[f"scenarios/{scenario}/summary"]
        names = [n.decode() for n in group["outcome"][()]]
        return group["outcome_median"][names.index(outcome)]


def test_docs_list_every_variable_as_the_file_describes_it(logged_file):
    text = (SOURCE / "docs" / "OUTPUT.md").read_text()
    assert MARK_BEGIN in text and MARK_END in text, "docs/OUTPUT.md lost its generated table"
    documented = text.split(MARK_BEGIN)[1].split(MARK_END)[0].strip() + "\n"
    generated = variables_markdown(logged_file, "baseline")
    assert documented == generated, (
        "docs/OUTPUT.md's table of variables differs from what a result file says; "
        "regenerate it with havens_analysis.variables.variables_markdown")


def test_docs_list_every_calibration_variable_as_the_file_describes_it(calibration_file):
    text = (SOURCE / "docs" / "CALIBRATION.md").read_text()
    assert CALIBRATION_BEGIN in text and CALIBRATION_END in text, \
        "docs/CALIBRATION.md lost its generated table"
    documented = text.split(CALIBRATION_BEGIN)[1].split(CALIBRATION_END)[0].strip() + "\n"
    generated = calibration_variables_markdown(calibration_file)
    assert documented == generated, (
        "docs/CALIBRATION.md's table of variables differs from what a calibration file says; "
        "regenerate it with havens_analysis.variables.calibration_variables_markdown")


def test_the_package_reads_every_calibration_variable_with_the_files_axes(calibration_file):
    """The engine writes /calibration from its registry; the package's table
    of what it reads (calibration.VARIABLES and OPTIONAL) names each of them,
    with the same axes and kind, and nothing else."""
    table = ha.calibration_variables_table(calibration_file)
    described = {**VARIABLES, **OPTIONAL}
    assert sorted(table["name"]) == sorted(described)
    for row in table.itertuples(index=False):
        dims, strings = described[row.name]
        assert row.dims == ", ".join(dims), row.name
        assert (row.dtype == "string") == strings, row.name
        assert row.long_name, row.name
