"""Paired differences between arms that share random numbers.

Replicate r of every scenario in one file (same seed) and of every point of a
sweep draws the same random numbers, so the difference arm - reference within
replicate r removes most of the noise that two independent runs would carry.
The interval is Student's t on the per-replicate differences; the unpaired
(Welch) interval is given beside it so that the gain is visible.

Missing values, one rule for every paired difference in havens (the report,
the notebooks, scripts/scenario_differences.py and scripts/threshold_effects.py
all call `paired_difference`): a replicate in which either arm is NaN (the
outcome is undefined there: an event that never happened, no exile out of
custody) is dropped for that outcome, pair by pair, and every statistic is
over the pairs left, whose count is `n`. Nothing is imputed and no NaN
spreads into the mean. When whether a value exists depends on the arm (an
event that happens in one arm only), the difference is conditional on both
arms having one: read `n` beside it."""
import numpy as np
import pandas as pd
from scipy import stats

from . import schema as s
from .outcomes import outcome
from .summaries import INTERVAL


def paired_difference(reference, arm, confidence=INTERVAL):
    """Mean of arm - reference over the replicates (element i of each array is
    replicate i of that arm) with its Student t interval at `confidence`.

    A pair in which either value is NaN is dropped (the module's rule); `n`
    counts the pairs used. Returns a dict: mean, low, high (the t interval),
    sd (of the differences), n, share_positive (the share of pairs with
    arm > reference), reference_mean and arm_mean (each arm's mean over the
    same pairs: their difference is the mean, up to rounding), unpaired_low and
    unpaired_high (Welch's interval on the same pairs, as if unpaired).
    No pair: every value NaN and n = 0; one pair: the means, no interval."""
    a = np.asarray(reference, dtype=float)
    b = np.asarray(arm, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired arms need the same replicates, got {a.shape} and {b.shape}")
    keep = ~(np.isnan(a) | np.isnan(b))
    d = b[keep] - a[keep]
    n = d.size
    out = {"mean": np.nan, "low": np.nan, "high": np.nan, "sd": np.nan, "n": n,
           "share_positive": np.nan, "reference_mean": np.nan, "arm_mean": np.nan,
           "unpaired_low": np.nan, "unpaired_high": np.nan}
    if n == 0:
        return out
    out["mean"] = d.mean()
    out["share_positive"] = float(np.mean(d > 0))
    out["reference_mean"], out["arm_mean"] = a[keep].mean(), b[keep].mean()
    if n < 2:
        return out
    out["sd"] = d.std(ddof=1)
    t = stats.t.ppf(0.5 + confidence / 2, n - 1)
    half = t * out["sd"] / np.sqrt(n)
    out["low"], out["high"] = out["mean"] - half, out["mean"] + half
    va, vb = a[keep].var(ddof=1) / n, b[keep].var(ddof=1) / n
    se = np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / (n - 1) + vb**2 / (n - 1)) if se > 0 else n - 1
    half_u = stats.t.ppf(0.5 + confidence / 2, dof) * se
    out["unpaired_low"], out["unpaired_high"] = out["mean"] - half_u, out["mean"] + half_u
    return out


def _arms(source):
    """{name: Dataset} of scenarios or sweep points (by their labels), and
    {other name: name} for the names an arm also answers to (a point's group)."""
    if hasattr(source, "dims") and s.POINT in source.dims:
        groups = [str(n) for n in source["scenario"].values]
        names = ([str(n) for n in source[s.POINT_LABEL].values] if s.POINT_LABEL in source.coords
                 else groups)
        return ({n: source.isel({s.POINT: i}) for i, n in enumerate(names)},
                {g: n for g, n in zip(groups, names) if g != n})
    datasets = dict(source)
    aliases = {}
    for name, ds in datasets.items():  # a point read as a scenario keeps its group
        group = ds.attrs.get("scenario") if hasattr(ds, "attrs") else None
        if isinstance(group, str) and group != name:
            aliases[group] = name
    return datasets, aliases


def paired_differences(source, which, reference, arms=None, confidence=INTERVAL):
    """For each arm, the paired difference arm - reference of an outcome
    (a name from OUTCOMES or a callable). `source` is a mapping of scenario
    name to Dataset, or a sweep Dataset (arms are then its points, named by
    their labels, NAME[threshold=20, ...]; a point's group name, NAME_p0000,
    names it too). Pairs are matched by replicate index; a replicate in which
    either arm's outcome is NaN is dropped (column n: pairs used)."""
    datasets, aliases = _arms(source)

    def arm_named(name):
        name = aliases.get(name, name) if isinstance(name, str) else name
        if name not in datasets:
            raise KeyError(f"no arm named {name!r}; arms: {', '.join(datasets)}")
        return name

    reference = arm_named(reference)
    names = ([n for n in datasets if n != reference] if arms is None
             else [arm_named(n) for n in arms])
    ref = outcome(datasets[reference], which)
    rows = []
    for name in names:
        arm = outcome(datasets[name], which)
        common = np.intersect1d(ref[s.REPLICATE].values, arm[s.REPLICATE].values)
        row = paired_difference(ref.sel({s.REPLICATE: common}).values,
                                arm.sel({s.REPLICATE: common}).values, confidence)
        rows.append({"arm": name, "reference": reference, "outcome": ref.name, **row})
    return pd.DataFrame(rows).set_index("arm")
