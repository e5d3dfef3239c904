"""A calibration's result file (`havens calibrate`, docs/CALIBRATION.md): the
`/calibration` group as a labelled Dataset, the posterior against the prior,
and the posterior predictive values of the targets.

The posterior is the last generation: `particles[-1]` with `weights[-1]`.
Quantiles of a weighted sample follow the engine's rule (`havens info` prints
the same numbers): the smallest value whose cumulative weight reaches p, the
inverse of the weighted empirical CDF, with NaN values and their weights left
out."""
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .errors import HavensResultError
from .h5open import open_result_file
from .h5read import read_group
from .quantiles import quantile
from .results import _check_layout, _damaged, _dataset, _dataset_of_shape, _group

CALIBRATION = "calibration"
GENERATION, PARTICLE, PARAMETER, TARGET, REPLICATE = (
    "generation", "particle", "parameter", "target", "replicate")
COORDS = (GENERATION, PARTICLE, PARAMETER, TARGET, REPLICATE)
STRING_COORDS = (PARAMETER, TARGET)

# name: (dimensions, strings) of every variable the package reads.
VARIABLES = {
    "particles": ((GENERATION, PARTICLE, PARAMETER), False),
    "weights": ((GENERATION, PARTICLE), False),
    "distances": ((GENERATION, PARTICLE, REPLICATE), False),
    "simulated": ((GENERATION, PARTICLE, TARGET), False),
    "tolerances": ((GENERATION,), False),
    "acceptance_rates": ((GENERATION,), False),
    "effective_sample_sizes": ((GENERATION,), False),
    "simulations": ((GENERATION,), False),
    "prior_kind": ((PARAMETER,), True),
    "prior_low": ((PARAMETER,), False),
    "prior_high": ((PARAMETER,), False),
    "prior_mean": ((PARAMETER,), False),
    "prior_sd": ((PARAMETER,), False),
    "target_statistic": ((TARGET,), True),
    "target_argument": ((TARGET,), False),
    "target_observed": ((TARGET,), False),
    "target_sd": ((TARGET,), False),
    "target_fitted": ((TARGET,), False),
    "target_source": ((TARGET,), True),
}
# Read when present (files of an earlier engine lack them).
OPTIONAL = {"unique_particles": ((GENERATION,), False), "moves": ((GENERATION,), False)}

PRIOR_KINDS = ("uniform", "log_uniform", "normal", "truncated_normal")
INTERVAL = (0.05, 0.95)


def _check(path, f):
    """Every coordinate and variable the package reads, with its rank, type and
    the shape its coordinates give; a damaged file is refused naming the object."""
    if CALIBRATION not in f:
        raise HavensResultError(path, "no /calibration group: not the result of "
                                "`havens calibrate`")
    group = _group(path, f, CALIBRATION)
    sizes = {}
    for name in COORDS:
        (sizes[name],) = _dataset(path, group, name, 1, strings=name in STRING_COORDS)
    if sizes[GENERATION] == 0 or sizes[PARTICLE] == 0:
        _damaged(path, f"{group.name}/{GENERATION}", "expected at least one generation and "
                 "one particle")
    for name, (dims, strings) in {**VARIABLES, **{k: v for k, v in OPTIONAL.items()
                                                 if k in group}}.items():
        _dataset_of_shape(path, group, name, tuple(sizes[d] for d in dims),
                          "[" + ", ".join(dims) + "]", strings=strings)
    return group


def open_calibration(path, verify=True):
    """The `/calibration` group of a `havens calibrate` result as an xarray
    Dataset: coordinates generation, particle, parameter, target, replicate;
    the group's attributes (method, seed, particles, stopped, ...) kept.
    Raises HavensResultError (one line, naming the file and the object) for a
    file that is not one or is damaged. The checksum is checked first, as by
    open_results (`verify=False` skips it)."""
    path = Path(path)
    with open_result_file(path, verify) as f:
        group = _check(path, f)
        try:
            ds = read_group(group)
        except (AttributeError, KeyError, ValueError, IndexError, TypeError, OSError) as err:
            raise HavensResultError(path, f"{group.name}: cannot be read as labelled arrays "
                                    f"({type(err).__name__}: {err}) (not a valid havens "
                                    "result file)") from None
        _check_layout(path, group, ds)
        for name, (dims, _) in {**VARIABLES, **OPTIONAL}.items():
            if name in ds and ds[name].dims != dims:
                _damaged(path, f"{group.name}/{name}", f"expected the axes ({', '.join(dims)}), "
                         f"got ({', '.join(ds[name].dims)})")
        kinds = set(ds["prior_kind"].values.tolist()) - set(PRIOR_KINDS)
        if kinds:
            _damaged(path, f"{group.name}/prior_kind", f"unknown prior {sorted(kinds)[0]!r}")
    return ds


# --- weighted quantiles and the priors ---------------------------------------


def weighted_quantile(values, weights, p):
    """The smallest value whose cumulative (normalised) weight reaches p: the
    inverse of the weighted empirical CDF, as the engine computes it. NaN
    values are left out with their weights; NaN if none is left. `p` may be
    a number or a sequence."""
    v = np.asarray(values, dtype=float).ravel()
    w = np.asarray(weights, dtype=float).ravel()
    if v.shape != w.shape:
        raise ValueError(f"values and weights differ in length ({v.size} and {w.size})")
    keep = ~np.isnan(w)
    return quantile(v[keep], p, weights=w[keep], skipna=True)


