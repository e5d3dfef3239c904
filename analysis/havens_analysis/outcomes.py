"""Outcomes: one number per replicate, computed from a scenario's Dataset (or
per point and replicate from a sweep's). They are what the comparison table,
paired differences, Sobol indices and scenario discovery take as input, so
each is defined once. The engine's own scalar outcomes (engine/outcomes.hpp:
parties, entry_into_force_month, exile_risk, ...) keep the engine's names and
are read from the file's summary/outcome_value, so that `havens info`, the
report and this package give the same number; the rest are derived here. The
headline is exile_risk (at the horizon), the chance that a typical pretextual
request against an exile would be granted: it needs no threshold, whereas
the safe-haven shares move with decision.safe_haven_epsilon. It is the sum
of two parts, exile_risk_data (evidence requests, interception included) and
exile_risk_bodily (an extradition ending in surrender or in a removal outside
the law), which the engine records beside it. "Never" is NaN
(the file's _FillValue). Reductions over months do not skip NaN: the only
NaN in a time series are the padding of a sweep point that ran fewer
replicates, and those must stay NaN, not 0."""
import pandas as pd
import xarray as xr

from . import schema as s


def _ran(ds, value):
    """`value` where the replicate ran, NaN in a sweep point's padding (where
    even the parties at the horizon are missing)."""
    return value.where(ds["parties"].isel({s.MONTH: -1}, drop=True).notnull())


def _rate(part, other):
    total = part + other
    return (part / total).where(total > 0)


def _total(name):
    return lambda ds: ds[name].sum(s.MONTH, skipna=False)


def _at_horizon(name):
    return lambda ds: ds[name].isel({s.MONTH: -1}, drop=True).drop_vars("date", errors="ignore")


def _engine(name, computed):
    """The engine's outcome `name` from summary/outcome_value (schema 3 on);
    older files, whose entry month was censored at the horizon, compute it."""
    def read(ds):
        if (s.OUTCOME_VALUE in ds and s.UNITS in ds[s.OUTCOME].attrs
                and name in ds[s.OUTCOME].values):
            return ds[s.OUTCOME_VALUE].sel({s.OUTCOME: name}, drop=True)
        return computed(ds)
    return read


def _statuses(stock, statuses):
    """The stock of the `statuses` the file has: a file written before a
    status existed (removed) has none in it."""
    present = [c for c in statuses if c in stock[s.STATUS].values]
    return stock.sel({s.STATUS: present}).sum(s.STATUS, skipna=False)


def _status_count(statuses):
    def count(ds):
        stock = ds["exiles_by_status"].isel({s.MONTH: -1}, drop=True)
        return _statuses(stock, statuses).drop_vars("date", errors="ignore")
    return count


def _status_share(statuses):
    """The share of exiles whose status at the horizon is one of `statuses`."""
    def share(ds):
        stock = ds["exiles_by_status"].isel({s.MONTH: -1}, drop=True)
        part = _statuses(stock, statuses)
        return (part / stock.sum(s.STATUS, skipna=False)).drop_vars("date", errors="ignore")
    return share


def _legitimate_refusal_share_free(ds):
    """Legitimate requests sent by Free states (Freedom House) and refused, as
    a share of those sent: what safeguards cost democracies' own cooperation.
    Requests still pending at the horizon count as not refused."""
    if s.FH_STATUS not in ds.coords:
        raise ValueError("legitimate_refusal_share_free needs each state's fh_status, which "
                         "open_results adds from /world/states")
    free = (ds[s.FH_STATUS] == s.FREE).values
    sent = ds["legitimate_sent"].isel({s.STATE: free}).sum(s.STATE, skipna=False)
    refused = ds["legitimate_refused"].isel({s.STATE: free}).sum(s.STATE, skipna=False)
    return (refused / sent).where(sent > 0)


def _month(name):
    """A *_month summary variable: NaN where never (the file's _FillValue)."""
    return lambda ds: ds[name].astype(float)


