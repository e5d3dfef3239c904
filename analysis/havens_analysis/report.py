"""The report: the standard figures of one result file as PNG files and an
index.html a policy reader can open (relative links, a few sentences per
figure, the provenance of the run). `python3 -m havens_analysis report
RESULT.h5 -o DIR` calls write_report."""
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import labels as names
from . import report_text as text
from . import schema as s
from .discovery import discovery_data, prim
from .outcomes import (DEFAULT_OUTCOMES, EXILE_RISK_PARTS, available, label, outcome,
                       outcome_frame)
from .paired import paired_differences
from .plot_style import DPI, style
from .plots_havens import haven_table, plot_safe_havens_by_region
from .posterior import posterior_contrasts, posterior_source
from .plots_requests import plot_requests, plot_tradeoff
from .plots_sweeps import (nothing_varies, plot_haven_share_by_epsilon, plot_prim,
                           plot_sobol, plot_sweep_response, point_summaries)
from .plots_treaty import (plot_entry_into_force, plot_exile_risk, plot_ratification,
                           plot_safe_haven_share)
from .report_html import render
from .results import Results
from .scenario_changes import changes_line, scenario_changes
from .sobol import sobol_from_sweep
from .summaries import (channel_shares, comparison_table, entry_into_force, epsilon_response,
                        requests_breakdown, tradeoff_summary)
from .sweeps import swept_keys

# A file of sweep points only is reported point by point when it has at most
# this many; beyond that only the sweep sections are written.
MAX_POINTS_AS_SCENARIOS = 12
MAX_HEATMAPS = 6
# Without recorded transnational-repression incidents to pick the origins,
# the heatmap shows this many, those with the highest exile risk.
TOP_ORIGINS = 12
# The headline outcome: Sobol indices are of it. PRIM asks where exiles keep a
# haven, a question that needs a threshold by its nature.
HEADLINE = "exile_risk"
DISCOVERY_OUTCOME = "share_exiles_in_safe_haven"
DISCOVERY_THRESHOLD = 0.8
SWEEP_OUTCOMES = ("exile_risk", "entry_into_force_month",
                  "share_exiles_in_safe_haven")
# The exile risk's parts follow it where the file records them.
PAIRED_OUTCOMES = ("exile_risk", "exile_risk_data", "exile_risk_bodily",
                   "share_exiles_in_safe_haven", "granted_pretextual", "refused_legitimate",
                   "parties")


def _save(fig, out, name):
    fig.savefig(out / name, bbox_inches="tight", dpi=DPI)
    plt.close(fig)
    return name


def _epsilon_words(datasets):
    """"ε = 0.05" (or the values) for the threshold measures' labels."""
    values = sorted({float(ds.attrs[s.SAFE_HAVEN_EPSILON]) for ds in datasets.values()
                     if ds.attrs.get(s.SAFE_HAVEN_EPSILON) is not None})
    return "ε = " + (", ".join(f"{v:.3g}" for v in values) if values else "?")


def page_table(frame, datasets, epsilon):
    """A table as a reader sees it: scenarios by their labels and the
    interval columns named for what they are (the CSV keeps the codes)."""
    shown = names.scenario_labels(datasets)
    renamed = {}
    for column in frame.columns:
        text = str(column)
        text = text.replace("(5%)", "(90% range across replicates: low)").replace(
            "(95%)", "(90% range across replicates: high)")
        if "safe haven" in text:
            text = text.replace("exiles in a safe haven",
                                f"exiles in a safe haven [threshold measure, {epsilon}]")
        renamed[column] = text
    frame = frame.rename(columns=renamed)
    return frame.rename(index=lambda n: shown.get(n, n))


def _datasets(res):
    if res.scenario_names:
        return dict(res.scenarios)
    count = sum(len(res.design(sweep)) for sweep in res.sweep_names)
    if 0 < count <= MAX_POINTS_AS_SCENARIOS:
        return {label: ds for sweep in res.sweep_names for label, ds in res.points(sweep).items()}
    return {}


def epsilon_sweeps(res):
    """The grid sweeps of the file that vary decision.safe_haven_epsilon (or
    tables that vary it alone, which are grids of one key)."""
    designs = {name: res.design(name).attrs for name in res.sweep_names}
    return [name for name, attrs in designs.items()
            if s.SAFE_HAVEN_EPSILON in attrs[s.SWEEP_KEYS]
            and (attrs.get(s.SWEEP_DESIGN) == "grid"
                 or (attrs.get(s.SWEEP_DESIGN) == "table" and len(attrs[s.SWEEP_KEYS]) == 1))]


