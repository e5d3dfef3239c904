#!/usr/bin/python3
"""Each scenario's differences from the baseline, paired by replicate.

Scenarios run in one file share their random numbers replicate by replicate
(common random numbers), so the difference between a scenario and the
baseline is taken within each replicate and summarised by its mean and a
paired 95% Student t interval. Prints Markdown tables:

1. per scenario, the headline outcomes: exile risk and the share of exiles in
   a safe haven at the last month; pretextual granted, legitimate granted,
   legitimate refused and legitimate refused from Free-status origins over the
   run; extradited, pending extradition and data exposed at the last month;
   parties at the horizon;
2. the share of sent requests each channel carries, per scenario (and the
   share of issued requests that no channel could carry);
3. refusals by reason, per scenario (mean per replicate);
4. lapsed requests, per scenario (mean per replicate): extraditions whose
   provisional arrest found the target already in custody on another request,
   neither granted nor refused (timeseries/requests_lapsed; with an event log,
   also how many of them were pretextual);
5. when the file has an event log (output.request_log = true): pretextual
   requests granted by channel and kind, granted by offence, granted on the
   convention's channel by requested state, refused by reason, and lapsed by
   channel, per scenario (mean per replicate).

Event outcomes are read by their labels (events/outcome_codes:
not_sent, granted, refused, pending, lapsed), not by fixed codes.

Usage:
    /usr/bin/python3 scripts/scenario_differences.py RESULT.h5 [--baseline baseline]
"""
import argparse
import json
import sys

import h5py
import numpy as np
from scipy import stats

# events/outcome codes, for files whose outcome dataset does not name them
OUTCOME_CODES = {0: "not_sent", 1: "granted", 2: "refused", 3: "pending", 4: "lapsed"}


# --- reading ---------------------------------------------------------------

def labels(dataset):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in dataset[()]]


def scenario_names(f):
    """The scenario groups in the order they were given to havens run."""
    groups = list(f["scenarios"])
    order = json.loads(f.attrs["scenario_order"]) if "scenario_order" in f.attrs else groups
    return [n for n in order if n in groups]


def code_labels(dataset, default=None):
    """'0=uncc,1=mlat,...' (the events' *_codes attributes) as {code: label}."""
    key = dataset.name.rsplit("/", 1)[1] + "_codes"
    if key not in dataset.parent.attrs and default is not None:
        return dict(default)
    text = dataset.parent.attrs[key]
    text = text.decode() if isinstance(text, bytes) else text
    return {int(k): v for k, v in (item.split("=", 1) for item in text.split(","))}


def code_of(codes, label):
    return next(code for code, name in codes.items() if name == label)


def headline_outcomes(f, name):
    """Per-replicate values of the headline outcomes, in table order."""
    ts = f[f"scenarios/{name}/timeseries"]
    states = f[f"scenarios/{name}/states"]
    status = {s: i for i, s in enumerate(labels(ts["status"]))}
    free = np.array(labels(f["world/states/fh_status"])) == "Free"
    last = ts["exiles_by_status"][:, -1, :]
    return {
        "exile risk, last month": ts["exile_risk"][:, -1],
        "share of exiles in a safe haven, last month": ts["share_exiles_in_safe_haven"][:, -1],
        "pretextual granted, run total": ts["granted_pretextual"][()].sum(axis=1),
        "legitimate granted, run total": ts["granted_legitimate"][()].sum(axis=1),
        "legitimate refused, run total": ts["refused_legitimate"][()].sum(axis=1),
        "legitimate refused, Free origins, run total":
            states["legitimate_refused"][()][:, free].sum(axis=1),
        "extradited, last month": last[:, status["extradited"]],
        "pending extradition, last month": last[:, status["pending_extradition"]],
        "data exposed, last month": last[:, status["data_exposed"]],
        "parties at the horizon": ts["parties"][:, -1],
    }


def replicate_rows(f, name, wanted):
    """Row of each replicate label in `wanted`, in that order."""
    present = list(f[f"scenarios/{name}/timeseries/replicate"][()])
    return [present.index(r) for r in wanted]


# --- statistics ------------------------------------------------------------

