"""Executes every notebook in notebooks/ headless (nbclient), from the
notebooks folder as Jupyter would, so that none can rot; and checks that
they are committed without outputs."""
import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ANALYSIS, SOURCE

NOTEBOOKS = SOURCE / "notebooks"
REQUIRED = {"quickstart", "safeguards", "thresholds", "sensitivity", "calibration",
            "ratification"}
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_required_notebooks_exist():
    assert REQUIRED <= {p.stem for p in ALL}


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_notebook_runs(path, monkeypatch):
    # The kernel inherits the environment: the engine (HAVENS_BINARY, set by
    # conftest or ctest) and the package by absolute path.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(ANALYSIS)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiet the kernel's debugger
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, f"{path.name} drew no figure"
