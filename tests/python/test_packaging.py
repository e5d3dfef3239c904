"""The release as others receive it: the analysis package installed into a
venv offline, `cmake --install` of the engine with its scenarios, and one
version everywhere (havens --version, havens_analysis.__version__,
CITATION.cff, CHANGELOG.md)."""
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import h5py
import nbformat
import pytest
import yaml
from nbclient import NotebookClient

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


# The ways the README and analysis/pyproject.toml give to install the
# package: as typed (build isolation, dependencies resolved), with the flags
# the README used to need, and editable.
INSTALLS = {"plain": ["./analysis"],
            "no-build-isolation": ["--no-deps", "--no-build-isolation", "./analysis"],
            "editable": ["-e", "./analysis"]}


def offline(env):
    """`env` with pip kept off every package index and local wheel folder
    (no configuration, no PIP_* settings): anything an install would fetch
    fails it, online or not."""
    return {**{k: v for k, v in env.items() if not k.startswith("PIP_")},
            "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def tree(folder):
    """Every file under `folder`, less bytecode caches."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if "__pycache__" not in p.parts)


def make_venv(tmp_path, env, name="V"):
    venv = tmp_path / name
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)],
                   check=True, env=env)
    return venv


def install_package(tmp_path, env, how="plain"):
    """The README's venv install; returns the venv's python."""
    # A copy, so that nothing an install could leave behind reaches the checkout.
    shutil.copytree(ANALYSIS, tmp_path / "analysis",
                    ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    before = tree(tmp_path / "analysis")
    venv = make_venv(tmp_path, env)
    done = subprocess.run([str(venv / "bin" / "pip"), "install", *INSTALLS[how]],
                          cwd=tmp_path, capture_output=True, text=True, env=offline(env))
    assert done.returncode == 0, done.stdout + done.stderr
    assert tree(tmp_path / "analysis") == before, "the install wrote into the source folder"
    return venv / "bin" / "python"


@pytest.mark.parametrize("how", INSTALLS)
def test_the_package_installs_offline_into_a_venv(tmp_path, how):
    env = without_checkout_path()
    venv = tmp_path / "V"
    install_package(tmp_path, env, how)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    python = str(venv / "bin" / "python")
    done = subprocess.run([python, "-c", "import importlib.resources, havens_analysis as ha; "
                           "print(ha.__version__); print(ha.__file__); print(importlib."
                           "resources.files(ha).joinpath('VERSION').read_text().strip())"],
                          cwd=elsewhere, capture_output=True, text=True, env=env, check=True)
    version, location, data_file = done.stdout.split()
    assert version == data_file == engine_version(BINARY)
    home = tmp_path / "analysis" if how == "editable" else venv
    assert Path(location).is_relative_to(home)
    done = subprocess.run([python, "-m", "havens_analysis", "--help"],
                          cwd=elsewhere, capture_output=True, text=True, env=env)
    assert done.returncode == 0 and "report" in done.stdout, done.stderr


def build_with_backend(hook, source, out):
    """Calls the package's own build backend, as a PEP 517 front end would
    (in its source folder, the backend on sys.path); returns the file built."""
    out.mkdir(exist_ok=True)
    script = ("import sys; sys.path.insert(0, '_backend'); import havens_backend; "
              f"print(havens_backend.{hook}({str(out)!r}))")
    done = subprocess.run(["/usr/bin/python3", "-B", "-c", script], cwd=source,
                          capture_output=True, text=True, env=without_checkout_path())
    assert done.returncode == 0, done.stderr
    return out / done.stdout.strip()


def test_the_wheel_holds_every_file_of_the_package_and_nothing_else(tmp_path):
    wheel = build_with_backend("build_wheel", ANALYSIS, tmp_path / "one")
    assert wheel.name == f"havens_analysis-{VERSION}-py3-none-any.whl"
    package = ANALYSIS / "havens_analysis"
    expected = {f"havens_analysis/{name}" for name in tree(package)
                if (package / name).is_file() and not name.endswith(".pyc")
                and not any(part.startswith(".") for part in Path(name).parts)}
    assert "havens_analysis/VERSION" in expected
    dist_info = f"havens_analysis-{VERSION}.dist-info"
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        assert names == expected | {f"{dist_info}/{n}" for n in
                                    ("METADATA", "WHEEL", "top_level.txt", "RECORD")}
        metadata = whl.read(f"{dist_info}/METADATA").decode()
        record = whl.read(f"{dist_info}/RECORD").decode().splitlines()
        for line in record:
            name, digest, size = line.rsplit(",", 2)
            if name.endswith("RECORD"):
                continue
            data = whl.read(name)
            assert int(size) == len(data)
            assert digest == "sha256=" + base64.urlsafe_b64encode(
                hashlib.sha256(data).digest()).rstrip(b"=").decode()
    assert f"Version: {VERSION}\n" in metadata and "Name: havens-analysis\n" in metadata
    # Reproducible: the same sources give the same bytes.
    again = build_with_backend("build_wheel", ANALYSIS, tmp_path / "two")
    assert again.read_bytes() == wheel.read_bytes()


def test_the_sdist_installs_offline(tmp_path):
    sdist = build_with_backend("build_sdist", ANALYSIS, tmp_path / "dist")
    assert sdist.name == f"havens_analysis-{VERSION}.tar.gz"
    env = without_checkout_path()
    venv = make_venv(tmp_path, env)
    done = subprocess.run([str(venv / "bin" / "pip"), "install", str(sdist)], cwd=tmp_path,
                          capture_output=True, text=True, env=offline(env))
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run([str(venv / "bin" / "python"), "-c",
                           "import havens_analysis as ha; print(ha.__version__)"],
                          cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.stdout.strip() == VERSION, done.stderr


def build_dir():
    """The build the engine under test came from (BUILD/sim/havens)."""
    build = BINARY.resolve().parents[1]
    if not (build / "cmake_install.cmake").exists():
        pytest.skip(f"{BINARY} is not in a CMake build folder")
    return build


def install_engine(prefix):
    subprocess.run(["cmake", "--install", str(build_dir()), "--prefix", str(prefix)],
                   check=True, capture_output=True)
    return prefix / "bin" / "havens"


def test_cmake_install_ships_the_engine_and_the_scenarios(tmp_path):
    build, prefix = build_dir(), tmp_path / "prefix"
    havens = install_engine(prefix)
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
    # A scenario saved anywhere, with no world.* key, reads the installed data.
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "mine.toml").write_text('months = 12\nreplicates = 1\nposterior = "shipped"\n'
                                     "[world]\nexiles = 2000\n", encoding="utf-8")
    done = subprocess.run([str(havens), "run", "mine.toml", "--quiet", "-o", "mine.h5"],
                          cwd=alone, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with h5py.File(alone / "mine.h5", "r") as f:
        data = json.loads(f.attrs["world_data"])
        assert Path(data["world.states"]["file"]) == scenarios / "data" / "states.csv"
        assert Path(f.attrs["posterior"].split(" (")[0]) == scenarios / "data" / "posterior.csv"


def test_the_installed_package_runs_the_installed_engine(tmp_path):
    # Neither knows of the checkout: the package finds the engine on PATH and
    # the shipped scenarios beside it.
    havens = install_engine(tmp_path / "prefix")
    env = {k: v for k, v in without_checkout_path().items()
           if k not in ("HAVENS_BINARY", "HAVENS_SOURCE_DIR")}
    env["PATH"] = os.pathsep.join([str(havens.parent), env.get("PATH", "")])
    python = install_package(tmp_path, env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = ("import havens_analysis as ha\n"
              "print(ha.find_binary()); print(ha.scenario_path('baseline'))\n"
              "out = ha.run_havens('baseline', 'r.h5', replicates=1, months=12, exiles=2000)\n"
              "print(ha.open_results(out).scenarios['baseline'].sizes['month'])\n")
    done = subprocess.run([str(python), "-c", script], cwd=elsewhere, capture_output=True,
                          text=True, env=env)
    assert done.returncode == 0, done.stderr
    binary, scenario, months = done.stdout.split()
    assert Path(binary) == havens
    assert Path(scenario) == havens.parents[1] / "share" / "havens" / "scenarios" / "baseline.toml"
    assert int(months) == 12


def test_a_kernel_made_from_the_venv_runs_a_notebook_on_the_installed_package(tmp_path,
                                                                              monkeypatch):
    # docs/ANALYSIS.md, "Jupyter": `ipykernel install --user --name havens` with
    # the venv's Python, in a scratch HOME (so the user's kernels are untouched).
    env = without_checkout_path()
    python = install_package(tmp_path, env)
    home = tmp_path / "home"
    home.mkdir()
    for key in [k for k in os.environ if k.startswith("JUPYTER") or k == "PYTHONPATH"]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiet the kernel's debugger
    done = subprocess.run([str(python), "-m", "ipykernel", "install", "--user", "--name",
                           "havens", "--display-name", "Python (havens)"],
                          capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    spec = json.loads((home / ".local" / "share" / "jupyter" / "kernels" / "havens" /
                       "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][0] == str(python) and spec["display_name"] == "Python (havens)"
    # The quickstart notebook on that kernel, as Jupyter runs it (from
    # notebooks/), after a cell saying which Python and which package it has.
    nb = nbformat.read(SOURCE / "notebooks" / "quickstart.ipynb", as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        "import sys, havens_analysis\nprint(sys.executable)\nprint(havens_analysis.__file__)"))
    NotebookClient(nb, timeout=300, kernel_name="havens",
                   resources={"metadata": {"path": str(SOURCE / "notebooks")}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors, errors[0]
    executable, package = nb.cells[0].outputs[0]["text"].split()
    assert Path(executable) == python
    assert Path(package).is_relative_to(tmp_path / "V" / "lib")


def readme_install_example():
    """The README's block that installs the engine and runs a scenario."""
    readme = (SOURCE / "README.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"^```sh\n(.*?)^```$", readme, re.M | re.S)
               if "cmake --install build/release" in b]
    return block


def test_the_readme_install_example_runs_as_printed_in_a_fresh_checkout(tmp_path):
    # A checkout just built holds build/ and no results/: the example's
    # `-o results/weakened.h5` must make the folder. HOME is scratch, so
    # ~/.local is too.
    block = readme_install_example()
    assert "-o results/" in block
    fresh, home = tmp_path / "fresh", tmp_path / "home"
    (fresh / "build").mkdir(parents=True)
    (fresh / "build" / "release").symlink_to(build_dir())
    home.mkdir()
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=fresh,
                          env={**without_checkout_path(), "HOME": str(home)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{block}\nfailed:\n{done.stdout}\n{done.stderr}"
    assert f"\n{VERSION}\n" in done.stdout  # havens --version, from ~/.local/bin
    assert (fresh / "results" / "weakened.h5").is_file()
