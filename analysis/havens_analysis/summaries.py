"""The numbers behind the standard figures, as tidy pandas tables, so that a
figure and the table a reader may want to export are computed once. Every
function takes a mapping of scenario name to Dataset (Results.scenarios, or a
dict of a few) unless it says otherwise."""
import numpy as np
import pandas as pd
import xarray as xr

from . import schema as s
from .outcomes import DEFAULT_OUTCOMES, EXILE_RISK_PARTS, available, outcome, outcome_frame
from .quantiles import INTERVAL_LEVEL, quantile, reduce
from .results import scenario_options

# The interval used throughout: the central 90% of replicates, by the one
# quantile rule (quantiles.py), as `havens info` and the file's summaries.
INTERVAL = INTERVAL_LEVEL


def band(da, dim=s.REPLICATE, interval=INTERVAL):
    """Median and the central `interval` of `da` over `dim` (NaN, the padding
    of a sweep point that ran fewer replicates, left out)."""
    tail = (1 - interval) / 2
    return xr.Dataset({"low": reduce(da, dim, tail, skipna=True),
                       "median": reduce(da, dim, 0.5, skipna=True),
                       "high": reduce(da, dim, 1 - tail, skipna=True)})


def timeseries_bands(datasets, variable="parties", interval=INTERVAL):
    """Per scenario and month: the median and the interval over replicates."""
    frames = []
    for name, ds in datasets.items():
        b = band(ds[variable], interval=interval).to_dataframe()[["low", "median", "high"]]
        b = b.reset_index()
        b.insert(0, "scenario", name)
        frames.append(b)
    return pd.concat(frames, ignore_index=True)


def entry_into_force(datasets):
    """Per scenario and replicate: the month of entry into force (NaN: never
    within the horizon) and the horizon itself."""
    frames = []
    for name, ds in datasets.items():
        month = outcome(ds, "entry_into_force_month").to_series()
        frames.append(pd.DataFrame({"scenario": name, "replicate": month.index,
                                    "month": month.values, "horizon": ds.sizes[s.MONTH]}))
    return pd.concat(frames, ignore_index=True)


def requests_breakdown(datasets, interval=INTERVAL):
    """Requests granted by channel and refused by reason over the whole run:
    per scenario and category, the mean per replicate and its interval."""
    tail = (1 - interval) / 2
    rows = []
    for name, ds in datasets.items():
        for outcome_name, var, dim in (("granted", "granted_by_channel", s.CHANNEL),
                                       ("refused", "refused_by_reason", s.REASON)):
            totals = ds[var].sum(s.MONTH)  # [replicate, category]
            for category in ds[dim].values:
                values = totals.sel({dim: category}).values.astype(float)
                rows.append({"scenario": name, "outcome": outcome_name, "category": category,
                             "mean": values.mean(), "low": quantile(values, tail),
                             "high": quantile(values, 1 - tail)})
    return pd.DataFrame(rows)


def channel_shares(datasets):
    """The share of the requests sent that travelled each channel, over the
    whole run: one row per scenario, one column per channel, the mean over
    replicates of each replicate's shares (a row sums to 1; NaN where a
    scenario sent nothing)."""
    rows = {}
    for name, ds in datasets.items():
        totals = ds["sent_by_channel"].sum(s.MONTH)  # [replicate, channel]
        sent = totals.sum(s.CHANNEL)
        shares = (totals / sent).where(sent > 0)
        rows[name] = shares.mean(s.REPLICATE).to_series() if bool((sent > 0).any()) else \
            pd.Series(np.nan, index=ds[s.CHANNEL].values)
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "scenario"
    table.columns.name = s.CHANNEL
    return table


def response_table(ds, which, key, by=None, interval=INTERVAL):
    """An outcome across a sweep against one swept key: one row per value of
    `key` (and of the keys in `by`; default: every other swept key), with the
    median and the central `interval` over the replicates of the points in
    that row (pooled when `by` leaves keys out) and how many values they are.
    Replicates where the outcome is NaN are left out, so that a row without
    any value is NaN rather than a warning."""
    from .outcomes import sweep_frame
    from .sweeps import swept_keys
    keys = swept_keys(ds)
    if key not in keys:
        raise KeyError(f"{key!r} is not a swept key (swept: {keys})")
    by = [k for k in keys if k != key] if by is None else list(by)
    frame = sweep_frame(ds, [which])
    column = frame.columns[-1]
    tail = (1 - interval) / 2
    rows = []
    names = by + [key]
    for values, group in frame.groupby(names if by else key, sort=True):
        values = values if by else (values,)
        v = group[column].dropna()
        rows.append({**dict(zip(names, values)), "median": quantile(v, 0.5),
                     "low": quantile(v, tail), "high": quantile(v, 1 - tail), "n": len(v)})
    out = pd.DataFrame(rows, columns=names + ["median", "low", "high", "n"])
    out.attrs["outcome"] = column
    return out


# The outcomes read against decision.safe_haven_epsilon, and the variable
# each needs: the haven share moves with the threshold, the exile risk
# (which has none) is drawn beside it for contrast.
EPSILON_OUTCOMES = {"share_exiles_in_safe_haven": "share_exiles_in_safe_haven",
                    "exile_risk": "exile_risk"}
# Beyond this many combinations of the other swept keys, they are pooled.
MAX_EPSILON_LINES = 6


