#!/usr/bin/python3
"""Each scenario's differences from the baseline, paired by replicate.

Scenarios run in one file share their random numbers replicate by replicate
(common random numbers), so the difference between a scenario and the
baseline is taken within each replicate and summarised by its mean and a
paired 95% Student t interval (havens_analysis.paired_difference: a replicate
in which either arm's value is NaN is left out, and a row that uses fewer
replicates than the table's title says its count, n=). Prints Markdown tables:

1. per scenario, the headline outcomes: exile risk, its data and bodily
   parts and the share of exiles in a safe haven at the last month;
   pretextual granted, legitimate granted, legitimate refused and legitimate
   refused from Free-status origins over the run; extradited, pending
   extradition, data exposed and removed at the last month; removals and
   lapsed requests over the run; parties at the horizon (rows a file does
   not hold are left out);
2. the share of sent requests each channel carries, per scenario (and the
   share of issued requests that no channel could carry);
3. refusals by reason, per scenario (mean per replicate);
4. lapsed requests, per scenario (mean per replicate): extraditions whose
   provisional arrest found the target already in custody on another request,
   neither granted nor refused (timeseries/requests_lapsed; with an event log,
   also how many of them were pretextual);
5. the exile risk at the last month and its two parts (data, bodily): per
   scenario the median and 90% interval over replicates (the one quantile
   rule of docs/ODD.md 7.13), and per scenario the paired difference from
   the baseline by part (mean and 95% Student t interval); with --split-party
   ISO3, the same differences in the replicates where that state is a party
   at the horizon in the baseline and in those where it is not; and the
   origins whose exiles' risk moves most;
6. when the file has an event log (output.request_log = true): pretextual
   requests granted by channel and kind, granted by offence, granted on the
   convention's channel by requested state, refused by reason, and lapsed by
   channel; pretextual requests that achieved their end (granted, or removed
   outside the law) by channel, with shares; on the (pair, month)s where the
   convention is in force for both in the baseline, pretextual requests by
   channel and outcome, and the evidence requests on `uncc` and on `comity`
   by outcome, refusal reason and the requested state's Freedom House status;
   removals and provisional arrests of exiles, their ratio and their hosts'
   Freedom House status; and a check that every granted extradition or
   removal of an exile puts one exile in custody (per scenario, mean per
   replicate).

With --against OTHER.h5, prints instead the paired differences (OTHER minus
RESULT) of the exile risk and its parts, and of the headline outcomes, for
every scenario name the two files share: two runs with the same seed and
scenario names share their random numbers replicate by replicate. With
--reference NAME as well, every scenario of OTHER is compared with RESULT's
scenario NAME instead (replicate r of every scenario run with the same seed
shares its random numbers, whatever the scenario's name: e.g. a run of the
baseline with one option changed against RESULT's no_treaty).

The scenarios are the file's scenarios, then its sweep points (named
NAME_p0003; --baseline and --reference take a point's label too), read
through havens_analysis, so a sweep written as one group (schema 4) reads as
its point groups did before. Event outcomes are read by
their labels (not_sent, granted, refused, pending, lapsed, removed), not by
fixed codes.

Usage:
    /usr/bin/python3 scripts/scenario_differences.py RESULT.h5 [--baseline baseline]
        [--split-party USA] [--against OTHER.h5 [--reference NAME]]
"""
import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "analysis"))
from havens_analysis import HavensResultError, open_results  # noqa: E402
from havens_analysis.paired import paired_difference  # noqa: E402

# the paired intervals' level
CONFIDENCE = 0.95

# events/target of a request against a suspect of the legitimate stream
NO_EXILE = 0xFFFFFFFF
# the parts of the exile risk, as timeseries datasets
RISK_PARTS = {"total": "exile_risk", "data": "exile_risk_data", "bodily": "exile_risk_bodily"}


# --- reading ---------------------------------------------------------------

