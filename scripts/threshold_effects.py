#!/usr/bin/python3
"""What the entry-into-force threshold and the protocol threshold change
downstream: each point of the thresholds sweep against the adopted point,
paired by replicate.

The points of a sweep share their random numbers replicate by replicate
(common random numbers), so the difference between a point and the adopted
point (treaty.threshold 40, treaty.protocol_threshold 60) is taken within each
replicate and summarised by its mean and a paired 95% Student t interval.
Prints Markdown tables:

1. per point, the means over replicates of the outcomes below (levels);
2. per point, the paired differences from the adopted point, mean and 95%
   interval, for: the entry-into-force month; the month of the Conference's
   first session; the protocol adopted (share of replicates, as a difference
   of shares); the month of the protocol's adoption (over the replicates in
   which both points adopt it; their count is given); protocol parties and
   parties at the horizon; the exile risk and the share of exiles in a safe
   haven at the last month; pretextual requests granted over the run;
3. per point, what holds the first protocol vote back: for each replicate,
   which of the vote's conditions was still missing at the Conference's first
   session (the draft, treaty.protocol_threshold States Parties, both, or
   neither), the median month with treaty.protocol_threshold States Parties,
   the median months from the first session to the first vote; and the first
   vote: the States Parties that sit in it and the chance that it passes,
   computed exactly from the vote rule (each State Party abstains with
   ratification.vote_abstain, else votes yes with
   logistic(vote_intercept + vote_repression r + vote_stance s - vote_speech e),
   adopted iff yes >= 2/3 of those voting), averaged over replicates, beside
   the share of first votes that passed in the run;
4. per point, the replicates with a vote, the first votes that failed and the
   votes held; and, for the reference point, the States Parties and the
   chance of passing at each of the Conference's first six sessions whether
   or not a vote was held there (what a vote would have faced).

The points are the file's sweep points and scenarios, read through
havens_analysis (a sweep's /sweeps/NAME group, or the /scenarios/NAME_pNNNN
groups of files before schema 4), each known by its two thresholds.

The vote's chance needs the speech reservations file named in the result
(world.speech_reservations, a path relative to the repository root); the
script looks for it from the current folder, then from the repository that
holds the script.

Months are months of the run (month 0 is October 2025); a replicate in which
something never happens is left out of that month's mean and difference (the
count of replicates used is printed when it is not all of them). "States
Parties" are the states for which the convention is in force
(states/treaty_in_force_month), as in the vote's rule.

Usage (the sweep of scenarios/thresholds.toml, then this script on its file):
    build/release/sim/havens run scenarios/thresholds.toml --replicates 16 -o thresholds16.h5
    /usr/bin/python3 scripts/threshold_effects.py thresholds16.h5 [--reference 40 60]
"""
import argparse
import csv
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "analysis"))
from havens_analysis import HavensResultError, open_results  # noqa: E402
from havens_analysis.paired import paired_difference  # noqa: E402

# "never" in the month arrays of files older than the package's NaN for it
NEVER = -1


# --- reading ---------------------------------------------------------------

def points(res):
    """{(threshold, protocol_threshold): name} of the file's scenarios and
    sweep points (a point by its name, NAME_pNNNN)."""
    names = list(res.scenario_names) + list(res.point_labels)
    options = res.options(names)
    out = {}
    for name in names:
        row = options.loc[name]
        key = (int(row["treaty.threshold"]), int(row["treaty.protocol_threshold"]))
        if key in out:
            sys.exit(f"{out[key]} and {name} both have threshold {key[0]}, "
                     f"protocol_threshold {key[1]}")
        out[key] = name
    return out


def month_or_nan(values):
    """Months as floats, "never" as NaN (the package reads it so; older files
    may still hold -1)."""
    v = np.asarray(values, dtype=float)
    v[v == NEVER] = np.nan
    return v


def parties_in_force_reached(in_force_month, count, months):
    """Per replicate, the first month with at least `count` States Parties
    (NaN if never within the run)."""
    out = np.full(in_force_month.shape[0], np.nan)
    for r, row in enumerate(in_force_month):
        dated = np.sort(row[~np.isnan(row)])
        if len(dated) >= count and dated[count - 1] < months:
            out[r] = dated[count - 1]
    return out


def months_of(ds, name):
    return month_or_nan(ds[name].transpose("replicate", ...).values)


def last_month(ds, name):
    return ds[name].isel(month=-1).transpose("replicate").values.astype(float)


