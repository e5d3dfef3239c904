"""havens_analysis.open_results against files the engine has just written:
several scenarios in one file, labels and options, tidy views, the event
log, and clear errors for files that are not havens results."""
import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest

import havens_analysis as ha
from conftest import BINARY, SOURCE, SMALL, havens, world_keys

NAMES = ["baseline", "no_treaty", "strong_safeguards", "weakened"]


@pytest.fixture(scope="module")
def res(scenarios_file):
    return ha.open_results(scenarios_file)


def test_lists_the_scenarios_and_provenance(res):
    assert res.scenario_names == NAMES
    assert res.sweep_names == []
    assert list(res.scenarios) == NAMES
    assert res.schema_version == 4
    assert res.provenance["havens_version"]
    assert res.provenance["git_revision"]
    assert " run " in res.provenance["command_line"]
    assert "# --- " in res.scenario_toml


def test_scenario_is_one_labelled_dataset(res, scenarios_file):
    ds = res.scenarios["baseline"]
    assert ds.parties.dims == ("replicate", "month")
    assert ds.refused_by_reason.dims == ("replicate", "month", "reason")
    assert ds.ratified_month.dims == ("replicate", "state")
    assert ds.grant_probability.dims == ("replicate", "origin", "host")
    assert ds.entry_into_force_month.dims == ("replicate",)
    assert ds.sizes["replicate"] == 3 and ds.sizes["month"] == 60
    assert list(ds.channel.values) == ["uncc", "mlat", "budapest", "regional", "interpol",
                                       "extradition_treaty", "reciprocity", "comity",
                                       "provider", "domestic", "removal"]
    assert list(ds.status.values) == ["safe", "surveilled", "data_exposed", "extradited",
                                      "relocated", "pending_extradition", "removed"]
    assert isinstance(ds.state.values[0], str)
    # The arrays are the file's, unchanged by the merge.
    with h5py.File(scenarios_file, "r") as f:
        raw = f["scenarios/baseline/timeseries/requests_granted"][()]
        flows = f["scenarios/baseline/flows/granted"][()]
    assert np.array_equal(ds.requests_granted.values, raw)
    assert np.array_equal(ds.granted.values, flows)


def test_adds_dates_and_regions(res):
    ds = res.scenarios["baseline"]
    assert str(ds.date.values[0])[:10] == "2025-10-01"
    assert str(ds.date.sel(month=4).values)[:7] == "2026-02"  # Qatar's deposit
    assert ds.region.sel(state="FRA").item() == "Western European and Others"
    assert ds.origin_region.sel(origin="CHN").item() == "Asia-Pacific"
    assert ds.host_region.sel(host="BRA").item() == "Latin American and Caribbean"
    assert ds.fh_status.sel(state="NOR").item() == "Free"
    assert ds.fh_status.sel(state="CHN").item() == "Not Free"


def test_options_are_attributes_and_a_table(res):
    assert res.scenarios["baseline"].attrs["treaty.threshold"] == 40
    assert res.scenarios["strong_safeguards"].attrs["safeguards.scope"] == "narrow"
    options = res.options()
    assert list(options.index) == NAMES
    assert options.loc["weakened", "safeguards.human_rights_clause"] == "deleted"
    assert options.loc["no_treaty", "treaty.enabled"] == 0
    assert "scenario_toml" not in options.columns
    assert res.config("baseline")["treaty"]["threshold"] == 40


def test_accounting_holds_through_the_package(res):
    for ds in res.scenarios.values():
        assert (ds.refused_by_reason.sum("reason") == ds.requests_refused).all()
        assert (ds.granted_by_channel.sum("channel") == ds.requests_granted).all()
        assert (ds.sent_by_channel.sum("channel") == ds.requests_sent).all()
        assert (ds.granted.sum(["origin", "host"]) == ds.requests_granted.sum("month")).all()


def test_timeseries_frame_is_long(res):
    frame = res.timeseries_frame(["parties", "requests_sent"])
    assert len(frame) == 4 * 3 * 60
    assert {"scenario", "replicate", "month", "date", "parties", "requests_sent"} <= set(frame)
    no_treaty = frame[frame.scenario == "no_treaty"]
    assert (no_treaty.parties == 0).all()


def test_summary_frame_has_one_row_per_replicate(res, scenarios_file):
    frame = res.summary_frame()
    assert len(frame) == 4 * 3
    assert set(ha.outcomes.DEFAULT_OUTCOMES) <= set(frame.columns)
    no_treaty = frame[frame.scenario == "no_treaty"]
    assert (no_treaty.in_force == 0).all() and no_treaty.entry_into_force_month.isna().all()
    with h5py.File(scenarios_file, "r") as f:
        parties = f["scenarios/baseline/timeseries/parties"][()][:, -1]
        eif = f["scenarios/baseline/summary/entry_into_force_month"][()]
    base = frame[frame.scenario == "baseline"].sort_values("replicate")
    assert np.array_equal(base.parties.values, parties)
    assert np.array_equal(base.entry_into_force_month.values,
                          np.where(eif < 0, np.nan, eif), equal_nan=True)


def test_unknown_outcome_and_scenario_are_named(res):
    with pytest.raises(KeyError, match="unknown outcome 'nope'"):
        ha.outcome(res.scenarios["baseline"], "nope")
    with pytest.raises(ha.HavensResultError, match="no scenario named 'nope'"):
        res.scenario("nope")