def labels(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


class Result:
    """A result file read through havens_analysis: each scenario or sweep
    point (by name) as its scenario-like Dataset, whose arrays lead with
    replicate as the scenario groups' did, and its event log; each read once."""

    def __init__(self, path):
        self.res = open_results(path)
        self.world = self.res.world
        self._datasets, self._events = {}, {}

    def names(self):
        """The scenarios in the order they were given to havens run, then
        the sweep points."""
        return list(self.res.scenario_names) + list(self.res.point_labels)

    def __getitem__(self, name):
        if name not in self._datasets:
            self._datasets[name] = self.res.scenario(name)
        return self._datasets[name]

    def events(self, name):
        """The event log (output.request_log), None if the run kept none."""
        if name not in self._events:
            try:
                self._events[name] = self.res.events(name)
            except HavensResultError:
                self._events[name] = None
        return self._events[name]


def scenario_names(f):
    """f.names() (platform_use_sweep.py calls it so)."""
    return f.names()


def code_of(codes, label):
    return next(code for code, name in codes.items() if name == label)


def event_columns(f, name, keys):
    """The event log's columns as integer arrays, and {column: {code: label}}
    for the coded ones (the package reads them as labels; origin and
    requested are indices into the world's states again, target NO_EXILE for
    a legitimate suspect, month_arrested -1 for never)."""
    frame = f.events(name)
    columns, codes = {}, {}
    for k in keys:
        column = frame[k]
        if isinstance(column.dtype, pd.CategoricalDtype):
            if column.isna().any():
                sys.exit(f"scenario {name}: event column {k} holds codes its labels do not name")
            columns[k] = column.cat.codes.to_numpy(dtype=np.int64)
            codes[k] = dict(enumerate(column.cat.categories))
        else:
            fill = NO_EXILE if k == "target" else -1
            columns[k] = column.fillna(fill).to_numpy(dtype=np.int64)
    return columns, codes


def headline_outcomes(f, name):
    """Per-replicate values of the headline outcomes, in table order."""
    ts = f[name]
    status = {s: i for i, s in enumerate(labels(ts["status"].values))}
    free = np.array(labels(f.world["fh_status"].values)) == "Free"
    last = ts["exiles_by_status"].values[:, -1, :]
    runs = ts.sizes["replicate"]

    def at_horizon(key):
        return ts[key].values[:, -1] if key in ts else np.full(runs, np.nan)

    def run_total(key):
        return ts[key].values.sum(axis=1) if key in ts else np.full(runs, np.nan)

    def status_at_horizon(label):
        return last[:, status[label]] if label in status else np.full(runs, np.nan)
    return {
        "exile risk, last month": ts["exile_risk"].values[:, -1],
        "exile risk, data part, last month": at_horizon("exile_risk_data"),
        "exile risk, bodily part, last month": at_horizon("exile_risk_bodily"),
        "share of exiles in a safe haven, last month": ts["share_exiles_in_safe_haven"].values[:, -1],
        "pretextual granted, run total": ts["granted_pretextual"].values.sum(axis=1),
        "legitimate granted, run total": ts["granted_legitimate"].values.sum(axis=1),
        "legitimate refused, run total": ts["refused_legitimate"].values.sum(axis=1),
        "legitimate refused, Free origins, run total":
            ts["legitimate_refused"].values[:, free].sum(axis=1),
        "extradited, last month": last[:, status["extradited"]],
        "pending extradition, last month": last[:, status["pending_extradition"]],
        "data exposed, last month": last[:, status["data_exposed"]],
        "removed, last month": status_at_horizon("removed"),
        "removals, run total": run_total("requests_removed"),
        "lapsed, run total": run_total("requests_lapsed"),
        "parties at the horizon": ts["parties"].values[:, -1],
    }


def replicate_rows(f, name, wanted):
    """Row of each replicate label in `wanted`, in that order."""
    present = list(f[name]["replicate"].values)
    return [present.index(r) for r in wanted]


# --- statistics ------------------------------------------------------------

def paired_row(label, baseline, scenario):
    """(label, baseline mean, scenario mean, difference, low, high): the
    package's paired difference (havens_analysis.paired: a replicate in which
    either arm is NaN is dropped, the means are over the pairs used); the
    label says how many pairs when some were dropped."""
    r = paired_difference(baseline, scenario, confidence=CONFIDENCE)
    if r["n"] < len(baseline):
        label = f"{label} (n={r['n']})"
    return (label, r["reference_mean"], r["arm_mean"], r["mean"], r["low"], r["high"])


def paired_rows(f, baseline, name, g=None):
    """(outcome, baseline mean, scenario mean, difference, low, high) per
    outcome; the scenario read from file g (default: the same file). Outcomes
    that the file does not hold (older schemas) are left out."""
    g = f if g is None else g
    shared = np.intersect1d(f[baseline]["replicate"].values, g[name]["replicate"].values)
    pick_b, pick_s = replicate_rows(f, baseline, shared), replicate_rows(g, name, shared)
    base, arm = headline_outcomes(f, baseline), headline_outcomes(g, name)
    rows = []
    for outcome in base:
        b, s = base[outcome][pick_b].astype(float), arm[outcome][pick_s].astype(float)
        if np.isnan(b).all() and np.isnan(s).all():
            continue
        rows.append(paired_row(outcome, b, s))
    return rows, len(shared)


# --- the exile risk and its parts ------------------------------------------

def quantile(values, p):
    """The one quantile rule (docs/ODD.md 7.13): the smallest value whose
    cumulative share of the replicates reaches p."""
    v = np.sort(np.asarray(values, dtype=float))
    index = np.searchsorted(np.arange(1, v.size + 1) / v.size, p - 1e-12, side="left")
    return v[min(index, v.size - 1)]


def risk_parts(f, name):
    """Per replicate, the exile risk at the last month and its parts (the
    parts are absent from files written before the split)."""
    ts = f[name]
    return {part: ts[key].values[:, -1].astype(float) for part, key in RISK_PARTS.items()
            if key in ts}


def party_at_horizon(f, name, iso3):
    """Per replicate, whether the state is a party (in force) at the last month."""
    states = labels(f.world["iso3"].values)
    in_force = f[name]["treaty_in_force_month"].values[:, states.index(iso3)]
    months = f[name].sizes["month"]
    return (in_force >= 0) & (in_force < months)  # never (NaN) is neither


def print_risk_levels(f, names):
    print("### Exile risk at the last month and its parts "
          "(median [90% interval] over replicates; mean)\n")
    parts = {n: risk_parts(f, n) for n in names}
    header = ["scenario"]
    for part in RISK_PARTS:
        header += [f"{part}, median [90%]", f"{part}, mean"]
    rows = []
    for n in names:
        row = [n]
        for part in RISK_PARTS:
            v = parts[n].get(part)
            if v is None:
                row += ["n/a", "n/a"]
                continue
            row += [f"{quantile(v, 0.5):.3f} [{quantile(v, 0.05):.3f}, {quantile(v, 0.95):.3f}]",
                    f"{v.mean():.3f}"]
        rows.append(row)
    print(markdown_table(header, rows))
    print()


def risk_difference_rows(f, baseline, name, g=None, party=None):
    """(part, baseline mean, scenario mean, difference, low, high) per part of
    the exile risk, paired by replicate; the scenario read from file g
    (default: the same file). With party = (ISO3, True or False), only the
    replicates where that state is (or is not) a party at the horizon in the
    baseline."""
    g = f if g is None else g
    shared = np.intersect1d(f[baseline]["replicate"].values, g[name]["replicate"].values)
    rows_b, rows_s = replicate_rows(f, baseline, shared), replicate_rows(g, name, shared)
    if party is not None:
        joins = party_at_horizon(f, baseline, party[0])[rows_b]
        keep = joins if party[1] else ~joins
        rows_b, rows_s = np.asarray(rows_b)[keep], np.asarray(rows_s)[keep]
    base, arm = risk_parts(f, baseline), risk_parts(g, name)
    out = []
    for part in RISK_PARTS:
        if part not in base or part not in arm or len(rows_b) == 0:
            continue
        b, s = base[part][rows_b], arm[part][rows_s]
        out.append(paired_row(part, b, s))
    return out, len(rows_b)


def print_risk_differences(f, baseline, others, split_party=None):
    header = ["part", baseline, "scenario", "difference", "95% low", "95% high"]
    for name in others:
        rows, n = risk_difference_rows(f, baseline, name)
        print(f"### Exile risk at the last month by part: {name} minus {baseline} "
              f"({n} paired replicates)\n")
        print(markdown_table(header, [risk_cells(r) for r in rows]))
        print()
    if not split_party:
        return
    replicates = f[baseline]["replicate"].values
    joins = party_at_horizon(f, baseline, split_party)
    print(f"### The same, split by whether {split_party} is a party at the horizon in "
          f"{baseline} (a party in replicates "
          f"{', '.join(str(int(r)) for r in replicates[joins]) or 'none'})\n")
    rows = []
    for name in others:
        for label, is_party in ((f"{split_party} a party", True), (f"{split_party} not", False)):
            part_rows, n = risk_difference_rows(f, baseline, name, party=(split_party, is_party))
            rows += [risk_cells((f"{name}, {label} (n={n}), {r[0]}", *r[1:])) for r in part_rows]
    print(markdown_table(["scenario, replicates, part", baseline, "scenario", "difference",
                          "95% low", "95% high"], rows))
    print()


def print_origin_risk(f, baseline, others, top=8):
    """Per scenario, the origins whose exiles' risk at the last month moves
    most from the baseline (mean over replicates of the paired difference of
    timeseries/exile_risk_by_origin)."""
    iso3 = labels(f.world["iso3"].values)
    base = f[baseline]["exile_risk_by_origin"].values[:, -1, :].astype(float)
    for name in others:
        arm = f[name]["exile_risk_by_origin"].values[:, -1, :].astype(float)
        with warnings.catch_warnings():  # origins with no exiles: all NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            diff = np.nanmean(arm - base, axis=0)
            base_mean, arm_mean = np.nanmean(base, axis=0), np.nanmean(arm, axis=0)
        order = [i for i in np.argsort(-np.abs(np.nan_to_num(diff))) if np.isfinite(diff[i])][:top]
        rows = [(iso3[i], base_mean[i], arm_mean[i], diff[i]) for i in order]
        print(f"### Exile risk by origin at the last month: the {top} largest moves, {name} minus "
              f"{baseline} (mean over replicates)\n")
        print(markdown_table(["origin", baseline, name, "difference"],
                             [(o, f"{b:.3f}", f"{a:.3f}", f"{d:+.4f}") for o, b, a, d in rows]))
        print()


def channel_shares(f, name):
    """Share of sent requests per channel, and of issued requests not sent."""
    ts = f[name]
    sent = ts["sent_by_channel"].values.sum(axis=(0, 1)).astype(float)
    issued = ts["requests_issued"].values.sum()
    not_sent = ts["requests_not_sent"].values.sum()
    return dict(zip(labels(ts["channel"].values), sent / sent.sum())), not_sent / issued


def refusals_by_reason(f, name):
    ts = f[name]
    per_replicate = ts["refused_by_reason"].values.sum(axis=1).mean(axis=0)
    return dict(zip(labels(ts["reason"].values), per_replicate))


def lapsed_per_replicate(f, name):
    """Mean per replicate of the run's lapsed requests; NaN for a file written
    before requests_lapsed existed."""
    ts = f[name]
    if "requests_lapsed" not in ts:
        return np.nan
    return ts["requests_lapsed"].values.sum(axis=1).mean()


# --- the event log ---------------------------------------------------------

def pretextual_events(f, name):
    """The pretextual requests of the event log as columns, with code labels."""
    every, codes = event_columns(f, name, ("replicate", "outcome", "channel", "kind", "offence",
                                           "reason", "requested", "pretextual"))
    pick = every["pretextual"] == code_of(codes["pretextual"], "pretextual")
    columns = {k: v[pick] for k, v in every.items() if k != "pretextual"}
    return columns, codes, len(np.unique(every["replicate"]))


def outcome_is(columns, codes, label):
    """The events whose outcome has this label (none if the file has no such code)."""
    wanted = [code for code, name in codes["outcome"].items() if name == label]
    return np.isin(columns["outcome"], wanted)


def count_by(columns, keys, pick, decode, runs):
    """Mean per replicate of the picked events, by the labels of `keys`."""
    stacked = np.stack([columns[k][pick] for k in keys], axis=1)
    if len(stacked) == 0:
        return {}
    combos, counts = np.unique(stacked, axis=0, return_counts=True)
    return {tuple(decode[k][int(v)] for k, v in zip(keys, combo)): c / runs
            for combo, c in zip(combos, counts)}


def event_breakdowns(f, names):
    """Per scenario: pretextual grants by (channel, kind), by offence, on uncc by
    requested state; pretextual refusals by reason; pretextual lapsed requests
    by channel, and their total."""
    iso3 = labels(f.world["iso3"].values)
    out = {}
    for name in names:
        columns, codes, runs = pretextual_events(f, name)
        decode = dict(codes, requested=dict(enumerate(iso3)))
        granted = outcome_is(columns, codes, "granted")
        lapsed = outcome_is(columns, codes, "lapsed")
        uncc = columns["channel"] == code_of(codes["channel"], "uncc")
        out[name] = {
            "granted by channel and kind": count_by(columns, ("channel", "kind"), granted, decode, runs),
            "granted by offence": count_by(columns, ("offence",), granted, decode, runs),
            "granted on uncc by requested state":
                count_by(columns, ("requested",), granted & uncc, decode, runs),
            "refused by reason": count_by(columns, ("reason",), outcome_is(columns, codes, "refused"),
                                          decode, runs),
            "lapsed by channel": count_by(columns, ("channel",), lapsed, decode, runs),
            "lapsed": lapsed.sum() / runs,
            "replicates": runs,
        }
    return out


def convention_open(f, baseline, name, columns):
    """Per event: the convention was in force for both states, in the
    baseline's replicate of the same label, in the month the request was
    issued (the treaty scenarios share the baseline's ratification path; for
    no_treaty these are the requests that the convention would have reached)."""
    # never: NaN as the package reads it (-1 in files before _FillValue)
    in_force = np.nan_to_num(f[baseline]["treaty_in_force_month"].values, nan=-1).astype(np.int64)
    in_force = np.where(in_force < 0, np.iinfo(np.int64).max, in_force)
    labels_b = list(f[baseline]["replicate"].values)
    row = np.array([labels_b.index(r) for r in columns["replicate"]]) if len(columns["replicate"]) \
        else np.zeros(0, dtype=int)
    both = np.maximum(in_force[row, columns["origin"]], in_force[row, columns["requested"]])
    return (both <= columns["month_sent"]) & (columns["origin"] != columns["requested"])


def shares_of(counts):
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def mechanism_breakdowns(f, names, baseline):
    """Per scenario, from the event log (means per replicate):
    - pretextual requests that achieved their end (granted, or removed) by channel;
    - on the (pair, month)s where the convention is in force for both in the
      baseline: pretextual requests by channel and outcome; the evidence ones
      on uncc and comity by outcome, refusal reason and requested FH status;
    - removals and provisional arrests of exiles and their hosts' FH status;
    - the custody check: grants and removals of exiles against the exiles they
      put in custody and the statuses at the horizon."""
    iso3 = labels(f.world["iso3"].values)
    fh = np.array(labels(f.world["fh_status"].values))
    keys = ("replicate", "month_sent", "month_arrested", "origin", "requested", "kind",
            "channel", "outcome", "reason", "pretextual", "target")
    out = {}
    for name in names:
        c, codes = event_columns(f, name, keys)
        runs = len(np.unique(c["replicate"]))
        channel = np.array([codes["channel"][i] for i in range(max(codes["channel"]) + 1)])[c["channel"]]
        outcome = np.array([codes["outcome"].get(i, str(i))
                            for i in range(max(codes["outcome"]) + 1)])[c["outcome"]]
        kind = np.array([codes["kind"][i] for i in range(max(codes["kind"]) + 1)])[c["kind"]]
        reason = np.array([codes["reason"][i] for i in range(max(codes["reason"]) + 1)])[c["reason"]]
        pretext = c["pretextual"] == code_of(codes["pretextual"], "pretextual")
        exile = c["target"] != NO_EXILE
        extradition = kind == "extradition"
        ended = np.isin(outcome, ["granted", "removed"])

        def per_run(mask, by):
            values, counts = np.unique(by[mask], return_counts=True)
            return {v: n / runs for v, n in zip(values, counts)}

        r = {"replicates": runs}
        r["pretextual ended by channel"] = per_run(pretext & ended, channel)
        opened = convention_open(f, baseline, name, c)
        pick = pretext & opened
        r["open: pretextual by channel and outcome"] = {
            (ch, o): n for (ch, o), n in
            count_pairs(channel[pick], outcome[pick], runs).items()}
        for ch in ("uncc", "comity"):
            sel = pick & (channel == ch) & ~extradition
            hosts = fh[c["requested"][sel]]
            decided = np.isin(outcome[sel], ["granted", "refused"])
            granted = outcome[sel] == "granted"
            r[f"open evidence on {ch}"] = {
                "outcomes": per_run(sel, outcome),
                "refused by reason": per_run(sel & (outcome == "refused"), reason),
                "by host status": {
                    status: (np.sum(hosts == status) / runs,
                             np.sum(granted & (hosts == status)) / runs,
                             np.sum(granted & (hosts == status)) /
                             max(1, np.sum(decided & (hosts == status))))
                    for status in ("Free", "Partly Free", "Not Free")},
            }
        removed = exile & (outcome == "removed")
        arrested = exile & extradition & (c["month_arrested"] >= 0)
        r["removals"] = {
            "removals of exiles": removed.sum() / runs,
            "removals of exiles, pretextual": (removed & pretext).sum() / runs,
            "removals of legitimate-stream suspects": ((~exile) & (outcome == "removed")).sum() / runs,
            "provisional arrests of exiles": arrested.sum() / runs,
            "provisional arrests of exiles, pretextual": (arrested & pretext).sum() / runs,
            "removals / arrests (exiles)": removed.sum() / max(1, arrested.sum()),
            "removals / arrests (pretextual)": (removed & pretext).sum() / max(1, (arrested & pretext).sum()),
        }
        for label, mask in (("removals", removed), ("arrests", arrested),
                            ("removals and arrests", removed | arrested)):
            hosts = fh[c["requested"][mask]]
            for status in ("Free", "Partly Free", "Not Free"):
                r["removals"][f"{label}: share in {status} hosts"] = \
                    np.mean(hosts == status) if len(hosts) else np.nan
        r["removal hosts"] = {iso3[k]: n for k, n in per_run(removed, c["requested"]).items()}
        r["removal origins"] = {iso3[k]: n for k, n in per_run(removed, c["origin"]).items()}
        # custody check: one exile in custody per granted extradition or removal
        ts = f[name]
        status = {s_: i for i, s_ in enumerate(labels(ts["status"].values))}
        last = ts["exiles_by_status"].values[:, -1, :]
        granted_ext = exile & extradition & (outcome == "granted")

        def distinct(mask):
            return np.unique(np.stack([c["replicate"][mask], c["target"][mask]]),
                             axis=1).shape[1] if mask.any() else 0
        r["custody"] = {
            "extraditions of exiles granted": granted_ext.sum() / runs,
            "distinct exiles with a granted extradition": distinct(granted_ext) / runs,
            "extradited, last month": last[:, status["extradited"]].mean(),
            "removals of exiles": removed.sum() / runs,
            "distinct exiles removed": distinct(removed) / runs,
            "removed, last month": last[:, status["removed"]].mean() if "removed" in status else np.nan,
        }
        out[name] = r
    return out


def count_pairs(a, b, runs):
    if len(a) == 0:
        return {}
    pairs, counts = np.unique(np.stack([a, b], axis=1), axis=0, return_counts=True)
    return {(x, y): n / runs for (x, y), n in zip(pairs, counts)}


# --- printing --------------------------------------------------------------

def number(x):
    if isinstance(x, str):
        return x
    if np.isnan(x):
        return "n/a"
    if x != 0 and abs(x) < 1:
        return f"{x:.4f}"
    return f"{x:,.1f}"


def risk_cells(row):
    """A row (label, baseline, scenario, difference, low, high) of exile
    risks: the levels to 3 decimals, the differences to 4 (several are below
    0.001)."""
    label, b, s, d, lo, hi = row
    return (label, f"{b:.3f}", f"{s:.3f}", *(f"{x:+.4f}" for x in (d, lo, hi)))


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(number(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def by_scenario_table(first, per_scenario, names, top=None):
    """Rows: the union of the keys of every scenario's dict; columns: scenarios."""
    keys = sorted({k for name in names for k in per_scenario[name]},
                  key=lambda k: -max(per_scenario[n].get(k, 0) for n in names))
    keys = keys[:top] if top else keys
    rows = [(" / ".join(k) if isinstance(k, tuple) else k,
             *(per_scenario[n].get(k, 0.0) for n in names)) for k in keys]
    return markdown_table([first, *names], rows)


def print_differences(f, baseline, others):
    for name in others:
        rows, n = paired_rows(f, baseline, name)
        rows = [risk_cells(r) if r[0].startswith("exile risk") else r for r in rows]
        print(f"### {name} minus {baseline} ({n} paired replicates)\n")
        print(markdown_table(
            ["outcome", baseline, name, "difference", "95% low", "95% high"], rows))
        print()


def print_channels(f, names):
    shares = {n: channel_shares(f, n) for n in names}
    channels = list(shares[names[0]][0])
    rows = [(c, *(shares[n][0][c] for n in names)) for c in channels]
    rows.append(("not sent (share of issued)", *(shares[n][1] for n in names)))
    print("### Share of sent requests by channel\n")
    print(markdown_table(["channel", *names], rows))
    print()


def print_reasons(f, names):
    print("### Refusals by reason (mean per replicate, both streams)\n")
    print(by_scenario_table("reason", {n: refusals_by_reason(f, n) for n in names}, names))
    print()


def print_lapsed(f, names, breakdowns=None):
    """Lapsed requests per scenario; with an event log, the pretextual ones too."""
    rows = [("lapsed, run total", *(lapsed_per_replicate(f, n) for n in names))]
    if breakdowns:
        rows.append(("of which pretextual (event log)", *(breakdowns[n]["lapsed"] for n in names)))
    print("### Requests lapsed (mean per replicate)\n")
    print(markdown_table(["requests", *names], rows))
    print()


def print_events(f, names, breakdowns):
    runs = breakdowns[names[0]]["replicates"]
    for what in ("granted by channel and kind", "granted by offence",
                 "granted on uncc by requested state", "refused by reason",
                 "lapsed by channel"):
        print(f"### Pretextual requests {what} (event log, mean per replicate, {runs} replicates)\n")
        table = {n: breakdowns[n][what] for n in names}
        top = 10 if what.endswith("requested state") else None
        if any(table.values()):
            print(by_scenario_table(what.split(" by ")[-1], table, names, top))
        else:
            print("None.")
        print()


def print_mechanisms(names, m):
    runs = m[names[0]]["replicates"]
    note = f"event log, mean per replicate, {runs} replicates"
    ended = {n: m[n]["pretextual ended by channel"] for n in names}
    keys = sorted({k for n in names for k in ended[n]}, key=lambda k: -max(ended[n].get(k, 0) for n in names))
    rows = []
    for k in keys:
        rows.append((k, *(f"{ended[n].get(k, 0.0):,.1f} ({shares_of(ended[n]).get(k, 0.0):.3f})"
                          for n in names)))
    rows.append(("all", *(f"{sum(ended[n].values()):,.1f} (1.000)" for n in names)))
    print(f"### Pretextual requests granted or removed, by channel ({note}; share of the scenario's total)\n")
    print(markdown_table(["channel", *names], rows))
    print()

    outcomes = ["granted", "removed", "refused", "pending", "lapsed"]
    print(f"### Pretextual requests where the convention is in force for both in the baseline, "
          f"by channel and outcome ({note})\n")
    header = ["scenario / channel", *outcomes, "all"]
    rows = []
    for n in names:
        table = m[n]["open: pretextual by channel and outcome"]
        channels = sorted({ch for ch, _ in table}, key=lambda ch: -sum(v for (c_, _), v in table.items() if c_ == ch))
        for ch in channels:
            values = [table.get((ch, o), 0.0) for o in outcomes]
            rows.append((f"{n} / {ch}", *values, sum(v for (c_, _), v in table.items() if c_ == ch)))
        rows.append((f"{n} / all", *(sum(v for (c_, o_), v in table.items() if o_ == o) for o in outcomes),
                     sum(table.values())))
    print(markdown_table(header, rows))
    print()

    columns = [(n, ch) for n in names for ch in ("uncc", "comity")
               if sum(m[n][f"open evidence on {ch}"]["outcomes"].values()) > 0]
    print(f"### Pretextual evidence requests on uncc and on comity where the convention is in force "
          f"for both in the baseline ({note})\n")
    rows = []
    for o in ("granted", "refused", "pending", "lapsed"):
        rows.append((o, *(m[n][f"open evidence on {ch}"]["outcomes"].get(o, 0.0) for n, ch in columns)))
    reasons = sorted({r_ for n, ch in columns for r_ in m[n][f"open evidence on {ch}"]["refused by reason"]})
    for r_ in reasons:
        rows.append((f"refused: {r_}",
                     *(m[n][f"open evidence on {ch}"]["refused by reason"].get(r_, 0.0) for n, ch in columns)))
    for status in ("Free", "Partly Free", "Not Free"):
        for i, what in enumerate(("sent", "granted", "granted / decided")):
            rows.append((f"{status} requested states: {what}",
                         *(m[n][f"open evidence on {ch}"]["by host status"][status][i] for n, ch in columns)))
    print(markdown_table(["", *(f"{n} / {ch}" for n, ch in columns)], rows))
    print()

    print(f"### Removals outside the law and provisional arrests of exiles ({note})\n")
    keys = list(m[names[0]]["removals"])
    print(markdown_table(["", *names], [(k, *(m[n]["removals"][k] for n in names)) for k in keys]))
    print()
    for what in ("removal hosts", "removal origins"):
        print(f"### Removals of exiles by {what.split()[1][:-1]} (the ten largest; {note})\n")
        print(by_scenario_table(what.split()[1][:-1], {n: m[n][what] for n in names}, names, top=10))
        print()

    print(f"### Custody check: each granted extradition or removal of an exile puts one exile "
          f"in custody ({note}; statuses: mean over the same replicates)\n")
    keys = list(m[names[0]]["custody"])
    print(markdown_table(["", *names], [(k, *(m[n]["custody"][k] for n in names)) for k in keys]))
    print()


def print_against(f, g, other_path, reference=None):
    """Paired differences, g minus f, for every scenario name both files hold;
    with a reference, every scenario of g minus f's scenario of that name."""
    if reference is not None:
        if reference not in scenario_names(f):
            sys.exit(f"no scenario '{reference}' in this file (has {', '.join(scenario_names(f))})")
        pairs = [(reference, name) for name in scenario_names(g)]
    else:
        pairs = [(n, n) for n in scenario_names(f) if n in scenario_names(g)]
    if not pairs:
        sys.exit(f"{other_path}: no scenario name in common")
    for ref, name in pairs:
        rows, n = paired_rows(f, ref, name, g)
        rows = [risk_cells(r) if r[0].startswith("exile risk") else r for r in rows]
        title = (f"{name}: {other_path} minus this file" if ref == name
                 else f"{name} of {other_path} minus {ref} of this file")
        print(f"### {title} ({n} paired replicates)\n")
        print(markdown_table(["outcome", "this file", other_path, "difference", "95% low", "95% high"],
                             rows))
        print()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("result", help="an HDF5 result file of havens run")
    parser.add_argument("--baseline", default="baseline", help="the reference scenario")
    parser.add_argument("--split-party", metavar="ISO3",
                        help="also split the exile risk's differences by whether this state "
                             "is a party at the horizon in the baseline")
    parser.add_argument("--against", metavar="OTHER.h5",
                        help="print only the paired differences OTHER minus RESULT for the "
                             "scenarios the two files share")
    parser.add_argument("--reference", metavar="NAME",
                        help="with --against: compare every scenario of OTHER with this "
                             "file's scenario NAME")
    args = parser.parse_args(argv)
    try:
        report(args)
    except HavensResultError as err:
        sys.exit(str(err))


def report(args):
    f = Result(args.result)
    # a sweep point may be named by its label too
    args.baseline = f.res.group_of(args.baseline)
    if args.against:
        reference = None if args.reference is None else f.res.group_of(args.reference)
        print_against(f, Result(args.against), args.against, reference)
        return
    names = scenario_names(f)
    if args.baseline not in names:
        sys.exit(f"{args.result}: no scenario '{args.baseline}' (has {', '.join(names)})")
    others = [n for n in names if n != args.baseline]
    ordered = [args.baseline, *others]
    print_differences(f, args.baseline, others)
    print_risk_levels(f, ordered)
    print_risk_differences(f, args.baseline, others, args.split_party)
    print_origin_risk(f, args.baseline, others)
    print_channels(f, ordered)
    print_reasons(f, ordered)
    breakdowns = None
    if all(f.events(n) is not None for n in ordered):
        breakdowns = event_breakdowns(f, ordered)
    print_lapsed(f, ordered, breakdowns)
    if breakdowns:
        print_events(f, ordered, breakdowns)
        print_mechanisms(ordered, mechanism_breakdowns(f, ordered, args.baseline))


if __name__ == "__main__":
    main()
