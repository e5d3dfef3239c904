"""The report's key findings, written first on the page: each arm against the
reference arm in percentage points with its interval (and, over a
posterior, the share of draws in which it is better), then a sentence for
each pattern in the numbers that a reader would find odd, written only when
the numbers show it. Every sentence is made from tables the report already
has (paired differences, medians, channel shares, bands), never from the
names of the scenarios."""
import numpy as np

from . import schema as s
from .quantiles import quantile
from .summaries import band

# Outcomes that are shares or probabilities: their differences are given in
# percentage points. Counts are given as counts, with their unit.
SHARE_OUTCOMES = ("exile_risk", "exile_risk_data", "exile_risk_bodily",
                  "share_exiles_in_safe_haven")
COUNT_UNITS = {"granted_pretextual": "requests per replicate",
               "refused_legitimate": "requests per replicate",
               "parties": "states"}
# A step of a band or median from one month to the next that is worth a word
# (in percentage points): smaller ones cannot be seen at report size.
STEP_PP = 0.25
# A channel's share of the requests sent must move by this much (percentage
# points) to be named as one that carries more.
CHANNEL_SHIFT_PP = 0.5


def pct1(x):
    return "n/a" if x is None or np.isnan(x) else f"{x:.1%}"


def pp_number(x, sign=True):
    """A difference of shares as a number of percentage points: "-0.43"."""
    if x is None or np.isnan(x):
        return "–"
    value = 100 * x
    if abs(value) < 0.005:
        value = 0.0  # no "-0.00"
    return f"{value:+.2f}" if sign else f"{value:.2f}"


def count_number(x, sign=False):
    """A count as people read one: "2,330", "14.5", never "2.33e+03"."""
    if x is None or np.isnan(x):
        return "–"
    digits = 0 if abs(x) >= 100 or float(x).is_integer() else 1
    text = f"{x:+,.{digits}f}" if sign else f"{x:,.{digits}f}"
    return "0" if text in ("+0", "-0", "-0.0", "+0.0") else text


def difference_cell(which, x):
    """A paired difference of `which` as the page shows it."""
    return pp_number(x) if which in SHARE_OUTCOMES else count_number(x, sign=True)


def unit_of(which):
    return "percentage points" if which in SHARE_OUTCOMES else COUNT_UNITS.get(which, "")


def _interval_words(low, high):
    if np.isnan(low) or np.isnan(high):
        return "no interval: too few replicates"
    words = f"90% interval {pp_number(low)} to {pp_number(high)}"
    return words + (", which includes no difference" if low <= 0 <= high else "")


def arm_sentence(arm, reference, row, medians, share_better=None, draws=None):
    """One arm against the reference on the exile risk: `row` holds the paired
    difference (mean, low, high, n: paired.paired_differences), `medians`
    (arm, reference) the medians over replicates, `share_better` the share of
    posterior draws in which the arm's risk is lower (None: not over a
    posterior)."""
    mean = row["mean"]
    size = pp_number(abs(mean), sign=False)
    if np.isnan(mean):
        way = "cannot be compared with"
        text = f"<b>{arm}</b>: the exile risk {way} <b>{reference}</b>'s (no replicate pairs)"
    else:
        way = "no different from" if size == "0.00" else (
            "lower than" if mean < 0 else "higher than")
        amount = "" if size == "0.00" else f"{size} percentage points "
        text = (f"<b>{arm}</b>: the exile risk is {amount}{way} under <b>{reference}</b> "
                f"({pct1(medians[0])} against {pct1(medians[1])}, medians; mean paired "
                f"difference {pp_number(mean)} percentage points, "
                f"{_interval_words(row['low'], row['high'])})")
    if share_better is not None and draws:
        text += f"; lower in {share_better:.0%} of the {draws} posterior draws"
        if share_better < 0.5:
            text += " (as high or higher in the others)"
    return text + "."


def unpaired_sentence(arm, reference, medians):
    return (f"<b>{arm}</b>: the exile risk is {pct1(medians[0])} against {pct1(medians[1])} "
            f"under <b>{reference}</b> (medians; the scenarios do not share random numbers, "
            "so no paired difference is given).")


def lead_sentence(reference, values, month):
    """The reference arm's exile risk, the number every other is read against."""
    median, low, high = quantile(values, [0.5, 0.05, 0.95], skipna=True)
    return (f"Exile risk in {month} (the chance that a typical pretextual request against "
            f"an exile is granted): {pct1(median)} under <b>{reference}</b>, the reference "
            f"arm (median; 90% range across replicates {pct1(low)} to {pct1(high)}). Each "
            "other scenario against it, replicate by replicate:")


# --- patterns a reader would find odd ----------------------------------------

