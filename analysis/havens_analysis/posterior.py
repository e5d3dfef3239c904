"""Runs over a posterior (`havens run ... --posterior CALIBRATION.h5`): each
replicate of each scenario ran with one draw of the calibration's posterior,
stored in the scenario group as `posterior/draw` [replicate] (the particle's
index) and `posterior/parameters` [replicate, parameter] (attribute `source`,
the calibration file). Every arm draws the same particles for the same
replicates and uses the same random numbers, so arm - baseline replicate by
replicate is a difference at the same parameters: its spread over the draws
includes the uncertainty of the calibrated parameters."""
import h5py
import numpy as np
import pandas as pd

from . import schema as s
from .errors import HavensResultError
from .h5read import read_group
from .outcomes import label, outcome
from .quantiles import quantile
from .checks import _damaged, _dataset
from .results import Results

POSTERIOR = "posterior"
INTERVAL = (0.05, 0.95)

# The engine's names for the key outcomes (summary/outcome) and the package's
# (outcomes.OUTCOMES), and which way is better.
ALIASES = {"exile_risk": "exile_risk", "exile_risk_data": "exile_risk_data",
           "exile_risk_bodily": "exile_risk_bodily",
           "share_exiles_in_safe_haven": "share_exiles_in_safe_haven"}
BETTER = {"exile_risk": "lower", "exile_risk_data": "lower", "exile_risk_bodily": "lower",
          "share_exiles_in_safe_haven": "higher"}


def posterior_draws(path):
    """{scenario: Dataset of draw [replicate] and parameters [replicate,
    parameter]} for the scenario groups that ran over a posterior (empty if
    none did); the group's attributes (source) kept. A damaged posterior group
    raises HavensResultError naming it."""
    res = path if isinstance(path, Results) else Results(path)
    out = {}
    with res._open() as f:
        for name in res.scenario_names:
            group = f[f"{s.SCENARIOS}/{name}"]
            if POSTERIOR not in group:
                continue
            post = group[POSTERIOR]
            if not isinstance(post, h5py.Group):
                _damaged(res.path, post.name, "not a group")
            (n,) = _dataset(res.path, post, "draw", 1)
            shape = _dataset(res.path, post, "parameters", 2)
            if shape[0] != n:
                _damaged(res.path, f"{post.name}/parameters", f"expected {n} replicates (as "
                         f"posterior/draw), got {shape[0]}")
            try:
                ds = read_group(post)
            except (AttributeError, KeyError, ValueError, IndexError, TypeError,
                    OSError) as err:
                raise HavensResultError(res.path, f"{post.name}: cannot be read as labelled "
                                        f"arrays ({type(err).__name__}: {err}) (not a valid "
                                        "havens result file)") from None
            out[name] = ds
    return out


def _better(which, better):
    if better is not None:
        if better not in ("lower", "higher"):
            raise ValueError(f"better must be 'lower' or 'higher', got {better!r}")
        return better
    if which in BETTER:
        return BETTER[which]
    raise ValueError(f"no direction known for {which!r}: pass better='lower' or 'higher'")


def posterior_contrasts(path, outcome="exile_risk", baseline=None, better=None,
                        interval=INTERVAL):
    """For a file whose scenario groups ran over a posterior: per arm other
    than the baseline (by default the scenario named baseline, else the first
    given), the paired difference arm - baseline of `outcome` at the horizon,
    replicate by replicate (each pair: one posterior draw, the same random
    numbers). Columns: baseline, outcome, better ("lower" or "higher": which
    way is better), draws (pairs where both are defined), median, low, high
    (the 5 % and 95 % quantiles of the differences by the one quantile rule,
    as `havens info` prints them), share_better (the share of draws in which the
    arm is strictly better), paired (False when the arms drew other
    particles: another seed, so no difference is given).

    `outcome`: exile_risk or its parts exile_risk_data and exile_risk_bodily
    (lower is better) or share_exiles_in_safe_haven (higher is better), as
    the engine names them, or any name of OUTCOMES with `better` given."""
    res = path if isinstance(path, Results) else Results(path)
    which = ALIASES.get(outcome, outcome)
    direction = _better(which, better)
    draws = posterior_draws(res)
    if not draws:
        raise HavensResultError(res.path, "no scenario ran over a posterior (no "
                                "posterior/draw): run havens with --posterior")
    names = [n for n in res.scenario_names if n in draws]
    if baseline is None:
        baseline = "baseline" if "baseline" in names else names[0]
    if baseline not in names:
        raise KeyError(f"no scenario {baseline!r} over the posterior; there are "
                       f"{', '.join(names)}")
    ref = _values(res, baseline, which)
    rows = []
    for name in names:
        if name == baseline:
            continue
        arm = _values(res, name, which)
        n = min(len(ref), len(arm))
        row = {"arm": name, "baseline": baseline, "outcome": which, "label": label(which),
               "better": direction, "draws": 0, "median": np.nan, "low": np.nan,
               "high": np.nan, "share_better": np.nan,
               "paired": bool(np.array_equal(draws[name]["draw"].values[:n],
                                             draws[baseline]["draw"].values[:n]))}
        if row["paired"]:
            d = arm[:n] - ref[:n]
            d = d[~np.isnan(d)]
            if d.size:
                q = quantile(d, [0.5, *interval])
                wins = d < 0 if direction == "lower" else d > 0
                row.update(draws=int(d.size), median=q[0], low=q[1], high=q[2],
                           share_better=float(wins.mean()))
        rows.append(row)
    table = pd.DataFrame(rows, columns=["arm", "baseline", "outcome", "label", "better",
                                        "draws", "median", "low", "high", "share_better",
                                        "paired"]).set_index("arm")
    table.attrs["source"] = draws[baseline].attrs.get("source", "")
    table.attrs["draws"] = int(draws[baseline].sizes[s.REPLICATE])
    return table


def _values(res, name, which):
    da = outcome(res.scenarios[name], which)
    return da.sortby(s.REPLICATE).values.astype(float)


def posterior_source(path):
    """(source, draws) of the first scenario that ran over a posterior, or None."""
    draws = posterior_draws(path)
    if not draws:
        return None
    ds = next(iter(draws.values()))
    return ds.attrs.get("source", ""), int(ds.sizes[s.REPLICATE])

