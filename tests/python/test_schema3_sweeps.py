"""Sweeps in the layout of schemas 1 to 3 (a scenario group per point) read
as the same Datasets as the one group of schema 4: the same runs, rewritten
by schema3.as_schema3, give the same sweep, points, labels and events."""
import numpy as np
import pytest
import xarray as xr

import havens_analysis as ha
from conftest import sweep_result
from schema3 import as_schema3
from test_analysis_sweeps import ADAPTIVE_SWEEP

LOGGED_GRID = '''name = "grid"
months = 24
replicates = 2
seed = 7
world.exiles = 2000
output.request_log = true

[sweep]
design = "grid"

[sweep.values]
"treaty.threshold" = [20, 60]
"treaty.enabled" = [true, false]
'''


@pytest.fixture(scope="module", params=["grid", "adapt"])
def both(request, tmp_path_factory):
    """(schema 4, schema 3) Results of one sweep: a grid with an event log
    and a boolean key, and a sweep whose points ran different numbers of
    replicates."""
    body = LOGGED_GRID if request.param == "grid" else ADAPTIVE_SWEEP
    new = sweep_result(tmp_path_factory, request.param, body)
    old = new.with_name(f"{request.param}_schema3.h5")
    as_schema3(new, old)
    return ha.open_results(new), ha.open_results(old)


def test_the_layouts_are_the_ones_compared(both):
    new, old = both
    assert (new.schema_version, old.schema_version) == (4, 3)
    assert new.scenario_names == old.scenario_names == []
    assert new.sweep_names == old.sweep_names


def test_the_sweep_reads_the_same(both):
    new, old = both
    name = new.sweep_names[0]
    a, b = new.sweeps[name], old.sweeps[name]
    # The same arrays, coordinates and attributes (the stacked points' replicate
    # axis had no long_name).
    xr.testing.assert_identical(a.drop_vars("replicate"),
                                b.transpose(*a.dims)[list(a.data_vars)].drop_vars("replicate"))
    wide = ["safe_havens", "granted", "parties"]
    xr.testing.assert_equal(new.sweep(name, variables=wide), old.sweep(name, variables=wide))
    assert new.design(name).drop(columns="replicates_run").equals(old.design(name))


def test_each_point_reads_as_the_same_scenario(both):
    new, old = both
    assert new.point_labels == old.point_labels
    for point, label in new.point_labels.items():
        a, b = new.scenario(point), old.scenario(label)
        xr.testing.assert_equal(a, b[list(a.data_vars)])
        assert set(a.data_vars) == set(b.data_vars) - {"draw", "parameters"}
        assert {k: v for k, v in a.attrs.items() if k != "config_json"} == \
            {k: v for k, v in b.attrs.items() if k != "config_json"}
        config = new.config(point)  # with the point's swept values
        for key in new.design(new.sweep_names[0]).attrs["keys"]:
            section, option = key.split(".")
            assert config[section][option] == a.attrs[key], key
    a, b = (res.options(list(new.point_labels)) for res in both)
    assert a.equals(b[a.columns])  # HDF5 lists attributes alphabetically


def test_a_points_events_are_its_rows_of_the_sweeps_log(both):
    new, old = both
    if new.sweep_names != ["grid"]:
        pytest.skip("no event log")
    log = new.events("grid")
    assert set(log["point"]) <= {0, 1, 2, 3}
    for p, point in enumerate(new.point_labels):
        mine = new.events(point)
        assert len(mine) == (log["point"] == p).sum() > 0
        theirs = old.events(point).reset_index(drop=True)
        assert mine.reset_index(drop=True).equals(theirs[mine.columns])


def test_slots_a_point_did_not_run_are_nan(both):
    new, _ = both
    ds = new.sweeps[new.sweep_names[0]]
    runs = ds["replicates_run"].values
    assert ds.sizes["replicate"] == runs.max()
    for p, ran in enumerate(runs):
        parties = ds["parties"].isel(point=p).values
        assert not np.isnan(parties[:ran]).any() and np.isnan(parties[ran:]).all()