def grant_share_paradox(arm, reference, rates, risks, decided, channels, shown):
    """A sentence when `arm` grants a larger share of the pretextual requests
    it decides than `reference` yet has a lower exile risk (or a smaller share
    and a higher risk); else None. `rates`, `risks`: medians per scenario of
    the pretextual grant share and the exile risk; `decided`: pretextual
    requests decided (granted + refused) per replicate, mean; `channels`: the
    share of requests sent through each channel (scenario x channel label)."""
    rate_a, rate_r, risk_a, risk_r = rates[arm], rates[reference], risks[arm], risks[reference]
    if any(np.isnan(v) for v in (rate_a, rate_r, risk_a, risk_r)):
        return None
    more_share = pct1(rate_a) != pct1(rate_r) and rate_a > rate_r
    less_share = pct1(rate_a) != pct1(rate_r) and rate_a < rate_r
    lower_risk = pct1(risk_a) != pct1(risk_r) and risk_a < risk_r
    higher_risk = pct1(risk_a) != pct1(risk_r) and risk_a > risk_r
    a, r = shown.get(arm, arm), shown.get(reference, reference)
    if more_share and lower_risk:
        text = (f"<b>{a}</b> grants a larger share of the pretextual requests it decides "
                f"({pct1(rate_a)} against {pct1(rate_r)} under <b>{r}</b>) yet its exile risk "
                f"is lower ({pct1(risk_a)} against {pct1(risk_r)}). The two count different "
                "things: the share is over the requests origins sent and hosts decided, the "
                "exile risk is the chance, for every exile where they live, that a typical "
                "request would be granted.")
        why = []
        if decided[arm] < 0.99 * decided[reference]:
            why.append(f"it decides fewer pretextual requests ({count_number(decided[arm])} a "
                       f"replicate against {count_number(decided[reference])})")
        shift = (channels.loc[arm] - channels.loc[reference]).dropna()
        up = shift[shift * 100 >= CHANNEL_SHIFT_PP].sort_values(ascending=False)
        if len(up):
            named = ", ".join(f"{c} ({pct1(channels.loc[arm, c])} of requests sent against "
                              f"{pct1(channels.loc[reference, c])})" for c in up.index[:3])
            why.append(f"more of what it sends travels {named}")
        mechanism = ("channels that only the hosts already bound to the origin by a treaty, "
                     "by reciprocity or by their own law answer: requests reach fewer hosts, "
                     "the hosts they reach grant a larger share of them, and exiles living "
                     "elsewhere are safer, so the typical exile's risk falls")
        if why:
            text += " " + "; ".join(why).capitalize() + ": " + mechanism + "."
        else:
            text += " Requests are granted through other channels by fewer, safer hosts: " \
                    + mechanism.split(": ", 1)[1] + "."
        return text
    if less_share and higher_risk:
        return (f"<b>{a}</b> grants a smaller share of the pretextual requests it decides "
                f"({pct1(rate_a)} against {pct1(rate_r)} under <b>{r}</b>) yet its exile risk "
                f"is higher ({pct1(risk_a)} against {pct1(risk_r)}): the share is over the "
                "requests that were sent and decided, the risk over every exile where they "
                "live, so a channel that reaches more hosts can add risk while refusing more "
                "of what it carries.")
    return None


def haven_paradox(arm, reference, risk_row, haven_row, epsilon):
    """A sentence when the exile risk and the share of exiles in a safe haven
    point different ways for `arm` (paired differences), else None."""
    risk, haven = risk_row["mean"], haven_row["mean"]
    if np.isnan(risk) or np.isnan(haven) or pp_number(risk) in ("+0.00", "-0.00"):
        return None
    risk_better = risk < 0
    haven_better = pp_number(haven) != "+0.00" and haven > 0
    haven_worse = pp_number(haven) != "+0.00" and haven < 0
    if risk_better and not haven_worse and not haven_better:
        return (f"<b>{arm}</b> lowers the exile risk ({pp_number(risk)} percentage points "
                f"against <b>{reference}</b>) but does not raise the share of exiles in a "
                f"safe haven ({pp_number(haven)} percentage points): that share counts an "
                f"exile only where the host's chance of granting is at most {epsilon}, so a "
                "risk that falls in hosts above the threshold lowers the risk and leaves the "
                "share where it was.")
    if risk_better and haven_worse:
        return (f"<b>{arm}</b> lowers the exile risk ({pp_number(risk)} percentage points "
                f"against <b>{reference}</b>) yet the share of exiles in a safe haven falls "
                f"too ({pp_number(haven)} percentage points): the risk averages every host's "
                "chance of granting, the share only counts whether a host is at most "
                f"{epsilon}, so the chance can fall in hosts above the threshold (the risk "
                "falls) while a few hosts near it rise above it (the share falls).")
    if not risk_better and haven_better:
        return (f"<b>{arm}</b> raises the exile risk ({pp_number(risk)} percentage points "
                f"against <b>{reference}</b>) yet raises the share of exiles in a safe haven "
                f"({pp_number(haven)} percentage points): a host that crosses below the "
                f"threshold ({epsilon}) counts as a haven, while the risk rises elsewhere.")
    return None


