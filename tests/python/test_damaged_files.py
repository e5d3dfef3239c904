"""Damaged result files: havens_analysis.open_results must refuse each with one
HavensResultError (a ValueError) whose one-line message names the file and the
dataset or attribute, never load it silently nor fail with a raw KeyError,
IndexError or JSONDecodeError. `havens info` must refuse the same files with
exit code 2 and one line. The damages are made with h5py on copies of small
real results, which are then checksummed again (as havens would have written
them) so that `havens info` reaches the checks behind its checksum. Last,
random damage (issue class F6): flipped bytes and zeroed sectors anywhere in
a run, a sweep and a calibration file never crash or hang `havens info`."""
import importlib.util
import shutil
import subprocess

import h5py
import numpy as np
import pytest

import havens_analysis as ha
from conftest import BINARY, SOURCE, havens, write_checksum

TINY = ["--replicates", "1", "--set", "months=12", "--set", "world.exiles=1000", "--quiet"]
SERIES = "scenarios/baseline/timeseries"


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("originals")
    baseline, sweep = folder / "baseline.h5", folder / "sweep.h5"
    havens("run", SOURCE / "scenarios" / "baseline.toml", *TINY, "-o", baseline)
    havens("run", SOURCE / "scenarios" / "thresholds.toml", *TINY, "-o", sweep)
    return {"baseline": baseline, "sweep": sweep}


def replace(group, name, data):
    del group[name]
    group[name] = data


def parties_1d(f):
    replace(f[SERIES], "parties", np.arange(5, dtype=np.int32))


def parties_empty(f):
    del f[SERIES]["parties"]
    f[SERIES].create_dataset("parties", shape=(0, 12), dtype=np.int32)


def parties_text(f):
    replace(f[SERIES], "parties", np.array([["x"] * 12], dtype="S1"))


def sent_short(f):
    replace(f[SERIES], "requests_sent", np.zeros((1, 3), dtype=np.int64))


def schema_99(f):
    f.attrs["schema_version"] = np.int64(99)


def schema_0(f):
    f.attrs["schema_version"] = np.int64(0)


def schema_text(f):
    f.attrs["schema_version"] = "2"


def schema_array(f):
    f.attrs["schema_version"] = np.full(64, 2, dtype=np.int64)


def no_month(f):
    del f[SERIES]["month"]


def no_replicate(f):
    del f[SERIES]["replicate"]


def no_timeseries(f):
    del f[SERIES]


def no_entry(f):
    del f["scenarios/baseline/summary/entry_into_force_month"]


def no_world(f):
    del f["world"]


def no_groups(f):
    del f["scenarios/baseline"]


def no_version_text(f):
    del f.attrs["havens_version"]


def order_garbage(f):
    f.attrs["scenario_order"] = "{not json"


def order_object(f):
    f.attrs["scenario_order"] = '{"a": 1}'


def order_unknown(f):
    f.attrs["scenario_order"] = '["elsewhere"]'


def no_sweeps(f):
    del f["sweeps"]


def no_sweep(f):
    del f["sweeps/thresholds"]


def no_key(f):
    del f["sweeps/thresholds/treaty.threshold"]


def no_point(f):
    del f["sweeps/thresholds/point"]


def keys_garbage(f):
    f["sweeps/thresholds"].attrs["keys"] = "treaty.threshold"


def no_runs(f):
    del f["sweeps/thresholds/replicates_run"]


def runs_past_slots(f):
    f["sweeps/thresholds/replicates_run"][3] = 5


def not_by_point(f):
    replace(f["sweeps/thresholds"], "protocol_votes", np.zeros((3, 1), dtype=np.int32))


