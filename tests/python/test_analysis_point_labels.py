"""A sweep's points shown by their values: NAME[threshold=20, ...] in the
design table, the sweep Dataset, its long frame, points() and the arms of
paired_differences, which take the group name or the label alike; the
labels are those `havens info` prints."""
import re
import subprocess

import numpy as np
import pytest

import havens_analysis as ha
from havens_analysis.sweeps import value_text
from conftest import BINARY

GRID = {0: "grid[threshold=20, dual_criminality=optional]",
        1: "grid[threshold=20, dual_criminality=mandatory]",
        2: "grid[threshold=60, dual_criminality=optional]",
        3: "grid[threshold=60, dual_criminality=mandatory]"}


@pytest.fixture(scope="module")
def res(grid_file):
    return ha.open_results(grid_file)


def test_values_are_written_as_the_engine_writes_them():
    assert value_text(40) == "40" and value_text(np.int64(40)) == "40"
    assert value_text(0.05) == "0.05" and value_text(4.3729164) == "4.37292"
    assert value_text(1e-7) == "1e-07"
    assert value_text(np.uint8(1), boolean=True) == "true" and value_text(False) == "false"
    assert value_text("mandatory") == "mandatory"


def test_labels_name_keys_by_their_last_part_unless_two_share_it():
    groups = ["s_p0000", "s_p0001"]
    assert ha.point_labels("s", ["treaty.threshold", "safeguards.scope"],
                           [["20", "40"], ["narrow", "serious_crime"]], groups) == \
        ["s[threshold=20, scope=narrow]", "s[threshold=40, scope=serious_crime]"]
    assert ha.point_labels("s", ["treaty.threshold", "other.threshold"],
                           [["20", "40"], ["1", "2"]], groups) == \
        ["s[treaty.threshold=20, other.threshold=1]", "s[treaty.threshold=40, other.threshold=2]"]
    # A point listed twice is told apart by its group.
    assert ha.point_labels("s", ["treaty.threshold"], [["20", "20"]], groups) == \
        ["s[threshold=20] (s_p0000)", "s[threshold=20] (s_p0001)"]


def test_the_design_the_dataset_and_the_frame_carry_the_labels(res):
    design = res.design("grid")
    assert list(design.columns[:2]) == ["scenario", "label"]
    assert dict(enumerate(design["label"])) == GRID
    ds = res.sweeps["grid"]
    assert list(ds.label.values) == [GRID[i] for i in range(4)]
    assert ds.label.dims == ("point",)
    frame = res.sweep_frame("grid", ["parties"])
    assert set(zip(frame["scenario"], frame["label"])) == \
        {(f"grid_p{i:04d}", GRID[i]) for i in range(4)}
    assert res.point_labels == {f"grid_p{i:04d}": GRID[i] for i in range(4)}
    points = res.points("grid")
    assert list(points) == [GRID[i] for i in range(4)]
    assert points[GRID[2]].attrs["scenario"] == "grid_p0002"


def test_a_point_is_read_by_its_group_or_its_label(res):
    by_label = res.scenario(GRID[3])
    by_group = res.scenario("grid_p0003")
    assert by_label.attrs["scenario"] == by_group.attrs["scenario"] == "grid_p0003"
    assert np.array_equal(by_label.parties.values, by_group.parties.values)
    with pytest.raises(ha.HavensResultError, match="no scenario named 'grid\\[threshold=99"):
        res.scenario("grid[threshold=99]")


def test_paired_differences_take_the_group_or_the_label(res):
    ds = res.sweeps["grid"]
    by_label = ha.paired_differences(ds, "parties", GRID[0])
    by_group = ha.paired_differences(ds, "parties", "grid_p0000")
    assert list(by_label.index) == [GRID[i] for i in (1, 2, 3)]
    assert by_label.equals(by_group)
    assert (by_label["reference"] == GRID[0]).all()
    chosen = ha.paired_differences(ds, "parties", "grid_p0000", arms=["grid_p0002", GRID[3]])
    assert list(chosen.index) == [GRID[2], GRID[3]]
    assert chosen.loc[GRID[2], "mean"] == by_label.loc[GRID[2], "mean"]
    # The points as scenarios (points()) answer to their groups too.
    as_scenarios = ha.paired_differences(res.points("grid"), "parties", "grid_p0000")
    assert np.allclose(as_scenarios["mean"].values, by_label["mean"].values)
    with pytest.raises(KeyError, match=re.escape(f"no arm named None; arms: {GRID[0]}, ")):
        ha.paired_differences(ds, "parties", None)


def test_havens_info_prints_the_same_labels(grid_file):
    info = subprocess.run([str(BINARY), "info", str(grid_file)], capture_output=True,
                          text=True, check=True).stdout
    for i, label in GRID.items():
        assert f"  scenario {label} (grid_p{i:04d}): " in info
