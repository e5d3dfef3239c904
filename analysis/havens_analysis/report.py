"""The report: the standard figures of one result file as PNG files and an
index.html a policy reader can open (relative links, a few sentences per
figure, the provenance of the run). `python3 -m havens_analysis report
RESULT.h5 -o DIR` calls write_report."""
import json
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from . import labels as names
from . import report_findings as findings
from . import report_text as text
from . import schema as s
from .discovery import discovery_data, prim
from .outcomes import (DEFAULT_OUTCOMES, EXILE_RISK_PARTS, available, label, outcome,
                       outcome_frame)
from .paired import paired_differences
from .plot_style import DPI, reference_arm, style
from .plots_havens import haven_table, plot_safe_havens_by_region
from .posterior import posterior_contrasts, posterior_source
from .quantiles import quantile
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


PAD_INCHES = 0.1  # savefig's pad around the tight bounding box


def figure_layout(fig):
    """Where the figure's axes (their data area) and legends lie in the PNG
    that _save writes, in its pixels from the top left: {"width", "height",
    "axes": [[x0, y0, x1, y1], ...], "legends": [...]}. Read from the drawn
    figure, so a test can check that no legend covers data or another legend."""
    if not hasattr(fig.canvas, "get_renderer"):  # a vector backend: measure as PNG does
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(renderer).padded(PAD_INCHES)

    def box(extent):
        x0, y0, x1, y1 = (extent.x0 / fig.dpi, extent.y0 / fig.dpi, extent.x1 / fig.dpi,
                          extent.y1 / fig.dpi)
        return [round((x0 - tight.x0) * DPI, 1), round((tight.y1 - y1) * DPI, 1),
                round((x1 - tight.x0) * DPI, 1), round((tight.y1 - y0) * DPI, 1)]
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    legends += list(fig.legends)
    return {"width": int(round(tight.width * DPI)), "height": int(round(tight.height * DPI)),
            "axes": [box(ax.get_window_extent(renderer)) for ax in fig.axes
                     if ax.get_visible() and ax.axison],
            "legends": [box(legend.get_window_extent(renderer)) for legend in legends]}


def _save(fig, out, name):
    """NAME.png, and beside it NAME.layout.json (figure_layout), both
    measured at the PNG's resolution."""
    fig.set_dpi(DPI)
    fig.savefig(out / name, bbox_inches="tight", pad_inches=PAD_INCHES, dpi=DPI)
    layout = figure_layout(fig)
    (out / (Path(name).stem + ".layout.json")).write_text(json.dumps(layout, indent=1) + "\n",
                                                          encoding="utf-8")
    plt.close(fig)
    return name


def _epsilon_words(datasets):
    """"ε = 0.05" (or the values) for the threshold measures' labels."""
    values = sorted({float(ds.attrs[s.SAFE_HAVEN_EPSILON]) for ds in datasets.values()
                     if ds.attrs.get(s.SAFE_HAVEN_EPSILON) is not None})
    return "ε = " + (", ".join(f"{v:.3g}" for v in values) if values else "?")


# The comparison table's measures as the page names them: a share says it is
# one (the CSV keeps the package's column names).
PAGE_MEASURES = (("exile risk", "exile risk at the horizon", text.pct1),
                 ("exile risk, data part", "exile risk at the horizon, data part", text.pct1),
                 ("exile risk, bodily part", "exile risk at the horizon, bodily part",
                  text.pct1),
                 ("exiles in a safe haven", "share of exiles in a safe haven at the horizon",
                  text.pct1),
                 ("exiles extradited", "share of exiles extradited by the horizon",
                  text.pct_small),
                 ("pretextual requests granted", "share of pretextual requests granted",
                  text.pct1),
                 ("legitimate requests refused", "share of legitimate requests refused",
                  text.pct1),
                 ("legitimate requests of Free states refused",
                  "share of Free states' legitimate requests refused", text.pct1))


