"""The sentences under each figure of the report: short, plain, with the
numbers a policy reader looks for. Each function takes the tables the
figures were drawn from, so text and figure cannot disagree."""
import numpy as np
import pandas as pd

from . import schema as s
from .outcomes import EXILE_RISK_PARTS, label
from .quantiles import median_interval, quantile


def month_label(month):
    """Month index -> "June 2028"."""
    if month is None or (isinstance(month, float) and np.isnan(month)):
        return "never"
    period = pd.Period(s.CALENDAR_START, freq="M") + int(round(month))
    return period.strftime("%B %Y")


def pct(x):
    return "n/a" if x is None or np.isnan(x) else f"{x:.0%}"


def pct1(x):
    """A share with one decimal: exile risks and channel shares differ by less
    than a percentage point between scenarios."""
    return "n/a" if x is None or np.isnan(x) else f"{x:.1%}"


def pct_small(x):
    """A share that may be well under 1% (exiles extradited): two significant
    digits there, one decimal above."""
    if x is None or np.isnan(x):
        return "n/a"
    return f"{x:.1%}" if x == 0 or abs(x) >= 0.01 else f"{100 * x:.2g}%"


def percent_table(frame, corner=None):
    """A table of shares written as percentages, for the page (the CSV keeps
    the numbers); `corner` names the row labels (the table's top-left cell)."""
    return frame.apply(lambda column: column.map(pct1)).rename_axis(index=None,
                                                                    columns=corner)


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


def _median_range(values):
    """"25.6% (25.1% to 26.0%)": the median and the 90% range across replicates."""
    median, low, high = median_interval(values, skipna=True)
    return f"{pct1(median)} ({pct1(low)} to {pct1(high)})"


def exile_risk_text(summary, horizon):
    """The headline; with the columns exile_risk_data and exile_risk_bodily
    (files that record them) each scenario's risk is given with its parts."""
    split = all(c in summary for c in EXILE_RISK_PARTS)
    sentences = []
    for name, g in summary.groupby("scenario", sort=False):
        sentence = _median_range(g["exile_risk"])
        if split:
            sentence += (f", of which data {_median_range(g['exile_risk_data'])} and bodily "
                         f"{_median_range(g['exile_risk_bodily'])}")
        sentences.append((name, sentence))
    parts = [f"{names_list(names)} {sentence}" for names, sentence in grouped(sentences)]
    how = ("It is the sum of two parts: the data part, evidence requests granted (an "
           "interception by the host, a demand for the exile's data where a provider holds "
           "it), and the bodily part, an extradition that ends in surrender or in a removal "
           "outside the law. Each part's median is taken on its own, so the two medians need "
           "not add up to the whole's. " if split else "")
    return ("The headline. Exile risk is the chance that a typical pretextual request against "
            "an exile (an extradition, an interception or a demand for their data, mixed as "
            "the model issues them) would be granted, averaged over the exiles not in custody. "
            "It needs no threshold: unlike the share of exiles in a safe haven below, it does "
            "not depend on what one chooses to call a haven. " + how + "The line is the "
            "median over replicates, the band the 90% range across replicates; the time axis "
            "stops a year after the last change of any curve (or at the horizon). Exile risk "
            f"in {month_label(horizon - 1)}, the median with the 90% range across replicates "
            "in brackets: " + ("; " if split else ", ").join(parts) + ".")