def _by_label(frame, shown, column="scenario"):
    frame = frame.copy()
    frame[column] = frame[column].map(lambda n: shown.get(n, n))
    return frame


def heatmap_origins(res, datasets):
    """The origins the heatmap names: those with the most recorded
    transnational-repression incidents, else the highest exile risk."""
    world = res.world
    if s.TNR_LEADING in world and world[s.TNR_LEADING].values.any():
        return list(world[s.STATE].values[world[s.TNR_LEADING].values.astype(bool)]), True
    first = next(iter(datasets.values()))
    if "exile_risk_by_origin" not in first:
        return None, False
    risk = first["exile_risk_by_origin"].isel({s.MONTH: -1}).mean(s.REPLICATE).to_series()
    return list(risk.sort_values(ascending=False).index[:TOP_ORIGINS]), False


def heatmap_section(res, datasets, out):
    mapped = {n: ds for n, ds in list(datasets.items())[:MAX_HEATMAPS]
              if "grant_probability" in ds or "safe_haven" in ds}
    if not mapped:
        return None
    origins, leading = heatmap_origins(res, mapped)
    if not origins:
        return None
    fig = plot_safe_havens_by_region(mapped, res.world, origins)
    haven_table(mapped, res.world, origins).to_csv(out / "safe_havens.csv", index=False)
    kind = "haven_share" if all("safe_haven" in ds for ds in mapped.values()) else \
        "grant_probability"
    return ("Safe havens by origin and host region", _save(fig, out, "safe_havens.png"),
            text.region_heatmap_text(kind, len(origins), leading, _epsilon_words(mapped)), None)


def scenario_sections(res, datasets, out):
    sections = []
    shown = names.scenario_labels(datasets)
    epsilon = _epsilon_words(datasets)
    summary = _by_label(outcome_frame(datasets, DEFAULT_OUTCOMES +
                                      available(datasets, EXILE_RISK_PARTS)), shown)
    horizon = max(ds.sizes[s.MONTH] for ds in datasets.values())
    sections.append(("Exile risk", _save(plot_exile_risk(datasets), out, "exile_risk.png"),
                     text.exile_risk_text(summary, horizon), None))
    over = posterior_section(res, datasets, shown)
    if over is not None:
        sections.append(over)
    sections.append(("Ratification", _save(plot_ratification(datasets), out, "ratification.png"),
                     text.ratification_text(summary, horizon), None))
    sections.append(("Entry into force", _save(plot_entry_into_force(datasets), out,
                                               "entry_into_force.png"),
                     text.entry_text(_by_label(entry_into_force(datasets), shown)), None))
    epsilons = sorted({ds.attrs.get(s.SAFE_HAVEN_EPSILON) for ds in datasets.values()
                       if ds.attrs.get(s.SAFE_HAVEN_EPSILON) is not None})
    sections.append((f"Exiles in a safe haven: a threshold measure ({epsilon})",
                     _save(plot_safe_haven_share(datasets), out, "safe_haven_share.png"),
                     text.haven_share_text(summary, epsilons, epsilon_sweeps(res)), None))
    first = next(iter(datasets.values()))
    breakdown = _by_label(requests_breakdown(datasets), shown)
    words = {**names.code_labels(s.CHANNEL, first[s.CHANNEL].values, first),
             **names.code_labels(s.REASON, first[s.REASON].values, first)}
    breakdown["category"] = breakdown["category"].map(lambda c: words.get(str(c), str(c)))
    sections.append(("Requests granted and refused", _save(plot_requests(datasets), out,
                                                           "requests.png"),
                     text.requests_text(breakdown), None))
    channels = channel_shares(datasets)
    channels.to_csv(out / "channels.csv")
    channels = channels.rename(index=lambda n: shown.get(n, n), columns=lambda c: words.get(
        str(c), str(c)))
    sections.append(("Requests sent, by channel", None, text.channels_text(channels),
                     text.percent_table(channels.T if len(channels) <= 8 else channels)))
    sections.append(("Safeguards: the trade-off", _save(plot_tradeoff(datasets), out,
                                                        "tradeoff.png"),
                     text.tradeoff_text(tradeoff_summary(datasets).rename(
                         index=lambda n: shown.get(n, n))), None))
    heatmap = heatmap_section(res, datasets, out)
    if heatmap is not None:
        sections.append(heatmap)
    table = comparison_table(datasets)
    table.to_csv(out / "comparison.csv")
    table = page_table(table, datasets, epsilon)
    sections.append(("Scenarios compared", None,
                     "Medians over replicates, with the 90% range across replicates (from the "
                     "5th to the 95th percentile); shares are of replicates (for events) or of "
                     "requests and exiles. The share of exiles in a safe haven is a threshold "
                     f"measure ({epsilon}). Also in comparison.csv.",
                     table.T if len(table) <= 8 else table))
    paired = paired_table(datasets)
    if paired is not None:
        reference, frame = paired
        frame.to_csv(out / "paired_differences.csv")
        frame = frame.rename(columns=PAIRED_COLUMNS).rename(
            index=lambda n: shown.get(n, n), level="arm")
        parts = all(label(p) in frame.index.get_level_values("outcome")
                    for p in EXILE_RISK_PARTS)
        sections.append(("Differences between scenarios", None,
                         text.paired_text(shown.get(reference, reference), parts), frame))
    return sections


