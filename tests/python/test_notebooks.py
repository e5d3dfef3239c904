"""Executes every notebook in notebooks/ headless (nbclient), from the
notebooks folder as Jupyter would, so that none can rot; checks that they are
committed without outputs; and checks each executed cell against the intent
written in its metadata (docs/ANALYSIS.md, "What a notebook cell declares"):

    "havens": {"figures": N}              the cell shows exactly N figures
                                          (image/png outputs); a code cell
                                          without it must show none
    "havens": {"value_of_a_run": "EXPR"}  the cell's result is one of the
                                          values of EXPR (evaluated in the
                                          kernel once the notebook has run):
                                          a median by the package's rule is a
                                          value some run produced

A figure that Jupyter does not show (the inline backend silenced by an
earlier figure) fails the first check."""
import json
import math
import os

import matplotlib
import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ANALYSIS, SOURCE

NOTEBOOKS = SOURCE / "notebooks"
REQUIRED = {"quickstart", "safeguards", "thresholds", "sensitivity", "calibration",
            "ratification"}
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
KEY = "havens"
INTENTS = {"figures", "value_of_a_run"}
PROBE = "__havens_probe__"


def intent(cell):
    return cell.get("metadata", {}).get(KEY, {})


def figures_shown(cell):
    return sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


def result_text(cell):
    """The text of the cell's result (its last expression's value)."""
    results = [o for o in cell.outputs if o.output_type == "execute_result"]
    assert results, "the cell has no result"
    return results[-1]["data"]["text/plain"]


@pytest.fixture
def kernel_environment(monkeypatch):
    # The kernel inherits the environment: the engine (HAVENS_BINARY, set by
    # conftest or ctest) and the package by absolute path.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(ANALYSIS)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiet the kernel's debugger


def execute(nb, folder=NOTEBOOKS):
    """Runs every cell of `nb` in a fresh kernel; then, in the same kernel,
    evaluates each "value_of_a_run" expression. Returns {cell index: the
    expression's values}; `nb` keeps the outputs."""
    probes = {i: c.metadata[KEY]["value_of_a_run"] for i, c in enumerate(nb.cells)
              if c.cell_type == "code" and "value_of_a_run" in intent(c)}
    own = len(nb.cells)
    for i, expression in probes.items():
        nb.cells.append(nbformat.v4.new_code_cell(
            "import json as _json, numpy as _np\n"
            f"print({PROBE!r}, {i}, _json.dumps(_np.asarray({expression}, dtype=float)"
            ".ravel().tolist()))"))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    values = {}
    for cell in nb.cells[own:]:
        for line in "".join(o.get("text", "") for o in cell.outputs).splitlines():
            if line.startswith(PROBE):
                _, index, data = line.split(" ", 2)
                values[int(index)] = json.loads(data)
    del nb.cells[own:]
    assert set(values) == set(probes), "a value_of_a_run expression gave nothing"
    return values


def intent_failures(nb):
    """One line per code cell whose outputs differ from its declared intent."""
    failures = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        shown, declared = figures_shown(cell), intent(cell).get("figures")
        first = cell.source.splitlines()[0] if cell.source else ""
        if declared is None and shown:
            failures.append(f"cell {i} ({first}) shows {shown} figure(s) but declares none "
                            f'(metadata "{KEY}": {{"figures": {shown}}})')
        elif declared is not None and shown != declared:
            failures.append(f"cell {i} ({first}) shows {shown} figure(s), declares {declared}")
    return failures