def paired_interval(differences, confidence=0.95):
    """Mean of the paired differences and its Student t interval."""
    d = np.asarray(differences, dtype=float)
    mean = d.mean()
    if len(d) < 2:
        return mean, np.nan, np.nan
    half = stats.t.ppf(0.5 + confidence / 2, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
    return mean, mean - half, mean + half


def paired_rows(f, baseline, name):
    """(outcome, baseline mean, scenario mean, difference, low, high) per outcome."""
    shared = np.intersect1d(f[f"scenarios/{baseline}/timeseries/replicate"][()],
                            f[f"scenarios/{name}/timeseries/replicate"][()])
    pick_b, pick_s = replicate_rows(f, baseline, shared), replicate_rows(f, name, shared)
    base, arm = headline_outcomes(f, baseline), headline_outcomes(f, name)
    rows = []
    for outcome in base:
        b, s = base[outcome][pick_b].astype(float), arm[outcome][pick_s].astype(float)
        rows.append((outcome, b.mean(), s.mean(), *paired_interval(s - b)))
    return rows, len(shared)


def channel_shares(f, name):
    """Share of sent requests per channel, and of issued requests not sent."""
    ts = f[f"scenarios/{name}/timeseries"]
    sent = ts["sent_by_channel"][()].sum(axis=(0, 1)).astype(float)
    issued = ts["requests_issued"][()].sum()
    not_sent = ts["requests_not_sent"][()].sum()
    return dict(zip(labels(ts["channel"]), sent / sent.sum())), not_sent / issued


def refusals_by_reason(f, name):
    ts = f[f"scenarios/{name}/timeseries"]
    per_replicate = ts["refused_by_reason"][()].sum(axis=1).mean(axis=0)
    return dict(zip(labels(ts["reason"]), per_replicate))


def lapsed_per_replicate(f, name):
    """Mean per replicate of the run's lapsed requests; NaN for a file written
    before requests_lapsed existed."""
    ts = f[f"scenarios/{name}/timeseries"]
    if "requests_lapsed" not in ts:
        return np.nan
    return ts["requests_lapsed"][()].sum(axis=1).mean()


# --- the event log ---------------------------------------------------------

def pretextual_events(f, name):
    """The pretextual requests of the event log as columns, with code labels."""
    ev = f[f"scenarios/{name}/events"]
    pick = ev["pretextual"][()] == 1
    columns = {k: ev[k][()][pick] for k in
               ("replicate", "outcome", "channel", "kind", "offence", "reason", "requested")}
    codes = {k: code_labels(ev[k]) for k in ("channel", "kind", "offence", "reason")}
    codes["outcome"] = code_labels(ev["outcome"], OUTCOME_CODES)
    unknown = set(np.unique(columns["outcome"]).tolist()) - set(codes["outcome"])
    if unknown:
        sys.exit(f"scenario {name}: event outcome codes {sorted(unknown)} not in outcome_codes")
    return columns, codes, len(np.unique(ev["replicate"][()]))


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
    iso3 = labels(f["world/states/iso3"])
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


# --- printing --------------------------------------------------------------

def number(x):
    if isinstance(x, str):
        return x
    if np.isnan(x):
        return "n/a"
    if x != 0 and abs(x) < 1:
        return f"{x:.4f}"
    return f"{x:,.1f}"


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("result", help="an HDF5 result file of havens run")
    parser.add_argument("--baseline", default="baseline", help="the reference scenario")
    args = parser.parse_args(argv)
    with h5py.File(args.result, "r") as f:
        names = scenario_names(f)
        if args.baseline not in names:
            sys.exit(f"{args.result}: no scenario '{args.baseline}' (has {', '.join(names)})")
        others = [n for n in names if n != args.baseline]
        ordered = [args.baseline, *others]
        print_differences(f, args.baseline, others)
        print_channels(f, ordered)
        print_reasons(f, ordered)
        breakdowns = None
        if all("events" in f[f"scenarios/{n}"] for n in ordered):
            breakdowns = event_breakdowns(f, ordered)
        print_lapsed(f, ordered, breakdowns)
        if breakdowns:
            print_events(f, ordered, breakdowns)


if __name__ == "__main__":
    main()