CURVES = {"low": "on the band's lower edge, the 5th percentile",
          "median": "on the median line",
          "high": "on the band's upper edge, the 95th percentile"}
# At most this many steps are named per scenario, the largest.
MAX_STEPS = 3


def band_steps(datasets, variable, world=None, step_pp=STEP_PP):
    """Where a drawn curve (the median or an edge of the 90% band over
    replicates) of `variable` jumps by at least `step_pp` percentage points
    from one month to the next: per scenario its largest such step, as
    (scenario, curve, month, size, replicate, cause). `cause` is what happened
    in the replicate whose own curve stepped most in that month: the
    convention's entry into force, the protocol's adoption, or the states for
    which the convention took effect; None when no treaty event falls there."""
    names = ({str(k): str(v) for k, v in zip(world[s.STATE].values, world[s.NAME].values)}
             if world is not None and s.NAME in world else {})
    found = []
    for name, ds in datasets.items():
        if variable not in ds:
            continue
        b = band(ds[variable])
        by_month = {}
        for curve in ("low", "median", "high"):
            values = b[curve].values.astype(float)
            if values.size < 2:
                continue
            steps = np.diff(values)
            steps[~np.isfinite(steps)] = 0
            for month in np.flatnonzero(np.abs(steps) * 100 >= step_pp) + 1:
                size = float(steps[month - 1])
                if abs(size) > abs(by_month.get(month, (None, 0))[1]):
                    by_month[int(month)] = (curve, size)
        largest = sorted(by_month.items(), key=lambda item: -abs(item[1][1]))[:MAX_STEPS]
        series = ds[variable].transpose(s.REPLICATE, s.MONTH).values.astype(float)
        for month, (curve, size) in sorted(largest):
            own = np.abs(np.nan_to_num(series[:, month] - series[:, month - 1]))
            replicate = int(np.argmax(own))
            found.append((name, curve, month, size, replicate,
                          _cause(ds, replicate, month, names)))
    return found


def _cause(ds, replicate, month, names):
    def at(variable):
        if variable not in ds:
            return False
        value = ds[variable].isel({s.REPLICATE: replicate}).values
        return np.isfinite(value) and int(value) == month
    if at("entry_into_force_month"):
        return "the convention enters into force"
    if at("protocol_adopted_month"):
        return "the content-offence protocol is adopted"
    if "treaty_in_force_month" in ds:
        months = ds["treaty_in_force_month"].isel({s.REPLICATE: replicate}).values
        states = [str(x) for x in ds[s.STATE].values[np.isfinite(months) & (months == month)]]
        if states:
            shown = [names.get(x, x) for x in states]
            listed = (", ".join(shown[:3]) + f" and {len(shown) - 3} more" if len(shown) > 3
                      else ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1
                      else shown[0])
            return (f"the convention takes effect for {listed}, which opens its channel "
                    "between "
                    + ("that state" if len(shown) == 1 else "those states")
                    + " and every other party")
    return None


def step_sentences(steps, what, shown, month_label, replicates, posterior=False):
    """Sentences for band_steps' findings, scenarios with the same step named
    together; `posterior`: each replicate ran with its own posterior draw."""
    by = {}
    for name, curve, month, size, replicate, cause in steps:
        key = (curve, month, replicate, cause, size > 0)
        by.setdefault(key, []).append(name)
    out = []
    for (curve, month, replicate, cause, up), group in by.items():
        listed = " and ".join(f"<b>{shown.get(n, n)}</b>" for n in group)
        sizes = [size for n, c, m, size, r, _ in steps if n in group and m == month]
        amount = pp_number(max(sizes, key=abs), sign=False).lstrip("-")
        general = (f" With {replicates} replicates the median and each edge of the band "
                   "follow one or two replicates' curves, so one replicate's step moves them."
                   if not out else "")
        text = (f"The {what} of {listed} steps {'up' if up else 'down'} by about {amount} "
                f"percentage points in {month_label(month)} ({CURVES[curve]}).{general} "
                f"In replicate {replicate + 1}"
                + (" (one draw of the posterior)" if posterior else ""))
        text += (f" {cause} that month." if cause else
                 " no treaty event falls in that month; its curve moves as its exiles are "
                 "arrested, released or move.")
        out.append(text)
    return out