OUTCOMES = {
    # The engine's outcomes (engine/outcomes.hpp), in its order and names.
    "parties": _engine("parties", _at_horizon("parties")),
    "protocol_parties": _engine("protocol_parties", _at_horizon("protocol_parties")),
    "entry_into_force_month": _engine("entry_into_force_month",
                                      _month("entry_into_force_month")),
    "requests_issued": _engine("requests_issued", _total("requests_issued")),
    "requests_sent": _engine("requests_sent", _total("requests_sent")),
    "requests_granted": _engine("requests_granted", _total("requests_granted")),
    "requests_refused": _engine("requests_refused", _total("requests_refused")),
    "granted_pretextual": _engine("granted_pretextual", _total("granted_pretextual")),
    "granted_legitimate": _engine("granted_legitimate", _total("granted_legitimate")),
    "refused_pretextual": _engine("refused_pretextual", _total("refused_pretextual")),
    "refused_legitimate": _engine("refused_legitimate", _total("refused_legitimate")),
    "share_exiles_in_safe_haven": _engine("share_exiles_in_safe_haven",
                                          _at_horizon("share_exiles_in_safe_haven")),
    "detained": _engine("detained", _status_count(s.DETAINED)),
    "extradited": _engine("extradited", _status_count([s.EXTRADITED])),
    "exile_risk": _engine("exile_risk", _at_horizon("exile_risk")),
    "exile_risk_data": _engine("exile_risk_data", _at_horizon("exile_risk_data")),
    "exile_risk_bodily": _engine("exile_risk_bodily", _at_horizon("exile_risk_bodily")),
    "removed": _engine("removed", _status_count([s.REMOVED])),
    # Derived here.
    "in_force": lambda ds: _ran(ds, ds["entry_into_force_month"].notnull().astype(float)),
    "protocol_adopted": lambda ds: _ran(ds, ds["protocol_adopted_month"].notnull()
                                        .astype(float)),
    "protocol_adopted_month": _month("protocol_adopted_month"),
    "share_in_haven_min": lambda ds: ds["share_exiles_in_safe_haven"].min(s.MONTH, skipna=False),
    "share_in_haven_mean": lambda ds: ds["share_exiles_in_safe_haven"].mean(s.MONTH,
                                                                            skipna=False),
    "pretextual_grant_rate": lambda ds: _rate(_total("granted_pretextual")(ds),
                                              _total("refused_pretextual")(ds)),
    "legitimate_refusal_rate": lambda ds: _rate(_total("refused_legitimate")(ds),
                                                _total("granted_legitimate")(ds)),
    "legitimate_refusal_share_free": _legitimate_refusal_share_free,
    "exile_risk_mean": lambda ds: ds["exile_risk"].mean(s.MONTH, skipna=False),
    "detained_share_at_horizon": _status_share(s.DETAINED),
    "extradited_share_at_horizon": _status_share([s.EXTRADITED]),
    "removed_share_at_horizon": _status_share([s.REMOVED]),
    "havens_per_origin_at_horizon": lambda ds: (
        ds["safe_havens"].isel({s.MONTH: -1}, drop=True).mean(s.ORIGIN, skipna=False)
    ).drop_vars("date", errors="ignore"),
}

# The engine's outcomes: their labels are the file's (summary/outcome's
# `labels`, from engine/outcomes.hpp), which a test compares with these.
ENGINE_OUTCOMES = ("parties", "protocol_parties", "entry_into_force_month", "requests_issued",
                   "requests_sent", "requests_granted", "requests_refused",
                   "granted_pretextual", "granted_legitimate", "refused_pretextual",
                   "refused_legitimate", "share_exiles_in_safe_haven", "detained",
                   "extradited", "exile_risk", "exile_risk_data", "exile_risk_bodily",
                   "removed")
# The two additive parts of the exile risk (exile_risk = data + bodily).
EXILE_RISK_PARTS = ("exile_risk_data", "exile_risk_bodily")