PAIRED_COLUMNS = {"mean": "mean difference", "low": "90% interval: low",
                  "high": "90% interval: high", "unpaired_low": "unpaired 90% interval: low",
                  "unpaired_high": "unpaired 90% interval: high", "n": "replicates"}


# The outcomes compared over a posterior's draws, as the engine names them
# (the exile risk's parts where the file records them).
POSTERIOR_OUTCOMES = ("exile_risk", "exile_risk_data", "exile_risk_bodily",
                      "share_exiles_in_safe_haven")


def posterior_section(res, datasets, shown):
    """When the scenarios ran over a calibration's posterior (havens run
    --posterior): per arm, the share of draws in which it is better than the
    baseline, with the median paired difference and its 5-95 % range.
    `shown`: each scenario's human label."""
    if len(datasets) < 2 or posterior_source(res) is None:
        return None
    try:
        tables = [posterior_contrasts(res, o) for o in available(datasets, POSTERIOR_OUTCOMES)]
    except KeyError:  # a scenario without a posterior among those reported
        return None
    tables = [t for t in tables if t["paired"].any()]
    if not tables:
        return None
    frame = pd.concat(tables).reset_index()
    frame = frame[frame["arm"].isin(datasets)]
    frame["outcome"] = frame["label"]
    frame["arm"] = frame["arm"].map(lambda n: shown.get(n, n))
    frame = frame.set_index(["outcome", "arm"])[
        ["better", "share_better", "median", "low", "high", "draws"]].rename(
        columns={"low": "90% range across draws: low", "high": "90% range across draws: high"})
    return ("Over the posterior: parameter uncertainty", None,
            text.posterior_text(tables, tables[0].attrs["draws"], tables[0].attrs["source"],
                                shown),
            frame)


def paired_table(datasets):
    """Paired differences from the baseline (or the first scenario) when the
    scenarios share a seed and replicates, so that pairing is meaningful."""
    if len(datasets) < 2:
        return None
    seeds = {ds.attrs.get("seed") for ds in datasets.values()}
    reps = {ds.sizes[s.REPLICATE] for ds in datasets.values()}
    if len(seeds) > 1 or len(reps) > 1:
        return None
    reference = "baseline" if "baseline" in datasets else next(iter(datasets))
    frames = [paired_differences(datasets, o, reference)
              for o in available(datasets, PAIRED_OUTCOMES)]
    frame = pd.concat(frames).reset_index()
    frame["outcome"] = frame["outcome"].map(label)
    return reference, frame.set_index(["outcome", "arm"])[
        ["mean", "low", "high", "unpaired_low", "unpaired_high", "n"]]