def test_the_required_notebooks_exist():
    assert REQUIRED <= {p.stem for p in ALL}


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_notebook_declares_its_intent_in_known_terms(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        declared = intent(cell)
        if not declared:
            continue
        assert cell.cell_type == "code", f"{path.name} cell {i}: {KEY} on a {cell.cell_type} cell"
        assert set(declared) <= INTENTS, f"{path.name} cell {i}: {sorted(set(declared) - INTENTS)}"
        figures = declared.get("figures", 0)
        assert isinstance(figures, int) and not isinstance(figures, bool) and figures >= 0, \
            f"{path.name} cell {i}: figures {figures!r}"
    assert any(intent(c).get("figures") for c in nb.cells), f"{path.name} declares no figure"


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_notebook_runs_and_shows_what_each_cell_declares(path, kernel_environment):
    nb = nbformat.read(path, as_version=4)
    values = execute(nb)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors
    assert not intent_failures(nb), "\n".join(intent_failures(nb))
    for i, runs in values.items():
        shown = float(result_text(nb.cells[i]))
        assert any(v == shown or (math.isnan(v) and math.isnan(shown)) for v in runs), \
            f"{path.name} cell {i}: {shown} is no run's value ({sorted(set(runs))})"


OPEN = "import havens_analysis as ha\nres = ha.open_results({path!r})\n"
PLAIN = "import matplotlib.pyplot as plt\nplt.figure()\nplt.plot([1, 3, 2]);"
REPORT = "import tempfile\nha.write_report(res, tempfile.mkdtemp());"
# (first what, then which cells, each with the figures it shows)
ORDERS = {
    "package's figure first": [(OPEN + "ha.plot_ratification(res.scenarios);", 1), (PLAIN, 1),
                               (REPORT, 0), (PLAIN, 1),
                               ("ha.plot_exile_risk(res.scenarios)\n"
                                "ha.plot_requests(res.scenarios);", 2)],
    "report first": [(OPEN + REPORT, 0), (PLAIN, 1), ("ha.plot_exile_risk(res.scenarios);", 1),
                     (PLAIN, 1)],
}


@pytest.mark.parametrize("order", ORDERS)
def test_every_figure_after_the_packages_first_is_shown(order, scenarios_file,
                                                        kernel_environment, tmp_path):
    """Matplotlib loads the backend with the first figure; the inline
    backend then switches interactive mode on, without which it shows no
    figure. A style context that put every rcParam back (rc_context), or
    plt.ioff() entered before the backend was loaded, put interactive mode
    back off, and no later figure of the kernel was shown."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source.format(path=str(scenarios_file)),
                                          metadata={KEY: {"figures": n}})
                for source, n in ORDERS[order]]
    execute(nb, tmp_path)
    assert not [o for c in nb.cells for o in c.outputs if o.output_type == "error"]
    assert [figures_shown(c) for c in nb.cells] == [n for _, n in ORDERS[order]]
    assert not intent_failures(nb)


def test_intent_failures_name_the_cell():
    nb = nbformat.v4.new_notebook()
    image = nbformat.v4.new_output("display_data", data={"image/png": "", "text/plain": ""})
    nb.cells = [nbformat.v4.new_code_cell("plot()", outputs=[image]),
                nbformat.v4.new_code_cell("plot()", outputs=[image],
                                          metadata={KEY: {"figures": 2}}),
                nbformat.v4.new_code_cell("plot()", outputs=[image],
                                          metadata={KEY: {"figures": 1}})]
    failures = intent_failures(nb)
    assert len(failures) == 2
    assert "cell 0 (plot()) shows 1 figure(s) but declares none" in failures[0]
    assert "cell 1 (plot()) shows 1 figure(s), declares 2" == failures[1]


def test_the_style_gives_back_only_its_own_settings():
    """What changes inside the package's style context and is not the
    package's own setting stays changed (there: interactive mode, switched
    on by the inline backend when the first figure loads it)."""
    from havens_analysis.plot_style import RC, style
    before = matplotlib.is_interactive()
    size = matplotlib.rcParams["font.size"]
    try:
        with style():
            assert matplotlib.rcParams["font.size"] == RC["font.size"]
            matplotlib.interactive(not before)
        assert matplotlib.is_interactive() is (not before)
        assert matplotlib.rcParams["font.size"] == size
    finally:
        matplotlib.interactive(before)