# A readable label for each outcome, used by tables and figures.
LABELS = {
    "parties": "parties to the convention at the horizon",
    "protocol_parties": "parties to the protocol at the horizon",
    "entry_into_force_month": "month the convention entered into force",
    "requests_issued": "requests issued over the run",
    "requests_sent": "requests sent over the run",
    "requests_granted": "requests granted over the run",
    "requests_refused": "requests refused over the run",
    "granted_pretextual": "pretextual requests granted over the run",
    "granted_legitimate": "legitimate requests granted over the run",
    "refused_pretextual": "pretextual requests refused over the run",
    "refused_legitimate": "legitimate requests refused over the run",
    "share_exiles_in_safe_haven": "share of exiles in a safe haven at the horizon "
                                  "(a threshold measure)",
    "detained": "exiles in custody at the horizon",
    "extradited": "exiles extradited by the horizon",
    "exile_risk": "exile risk at the horizon",
    "exile_risk_data": "data part of the exile risk at the horizon",
    "exile_risk_bodily": "bodily part of the exile risk at the horizon",
    "removed": "exiles removed outside the law by the horizon",
    "in_force": "convention in force (share of replicates)",
    "protocol_adopted": "protocol adopted (share of replicates)",
    "protocol_adopted_month": "month the protocol is adopted",
    "share_in_haven_min": "lowest share of exiles in a safe haven",
    "share_in_haven_mean": "mean share of exiles in a safe haven",
    "pretextual_grant_rate": "share of pretextual requests granted",
    "legitimate_refusal_rate": "share of legitimate requests refused",
    "legitimate_refusal_share_free": "share of Free states' legitimate requests refused",
    "exile_risk_mean": "mean exile risk over the run",
    "detained_share_at_horizon": "share of exiles in custody at the horizon",
    "extradited_share_at_horizon": "share of exiles extradited by the horizon",
    "removed_share_at_horizon": "share of exiles removed outside the law by the horizon",
    "havens_per_origin_at_horizon": "safe havens per origin at the horizon (mean)",
}

DEFAULT_OUTCOMES = ("exile_risk", "in_force", "entry_into_force_month",
                    "parties", "protocol_adopted", "share_exiles_in_safe_haven",
                    "extradited_share_at_horizon", "granted_pretextual", "refused_legitimate",
                    "pretextual_grant_rate", "legitimate_refusal_rate",
                    "legitimate_refusal_share_free")


def outcome(ds, which):
    """An outcome by name (see OUTCOMES) or a callable ds -> DataArray, as a
    float DataArray over replicate (and point, for a sweep)."""
    if callable(which):
        da = which(ds)
        name = getattr(which, "__name__", "outcome")
    else:
        if which not in OUTCOMES:
            raise KeyError(f"unknown outcome {which!r}; known: {', '.join(OUTCOMES)}")
        try:
            da = OUTCOMES[which](ds)
        except KeyError as err:
            raise KeyError(f"outcome {which!r} needs the variable {err} (for a sweep, "
                           "read it with Results.sweep(name, variables=[...]))") from None
        name = which
    if not isinstance(da, xr.DataArray):
        raise TypeError(f"outcome {name!r} must return a DataArray, got {type(da).__name__}")
    return da.astype(float).rename(name)


def has_outcome(ds, which):
    """Whether `ds` holds what outcome `which` needs (a file written before
    the engine recorded it does not: the exile risk's parts, say)."""
    try:
        outcome(ds, which)
    except KeyError:
        return False
    return True


def available(datasets, outcomes):
    """The outcomes every Dataset of `datasets` can give, in the order given."""
    return tuple(w for w in outcomes if all(has_outcome(ds, w) for ds in datasets.values()))


def label(which):
    return LABELS.get(which, str(which)) if not callable(which) else which.__name__


def outcome_frame(datasets, outcomes=None):
    """One row per scenario and replicate, one column per outcome."""
    outcomes = DEFAULT_OUTCOMES if outcomes is None else outcomes
    frames = []
    for name, ds in datasets.items():
        columns = {}
        for which in outcomes:
            da = outcome(ds, which)
            columns[da.name] = da.to_series()
        frame = pd.DataFrame(columns)
        frame.insert(0, "scenario", name)
        frames.append(frame.reset_index())
    return pd.concat(frames, ignore_index=True)


def sweep_frame(ds, outcomes=None):
    """A sweep Dataset as a long table: one row per point and replicate, the
    swept keys and one column per outcome."""
    from .sweeps import swept_keys
    outcomes = DEFAULT_OUTCOMES if outcomes is None else outcomes
    frame = pd.DataFrame({outcome(ds, w).name: outcome(ds, w).to_series() for w in outcomes})
    frame = frame.reset_index()
    keys = swept_keys(ds)
    shown = ["scenario"] + ([s.POINT_LABEL] if s.POINT_LABEL in ds.coords else [])
    design = pd.DataFrame({k: ds[k].values for k in shown + keys}, index=ds[s.POINT].values)
    if "replicates_run" in ds.coords:  # drop the padding of points that ran fewer
        runs = pd.Series(ds["replicates_run"].values, index=ds[s.POINT].values)
        frame = frame[frame[s.REPLICATE].values < runs.reindex(frame[s.POINT]).values]
    return frame.merge(design, left_on=s.POINT, right_index=True)[
        [s.POINT, *shown, *keys, s.REPLICATE, *frame.columns.drop([s.POINT, s.REPLICATE])]]
