"""The report: the standard figures of one result file as PNG files and an
index.html a policy reader can open (relative links, a few sentences per
figure, the provenance of the run). `python3 -m havens_analysis report
RESULT.h5 -o DIR` calls write_report."""
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import report_text as text
from . import schema as s
from .discovery import discovery_data, prim
from .outcomes import label, outcome, outcome_frame
from .paired import paired_differences
from .plots_havens import plot_safe_haven_heatmaps
from .posterior import posterior_contrasts, posterior_source
from .plots_requests import plot_requests, plot_tradeoff
from .plots_sweeps import (plot_haven_share_by_epsilon, plot_prim, plot_sobol,
                           plot_sweep_response)
from .plots_treaty import (plot_entry_into_force, plot_exile_risk, plot_ratification,
                           plot_safe_haven_share)
from .report_html import render
from .results import Results
from .sobol import sobol_from_sweep
from .summaries import (channel_shares, comparison_table, entry_into_force, epsilon_response,
                        requests_breakdown, tradeoff_summary)
from .sweeps import swept_keys

# A file of sweep points only is reported point by point when it has at most
# this many; beyond that only the sweep sections are written.
MAX_POINTS_AS_SCENARIOS = 12
MAX_HEATMAPS = 6
# The headline outcome: Sobol indices are of it. PRIM asks where exiles keep a
# haven, a question that needs a threshold by its nature.
HEADLINE = "exile_risk_at_horizon"
DISCOVERY_OUTCOME = "share_in_haven_at_horizon"
DISCOVERY_THRESHOLD = 0.8
SWEEP_OUTCOMES = ("exile_risk_at_horizon", "entry_into_force_month",
                  "share_in_haven_at_horizon")
PAIRED_OUTCOMES = ("exile_risk_at_horizon", "share_in_haven_at_horizon", "pretextual_granted",
                   "legitimate_refused", "parties_at_horizon")


def _save(fig, out, name):
    fig.savefig(out / name, bbox_inches="tight")
    plt.close(fig)
    return name


def _datasets(res):
    if res.scenario_names:
        return dict(res.scenarios)
    count = sum(len(res.design(sweep)) for sweep in res.sweep_names)
    if 0 < count <= MAX_POINTS_AS_SCENARIOS:
        return {label: ds for sweep in res.sweep_names for label, ds in res.points(sweep).items()}
    return {}


def epsilon_sweeps(res):
    """The grid sweeps of the file that vary decision.safe_haven_epsilon."""
    designs = {name: res.design(name).attrs for name in res.sweep_names}
    return [name for name, attrs in designs.items()
            if s.SAFE_HAVEN_EPSILON in attrs[s.SWEEP_KEYS]
            and attrs.get(s.SWEEP_DESIGN) == "grid"]