def epsilon_response(ds, interval=INTERVAL, key=s.SAFE_HAVEN_EPSILON):
    """For a grid sweep over decision.safe_haven_epsilon: response_table of
    each of EPSILON_OUTCOMES against epsilon, keyed by outcome, with a line
    per combination of the other swept keys (pooled beyond MAX_EPSILON_LINES).
    Outcomes the file lacks, and rows without a value, are left out, so an
    empty result means there is nothing to draw."""
    from .sweeps import swept_keys
    others = [k for k in swept_keys(ds) if k != key]
    combos = len({tuple(row) for row in zip(*(ds[k].values for k in others))}) if others else 1
    by = others if combos <= MAX_EPSILON_LINES else []
    out = {}
    for which, variable in EPSILON_OUTCOMES.items():
        if variable not in ds:
            continue
        table = response_table(ds, which, key, by, interval)
        table = table[table["n"] > 0].reset_index(drop=True)
        if len(table):
            out[which] = table
    return out


SAFEGUARD_PREFIXES = ("safeguards.", "treaty.reservations", "treaty.enabled")


def safeguard_options(ds):
    """The options that define a safeguard arm (safeguards.*, reservations,
    whether the treaty exists)."""
    return {k: v for k, v in scenario_options(ds).items() if k.startswith(SAFEGUARD_PREFIXES)}


def tradeoff(datasets):
    """Per scenario and replicate: the share of pretextual requests granted
    (the harm) and of legitimate requests refused (the cost), with counts and
    the scenario's safeguard options."""
    frame = outcome_frame(datasets, ("pretextual_grant_rate", "legitimate_refusal_rate",
                                     "granted_pretextual", "refused_legitimate"))
    options = pd.DataFrame({n: safeguard_options(ds) for n, ds in datasets.items()}).T
    return frame.merge(options, left_on="scenario", right_index=True, how="left")


def tradeoff_summary(datasets, interval=INTERVAL):
    """The trade-off per scenario: medians and intervals of both rates, and
    whether another scenario is better on both (dominated)."""
    frame = tradeoff(datasets)
    tail = (1 - interval) / 2
    rows = []
    for name, group in frame.groupby("scenario", sort=False):
        row = {"scenario": name}
        for col in ("pretextual_grant_rate", "legitimate_refusal_rate"):
            row[col] = quantile(group[col], 0.5, skipna=True)
            row[col + "_low"] = quantile(group[col], tail, skipna=True)
            row[col + "_high"] = quantile(group[col], 1 - tail, skipna=True)
        rows.append(row)
    out = pd.DataFrame(rows).set_index("scenario")
    x, y = out["legitimate_refusal_rate"].values, out["pretextual_grant_rate"].values
    out["dominated"] = [bool(np.any((x <= x[i]) & (y <= y[i]) & ((x < x[i]) | (y < y[i]))))
                        for i in range(len(out))]
    return out


def region_order(world):
    """States ordered by UN regional group, then by name within a group."""
    table = pd.DataFrame({"region": world[s.REGION].values, "name": world[s.NAME].values},
                         index=world[s.STATE].values)
    return list(table.sort_values(["region", "name"]).index)


def safe_haven_matrix(ds, world, origins=None, hosts=None):
    """Origin x host at the horizon, states ordered by region. When the file
    holds flows/safe_haven (is host a haven for origin) the value is the share
    of replicates in which it is; otherwise it is the median chance that a
    typical pretextual data request from origin is granted by host
    (flows/grant_probability; by the one quantile rule, a replicate's value):
    low means a haven. The DataArray's `kind` attribute says which."""
    order = region_order(world)
    origins = [o for o in order if origins is None or o in set(origins)]
    hosts = [h for h in order if hosts is None or h in set(hosts)]
    if "safe_haven" in ds:
        matrix = ds["safe_haven"].astype(float).mean(s.REPLICATE)
        kind = "haven_share"
    else:
        matrix = reduce(ds["grant_probability"], s.REPLICATE, 0.5, skipna=True)
        kind = "grant_probability"
    matrix = matrix.sel({s.ORIGIN: origins, s.HOST: hosts})
    matrix.attrs["kind"] = kind
    return matrix


# The comparison table's names for the exile risk's parts.
RISK_PART_TITLES = {"exile_risk_data": "exile risk, data part",
                    "exile_risk_bodily": "exile risk, bodily part"}


def comparison_table(datasets, interval=INTERVAL):
    """One row per scenario: the outcomes as medians with the interval over
    replicates (exile risk, the headline, first, then its data and bodily
    parts where the file records them), and the shares of replicates for
    yes/no events."""
    parts = available(datasets, EXILE_RISK_PARTS)
    frame = outcome_frame(datasets, DEFAULT_OUTCOMES + parts)
    tail = (1 - interval) / 2
    rows = {}
    for name, group in frame.groupby("scenario", sort=False):
        row = {"replicates": len(group),
               "in force (share)": group["in_force"].mean(),
               # NaN ("never") counts as later than every month: NaN when at
               # least half of the replicates never see it in force.
               "entry into force, month (median)": quantile(group["entry_into_force_month"],
                                                            0.5),
               "parties at horizon (median)": quantile(group["parties"], 0.5),
               "protocol adopted (share)": group["protocol_adopted"].mean()}
        for col, title in (("exile_risk", "exile risk"),
                           *((p, RISK_PART_TITLES[p]) for p in parts),
                           ("share_exiles_in_safe_haven", "exiles in a safe haven"),
                           ("extradited_share_at_horizon", "exiles extradited"),
                           ("pretextual_grant_rate", "pretextual requests granted"),
                           ("legitimate_refusal_rate", "legitimate requests refused"),
                           ("legitimate_refusal_share_free",
                            "legitimate requests of Free states refused")):
            row[f"{title} (median)"] = quantile(group[col], 0.5, skipna=True)
            row[f"{title} ({round(tail * 100):g}%)"] = quantile(group[col], tail, skipna=True)
            row[f"{title} ({round((1 - tail) * 100):g}%)"] = quantile(group[col], 1 - tail,
                                                                      skipna=True)
        rows[name] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "scenario"
    return table
