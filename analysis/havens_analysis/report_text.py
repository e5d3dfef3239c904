"""The sentences under each figure of the report: short, plain, with the
numbers a policy reader looks for. Each function takes the tables the
figures were drawn from, so text and figure cannot disagree."""
import numpy as np
import pandas as pd

from . import schema as s


def month_label(month):
    """Month index -> "June 2028"."""
    if month is None or (isinstance(month, float) and np.isnan(month)):
        return "never"
    period = pd.Period(s.CALENDAR_START, freq="M") + int(round(month))
    return period.strftime("%B %Y")


def pct(x):
    return "n/a" if x is None or np.isnan(x) else f"{x:.0%}"


def names_list(names):
    """["a", "b", "c"] -> "<b>a</b>, <b>b</b> and <b>c</b>"."""
    bold = [f"<b>{n}</b>" for n in names]
    return bold[0] if len(bold) == 1 else ", ".join(bold[:-1]) + " and " + bold[-1]


def grouped(sentences):
    """Scenarios whose sentence is the same are named together, once."""
    by_text = {}
    for name, sentence in sentences:
        by_text.setdefault(sentence, []).append(name)
    return [(names, sentence) for sentence, names in by_text.items()]


def ratification_text(summary, horizon):
    sentences = []
    for name, g in summary.groupby("scenario", sort=False):
        n, k = len(g), int(g["in_force"].sum())
        p = g["parties_at_horizon"]
        if k:
            when = (f"enters into force in {k} of {n} replicates, typically in "
                    f"{month_label(g['entry_into_force_month'].median())}")
        else:
            when = f"never enters into force within the horizon ({n} replicates)"
        sentences.append((name, f"the convention {when}; by {month_label(horizon - 1)} "
                                f"{p.median():.0f} states are party (range {p.min():.0f} to "
                                f"{p.max():.0f})."))
    parts = [f"In {names_list(names)} {sentence}" for names, sentence in grouped(sentences)]
    return ("The line is the median number of states party over the replicates, the band "
            "the central 90%; identical curves overlap. Dotted lines mark the "
            "entry-into-force threshold and the number of parties from which a protocol can "
            "be put to the vote. " + " ".join(parts))


def entry_text(frame):
    sentences = []
    for name, g in frame.groupby("scenario", sort=False):
        m = g["month"].dropna()
        if len(m):
            never = int(g["month"].isna().sum())
            sentences.append((name, f"between {month_label(m.min())} and {month_label(m.max())}"
                              + (f"; never in {never} of {len(g)} replicates" if never else "")))
        else:
            sentences.append((name, "never"))
    parts = [f"{names_list(names)}: {sentence}" for names, sentence in grouped(sentences)]
    return ("Each curve shows the share of replicates in which the convention is in force by "
            "a given date: a steep curve means a predictable date, a curve that stops below "
            "100% means it sometimes never takes effect. " + "; ".join(parts) + ".")


def haven_share_text(summary):
    parts = [f"<b>{name}</b> {pct(g['share_in_haven_at_horizon'].median())}"
             for name, g in summary.groupby("scenario", sort=False)]
    return ("An exile is in a safe haven when the state they live in would refuse their "
            "origin's pretextual extradition and interception requests. Share of exiles in a "
            "safe haven at the horizon (median): " + ", ".join(parts) + ".")


def requests_text(breakdown):
    sentences = []
    for name, g in breakdown.groupby("scenario", sort=False):
        granted = g[g["outcome"] == "granted"].sort_values("mean", ascending=False)
        refused = g[g["outcome"] == "refused"].sort_values("mean", ascending=False)
        if granted["mean"].sum() > 0 and refused["mean"].sum() > 0:
            sentences.append((name, f"most grants go through {granted.iloc[0]['category']} and "
                                    "the most common ground of refusal is "
                                    f"{refused.iloc[0]['category'].replace('_', ' ')}"))
    parts = [f"in {names_list(names)} {sentence}" for names, sentence in grouped(sentences)]
    detail = "; ".join(parts)
    detail = detail[:1].upper() + detail[1:] + "." if detail else ""
    return ("Requests completed over the whole run, averaged over replicates: on the left "
            "those granted, by the channel they travelled; on the right those refused, by "
            "the ground of refusal. " + detail)


def tradeoff_text(summary):
    best = summary[~summary["dominated"]].index.tolist()
    worse = summary[summary["dominated"]].index.tolist()
    text = ("A safeguard helps exiles if it lowers the share of pretextual (persecutory) "
            "requests granted; it costs legitimate cooperation if it raises the share of "
            "legitimate requests refused. Lower and further left is better on both. ")
    if worse:
        text += (f"{', '.join(worse)} {'is' if len(worse) == 1 else 'are'} worse on both counts "
                 f"than another option; the others ({', '.join(best)}) trade one for the other.")
    else:
        text += "No option is better than another on both counts: each trades one for the other."
    return text


def heatmap_text(kind, leading_count):
    what = ("the share of replicates in which the host is a safe haven for the origin"
            if kind == "haven_share" else
            "the chance (median over replicates) that a typical pretextual request for an "
            "exile's data from the origin is granted by the host at the horizon; green cells "
            "are hosts that would likely refuse: havens")
    rows = (f"the {leading_count} origins with the most recorded transnational-repression "
            "incidents" if leading_count else "every origin")
    return (f"One panel per scenario. Rows are {rows}, columns every host, both ordered by UN "
            f"regional group. Colour: {what}.")


def paired_text(reference):
    return (f"Differences from <b>{reference}</b>, replicate by replicate: every scenario in "
            "the file reuses the same random numbers, so the difference is due to the options "
            "alone. The interval is 90% (Student's t over replicates); the unpaired interval "
            "shows how much wider it would be without common random numbers.")


def sobol_text(frame):
    top = frame["ST"].idxmax()
    return (f"How much of the variation in the outcome each input explains: first order "
            f"(the input alone) and total (with its interactions). {top} matters most "
            f"(total {frame.loc[top, 'ST']:.2f}). Bars are 90% bootstrap intervals; with few "
            "base samples they are wide.")


def prim_text(box, outcome_label, threshold, n_points, asked=None):
    limits = "; ".join(f"{k} between {v[0]:.3g} and {v[1]:.3g}" if isinstance(v, tuple)
                       else f"{k} in {', '.join(map(str, sorted(v)))}"
                       for k, v in box.limits.items()) or "no restriction"
    why = ""
    if asked is not None and asked != threshold:
        why = (f" (no contrast at {asked:.3g}: every point is on the same side, so the "
               "threshold is the top quarter of the points)")
    return (f"Where is the {outcome_label} above {threshold:.3g}{why}? Over {n_points} sweep "
            f"points, PRIM proposes: {limits}. The box holds {box.mass:.0%} of the points, "
            f"{box.density:.0%} of them are cases of interest, and it covers "
            f"{box.coverage:.0%} of all such cases.")