def scenario_sections(res, datasets, out):
    sections = []
    summary = outcome_frame(datasets)
    horizon = max(ds.sizes[s.MONTH] for ds in datasets.values())
    sections.append(("Exile risk", _save(plot_exile_risk(datasets), out, "exile_risk.png"),
                     text.exile_risk_text(summary, horizon), None))
    over = posterior_section(res, datasets)
    if over is not None:
        sections.append(over)
    sections.append(("Ratification", _save(plot_ratification(datasets), out, "ratification.png"),
                     text.ratification_text(summary, horizon), None))
    sections.append(("Entry into force", _save(plot_entry_into_force(datasets), out,
                                               "entry_into_force.png"),
                     text.entry_text(entry_into_force(datasets)), None))
    epsilons = sorted({ds.attrs.get(s.SAFE_HAVEN_EPSILON) for ds in datasets.values()
                       if ds.attrs.get(s.SAFE_HAVEN_EPSILON) is not None})
    sections.append(("Exiles in a safe haven: a threshold measure",
                     _save(plot_safe_haven_share(datasets), out, "safe_haven_share.png"),
                     text.haven_share_text(summary, epsilons, epsilon_sweeps(res)), None))
    sections.append(("Requests granted and refused", _save(plot_requests(datasets), out,
                                                           "requests.png"),
                     text.requests_text(requests_breakdown(datasets)), None))
    channels = channel_shares(datasets)
    channels.to_csv(out / "channels.csv")
    sections.append(("Requests sent, by channel", None, text.channels_text(channels),
                     text.percent_table(channels.T if len(channels) <= 8 else channels)))
    sections.append(("Safeguards: the trade-off", _save(plot_tradeoff(datasets), out,
                                                        "tradeoff.png"),
                     text.tradeoff_text(tradeoff_summary(datasets)), None))
    world = res.world
    leading = None
    if s.TNR_LEADING in world and world[s.TNR_LEADING].values.any():
        leading = list(world[s.STATE].values[world[s.TNR_LEADING].values.astype(bool)])
    mapped = {n: ds for n, ds in list(datasets.items())[:MAX_HEATMAPS]
              if "grant_probability" in ds or "safe_haven" in ds}
    if mapped:
        fig = plot_safe_haven_heatmaps(mapped, world, origins=leading)
        kind = "haven_share" if all("safe_haven" in ds for ds in mapped.values()) else \
            "grant_probability"
        sections.append(("Safe havens by origin and host", _save(fig, out, "safe_havens.png"),
                         text.heatmap_text(kind, len(leading) if leading else 0), None))
    table = comparison_table(datasets)
    table.to_csv(out / "comparison.csv")
    sections.append(("Scenarios compared", None,
                     "Medians over replicates, with the 5% and 95% quantiles; shares are of "
                     "replicates (for events) or of requests and exiles. Also in comparison.csv.",
                     table.T if len(table) <= 8 else table))
    paired = paired_table(datasets)
    if paired is not None:
        reference, frame = paired
        frame.to_csv(out / "paired_differences.csv")
        sections.append(("Differences between scenarios", None, text.paired_text(reference),
                         frame))
    return sections


# The outcomes compared over a posterior's draws, as the engine names them.
POSTERIOR_OUTCOMES = ("exile_risk", "share_exiles_in_safe_haven")


def posterior_section(res, datasets):
    """When the scenarios ran over a calibration's posterior (havens run
    --posterior): per arm, the share of draws in which it is better than the
    baseline, with the median paired difference and its 5-95 % range."""
    if len(datasets) < 2 or posterior_source(res) is None:
        return None
    try:
        tables = [posterior_contrasts(res, o) for o in POSTERIOR_OUTCOMES]
    except KeyError:  # a scenario without a posterior among those reported
        return None
    tables = [t for t in tables if t["paired"].any()]
    if not tables:
        return None
    frame = pd.concat(tables).reset_index()
    frame = frame[frame["arm"].isin(datasets)]
    frame["outcome"] = frame["label"]
    frame = frame.set_index(["outcome", "arm"])[
        ["better", "share_better", "median", "low", "high", "draws"]]
    return ("Over the posterior: parameter uncertainty", None,
            text.posterior_text(tables, tables[0].attrs["draws"], tables[0].attrs["source"]),
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
    frames = [paired_differences(datasets, o, reference) for o in PAIRED_OUTCOMES]
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
    """Each of SWEEP_OUTCOMES (rows) against each swept key (columns)."""
    fig, panels = plt.subplots(len(SWEEP_OUTCOMES), len(keys),
                               figsize=(4.2 * len(keys), 3.4 * len(SWEEP_OUTCOMES)),
                               layout="constrained", squeeze=False)
    for row, which in zip(panels, SWEEP_OUTCOMES):
        for ax, key in zip(row, keys):
            plot_sweep_response(ds, which, key, ax=ax)
            ax.set_title("")
    fig.suptitle(f"Outcomes across the sweep {name}")
    return (f"Sweep: {name}", _save(fig, out, f"sweep_{name}.png"),
            intro + " Each dot is one point (median over replicates) with the central 90% "
            "of replicates; rows are outcomes, columns the swept keys.", None)


def write_report(source, out_dir):
    """Writes DIR/*.png and DIR/index.html for a result file (path or
    Results); returns the path of index.html."""
    res = source if isinstance(source, Results) else Results(source)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    datasets = _datasets(res)
    sections = scenario_sections(res, datasets, out) if datasets else []
    for name in res.sweep_names:
        sections += sweep_sections(res, name, out)
    index = out / "index.html"
    over = posterior_source(res) if datasets else None
    note = text.posterior_note(over[1], over[0]) if over else None
    index.write_text(render(res, sections, note), encoding="utf-8")
    return index
