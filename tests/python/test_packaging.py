"""The release as others receive it: the analysis package installed into a
venv offline, `cmake --install` of the engine with its scenarios, and one
version everywhere (havens --version, havens_analysis.__version__,
CITATION.cff, CHANGELOG.md)."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ANALYSIS, BINARY, SOURCE

VERSION = (ANALYSIS / "havens_analysis" / "VERSION").read_text(encoding="utf-8").strip()


def without_checkout_path():
    """The environment minus PYTHONPATH (ctest points it at analysis/), so
    that only the installed copy can be imported."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def engine_version(binary):
    done = subprocess.run([str(binary), "--version"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_engine_reports_the_one_version():
    assert engine_version(BINARY) == VERSION


def test_citation_and_changelog_name_the_version():
    citation = yaml.safe_load((SOURCE / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == VERSION
    assert citation["title"] == "havens" and citation["license"] == "Apache-2.0"
    assert citation["authors"] == [{"name": "The havens developers"}]
    changelog = (SOURCE / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(VERSION)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M)


def test_the_package_installs_offline_into_a_venv(tmp_path):
    # A copy, so that the build's leftovers (build/, *.egg-info) stay out of the checkout.
    shutil.copytree(ANALYSIS, tmp_path / "analysis",
                    ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    venv = tmp_path / "V"
    env = without_checkout_path()
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)],
                   check=True, env=env)
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "--no-deps",
                           "--no-build-isolation", "./analysis"],
                          cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    python = str(venv / "bin" / "python")
    done = subprocess.run([python, "-c", "import havens_analysis as ha; "
                           "print(ha.__version__); print(ha.__file__)"],
                          cwd=elsewhere, capture_output=True, text=True, env=env, check=True)
    version, location = done.stdout.split()
    assert version == engine_version(BINARY)
    assert Path(location).is_relative_to(venv)
    done = subprocess.run([python, "-m", "havens_analysis", "--help"],
                          cwd=elsewhere, capture_output=True, text=True, env=env)
    assert done.returncode == 0 and "report" in done.stdout, done.stderr


def build_dir():
    """The build the engine under test came from (BUILD/sim/havens)."""
    build = BINARY.resolve().parents[1]
    if not (build / "cmake_install.cmake").exists():
        pytest.skip(f"{BINARY} is not in a CMake build folder")
    return build


def test_cmake_install_ships_the_engine_and_the_scenarios(tmp_path):
    build, prefix = build_dir(), tmp_path / "prefix"
    subprocess.run(["cmake", "--install", str(build), "--prefix", str(prefix)],
                   check=True, capture_output=True)
    havens = prefix / "bin" / "havens"
    assert engine_version(havens) == VERSION
    if (build / "sim" / "havens-mpi").exists():
        assert (prefix / "bin" / "havens-mpi").exists()
    scenarios = prefix / "share" / "havens" / "scenarios"
    assert (scenarios / "data" / "states.csv").exists()
    # From an unrelated folder: the scenario finds its data beside it.
    done = subprocess.run([str(havens), "validate", str(scenarios / "baseline.toml")],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "ok: scenario baseline, 193 states" in done.stdout