# (damage, original, the object the message names, what it says)
DAMAGES = [
    (parties_1d, "baseline", f"/{SERIES}/parties", "expected 2 dimensions, got 1"),
    (parties_empty, "baseline", f"/{SERIES}/parties", "at least one replicate"),
    (parties_text, "baseline", f"/{SERIES}/parties", "expected numbers"),
    (sent_short, "baseline", f"/{SERIES}/requests_sent",
     "expected shape (1, 12) [replicate, month], got (1, 3)"),
    (schema_99, "baseline", "schema_version", "99"),
    (schema_0, "baseline", "attribute schema_version of /", "schema 0"),
    (schema_text, "baseline", "attribute schema_version of /", "expected an integer"),
    (schema_array, "baseline", "attribute schema_version of /", "expected an integer"),
    (no_month, "baseline", f"/{SERIES}/month", "missing dataset"),
    (no_replicate, "baseline", f"/{SERIES}/replicate", "missing dataset"),
    (no_timeseries, "baseline", f"/{SERIES}", "missing group"),
    (no_entry, "baseline", "/scenarios/baseline/summary/entry_into_force_month",
     "missing dataset"),
    (no_world, "baseline", "/world", "missing group"),
    (no_groups, "baseline", "/scenarios", "no scenario group"),
    (no_version_text, "baseline", "attribute havens_version of /", "missing"),
    (order_garbage, "baseline", "attribute scenario_order of /", "expected a JSON list"),
    (order_object, "baseline", "attribute scenario_order of /", "expected a JSON list"),
    (order_unknown, "baseline", "attribute scenario_order of /",
     "'elsewhere', which is no group of /scenarios"),
    # A sweep is one group (schema 4): the file has no scenario group.
    (no_sweeps, "sweep", "/scenarios", "no scenario group and no sweep"),
    (no_sweep, "sweep", "/scenarios", "no scenario group and no sweep"),
    (no_key, "sweep", "/sweeps/thresholds/treaty.threshold", "missing dataset"),
    (no_point, "sweep", "/sweeps/thresholds/point", "missing dataset"),
    (keys_garbage, "sweep", "attribute keys of /sweeps/thresholds", "expected a JSON list"),
    (no_runs, "sweep", "/sweeps/thresholds/replicates_run", "missing dataset"),
    (runs_past_slots, "sweep", "/sweeps/thresholds/replicates_run",
     "expected 1 to 1 replicates per point, got 5"),
    (not_by_point, "sweep", "/sweeps/thresholds/protocol_votes",
     "expected 24 along its point axis, got shape (3, 1)"),
]


@pytest.fixture
def damaged(originals, tmp_path):
    def make(damage, original):
        path = tmp_path / f"{damage.__name__}.h5"
        shutil.copy(originals[original], path)
        with h5py.File(path, "r+") as f:
            damage(f)
        write_checksum(path)
        return path
    return make


def test_the_undamaged_files_load(originals):
    res = ha.open_results(originals["baseline"])
    assert res.scenarios["baseline"].parties.shape == (1, 12)
    sweep = ha.open_results(originals["sweep"])
    assert sweep.sweeps["thresholds"].sizes["point"] == 24


@pytest.mark.parametrize("damage, original, where, problem", DAMAGES,
                         ids=[d[0].__name__ for d in DAMAGES])
def test_open_results_refuses_a_damaged_file(damaged, damage, original, where, problem):
    path = damaged(damage, original)
    with pytest.raises(ha.HavensResultError) as err:
        res = ha.open_results(path)
        # Had it opened, reading everything must not get past the damage either.
        for name in res.scenario_names:
            res.scenarios[name]
        for name in res.sweep_names:
            res.sweeps[name]
    message = str(err.value)
    assert isinstance(err.value, ValueError)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert where in message
    assert problem in message


@pytest.mark.parametrize("damage, original, where, problem", DAMAGES,
                         ids=[d[0].__name__ for d in DAMAGES])
def test_havens_info_refuses_a_damaged_file(damaged, damage, original, where, problem):
    path = damaged(damage, original)
    done = subprocess.run([str(BINARY), "info", str(path)], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr + done.stdout
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"havens: error: {path}: ")
    assert where in done.stderr
    if damage is not schema_99:  # the package words a newer schema its own way
        assert problem in done.stderr


def test_a_lost_dimension_scale_is_named_when_the_group_is_read(damaged):
    # A variable written without its scales (its axes read as dim_0, dim_1)
    # passes the checks at open; reading the group names it.
    def unlabelled(f):
        replace(f[SERIES], "protocol_parties", np.zeros((1, 12), dtype=np.int32))
    path = damaged(unlabelled, "baseline")
    res = ha.open_results(path)
    with pytest.raises(ha.HavensResultError) as err:
        res.scenarios["baseline"]
    message = str(err.value)
    assert message.startswith(f"{path}: /{SERIES}/protocol_parties: axis 0 has no coordinate")
    assert "\n" not in message


def test_the_checksum_is_the_one_havens_writes(originals, tmp_path):
    path = tmp_path / "again.h5"
    shutil.copy(originals["baseline"], path)
    write_checksum(path)
    assert path.read_bytes() == originals["baseline"].read_bytes()