def outcomes(ds):
    """Per-replicate values, by replicate label, of every outcome of a point
    (its scenario-like Dataset, res.scenario)."""
    months = ds.sizes["month"]
    adopted = months_of(ds, "protocol_adopted_month")
    first_session = months_of(ds, "cosp_first_month")
    draft = months_of(ds, "protocol_draft_month")
    first_vote = months_of(ds, "protocol_first_vote_month")
    reached = parties_in_force_reached(months_of(ds, "treaty_in_force_month"),
                                       int(ds.attrs["treaty.protocol_threshold"]), months)
    return {
        "replicate": ds["replicate"].values,
        "entry into force, month": months_of(ds, "entry_into_force_month"),
        "first Conference session, month": first_session,
        "protocol adopted, share of replicates": (~np.isnan(adopted)).astype(float),
        "protocol adopted, month": adopted,
        "protocol parties at the horizon": last_month(ds, "protocol_parties"),
        "parties at the horizon": last_month(ds, "parties"),
        "exile risk, last month": last_month(ds, "exile_risk"),
        "share of exiles in a safe haven, last month": last_month(ds, "share_exiles_in_safe_haven"),
        "pretextual granted, run total":
            ds["granted_pretextual"].sum("month").transpose("replicate").values.astype(float),
        # for the binding-condition table
        "_draft": draft,
        "_reached": reached,
        "_first_vote": first_vote,
        "_votes": ds["protocol_votes"].transpose("replicate").values.astype(float),
    }


OUTCOMES = ["entry into force, month", "first Conference session, month",
            "protocol adopted, share of replicates", "protocol adopted, month",
            "protocol parties at the horizon", "parties at the horizon",
            "exile risk, last month", "share of exiles in a safe haven, last month",
            "pretextual granted, run total"]


def aligned(values, reference):
    """The two outcome dicts restricted to the replicates both hold, in the same order."""
    shared = np.intersect1d(values["replicate"], reference["replicate"])
    pick = lambda o: [list(o["replicate"]).index(r) for r in shared]
    a, b = pick(values), pick(reference)
    return ({k: np.asarray(v)[a] for k, v in values.items()},
            {k: np.asarray(v)[b] for k, v in reference.items()})


# --- the protocol vote ---------------------------------------------------

