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
    assert titles[:2] == ["Key findings", "Exile risk"]  # the findings box, then the headline
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


# --- the findings first, numbers as the tables give them, stable colours ----


def findings_box(page):
    return page.split("<section id='findings' class='findings'>")[1].split("</section>")[0]


def test_the_findings_box_comes_first_with_a_sentence_per_arm(written, scenarios_file):
    _, page = written
    body = page.split("<body>")[1]
    assert re.match(r"\s*<h1>.*?</h1>\s*<section id='findings'", body, re.S)
    box = findings_box(page)
    arms = re.findall(r"<li>(.*?)</li>", box.split("<ul class='arms'>")[1].split("</ul>")[0],
                      re.S)
    res = ha.open_results(scenarios_file)
    expected = ha.paired_differences(res.scenarios, "exile_risk", "baseline")
    shown = ["No convention", "Strong safeguards made binding",
             "Weakened by the 2024 deletion proposals"]
    assert len(arms) == len(expected) == 3
    for sentence, (arm, title) in zip(arms, zip(["no_treaty", "strong_safeguards", "weakened"],
                                                shown)):
        assert sentence.startswith(f"<b>{title}</b>: the exile risk")
        row = expected.loc[arm]
        numbers = [f"{100 * row[k]:+.2f}".replace("-0.00", "+0.00") for k in
                   ("mean", "low", "high")]
        assert (f"mean paired difference {numbers[0]} percentage points, 90% interval "
                f"{numbers[1]} to {numbers[2]}") in sentence
    assert "The convention as adopted</b>, the reference arm" in box


def test_tables_have_no_scientific_notation_and_no_empty_header(written):
    _, page = written
    for table in re.findall(r"<table.*?</table>", page, re.S):
        headers = re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)
        assert headers and all(h.strip() for h in headers), headers
        cells = re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)
        assert not [c for c in cells if re.search(r"\de[+-]\d", c)], cells
    paired = page.split("Differences between scenarios</h2>")[1].split("</table>")[0]
    assert "(requests per replicate)" in paired
    assert "(percentage points)" in paired
    compared = page.split("Scenarios compared</h2>")[1].split("</table>")[0]
    assert "share of pretextual requests granted: median (90% range across replicates)" \
        in compared
    assert re.search(r"<td>\d+\.\d% \(\d+\.\d% to \d+\.\d%\)</td>", compared)


@pytest.fixture(scope="module")
def reordered_file(tmp_path_factory):
    from conftest import SHIPPED, SMALL, SOURCE, havens
    path = tmp_path_factory.mktemp("reordered") / "reordered.h5"
    order = ["weakened", "no-treaty", "baseline", "strong-safeguards"]
    assert sorted(order) == sorted(SHIPPED)
    havens("run", *[SOURCE / "scenarios" / f"{n}.toml" for n in order], *SMALL,
           "--posterior", "none", "-o", path)
    return path


def line_colours(fig):
    from matplotlib.colors import to_hex
    return {line.get_label(): to_hex(line.get_color()) for line in fig.axes[0].lines
            if not line.get_label().startswith("_")}


def test_scenario_colours_follow_titles_not_order(scenarios_file, reordered_file):
    import matplotlib.pyplot as plt
    from havens_analysis.labels import attach
    from havens_analysis.plot_style import REFERENCE_COLOUR, scenario_colours
    first = ha.open_results(scenarios_file)
    second = ha.open_results(reordered_file)
    a = attach(first.path, dict(first.scenarios))
    b = attach(second.path, dict(second.scenarios))
    assert list(a) != list(b)
    assert scenario_colours(a) == scenario_colours(b)
    assert scenario_colours(a)["baseline"] == REFERENCE_COLOUR
    assert len(set(scenario_colours(a).values())) == 4
    for figure in (ha.plot_exile_risk, ha.plot_ratification):
        one, two = figure(a), figure(b)
        assert line_colours(one) == line_colours(two) and len(line_colours(one)) == 4
        plt.close(one)
        plt.close(two)


def test_two_reports_in_other_orders_agree(written, reordered_file, tmp_path):
    _, page = written
    other = ha.write_report(reordered_file, tmp_path / "other").read_text(encoding="utf-8")
    # The reference arm leads in both, and the findings name the arms alike.
    arms = [re.findall(r"<li><b>(.*?)</b>", findings_box(p).split("</ul>")[0])
            for p in (page, other)]
    assert sorted(arms[0]) == sorted(arms[1]) and "The convention as adopted" not in arms[1]


def test_the_share_of_grants_paradox_is_explained_only_when_present():
    from havens_analysis.report_findings import grant_share_paradox
    channels = pd.DataFrame({"reciprocity (no treaty)": [0.017, 0.029],
                             "provider (direct request)": [0.386, 0.386]},
                            index=["ref", "arm"])
    shown = {"ref": "Reference", "arm": "Other"}
    sentence = grant_share_paradox("arm", "ref", {"arm": 0.32, "ref": 0.28},
                                   {"arm": 0.217, "ref": 0.223}, {"arm": 50, "ref": 59},
                                   channels, shown)
    assert sentence.startswith("<b>Other</b> grants a larger share")
    assert "32.0% against 28.0%" in sentence and "21.7% against 22.3%" in sentence
    assert "fewer pretextual requests (50 a replicate against 59)" in sentence
    assert "reciprocity (no treaty) (2.9% of requests sent against 1.7%)" in sentence
    assert "provider (direct request)" not in sentence
    # No paradox: a larger share and a higher risk, or the same share.
    assert grant_share_paradox("arm", "ref", {"arm": 0.32, "ref": 0.28},
                               {"arm": 0.23, "ref": 0.223}, {"arm": 50, "ref": 59},
                               channels, shown) is None
    assert grant_share_paradox("arm", "ref", {"arm": 0.28, "ref": 0.28},
                               {"arm": 0.217, "ref": 0.223}, {"arm": 50, "ref": 59},
                               channels, shown) is None


def test_the_grant_share_paradox_sentence_follows_the_data(written, scenarios_file):
    _, page = written
    res = ha.open_results(scenarios_file)
    rates = ha.tradeoff_summary(res.scenarios)["pretextual_grant_rate"]
    risks = ha.outcome_frame(res.scenarios, ["exile_risk"]).groupby("scenario")[
        "exile_risk"].agg(lambda v: ha.quantile(v, 0.5))
    shown = {"no_treaty": "No convention", "strong_safeguards": "Strong safeguards made binding",
             "weakened": "Weakened by the 2024 deletion proposals"}
    box = findings_box(page)
    for arm, title in shown.items():
        present = (f"{rates[arm]:.1%}" != f"{rates['baseline']:.1%}"
                   and rates[arm] > rates["baseline"]
                   and f"{risks[arm]:.1%}" != f"{risks['baseline']:.1%}"
                   and risks[arm] < risks["baseline"])
        assert (f"<b>{title}</b> grants a larger share" in box) == present
