"""The one quantile rule of havens (sim/core/quantile.hpp): the inverse of the
(weighted) empirical distribution, the smallest value whose cumulative
weight reaches p. A median is always a value some run produced, and a month
that was never reached (NaN) counts as later than every month, so the
median is NaN ("never") when at least half of the runs never reach it.
`havens info`, the report and this package all summarise with it."""
import numpy as np

# The level of every interval over replicates, draws or particles.
INTERVAL_LEVEL = 0.9
INTERVAL = ((1 - INTERVAL_LEVEL) / 2, 1 - (1 - INTERVAL_LEVEL) / 2)


def quantile(values, p, weights=None, skipna=False):
    """The p-quantile (p a number or a list) of `values` by the one rule.
    `skipna` leaves NaN out (padding, undefined rates) instead of reading it
    as "never"."""
    values = np.asarray(values, dtype=float).ravel()
    weights = (np.ones(values.size) if weights is None
               else np.asarray(weights, dtype=float).ravel())
    if skipna:
        keep = ~np.isnan(values)
        values, weights = values[keep], weights[keep]
    ps = np.atleast_1d(np.asarray(p, dtype=float))
    total = weights.sum()
    if values.size == 0 or not total > 0:
        out = np.full(ps.shape, np.nan)
    else:
        order = np.argsort(np.where(np.isnan(values), np.inf, values), kind="stable")
        cumulative = np.cumsum(weights[order]) / total
        index = np.searchsorted(cumulative, ps - 1e-12, side="left")
        out = values[order][np.minimum(index, values.size - 1)]
    return out if np.ndim(p) else float(out[0])


def median(values, weights=None, skipna=False):
    return quantile(values, 0.5, weights, skipna)


def median_interval(values, weights=None, skipna=False):
    """(median, low, high): the median and the 90 % interval."""
    m, lo, hi = quantile(values, [0.5, *INTERVAL], weights, skipna)
    return float(m), float(lo), float(hi)


def reduce(da, dim, p, skipna=False):
    """A DataArray's p-quantile along `dim` by the one rule (p a number)."""
    import xarray as xr

    def along(v):
        return np.apply_along_axis(lambda row: quantile(row, p, skipna=skipna), -1, v)
    return xr.apply_ufunc(along, da, input_core_dims=[[dim]])