def page_table(frame, datasets, epsilon):
    """The comparison table as a reader sees it: one row per measure, one
    column per scenario by its label, shares as percentages with the 90% range
    across replicates in brackets, months as dates, counts as counts (the CSV
    keeps the numbers and the codes)."""
    shown = names.scenario_labels(datasets)
    rows = {}
    rows["replicates"] = frame["replicates"].map(lambda v: f"{int(v)}")
    rows["convention in force at the horizon (share of replicates)"] = \
        frame["in force (share)"].map(text.pct)
    rows["entry into force (median date)"] = \
        frame["entry into force, month (median)"].map(text.month_label)
    rows["states party at the horizon (median)"] = \
        frame["parties at horizon (median)"].map(findings.count_number)
    rows["protocol adopted (share of replicates)"] = frame["protocol adopted (share)"].map(
        text.pct)
    for column, title, fmt in PAGE_MEASURES:
        if f"{column} (median)" not in frame:
            continue
        if "safe haven" in title:
            title += f" [threshold measure, {epsilon}]"
        cells = [f"{fmt(m)} ({fmt(lo)} to {fmt(hi)})" for m, lo, hi in zip(
            frame[f"{column} (median)"], frame[f"{column} (5%)"], frame[f"{column} (95%)"])]
        rows[f"{title}: median (90% range across replicates)"] = pd.Series(cells,
                                                                          index=frame.index)
    page = pd.DataFrame(rows).T
    page.columns = [shown.get(n, n) for n in frame.index]
    return page.rename_axis(index=None, columns="measure")


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
    """(findings, sections): the key findings (HTML, for the box at the top of
    the page) and the sections of the scenarios."""
    sections = []
    shown = names.scenario_labels(datasets)
    epsilon = _epsilon_words(datasets)
    summary = _by_label(outcome_frame(datasets, DEFAULT_OUTCOMES +
                                      available(datasets, EXILE_RISK_PARTS)), shown)
    horizon = max(ds.sizes[s.MONTH] for ds in datasets.values())
    over = posterior_source(res) is not None
    replicates = max(ds.sizes[s.REPLICATE] for ds in datasets.values())
    steps = findings.step_sentences(
        findings.band_steps(datasets, "exile_risk", res.world), "exile risk", shown,
        text.month_label, replicates, over)
    sections.append(("Exile risk", _save(plot_exile_risk(datasets), out, "exile_risk.png"),
                     " ".join([text.exile_risk_text(summary, horizon), *steps]), None))
    contrasts = posterior_tables(res, datasets)
    if contrasts:
        sections.append(posterior_section(contrasts, shown))
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
    channels = channels.rename(columns=lambda c: words.get(str(c), str(c)))
    page_channels = channels.rename(index=lambda n: shown.get(n, n))
    sections.append(("Requests sent, by channel", None, text.channels_text(page_channels),
                     text.percent_table(page_channels.T, "channel") if len(channels) <= 8
                     else text.percent_table(page_channels, "scenario")))
    trade = tradeoff_summary(datasets)
    sections.append(("Safeguards: the trade-off", _save(plot_tradeoff(datasets), out,
                                                        "tradeoff.png"),
                     text.tradeoff_text(trade.rename(index=lambda n: shown.get(n, n))), None))
    heatmap = heatmap_section(res, datasets, out)
    if heatmap is not None:
        sections.append(heatmap)
    table = comparison_table(datasets)
    table.to_csv(out / "comparison.csv")
    sections.append(("Scenarios compared", None,
                     "Medians over replicates, with the 90% range across replicates (from the "
                     "5th to the 95th percentile) in brackets; shares are of replicates (for "
                     "events) or of requests and exiles, written as percentages as in the "
                     "text. The share of exiles in a safe haven is a threshold measure "
                     f"({epsilon}). Also in comparison.csv, as numbers.",
                     page_table(table, datasets, epsilon)))
    paired = paired_table(datasets)
    if paired is not None:
        reference, frame = paired
        frame.to_csv(out / "paired_differences.csv")
        parts = all(label(p) in frame.index.get_level_values("outcome")
                    for p in EXILE_RISK_PARTS)
        sections.append(("Differences between scenarios", None,
                         text.paired_text(shown.get(reference, reference), parts),
                         paired_page(frame, shown)))
    box = key_findings(res, datasets, shown, summary, horizon, paired, contrasts, trade,
                       channels, epsilon, steps)
    return box, sections


def key_findings(res, datasets, shown, summary, horizon, paired, contrasts, trade, channels,
                 epsilon, steps):
    """The findings box: the reference arm's exile risk, a sentence per arm
    against it, and a sentence per pattern a reader would find odd."""
    reference = next(iter(datasets))
    ref = shown[reference]
    risks = {n: quantile(outcome(ds, "exile_risk").values, 0.5, skipna=True)
             for n, ds in datasets.items()}
    lead = findings.lead_sentence(ref, outcome(datasets[reference], "exile_risk").values,
                                  text.month_label(horizon - 1))
    better = {}
    if contrasts:
        table = next((t for t in contrasts if t["outcome"].iloc[0] == "exile_risk"), None)
        if table is not None:
            better = {arm: (row["share_better"], row["draws"]) for arm, row in table.iterrows()
                      if row["paired"] and row["draws"]}
    arms, notes = [], []
    diffs = paired[1] if paired is not None else None
    decided = {n: float((outcome(ds, "granted_pretextual")
                         + outcome(ds, "refused_pretextual")).mean())
               for n, ds in datasets.items()}
    risk_label, haven_label = label("exile_risk"), label("share_exiles_in_safe_haven")
    for arm in list(datasets)[1:]:
        medians = (risks[arm], risks[reference])
        if diffs is not None and (risk_label, arm) in diffs.index:
            share, draws = better.get(arm, (None, None))
            arms.append(findings.arm_sentence(shown[arm], ref, diffs.loc[(risk_label, arm)],
                                              medians, share, draws))
            if (haven_label, arm) in diffs.index:
                note = findings.haven_paradox(shown[arm], ref, diffs.loc[(risk_label, arm)],
                                              diffs.loc[(haven_label, arm)], epsilon)
                if note:
                    notes.append(note)
        else:
            arms.append(findings.unpaired_sentence(shown[arm], ref, medians))
        note = findings.grant_share_paradox(arm, reference,
                                            trade["pretextual_grant_rate"].to_dict(), risks,
                                            decided, channels, shown)
        if note:
            notes.insert(0, note)
    notes += steps
    over = posterior_source(res)
    where = (f" Intervals include parameter uncertainty ({over[1]} posterior draws)."
             if over else "")
    html = [f"<p>{lead}</p>", "<ul class='arms'>",
            *[f"<li>{a}</li>" for a in arms], "</ul>"]
    if notes:
        html += ["<p>What may look odd, and why:</p>", "<ul class='notes'>",
                 *[f"<li>{n}</li>" for n in notes], "</ul>"]
    html.append(f"<p class='where'>The sections below give the figures, the tables and "
                f"the paired differences these sentences come from.{where}</p>")
    return "\n".join(html)