def speech_reserved(ds, world):
    """e_i of the vote rule: 1 for a state with an ICERD Art. 4 or ICCPR Art. 20
    reservation in the file the run read."""
    path = ds.attrs["world.speech_reservations"]
    path = path.decode() if isinstance(path, bytes) else str(path)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = next((p for p in (path, os.path.join(here, path)) if os.path.exists(p)), None)
    if found is None:
        sys.exit(f"speech reservations file {path} not found")
    iso3 = [v.decode() if isinstance(v, bytes) else str(v) for v in world["iso3"].values]
    e = np.zeros(len(iso3))
    with open(found, newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            if row["iso3"] in iso3 and "1" in (row["icerd_art4"].strip(), row["iccpr_art20"].strip()):
                e[iso3.index(row["iso3"])] = 1.0
    return e


def yes_probabilities(ds, world):
    """Each state's chance of a yes, given that it votes, and the abstention
    chance, in the order of the world's states (res.world)."""
    a = ds.attrs
    stance = {"yes": 1.0, "no": -1.0}
    s = np.array([stance.get(v.decode() if isinstance(v, bytes) else str(v), 0.0)
                  for v in world["stance"].values])
    r = world["repression"].values.astype(float)
    linear = (a["ratification.vote_intercept"] + a["ratification.vote_repression"] * r
              + a["ratification.vote_stance"] * s - a["ratification.vote_speech"] * speech_reserved(ds, world))
    return 1.0 / (1.0 + np.exp(-linear)), float(a["ratification.vote_abstain"])


def pass_chance(p_yes, abstain):
    """Exact chance that 3Y >= 2(Y + N) with Y + N > 0, each voter independent."""
    n = len(p_yes)
    dp = np.zeros((n + 1, n + 1))  # dp[Y, N]
    dp[0, 0] = 1.0
    for p in p_yes:
        new = abstain * dp
        new[1:, :] += (1 - abstain) * p * dp[:-1, :]
        new[:, 1:] += (1 - abstain) * (1 - p) * dp[:, :-1]
        dp = new
    y, no = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    return dp[(y + no > 0) & (3 * y >= 2 * (y + no))].sum()


def sitting(in_force_month, r, t):
    row = in_force_month[r]
    return ~np.isnan(row) & (row <= t)


def first_vote(ds, world):
    """A point's first protocol vote: the States Parties sitting in it and its
    chance of passing (means over the replicates with a vote), the share of
    first votes that passed, and the number of replicates with a vote."""
    p_yes, abstain = yes_probabilities(ds, world)
    inf = months_of(ds, "treaty_in_force_month")
    vote, adopted = months_of(ds, "protocol_first_vote_month"), months_of(ds, "protocol_adopted_month")
    seats, chance, passed = [], [], []
    for r in range(len(vote)):
        if np.isnan(vote[r]):
            continue
        members = sitting(inf, r, vote[r])
        seats.append(members.sum())
        chance.append(pass_chance(p_yes[members], abstain))
        passed.append(adopted[r] == vote[r])
    return (np.mean(seats) if seats else np.nan, np.mean(chance) if chance else np.nan,
            np.mean(passed) if passed else np.nan, len(seats))


def votes_at_sessions(ds, world, sessions=6):
    """The same at each of a point's first sessions, whether or not a vote was
    held there: (session, month (mean), States Parties, chance, replicates)."""
    p_yes, abstain = yes_probabilities(ds, world)
    inf = months_of(ds, "treaty_in_force_month")
    first = months_of(ds, "cosp_first_month")
    months = ds.sizes["month"]
    interval = int(ds.attrs["treaty.cosp_interval_months"])
    out = []
    for k in range(sessions):
        seats_k, chance_k = [], []
        for r in range(len(first)):
            t = first[r] + k * interval
            if np.isnan(first[r]) or t >= months:
                continue
            members = sitting(inf, r, t)
            seats_k.append(members.sum())
            chance_k.append(pass_chance(p_yes[members], abstain))
        out.append((k + 1, np.mean(first[~np.isnan(first)]) + k * interval, np.mean(seats_k),
                    np.mean(chance_k), len(seats_k)))
    return out


# --- printing --------------------------------------------------------------

def fmt(x, outcome):
    if np.isnan(x):
        return "n/a"
    if outcome == "protocol adopted, share of replicates":
        return f"{x:+.2f}"
    if "risk" in outcome or "share" in outcome:
        return f"{x:+.5f}"
    if "month" in outcome:
        return f"{x:+.1f}"
    return f"{x:+,.1f}"


def level(x, outcome):
    if np.isnan(x):
        return "n/a"
    if "risk" in outcome or "share of exiles" in outcome:
        return f"{x:.4f}"
    if "share of replicates" in outcome:
        return f"{x:.2f}"
    return f"{x:,.1f}"


def markdown(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def count_note(n, total):
    return "" if n == total else f" (n={n})"


def nanmean(v):
    v = np.asarray(v, dtype=float)
    return np.nan if np.isnan(v).all() else np.nanmean(v)


def print_levels(table, keys):
    rows = []
    for key in keys:
        o = table[key]
        n = len(o["replicate"])
        cells = []
        for outcome in OUTCOMES:
            v = o[outcome]
            valid = (~np.isnan(v)).sum()
            cells.append(level(nanmean(v), outcome) + count_note(valid, n))
        rows.append((key[0], key[1], *cells))
    print("### Levels (mean over replicates)\n")
    print(markdown(["threshold", "protocol_threshold", *OUTCOMES], rows))
    print()


TREATY_PATH = OUTCOMES[:6]
EXILES = OUTCOMES[6:]


def print_differences(table, keys, reference):
    ref = table[reference]
    for title, columns in (("the treaty's path", TREATY_PATH), ("the exiles", EXILES)):
        rows = []
        for key in keys:
            if key == reference:
                continue
            arm, base = aligned(table[key], ref)
            total = len(arm["replicate"])
            cells = []
            for outcome in columns:
                # a replicate where either point's value is NaN (the event never
                # happened) is dropped: the package's rule (havens_analysis.paired)
                r = paired_difference(base[outcome], arm[outcome], confidence=0.95)
                mean, low, high, n = r["mean"], r["low"], r["high"], r["n"]
                if n >= 2 and not np.isnan(low):
                    cells.append(f"{fmt(mean, outcome)} [{fmt(low, outcome)}, {fmt(high, outcome)}]"
                                 + count_note(n, total))
                else:
                    cells.append(fmt(mean, outcome) + count_note(n, total))
            rows.append((key[0], key[1], *cells))
        print(f"### Paired differences from threshold {reference[0]}, protocol_threshold "
              f"{reference[1]}: {title} (mean [95% Student t interval]; "
              f"{len(ref['replicate'])} replicates)\n")
        print(markdown(["threshold", "protocol_threshold", *columns], rows))
        print()


def print_binding(table, keys, per_point):
    """What was missing at the first session, and the first vote (per_point from
    first_vote: States Parties sitting, chance of passing, share passed)."""
    rows = []
    for key in keys:
        o = table[key]
        first, draft, reached = (o["first Conference session, month"], o["_draft"],
                                 o["_reached"])
        vote = o["_first_vote"]
        held = ~np.isnan(first)
        draft_missing = held & (draft > first)
        parties_missing = held & (np.isnan(reached) | (reached > first))
        counts = {
            "neither": (held & ~draft_missing & ~parties_missing).sum(),
            "draft": (draft_missing & ~parties_missing).sum(),
            "parties": (parties_missing & ~draft_missing).sum(),
            "both": (draft_missing & parties_missing).sum(),
        }
        voted = ~np.isnan(vote)
        wait = vote[voted] - first[voted]
        seats, chance, passed, _ = per_point[key]
        rows.append((key[0], key[1], *(counts[k] for k in ("neither", "draft", "parties", "both")),
                     f"{np.nanmedian(reached):.0f}" if (~np.isnan(reached)).any() else "never",
                     f"{np.median(wait):.0f}" if voted.any() else "n/a",
                     f"{seats:.1f}", f"{chance:.2f}", f"{passed:.2f}"))
    print("### What holds the first protocol vote back (replicates, by what was missing "
          "at the Conference's first session), and the first vote\n")
    print(markdown(["threshold", "protocol_threshold", "nothing missing", "draft missing",
                    "States Parties missing", "both missing",
                    "month with protocol_threshold States Parties (median)",
                    "first session to first vote, months (median)",
                    "States Parties at the first vote", "its chance of passing",
                    "first votes passed"], rows))
    print()


def print_votes(table, keys, at_sessions, reference):
    rows = []
    for key in keys:
        o = table[key]
        vote, adopted = o["_first_vote"], o["protocol adopted, month"]
        voted = ~np.isnan(vote)
        first_failed = voted & (np.isnan(adopted) | (adopted > vote))
        rows.append((key[0], key[1], f"{voted.sum()}/{len(vote)}",
                     f"{first_failed.sum()}/{voted.sum()}", f"{o['_votes'].mean():.2f}"))
    print("### Protocol votes (replicates with a vote, first votes that failed, votes held)\n")
    print(markdown(["threshold", "protocol_threshold", "replicates with a vote",
                    "first votes that failed", "votes held (mean)"], rows))
    print()
    print(f"### A vote at each session, threshold {reference[0]}, protocol_threshold {reference[1]} "
          "(what a vote would face there, mean over replicates)\n")
    rows = [(k, f"{m:.1f}", f"{seats:.1f}", f"{chance:.2f}", n) for k, m, seats, chance, n in at_sessions]
    lines = ["| session | month (mean) | States Parties sitting | chance a vote passes | replicates |",
             "|---:|---:|---:|---:|---:|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    print("\n".join(lines))
    print()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("result", help="the HDF5 file of a thresholds sweep (havens run)")
    parser.add_argument("--reference", nargs=2, type=int, default=[40, 60],
                        metavar=("THRESHOLD", "PROTOCOL_THRESHOLD"),
                        help="the point the others are compared with (default: 40 60)")
    args = parser.parse_args(argv)
    reference = tuple(args.reference)
    try:
        res = open_results(args.result)
        names = points(res)
        if reference not in names:
            sys.exit(f"{args.result}: no point with threshold {reference[0]} and "
                     f"protocol_threshold {reference[1]}")
        table, per_point = {}, {}
        for key, name in names.items():
            ds = res.scenario(name)  # each point read once: all its arrays
            table[key] = outcomes(ds)
            per_point[key] = first_vote(ds, res.world)
            if key == reference:
                at_sessions = votes_at_sessions(ds, res.world)
    except HavensResultError as err:
        sys.exit(str(err))
    keys = sorted(table)
    print_levels(table, keys)
    print_differences(table, keys, reference)
    print_binding(table, keys, per_point)
    print_votes(table, keys, at_sessions, reference)


if __name__ == "__main__":
    main()
