"""A fresh result file, written by the engine, read the way analysts read it:
with h5py and with xarray (engine h5netcdf), labels included."""
import os
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

BINARY = os.environ["HAVENS_BINARY"]
SOURCE = os.environ["HAVENS_SOURCE_DIR"]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    path = tmp_path_factory.mktemp("run") / "baseline.h5"
    subprocess.run(
        [BINARY, "run", os.path.join(SOURCE, "scenarios", "baseline.toml"),
         "--replicates", "3", "--set", "months=72", "-o", str(path)],
        check=True, capture_output=True)
    return path


def test_h5py_sees_provenance_and_shapes(result):
    with h5py.File(result, "r") as f:
        assert f.attrs["schema_version"] == 4
        assert "treaty.threshold" in f["scenarios/baseline"].attrs
        assert "[treaty]" in f.attrs["scenario_toml"]
        assert f["scenarios/baseline/timeseries/parties"].shape == (3, 72)
        assert f["scenarios/baseline/states/reservations"].shape == (3, 193, 3)
        assert f["world/states/iso3"].shape == (193,)


def test_xarray_labels_the_timeseries(result):
    ds = xr.open_dataset(result, group="scenarios/baseline/timeseries", engine="h5netcdf")
    assert ds.parties.dims == ("replicate", "month")
    assert list(ds.replicate.values) == [0, 1, 2]
    assert list(ds.month.values) == list(range(72))
    for name in ["parties", "treaty_in_force", "protocol_adopted", "protocol_parties",
                 "protocol_in_force"]:
        assert name in ds
    # Parties never decrease (no denunciation yet).
    assert (ds.parties.diff("month") >= 0).all()


def test_xarray_labels_states_and_articles(result):
    ds = xr.open_dataset(result, group="scenarios/baseline/states", engine="h5netcdf")
    assert ds.reservations.dims == ("replicate", "state", "article")
    assert list(ds.article.values) == ["6(2)", "24", "40(22)"]
    assert ds.state.values[0] == "DZA"
    qatar = ds.ratified_month.sel(state="QAT")
    assert (qatar == 4).all()
    never = ds.ratified_month.where(ds.ratified_month < 0)
    assert np.isnan(never.sel(state="QAT")).all()


def test_world_tables(result):
    states = xr.open_dataset(result, group="world/states", engine="h5netcdf")
    assert states.sizes["state"] == 193
    assert set(np.unique(states.region.values)) == {
        "African", "Asia-Pacific", "Eastern European", "Latin American and Caribbean",
        "Western European and Others"}
    edges = xr.open_dataset(result, group="world/edges", engine="h5netcdf")
    assert set(np.unique(edges.channel.values)) <= {"mlat", "budapest", "regional",
                                                     "extradition_treaty"}
    assert float(edges.alignment.min()) >= 0 and float(edges.alignment.max()) <= 1
