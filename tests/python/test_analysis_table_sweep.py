"""A table sweep (design = "table"): point i takes the i-th value of every
list. The package reads its design and points like any other sweep's, counts
a table over epsilon alone as an epsilon sweep, and refuses to make a grid of
it."""
import pytest

import havens_analysis as ha
from havens_analysis.report import epsilon_sweeps
from conftest import sweep_result

TABLE = '''name = "tab"
months = 24
replicates = 2
seed = 5
world.exiles = 2000
posterior = ""

[sweep]
design = "table"

[sweep.values]
"treaty.threshold" = [20, 40, 60]
"safeguards.dual_criminality" = ["optional", "mandatory", "mandatory"]
'''

EPSILON_TABLE = '''name = "eps"
months = 24
replicates = 2
world.exiles = 2000
posterior = ""

[sweep]
design = "table"

[sweep.values]
"decision.safe_haven_epsilon" = [0.02, 0.1]
'''


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    return ha.open_results(sweep_result(tmp_path_factory, "tab", TABLE))


def test_a_table_pairs_the_lists_without_crossing(table):
    design = table.design("tab")
    assert design.attrs["design"] == "table"
    assert design.attrs["keys"] == ["treaty.threshold", "safeguards.dual_criminality"]
    assert list(design["treaty.threshold"]) == [20, 40, 60]
    assert list(design["safeguards.dual_criminality"]) == ["optional", "mandatory", "mandatory"]
    ds = table.sweeps["tab"]
    assert ds.sizes["point"] == 3 and ds.attrs["design"] == "table"


def test_a_table_is_not_a_grid(table):
    with pytest.raises(ValueError, match="needs a grid design"):
        ha.grid(table.sweeps["tab"])


def test_a_table_over_epsilon_alone_is_an_epsilon_sweep(table, tmp_path_factory):
    assert epsilon_sweeps(table) == []
    eps = ha.open_results(sweep_result(tmp_path_factory, "eps", EPSILON_TABLE))
    assert epsilon_sweeps(eps) == ["eps"]