def test_event_log_as_a_table(tmp_path):
    path = tmp_path / "events.h5"
    havens("run", SOURCE / "scenarios" / "baseline.toml", *SMALL,
           "--set", "output.request_log=true", "-o", path)
    res = ha.open_results(path)
    events = res.events("baseline")
    ds = res.scenarios["baseline"]
    assert isinstance(events["channel"].dtype, pd.CategoricalDtype)
    assert "uncc" in list(events["channel"].cat.categories)
    assert set(events["origin"].astype(str)) <= set(ds.state.values)
    granted = events[events.outcome == "granted"].groupby("replicate").size()
    assert np.array_equal(granted.sort_index().values, ds.requests_granted.sum("month").values)
    # A legitimate-stream suspect is no exile: no target, and never a pretext.
    suspects = events[events.target.isna()]
    assert len(suspects) > 0 and (suspects.pretextual == "legitimate").all()
    assert events[events.pretextual == "pretextual"].target.notna().all()
    assert events.target.max() < ds.exiles.max()
    # Only an extradition's Red Notice leads to a provisional arrest.
    arrested = events[events.month_arrested.notna()]
    assert len(arrested) > 0 and (arrested.kind == "extradition").all()
    assert (arrested.month_arrested >= arrested.month_sent).all()


def test_a_missing_event_log_is_explained(res):
    with pytest.raises(ha.HavensResultError, match="request_log=true"):
        res.events("baseline")


def test_common_random_numbers_make_twins_identical(tmp_path):
    twin = tmp_path / "twin.toml"
    twin.write_text(world_keys() + 'name = "twin"\n')
    path = tmp_path / "twins.h5"
    havens("run", SOURCE / "scenarios" / "baseline.toml", twin, *SMALL, "--posterior", "none",
           "-o", path)
    res = ha.open_results(path)
    diff = ha.paired_differences(res.scenarios, "share_exiles_in_safe_haven", "baseline")
    assert diff.loc["twin", "mean"] == 0 and diff.loc["twin", "low"] == 0
    assert diff.loc["twin", "high"] == 0 and diff.loc["twin", "n"] == 3


# --- files that are not havens results ---------------------------------------

def one_line_naming(err, path):
    message = str(err.value)
    assert str(path) in message
    assert "\n" not in message
    return message


def test_a_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.h5"
    path.write_text("not hdf5 at all\n")
    with pytest.raises(ha.HavensResultError) as err:
        ha.open_results(path)
    assert "not an HDF5 file" in one_line_naming(err, path)


def test_an_hdf5_file_without_schema_is_refused(tmp_path):
    path = tmp_path / "other.h5"
    with h5py.File(path, "w") as f:
        f["x"] = np.arange(3)
    with pytest.raises(ha.HavensResultError) as err:
        ha.open_results(path)
    assert "schema_version" in one_line_naming(err, path)


def test_an_hdf5_file_without_scenarios_is_refused(tmp_path):
    path = tmp_path / "empty.h5"
    with h5py.File(path, "w") as f:
        f.attrs["schema_version"] = 1
    with pytest.raises(ha.HavensResultError) as err:
        ha.open_results(path)
    assert "/scenarios" in one_line_naming(err, path)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.h5"
    with h5py.File(path, "w") as f:
        f.attrs["schema_version"] = 99
        f.create_group("scenarios")
    with pytest.raises(ha.HavensResultError) as err:
        ha.open_results(path)
    assert "newer" in one_line_naming(err, path)


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    with pytest.raises(ha.HavensResultError) as err:
        ha.open_results(tmp_path / "absent.h5")
    assert "no such file" in one_line_naming(err, tmp_path / "absent.h5")
    with pytest.raises(ha.HavensResultError) as err:
        ha.open_results(tmp_path)
    assert "directory" in one_line_naming(err, tmp_path)


def test_the_result_error_is_a_value_error(tmp_path):
    path = tmp_path / "x.h5"
    path.write_bytes(b"\x00" * 10)
    with pytest.raises(ValueError):
        ha.open_results(path)


def test_run_havens_reports_the_engine_error(tmp_path):
    with pytest.raises(ha.HavensRunError, match="treaty.threshold"):
        ha.run_havens("baseline", tmp_path / "x.h5", sets={"treaty.threshold": 0},
                      binary=BINARY)
    assert not (tmp_path / "x.h5").exists()


def test_write_scenario_points_at_every_world_file(tmp_path):
    path = ha.write_scenario(tmp_path / "w.toml", 'name = "w"\nmonths = 12\n')
    text = path.read_text()
    for key in ha.engine.WORLD_FILES:
        assert f"world.{key} = " in text
    # The folder has no data/ beside it: the run succeeds only if every
    # world file was pointed at the checkout's.
    res = ha.open_results(ha.run_havens(path, tmp_path / "w.h5", replicates=1, exiles=500,
                                        binary=BINARY))
    assert res.scenario_names == ["w"]


def test_run_havens_writes_a_readable_file(tmp_path):
    path = ha.run_havens(["baseline", "no-treaty"], tmp_path / "r.h5", replicates=2, months=24,
                         exiles=2000, binary=BINARY)
    res = ha.open_results(path)
    assert res.scenario_names == ["baseline", "no_treaty"]
    assert res.scenarios["no_treaty"].sizes["month"] == 24
    assert subprocess.run([str(BINARY), "info", str(path)], capture_output=True).returncode == 0


def test_scenarios_come_in_the_order_given(tmp_path):
    # HDF5 lists groups alphabetically; the file's scenario_order restores the command line's.
    path = tmp_path / "two.h5"
    havens("run", SOURCE / "scenarios" / "weakened.toml", SOURCE / "scenarios" / "baseline.toml",
           *SMALL, "-o", path)
    assert list(ha.open_results(path).scenarios) == ["weakened", "baseline"]