def ratification_text(summary, horizon):
    sentences = []
    for name, g in summary.groupby("scenario", sort=False):
        n, k = len(g), int(g["in_force"].sum())
        p = g["parties"]
        # The median counts "never" as later than every month (quantiles.py).
        median = quantile(g["entry_into_force_month"], 0.5)
        if k and not np.isnan(median):
            when = (f"enters into force in {k} of {n} replicates, typically (median) in "
                    f"{month_label(median)}")
        elif k:
            when = f"enters into force in only {k} of {n} replicates"
        else:
            when = f"never enters into force within the horizon ({n} replicates)"
        parties = quantile(p, 0.5)
        sentences.append((name, f"the convention {when}; by {month_label(horizon - 1)} "
                                f"{parties:.0f} states are party (range {p.min():.0f} to "
                                f"{p.max():.0f})."))
    parts = [f"In {names_list(names)} {sentence}" for names, sentence in grouped(sentences)]
    return ("The line is the median number of states party over the replicates, the band "
            "the 90% range across replicates; identical curves overlap. Dotted lines mark the "
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


def haven_share_text(summary, epsilons=(), epsilon_sweeps=()):
    """`epsilons`: the values of decision.safe_haven_epsilon the scenarios
    use; `epsilon_sweeps`: sweeps of the file that vary it."""
    parts = [f"<b>{name}</b> "
             f"{pct(quantile(g['share_exiles_in_safe_haven'], 0.5, skipna=True))}"
             for name, g in summary.groupby("scenario", sort=False)]
    if len(epsilons) == 1:
        threshold = f"at most {epsilons[0]:.3g} (decision.safe_haven_epsilon)"
    else:
        threshold = "at most a threshold, decision.safe_haven_epsilon"
    where = (f" The sweep {', '.join(epsilon_sweeps)} in this file shows how far it moves."
             if epsilon_sweeps else
             " Run scenarios/epsilon.toml to see how far it moves with the threshold.")
    return ("An exile is in a safe haven when the state they live in would grant their "
            "origin's typical pretextual extradition or interception request with a "
            f"probability of {threshold}. The line is the median over replicates, the band "
            "the 90% range across replicates. The share depends on that threshold, which is an "
            "assumption, so read it as a description, not a finding; the exile risk above "
            "needs none." + where + " Share of exiles in a safe haven at the horizon "
            "(median): " + ", ".join(parts) + ".")


def channels_text(table):
    sentences = []
    for name, row in table.iterrows():
        if row.notna().any():
            top = row.idxmax()
            sentences.append((name, f"most go through {top} ({pct(row[top])})"))
    parts = [f"in {names_list(names)} {sentence}" for names, sentence in grouped(sentences)]
    detail = "; ".join(parts)
    detail = detail[:1].upper() + detail[1:] + "." if detail else ""
    return ("The share of the requests sent over the whole run that travelled each channel "
            "(for an extradition: the legal basis it was sent under; an Interpol Red Notice "
            "has none), mean over replicates; each scenario's shares add up to 100%. Also in "
            "channels.csv. " + detail)


def epsilon_text(tables):
    """The safe-haven share and the exile risk against epsilon (summaries.epsilon_response)."""
    key = s.SAFE_HAVEN_EPSILON
    text = ("A host counts as a safe haven when it would grant a typical pretextual request "
            "with probability at most epsilon. Lines are medians, bands the 90% range across "
            "replicates. The same replicates rerun at each value show "
            "what that choice does: ")
    parts = []
    share = tables.get("share_exiles_in_safe_haven")
    if share is not None:
        lo, hi = share.loc[share[key].idxmin()], share.loc[share[key].idxmax()]
        pooled = " (pooled over the other swept keys)" if len(share) > share[key].nunique() \
            else ""
        parts.append(f"the share of exiles in a safe haven at the horizon goes from "
                     f"{pct(lo['median'])} at epsilon = {lo[key]:.3g} to {pct(hi['median'])} "
                     f"at {hi[key]:.3g} (medians{pooled})")
    risk = tables.get("exile_risk")
    if risk is not None:
        low, high = pct1(risk["median"].min()), pct1(risk["median"].max())
        parts.append("the exile risk, which uses no threshold, " +
                     (f"stays at {low}" if low == high else f"stays between {low} and {high}"))
    return (text + ", while ".join(parts) + ". A safe-haven share is only as meaningful as "
            "the threshold behind it; the exile risk is the number to quote.")


def requests_text(breakdown):
    sentences = []
    for name, g in breakdown.groupby("scenario", sort=False):
        granted = g[g["outcome"] == "granted"].sort_values("mean", ascending=False)
        refused = g[g["outcome"] == "refused"].sort_values("mean", ascending=False)
        if granted["mean"].sum() > 0 and refused["mean"].sum() > 0:
            sentences.append((name, f"most grants go through {granted.iloc[0]['category']} and "
                                    "the most common ground of refusal is "
                                    f"{refused.iloc[0]['category']}"))
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


def region_heatmap_text(kind, origins, leading, epsilon):
    """The caption of the safe-haven heatmap by host region."""
    rows = (f"the {origins} origins with the most recorded transnational-repression "
            "incidents" if leading else
            f"the {origins} origins with the highest exile risk at the horizon")
    if kind == "haven_share":
        what = ("the share of the region's states that are a safe haven for exiles from that "
                f"origin (over replicates). A safe haven is a threshold measure ({epsilon}, "
                "decision.safe_haven_epsilon): read it as a description, not a finding")
    else:
        what = ("the mean chance (median over replicates) that a typical pretextual data "
                "request from the origin is granted by the region's states; low is a haven")
    return (f"One panel per scenario, at the horizon. Rows are {rows}, by name; columns the "
            "five UN regional groups, because 193 host columns cannot be read: each cell is "
            f"{what}. The origin's own cell is left out. Every host, named, is in "
            "safe_havens.csv, for finding one country.")


def paired_text(reference, parts=False):
    """`parts`: the table has the exile risk's data and bodily parts."""
    split = (" The exile risk comes with its data and bodily parts, whose differences add up "
             "to the difference of the whole." if parts else "")
    return (f"Differences from <b>{reference}</b>, replicate by replicate: every scenario in "
            "the file reuses the same random numbers, so the difference is due to the options "
            "alone. The interval is 90% (Student's t over replicates); the unpaired interval "
            "shows how much wider it would be without common random numbers. Differences of "
            "shares (the exile risk, its parts, the safe-haven share) are in percentage "
            "points; counts are per replicate, each with its unit beside the outcome." + split)


def sobol_text(frame):
    if frame["ST"].isna().all():
        return ("The outcome does not vary across the sweep's points, so no input explains "
                "any of its variation.")
    top = frame["ST"].idxmax()
    what = label(frame.attrs["outcome"]) if "outcome" in frame.attrs else "the outcome"
    return (f"How much of the variation in {what} each input explains: first order "
            f"(the input alone) and total (with its interactions). {top} matters most "
            f"(total {frame.loc[top, 'ST']:.2f}). Bars are 90% bootstrap intervals (across "
            "resamples of the sweep's points, not replicates); with few "
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


def posterior_note(draws, source):
    """The sentence at the top of a report over a posterior."""
    return (f"Intervals include parameter uncertainty ({draws} posterior draws): each "
            f"replicate ran with one draw of the calibration's posterior ({source}).")


def _pp(x):
    """A difference of shares in percentage points, "-0.34"."""
    if x is None or np.isnan(x):
        return "n/a"
    value = 100 * x
    return "+0.00" if abs(value) < 0.005 else f"{value:+.2f}"


def posterior_text(tables, draws, source, shown=None):
    """Per arm, the share of posterior draws in which it is better than the
    baseline (posterior.posterior_contrasts' tables, one per outcome);
    `shown` maps scenario names to their human labels."""
    shown = shown or {}
    parts = []
    for table in tables:
        for arm, row in table.iterrows():
            if not row["paired"] or not row["draws"]:
                continue
            arm_label, base_label = shown.get(arm, arm), shown.get(row["baseline"],
                                                                   row["baseline"])
            parts.append(f"<b>{arm_label}</b> is better than <b>{base_label}</b> on "
                         f"{row['label']} ({row['better']} is better) in "
                         f"{pct(row['share_better'])} of draws (median difference "
                         f"{_pp(row['median'])} percentage points, 90% range across draws "
                         f"{_pp(row['low'])} to {_pp(row['high'])})")
    return (f"These runs are over the posterior of a calibration ({source}): intervals "
            f"include parameter uncertainty ({draws} posterior draws). Each replicate ran "
            "with one draw, the same draw and the same random numbers in every scenario, so "
            "each difference below is taken draw by draw; differences are in percentage "
            "points (the exile risk and the safe-haven share are shares). " + "; ".join(parts)
            + ". Ties count as not better.")