def test_damaged_copy_without_its_checksum_is_refused_by_havens_info(damaged):
    path = damaged(no_month, "baseline")
    data = bytearray(path.read_bytes())
    data[600] ^= 1
    path.write_bytes(data)
    done = subprocess.run([str(BINARY), "info", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == (f"havens: error: {path}: damaged: its checksum does not match "
                           "(the file was changed after havens wrote it)\n")


def test_h5py_reads_the_user_block_file(originals):
    with h5py.File(originals["baseline"], "r") as f:
        assert f.userblock_size == 512
        assert f.attrs["schema_version"] >= 3


def load_bench():
    spec = importlib.util.spec_from_file_location("damaged_files",
                                                  SOURCE / "bench" / "damaged_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_random_damage_never_crashes_or_hangs_havens_info(tmp_path):
    # A sample of bench/damaged_files.py (its full set is in bench/RESULTS.md).
    bench = load_bench()
    files = bench.make_files(BINARY, tmp_path)
    outcomes = bench.run(BINARY, files, mutations=100, sectors=20, seed=7, workers=2,
                         timeout=10.0)
    assert len(outcomes) == 120
    assert {o[0] for o in outcomes} == set(bench.KINDS)
    failures = [o for o in outcomes if o[3] not in ("ok", "refused")]
    assert not failures, bench.summary(outcomes, files)


def changed_copy(originals, tmp_path, change):
    """A copy of the baseline file with `change(bytearray)` applied to its bytes."""
    path = tmp_path / "changed.h5"
    data = bytearray(originals["baseline"].read_bytes())
    change(data)
    path.write_bytes(bytes(data))
    return path


def refusal(path, **options):
    with pytest.raises(ha.HavensResultError) as err:
        ha.open_results(path, **options)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message


def test_open_results_checks_the_checksum_before_h5py_reads(originals, tmp_path):
    # A byte of the data changed, the file cut short, the record's own bytes:
    # each refused by the package as havens info refuses it.
    def flip(data):
        data[len(data) // 2] ^= 0x10
    assert "damaged: its checksum does not match" in refusal(changed_copy(originals, tmp_path, flip))

    def cut(data):
        del data[-1000:]
    size = originals["baseline"].stat().st_size
    assert (f"damaged: {size - 1000} bytes where havens wrote {size} (cut short or extended"
            in refusal(changed_copy(originals, tmp_path, cut)))

    def record(data):
        data[20] ^= 0x01  # inside "length ..."
    assert "damaged: its checksum record is unreadable" in refusal(
        changed_copy(originals, tmp_path, record))

    def padding(data):
        data[400] = 0x20  # after the record, where havens writes zeros
    assert "damaged: its checksum record is unreadable" in refusal(
        changed_copy(originals, tmp_path, padding))


def test_a_file_changed_on_purpose_is_read_when_asked(originals, tmp_path):
    path = tmp_path / "annotated.h5"
    shutil.copy(originals["baseline"], path)
    with h5py.File(path, "r+") as f:
        f["scenarios/baseline"].attrs["note"] = "checked by hand"
    assert "verify=False reads it anyway" in refusal(path)
    res = ha.open_results(path, verify=False)
    assert res.scenarios["baseline"].parties.shape == (1, 12)
    write_checksum(path)  # as havens would write it: read again without asking
    assert ha.open_results(path).scenario_names == ["baseline"]


def fnv1a64(data):
    """Record 1's hash as docs/OUTPUT.md gives it: havens's own start value."""
    h = 1469598103934665603
    for byte in data:
        h = ((h ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def test_the_first_record_is_read_with_its_length_checked(originals, tmp_path):
    # Record 1 (FNV-1a, earlier builds): its form and the file's length are
    # checked; its hash only by havens info (in Python it takes minutes a GB).
    def first_record(length):
        def change(data):
            h = fnv1a64(memoryview(data)[512:])
            data[:512] = (f"havens-checksum 1\nlength {length}\nfnv1a64 {h:016x}\n"
                          .encode().ljust(512, b"\0"))
        return change
    size = originals["baseline"].stat().st_size
    path = changed_copy(originals, tmp_path, first_record(size))
    assert ha.open_results(path).scenario_names == ["baseline"]
    done = subprocess.run([str(BINARY), "info", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # the record is the one havens wrote
    assert "bytes where havens wrote" in refusal(
        changed_copy(originals, tmp_path, first_record(size + 1)))