PAIRED_COLUMNS = {"mean": "mean difference", "low": "90% interval: low",
                  "high": "90% interval: high", "unpaired_low": "unpaired 90% interval: low",
                  "unpaired_high": "unpaired 90% interval: high", "n": "replicates"}


def paired_page(frame, shown):
    """The paired differences as the page shows them: outcome (with its unit)
    and scenario as columns, shares in percentage points, counts as counts."""
    codes = {label(o): o for o in PAIRED_OUTCOMES}
    rows = []
    for (outcome_label, arm), row in frame.iterrows():
        which = codes.get(outcome_label, outcome_label)
        unit = findings.unit_of(which)
        cells = {"outcome": f"{outcome_label} ({unit})" if unit else outcome_label,
                 "scenario": shown.get(arm, arm)}
        for column in ("mean", "low", "high", "unpaired_low", "unpaired_high"):
            cells[PAIRED_COLUMNS[column]] = findings.difference_cell(which, row[column])
        cells[PAIRED_COLUMNS["n"]] = f"{int(row['n'])}"
        rows.append(cells)
    return pd.DataFrame(rows)


# The outcomes compared over a posterior's draws, as the engine names them
# (the exile risk's parts where the file records them).
POSTERIOR_OUTCOMES = ("exile_risk", "exile_risk_data", "exile_risk_bodily",
                      "share_exiles_in_safe_haven")


def posterior_tables(res, datasets):
    """posterior_contrasts' tables, one per outcome of POSTERIOR_OUTCOMES the
    file has, when the scenarios ran over a calibration's posterior (havens
    run --posterior); [] otherwise."""
    if len(datasets) < 2 or posterior_source(res) is None:
        return []
    try:
        tables = [posterior_contrasts(res, o, baseline=next(iter(datasets)))
                  for o in available(datasets, POSTERIOR_OUTCOMES)]
    except KeyError:  # a scenario without a posterior among those reported
        return []
    return [t for t in tables if t["paired"].any()]


def posterior_section(tables, shown):
    """Per arm, the share of draws in which it is better than the reference
    arm, with the median paired difference and its 5-95 % range, in
    percentage points. `shown`: each scenario's human label."""
    rows = []
    for table in tables:
        for arm, row in table.iterrows():
            if arm not in shown:
                continue
            rows.append({"outcome": row["label"], "scenario": shown[arm],
                         "better when": row["better"],
                         "share of draws better": text.pct(row["share_better"]),
                         "median difference (percentage points)":
                             findings.pp_number(row["median"]),
                         "90% range across draws: low (percentage points)":
                             findings.pp_number(row["low"]),
                         "90% range across draws: high (percentage points)":
                             findings.pp_number(row["high"]),
                         "draws": f"{int(row['draws'])}"})
    return ("Over the posterior: parameter uncertainty", None,
            text.posterior_text(tables, tables[0].attrs["draws"], tables[0].attrs["source"],
                                shown),
            pd.DataFrame(rows))


def paired_table(datasets):
    """Paired differences from the reference arm (the scenario named
    baseline, else the first) when the scenarios share a seed and replicates,
    so that pairing is meaningful."""
    if len(datasets) < 2:
        return None
    seeds = {ds.attrs.get("seed") for ds in datasets.values()}
    reps = {ds.sizes[s.REPLICATE] for ds in datasets.values()}
    if len(seeds) > 1 or len(reps) > 1:
        return None
    reference = reference_arm(datasets)
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
        threshold = float(quantile(per_point, 0.75))  # no contrast at 0.8: the top quarter
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
            # The reference arm first: the list of scenarios, the findings, the
            # paired differences and the posterior's contrasts all read against it.
            reference = reference_arm(datasets)
            datasets = {reference: datasets[reference],
                        **{n: ds for n, ds in datasets.items() if n != reference}}
        box, sections = scenario_sections(res, datasets, out) if datasets else (None, [])
        for name in res.sweep_names:
            sections += sweep_sections(res, name, out)
    index = out / "index.html"
    over = posterior_source(res) if datasets else None
    note = text.posterior_note(over[1], over[0]) if over else None
    index.write_text(render(res, sections, note, scenario_list(datasets), box),
                     encoding="utf-8")
    return index
