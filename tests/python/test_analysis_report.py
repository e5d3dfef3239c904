"""`python3 -m havens_analysis report RESULT.h5 -o DIR` on a fresh file of
several scenarios: PNG figures, an index.html with relative links, a text per
figure and the provenance, scenarios by name with what each changes, every
interval with its level; a sweep with nothing to show says so, without
warnings; a one-line error for a file that is not a result."""
import html
import os
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import havens_analysis as ha
from conftest import ANALYSIS, sweep_result

FIGURES = ["exile_risk.png", "ratification.png", "entry_into_force.png", "safe_haven_share.png",
           "requests.png", "tradeoff.png", "safe_havens.png"]


def report(*args):
    env = dict(os.environ, PYTHONPATH=str(ANALYSIS))
    return subprocess.run([sys.executable, "-m", "havens_analysis", "report", *map(str, args)],
                          capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def written(scenarios_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    done = report(scenarios_file, "-o", out)
    assert done.returncode == 0, done.stderr
    return out, (out / "index.html").read_text(encoding="utf-8")


def test_writes_the_standard_figures_as_png(written):
    out, _ = written
    for name in FIGURES:
        data = (out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        assert len(data) > 10_000, name  # a real figure, not an empty canvas


def test_index_links_every_figure_relatively(written):
    out, page = written
    sources = re.findall(r"<img src='([^']+)'", page)
    assert set(FIGURES) <= set(sources)
    for src in sources:
        assert "/" not in src and (out / src).exists()


def test_index_has_provenance_and_a_text_per_figure(written, scenarios_file):
    _, page = written
    res = ha.open_results(scenarios_file)
    for key in ("havens_version", "git_revision", "command_line"):
        assert html.escape(str(res.provenance[key])) in page
    # every figure is followed by a paragraph of at least a sentence
    for block in page.split("<img ")[1:]:
        paragraph = re.search(r"<p>(.*?)</p>", block, re.S).group(1)
        assert len(paragraph) > 80 and paragraph.rstrip().endswith(".")
    assert "Scenarios compared" in page and "<table" in page
    assert "strong_safeguards" in page


def test_exile_risk_is_the_headline(written):
    _, page = written
    titles = re.findall(r"<h2>(.*?)</h2>", page)
    assert titles[0] == "Exile risk"
    assert re.findall(r"<img src='([^']+)'", page)[0] == "exile_risk.png"
    haven = next(t for t in titles if "safe haven" in t.lower())
    assert "threshold" in haven  # kept, but labelled for what it is
    # The safe-haven text names the threshold the scenarios use.
    assert "at most 0.05 (decision.safe_haven_epsilon)" in page


def test_channel_table(written, scenarios_file):
    out, page = written
    assert "Requests sent, by channel" in page
    shares = pd.read_csv(out / "channels.csv", index_col="scenario")
    assert list(shares.columns) == ["uncc", "mlat", "budapest", "regional", "interpol",
                                    "extradition_treaty", "reciprocity", "comity", "provider",
                                    "domestic", "removal"]
    assert np.allclose(shares.sum(axis=1), 1)
    expected = ha.channel_shares(ha.open_results(scenarios_file).scenarios)
    assert np.allclose(shares.values, expected.values)
    # On the page, as percentages
    assert f"{expected.loc['baseline', 'uncc']:.1%}" in page


def test_tables_are_also_csv(written):
    out, _ = written
    assert (out / "comparison.csv").read_text().startswith("scenario,")
    assert "outcome,arm" in (out / "paired_differences.csv").read_text()
    assert "exile risk at the horizon" in (out / "paired_differences.csv").read_text()
    assert not list(out.glob("haven_share_epsilon_*.png"))  # no sweep over epsilon here


def test_the_paired_differences_give_the_exile_risks_parts(written, scenarios_file):
    out, page = written
    frame = pd.read_csv(out / "paired_differences.csv").set_index(["outcome", "arm"])
    whole = frame.loc["exile risk at the horizon", "mean"]
    data = frame.loc["data part of the exile risk at the horizon", "mean"]
    bodily = frame.loc["bodily part of the exile risk at the horizon", "mean"]
    # exile_risk = data + bodily in every replicate, so the mean differences add up too.
    assert np.allclose(data + bodily, whole, rtol=0, atol=1e-12)
    expected = ha.paired_differences(ha.open_results(scenarios_file).scenarios,
                                     "exile_risk_bodily", "baseline")["mean"]
    assert np.allclose(bodily.loc[expected.index], expected)
    assert "data and bodily parts" in page


def test_report_refuses_a_file_that_is_not_a_result(tmp_path):
    bogus = tmp_path / "bogus.h5"
    bogus.write_text("hello")
    done = report(bogus, "-o", tmp_path / "out")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bogus) in lines[0] and "not an HDF5 file" in lines[0]
    assert not (tmp_path / "out" / "index.html").exists()


def test_write_report_from_python(scenarios_file, tmp_path):
    index = ha.write_report(ha.open_results(scenarios_file), tmp_path / "r")
    assert index.name == "index.html" and index.exists()


def test_each_scenario_says_what_it_changes(written):
    _, page = written
    scenarios = page.split("<dl class='scenarios'>")[1].split("</dl>")[0]
    shown = re.findall(r"<dt>(.*?) <code>", scenarios)
    assert shown == ["The convention as adopted", "No convention",
        "Strong safeguards made binding", "Weakened by the 2024 deletion proposals"]
    assert "The reference arm" in scenarios.split("</dd>")[0]
    assert "(safeguards.dual_criminality): optional → mandatory" in html.unescape(scenarios)
    assert "(treaty.enabled): yes → no" in html.unescape(scenarios)
    # a change the weakened text makes, not one the strong one does
    weakened = html.unescape(scenarios.split("<code>weakened</code>")[1])
    assert "human_rights_clause): present → deleted" in weakened
    assert "dual_criminality" not in weakened


def test_every_interval_states_its_level(written):
    _, page = written
    for paragraph in re.findall(r"<p>(.*?)</p>", page, re.S):
        if re.search(r"\b(band|interval|range|brackets)\b", paragraph):
            assert "90%" in paragraph or "5-95%" in paragraph, paragraph[:120]
    headers = re.findall(r"<th>(.*?)</th>", page)
    assert any("90% range across replicates" in h for h in headers)
    assert not any(h.endswith("(5%)") or h.endswith("(95%)") for h in headers)
    assert "90% interval: low" in page  # the paired differences


def test_the_heatmap_is_readable_and_every_host_is_in_a_csv(written):
    out, page = written
    section = page.split("Safe havens by origin and host region</h2>")[1]
    paragraph = re.search(r"<p>(.*?)</p>", section, re.S).group(1)
    assert "five UN regional groups" in paragraph and "safe_havens.csv" in paragraph
    assert "threshold measure (ε = 0.05" in paragraph
    table = pd.read_csv(out / "safe_havens.csv")
    assert {"scenario", "origin_name", "host_name"} <= set(table.columns)
    assert table["host"].nunique() == 193


NOTHING_SWEEP = '''name = "flat"
months = 24
replicates = 2
seed = 5
world.exiles = 2000

[sweep]
design = "grid"

[sweep.values]
"treaty.threshold" = [180, 190]
"safeguards.dual_criminality" = ["optional", "mandatory"]
'''


@pytest.fixture(scope="module")
def nothing_file(tmp_path_factory):
    """A sweep in which the convention never enters into force: its month of
    entry into force has no value at any point."""
    return sweep_result(tmp_path_factory, "flat", NOTHING_SWEEP)


@pytest.mark.filterwarnings("error")
def test_a_sweep_with_nothing_to_show_says_so(nothing_file, tmp_path):
    page = ha.write_report(nothing_file, tmp_path / "flat").read_text(encoding="utf-8")
    section = page.split("Sweep: flat</h2>")[1]
    paragraph = re.search(r"<p>(.*?)</p>", section, re.S).group(1)
    assert "Month the convention entered into force: nothing to show" in paragraph
    fig = ha.plot_sweep_response(ha.open_results(nothing_file).sweeps["flat"],
                                 "entry_into_force_month", "treaty.threshold")
    notes = [t.get_text() for t in fig.axes[0].texts]
    assert notes and notes[0].startswith("nothing to show")
    assert not fig.axes[0].lines  # nothing drawn as if it were data
    # every point alike: drawn, and said
    assert "Nothing varies across this sweep's points" in paragraph
    fig = ha.plot_sweep_response(ha.open_results(nothing_file).sweeps["flat"],
                                 "exile_risk", "treaty.threshold")
    assert fig.axes[0].texts[0].get_text().startswith("nothing varies")
