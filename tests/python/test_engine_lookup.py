"""Where havens_analysis looks for the engine and the shipped scenarios
(engine.py, docs/ANALYSIS.md "Finding the engine"): each place in its turn,
and an error naming every place when none has one. Each case runs the
package in a fresh Python, from a copy placed in or out of a fake checkout,
with only the environment it sets."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ANALYSIS

# engine.py as the package at PYTHONPATH holds it, without running the
# package's __init__ (xarray, matplotlib: seconds per case); engine.py only
# knows where it is from its own __file__, which stays the package's.
IMPORT = """
import importlib.util, json, sys, types
spec = importlib.util.find_spec("havens_analysis")
package = types.ModuleType("havens_analysis")
package.__path__ = list(spec.submodule_search_locations)
sys.modules["havens_analysis"] = package
from havens_analysis import engine as ha
"""
PROBE = IMPORT + """
out = {}
for name in ("find_binary", "scenarios_dir", "source_dir"):
    try:
        out[name] = str(getattr(ha, name)())
    except FileNotFoundError as error:
        out[name] = "error: " + str(error)
print(json.dumps(out))
"""


def fake_binary(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\necho havens\n")
    path.chmod(0o755)
    return path


def copy_package(folder):
    """The package's sources in folder/havens_analysis; returns folder."""
    shutil.copytree(ANALYSIS / "havens_analysis", folder / "havens_analysis",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def fake_checkout(root, built=True):
    """A folder that is a checkout: analysis/havens_analysis and scenarios/,
    with an engine at build/release/sim/havens unless `built` is false."""
    copy_package(root / "analysis")
    (root / "scenarios").mkdir(parents=True)
    if built:
        fake_binary(root / "build" / "release" / "sim" / "havens")
    return root


@pytest.fixture
def places(tmp_path):
    """Scratch places: an installed package (not in a checkout), an empty
    folder to run in, an empty PATH folder."""
    installed = copy_package(tmp_path / "site-packages")
    empty = tmp_path / "empty"
    empty.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    return tmp_path, installed, empty, bin_dir


def probe(package, cwd, path_dirs=(), **env):
    """find_binary, scenarios_dir and source_dir as the package at `package`
    (the folder holding havens_analysis) sees them."""
    environment = {"PATH": os.pathsep.join([*map(str, path_dirs), "/usr/bin", "/bin"]),
                   "PYTHONPATH": str(package), "HOME": str(cwd), "MPLBACKEND": "Agg",
                   **{k: str(v) for k, v in env.items()}}
    done = subprocess.run(["/usr/bin/python3", "-B", "-c", PROBE], cwd=cwd, env=environment,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_nothing_found_lists_every_place_in_order(places):
    tmp_path, installed, empty, bin_dir = places
    found = probe(installed, empty, [bin_dir])
    error = found["find_binary"]
    assert error.startswith("error: no havens binary; looked in, in order:")
    steps = ["1. HAVENS_BINARY: not set", "2. HAVENS_SOURCE_DIR: not set",
             f"3. the checkout this package was imported from: {installed / 'havens_analysis'} "
             "is not in a havens checkout",
             f"4. PATH: no havens in '{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin'",
             f"5. the checkout holding the current folder: neither {empty} nor a folder above "
             "it is a havens checkout"]
    at = [error.find(step) for step in steps]
    assert -1 not in at and at == sorted(at), error
    assert "HAVENS_BINARY." in error.splitlines()[-1]  # what to do
    # No made-up path (the old guess: the package's grandparent folder).
    assert str(installed.parent / "build") not in error
    assert found["scenarios_dir"].startswith("error: no shipped scenarios; looked in, in order:")
    assert "beside the engine: no engine" in found["scenarios_dir"]
    assert found["source_dir"].startswith("error: no havens checkout")


def test_havens_binary_wins_and_must_exist(places):
    tmp_path, installed, empty, bin_dir = places
    named = fake_binary(tmp_path / "mine" / "havens")
    fake_binary(bin_dir / "havens")
    checkout = fake_checkout(tmp_path / "co")
    assert probe(installed, checkout, [bin_dir], HAVENS_BINARY=named,
                 HAVENS_SOURCE_DIR=checkout)["find_binary"] == str(named)
    missing = probe(installed, empty, HAVENS_BINARY=tmp_path / "nowhere")["find_binary"]
    assert missing == f"error: {tmp_path / 'nowhere'}: no havens binary (HAVENS_BINARY names it)"


def test_havens_source_dir_names_the_checkout(places):
    tmp_path, installed, empty, bin_dir = places
    checkout = fake_checkout(tmp_path / "co")
    fake_binary(bin_dir / "havens")
    found = probe(installed, empty, [bin_dir], HAVENS_SOURCE_DIR=checkout)
    assert found["find_binary"] == str(checkout / "build" / "release" / "sim" / "havens")
    assert found["scenarios_dir"] == str(checkout / "scenarios")
    assert found["source_dir"] == str(checkout)


def test_a_checkouts_package_runs_that_checkouts_engine_before_path(places):
    tmp_path, installed, empty, bin_dir = places
    checkout = fake_checkout(tmp_path / "co")
    fake_binary(bin_dir / "havens")
    found = probe(checkout / "analysis", empty, [bin_dir])
    assert found["find_binary"] == str(checkout / "build" / "release" / "sim" / "havens")
    assert found["scenarios_dir"] == str(checkout / "scenarios")
    # Not built there: PATH's, and the error would say what the checkout lacked.
    unbuilt = fake_checkout(tmp_path / "unbuilt", built=False)
    assert probe(unbuilt / "analysis", empty, [bin_dir])["find_binary"] == str(bin_dir / "havens")
    error = probe(unbuilt / "analysis", empty)["find_binary"]
    assert (f"3. the checkout this package was imported from: no "
            f"{unbuilt / 'build' / 'release' / 'sim' / 'havens'}") in error


def test_an_installed_package_finds_path_then_the_current_checkout(places):
    tmp_path, installed, empty, bin_dir = places
    prefix = tmp_path / "prefix"
    on_path = fake_binary(prefix / "bin" / "havens")
    (prefix / "share" / "havens" / "scenarios").mkdir(parents=True)
    checkout = fake_checkout(tmp_path / "co")
    notebooks = checkout / "notebooks"
    notebooks.mkdir()
    found = probe(installed, notebooks, [prefix / "bin"])
    assert found["find_binary"] == str(on_path)
    # The scenarios beside the engine, not the current checkout's.
    assert found["scenarios_dir"] == str(prefix / "share" / "havens" / "scenarios")
    found = probe(installed, notebooks, [bin_dir])
    assert found["find_binary"] == str(checkout / "build" / "release" / "sim" / "havens")
    assert found["scenarios_dir"] == str(checkout / "scenarios")
    assert found["source_dir"] == str(checkout)


def test_scenarios_come_from_the_checkout_the_engine_was_built_in(places):
    tmp_path, installed, empty, bin_dir = places
    checkout = fake_checkout(tmp_path / "co")
    found = probe(installed, empty,
                  HAVENS_BINARY=checkout / "build" / "release" / "sim" / "havens")
    assert found["scenarios_dir"] == str(checkout / "scenarios")


def test_an_unknown_scenario_names_the_shipped_ones(places):
    tmp_path, installed, empty, bin_dir = places
    checkout = fake_checkout(tmp_path / "co")
    (checkout / "scenarios" / "baseline.toml").write_text("")
    script = (IMPORT + "print(ha.scenario_path('baseline'))\n"
              "try:\n    ha.scenario_path('basline')\n"
              "except FileNotFoundError as error:\n    print(error)\n")
    done = subprocess.run(["/usr/bin/python3", "-B", "-c", script], cwd=empty,
                          env={"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg",
                               "PYTHONPATH": str(checkout / "analysis")},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        str(checkout / "scenarios" / "baseline.toml"),
        f"{checkout / 'scenarios' / 'basline.toml'}: no such scenario (the shipped ones in "
        f"{checkout / 'scenarios'}: baseline)"]
    assert Path(done.stdout.splitlines()[0]).exists()