def sweep_sections(res, name, out):
    ds = res.sweeps[name]
    keys = swept_keys(ds)
    design = ds.attrs.get(s.SWEEP_DESIGN, "")
    sections = []
    intro = (f"The sweep {name} ({design} design, {ds.sizes[s.POINT]} points x "
             f"{ds.sizes[s.REPLICATE]} replicates) varies {', '.join(keys)}.")
    if design == "saltelli":
        frame = sobol_from_sweep(ds, HEADLINE)
        sections.append((f"Sensitivity: {name}", _save(plot_sobol(frame), out,
                                                      f"sobol_{name}.png"),
                         intro + " " + text.sobol_text(frame), frame))
    else:
        # Epsilon only defines the haven share: it has a figure of its own.
        epsilon = name in epsilon_sweeps(res)
        tables = epsilon_response(ds) if epsilon else {}
        if tables:
            sections.append((f"Safe havens against epsilon: {name}",
                             _save(plot_haven_share_by_epsilon(ds), out,
                                   f"haven_share_epsilon_{name}.png"),
                             intro + " " + text.epsilon_text(tables), None))
        response_keys = [k for k in keys if not (epsilon and k == s.SAFE_HAVEN_EPSILON)]
        if response_keys:
            sections.append(sweep_response_section(ds, name, response_keys, intro, out))
    if s.SAFE_HAVEN_EPSILON in keys:
        return sections  # epsilon defines the haven share: PRIM would only find it again
    per_point = outcome(ds, DISCOVERY_OUTCOME).mean(s.REPLICATE).values
    threshold = DISCOVERY_THRESHOLD
    if (per_point > threshold).all() or not (per_point > threshold).any():
        threshold = float(np.quantile(per_point, 0.75))  # no contrast at 0.8: the top quarter
    x, y = discovery_data(ds, DISCOVERY_OUTCOME, threshold)
    if y.any() and not y.all():
        result = prim(x, y)
        sections.append((f"Where exiles keep a haven: {name}",
                         _save(plot_prim(result), out, f"prim_{name}.png"),
                         text.prim_text(result.box, label(DISCOVERY_OUTCOME), threshold, len(y),
                                        DISCOVERY_THRESHOLD),
                         result.box.table()))
    return sections


def sweep_response_section(ds, name, keys, intro, out):
    """Each of SWEEP_OUTCOMES (rows) against each swept key (columns); an
    outcome with nothing to show is named in the text (and noted in its
    panel), and when no outcome has anything to show there is no figure."""
    notes = {which: nothing_varies(*point_summaries(outcome(ds, which)))
             for which in SWEEP_OUTCOMES}
    said = " ".join(f"{label(w).capitalize()}: {' '.join(n.split())}." for w, n in notes.items()
                    if n)
    caption = (intro + " Each dot is one point (median over replicates) with its 90% range "
               "across replicates; rows are outcomes, columns the swept keys. The share of "
               f"exiles in a safe haven is a threshold measure ({_epsilon_words({name: ds})})." +
               (" " + said if said else ""))
    if all(notes.values()):
        return (f"Sweep: {name}", None, intro + " Nothing varies across this sweep's points. "
                + said, None)
    fig, panels = plt.subplots(len(SWEEP_OUTCOMES), len(keys),
                               figsize=(4.2 * len(keys), 3.4 * len(SWEEP_OUTCOMES)),
                               layout="constrained", squeeze=False)
    for row, which in zip(panels, SWEEP_OUTCOMES):
        for ax, key in zip(row, keys):
            plot_sweep_response(ds, which, key, ax=ax)
            ax.set_title("")
    fig.suptitle(f"Outcomes across the sweep {name}: median and 90% range across replicates")
    return (f"Sweep: {name}", _save(fig, out, f"sweep_{name}.png"), caption, None)


def scenario_list(datasets):
    """(label, name, what it changes) per scenario, for the top of the page."""
    shown = names.scenario_labels(datasets)
    changes = scenario_changes(datasets)
    reference = shown[next(iter(datasets))] if datasets else ""
    return [(shown[n], n, "The reference arm: every other scenario is compared with it."
             if i == 0 else f"What it changes from {reference}: "
             f"{changes_line(changes[n], reference)}.") for i, n in enumerate(datasets)]


def write_report(source, out_dir):
    """Writes DIR/*.png and DIR/index.html for a result file (path or
    Results); returns the path of index.html. Figures are drawn with
    interactive mode off and in the package's style, so a session's own
    settings are untouched."""
    res = source if isinstance(source, Results) else Results(source)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with style(), plt.ioff():
        datasets = _datasets(res)
        if datasets:
            datasets = names.attach(res.path, datasets)
        sections = scenario_sections(res, datasets, out) if datasets else []
        for name in res.sweep_names:
            sections += sweep_sections(res, name, out)
    index = out / "index.html"
    over = posterior_source(res) if datasets else None
    note = text.posterior_note(over[1], over[0]) if over else None
    index.write_text(render(res, sections, note, scenario_list(datasets)), encoding="utf-8")
    return index