def _prior(ds, name):
    row = {k: ds[f"prior_{k}"].sel({PARAMETER: name}).item()
           for k in ("kind", "low", "high", "mean", "sd")}
    return row


def prior_quantile(prior, p):
    """The prior's quantile at p (the engine's prior_quantile): `prior` is a
    dict with kind, low, high, mean, sd."""
    kind, low, high = prior["kind"], prior["low"], prior["high"]
    p = np.asarray(p, dtype=float)
    if kind == "uniform":
        return low + p * (high - low)
    if kind == "log_uniform":
        return np.exp(np.log(low) + p * (np.log(high) - np.log(low)))
    a = stats.norm.cdf((low - prior["mean"]) / prior["sd"])
    b = stats.norm.cdf((high - prior["mean"]) / prior["sd"])
    return prior["mean"] + prior["sd"] * stats.norm.ppf(a + p * (b - a))


def prior_density(prior, x):
    """The prior's density at x (0 outside its support)."""
    kind, low, high = prior["kind"], prior["low"], prior["high"]
    x = np.asarray(x, dtype=float)
    inside = (x >= low) & (x <= high)
    if kind == "uniform":
        d = np.full(x.shape, 1.0 / (high - low))
    elif kind == "log_uniform":
        d = 1.0 / (np.where(x > 0, x, np.nan) * np.log(high / low))
    else:
        mass = (stats.norm.cdf((high - prior["mean"]) / prior["sd"])
                - stats.norm.cdf((low - prior["mean"]) / prior["sd"]))
        d = stats.norm.pdf(x, prior["mean"], prior["sd"]) / mass
    return np.where(inside, d, 0.0)


def on_log_scale(prior):
    """Whether a parameter is best read on a log scale (a log-uniform prior)."""
    return prior["kind"] == "log_uniform"


def posterior(ds, generation=-1):
    """(particles [particle, parameter], weights [particle]) of a generation
    (the last: the posterior)."""
    return (ds["particles"].isel({GENERATION: generation}),
            ds["weights"].isel({GENERATION: generation}))


def posterior_table(ds, generation=-1, interval=INTERVAL):
    """One row per parameter: the posterior's weighted median and 5 % and 95 %
    quantiles, the prior's 5 % and 95 % quantiles, and `width_ratio`, the
    width of the posterior's 90 % interval over the prior's, measured on the
    prior's scale (log for a log-uniform prior). A ratio near 1: the targets
    say nothing about the parameter; well below 1: they pin it down."""
    values, weights = posterior(ds, generation)
    lo, hi = interval
    rows = []
    for name in ds[PARAMETER].values:
        prior = _prior(ds, name)
        q = weighted_quantile(values.sel({PARAMETER: name}).values, weights.values,
                              [0.5, lo, hi])
        p_lo, p_hi = prior_quantile(prior, [lo, hi])
        scale = np.log if on_log_scale(prior) else (lambda x: x)
        ratio = (scale(q[2]) - scale(q[1])) / (scale(p_hi) - scale(p_lo))
        rows.append({PARAMETER: name, "prior_kind": prior["kind"], "median": q[0],
                     "low": q[1], "high": q[2], "prior_low": float(p_lo),
                     "prior_high": float(p_hi), "width_ratio": float(ratio),
                     "scale": "log" if on_log_scale(prior) else "linear"})
    table = pd.DataFrame(rows).set_index(PARAMETER)
    table.attrs["interval"] = interval
    return table


def predictive_table(ds, generation=-1, interval=INTERVAL):
    """One row per target: what it is (statistic, argument, source), the
    observed value and its sd, whether it is fitted (False: a check, reported
    only), and the posterior's simulated values: weighted median and 90 %
    interval over the particles in which the statistic is defined
    (`defined`: their share of the weight), and whether the observed value
    lies inside that interval."""
    simulated = ds["simulated"].isel({GENERATION: generation})
    weights = ds["weights"].isel({GENERATION: generation}).values
    lo, hi = interval
    rows = []
    for name in ds[TARGET].values:
        values = simulated.sel({TARGET: name}).values
        q = weighted_quantile(values, weights, [0.5, lo, hi])
        observed = float(ds["target_observed"].sel({TARGET: name}))
        rows.append({
            TARGET: name,
            "statistic": ds["target_statistic"].sel({TARGET: name}).item(),
            "argument": float(ds["target_argument"].sel({TARGET: name})),
            "observed": observed,
            "sd": float(ds["target_sd"].sel({TARGET: name})),
            "fitted": bool(ds["target_fitted"].sel({TARGET: name})),
            "median": q[0], "low": q[1], "high": q[2],
            "defined": float(weights[~np.isnan(values)].sum() / weights.sum()),
            "inside": bool(q[1] <= observed <= q[2]) if not np.isnan(q[0]) else False,
            "source": ds["target_source"].sel({TARGET: name}).item(),
        })
    table = pd.DataFrame(rows).set_index(TARGET)
    table.attrs["interval"] = interval
    return table


def generations_table(ds):
    """One row per generation: tolerance, acceptance rate, effective sample
    size, simulations and distinct particles (where the file has them)."""
    names = ["tolerances", "acceptance_rates", "effective_sample_sizes", "simulations",
             "unique_particles"]
    return ds[[n for n in names if n in ds]].to_dataframe()
