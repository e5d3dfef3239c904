"""The one quantile rule of havens (sim/core/quantile.hpp): the inverse of the
(weighted) empirical distribution, the smallest value whose cumulative
weight reaches p. A median is always a value some run produced, and a month
that was never reached (NaN) counts as later than every month, so the
median is NaN ("never") when at least half of the runs never reach it.
`havens info`, the report and this package all summarise with it.

numpy's, pandas' and xarray's own `quantile` and `median` interpolate
between the two nearest values instead (numpy's method "linear"): the median
of 8 replicates is the mean of the 4th and 5th, a value no run produced, and
an interval's ends move inside the range of the runs. `quantile` here takes
arrays, pandas and xarray objects alike, so that a notebook never needs
theirs."""
import numpy as np

# The level of every interval over replicates, draws or particles.
INTERVAL_LEVEL = 0.9
INTERVAL = ((1 - INTERVAL_LEVEL) / 2, 1 - (1 - INTERVAL_LEVEL) / 2)

# The engine's tolerance: keeps p = k/n on the k-th value despite rounding.
TOLERANCE = 1e-12


def quantile(values, p, dim=None, *, weights=None, skipna=False):
    """The p-quantile (p a number or a list) of `values` by the one rule.

    - an array or a pandas Series: over every value (a number, or an array
      for a list of p), or along axis `dim` (an int);
    - a pandas DataFrame: per numeric column, as DataFrame.quantile (a
      Series, or a DataFrame indexed by p);
    - an xarray DataArray or Dataset: reduced over `dim` (a name or a list;
      every dimension when None), as xarray's `.quantile`, with a `quantile`
      coordinate (a dimension, first, for a list of p). `ha.quantile(da,
      0.5, "replicate")` is `da.median("replicate")` by the rule.

    `weights` (one per value along what is reduced) make it the weighted
    rule. `skipna` leaves NaN out (padding, undefined rates) instead of
    reading it as "never", later than every value."""
    import pandas as pd
    import xarray as xr

    if isinstance(values, (xr.DataArray, xr.Dataset)):
        return _xarray(values, p, dim, weights, skipna)
    if isinstance(values, pd.DataFrame):
        if dim not in (None, 0, "index"):
            raise ValueError("a DataFrame's quantiles are per column (dim=None)")
        numeric = values.select_dtypes(include=["number", "bool"])
        per_column = {c: quantile(numeric[c], p, weights=weights, skipna=skipna)
                      for c in numeric.columns}
        if np.ndim(p):
            return pd.DataFrame(per_column, index=pd.Index(np.asarray(p, float), name="quantile"),
                                columns=numeric.columns)
        return pd.Series(per_column, index=numeric.columns, dtype=float, name=p)
    a = np.asarray(values, dtype=float)
    if dim is None:
        a = a.ravel()
    else:
        a = np.moveaxis(a, dim, -1)
    out = _along(a, np.atleast_1d(np.asarray(p, dtype=float)), weights, skipna)
    if not np.ndim(p):
        out = out[0]
    return float(out) if np.ndim(out) == 0 else out


def median(values, dim=None, *, weights=None, skipna=False):
    """The median by the one rule (`quantile(values, 0.5, dim)`): a value
    some run produced."""
    return quantile(values, 0.5, dim, weights=weights, skipna=skipna)


def median_interval(values, weights=None, skipna=False):
    """(median, low, high): the median and the 90 % interval."""
    m, lo, hi = quantile(values, [0.5, *INTERVAL], weights=weights, skipna=skipna)
    return float(m), float(lo), float(hi)


def reduce(da, dim, p, skipna=False):
    """A DataArray's p-quantile along `dim` by the one rule (p a number),
    without the `quantile` coordinate."""
    return quantile(da, p, dim, skipna=skipna).drop_vars("quantile")


def _along(a, ps, weights, skipna):
    """The quantiles of `a` along its last axis: an array of shape
    (len(ps),) + a.shape[:-1]."""
    if weights is None:
        return _unweighted(a, ps, skipna)
    weights = np.asarray(weights, dtype=float).ravel()
    if weights.size != a.shape[-1]:
        raise ValueError(f"{weights.size} weights for {a.shape[-1]} values")
    rows = a.reshape(-1, a.shape[-1])
    out = np.array([_weighted(row, weights, ps, skipna) for row in rows]).reshape(
        a.shape[:-1] + (ps.size,))
    return np.moveaxis(out, -1, 0)


def _weighted(values, weights, ps, skipna):
    if skipna:
        keep = ~np.isnan(values)
        values, weights = values[keep], weights[keep]
    total = weights.sum()
    if values.size == 0 or not total > 0:
        return np.full(ps.shape, np.nan)
    # NaN last, so that "never" sorts after every month.
    order = np.argsort(np.where(np.isnan(values), np.inf, values), kind="stable")
    cumulative = np.cumsum(weights[order]) / total
    index = np.searchsorted(cumulative, ps - TOLERANCE, side="left")
    return values[order][np.minimum(index, values.size - 1)]


def _unweighted(a, ps, skipna):
    """Equal weights: the k-th smallest value, k the smallest with k/n >= p."""
    size = a.shape[-1]
    if size == 0:
        return np.full((ps.size,) + a.shape[:-1], np.nan)
    ordered = np.sort(a, axis=-1)  # NaN last
    n = (~np.isnan(ordered)).sum(axis=-1) if skipna else np.full(a.shape[:-1], size)
    out = np.empty((ps.size,) + a.shape[:-1])
    for i, q in enumerate(ps):
        k = np.ceil(n * (q - TOLERANCE)).astype(int)
        index = np.clip(k - 1, 0, np.maximum(n - 1, 0))
        picked = np.take_along_axis(ordered, index[..., None], axis=-1)[..., 0]
        out[i] = np.where(n > 0, picked, np.nan)
    return out


def _xarray(obj, p, dim, weights, skipna):
    import xarray as xr

    if isinstance(obj, xr.Dataset):
        dims = list(obj.dims) if dim is None else [dim] if isinstance(dim, str) else list(dim)
        out = {}
        for name, da in obj.data_vars.items():
            if da.dtype.kind not in "iufb":
                continue  # as xarray: text and dates are left out
            own = [d for d in dims if d in da.dims]
            out[name] = _xarray(da, p, own, weights, skipna) if own else da
        return xr.Dataset(out, attrs=obj.attrs)
    da = obj
    dims = list(da.dims) if dim is None else [dim] if isinstance(dim, str) else list(dim)
    missing = [d for d in dims if d not in da.dims]
    if missing:
        raise ValueError(f"{da.name or 'the array'} has no dimension {missing[0]!r}")
    if weights is not None and len(dims) != 1:
        raise ValueError("weights need exactly one dimension to reduce")
    if weights is not None and isinstance(weights, xr.DataArray):
        weights = weights.transpose(*dims).values
    ps = np.atleast_1d(np.asarray(p, dtype=float))
    if not dims:
        core = None
    elif len(dims) == 1:
        core = dims[0]
    else:
        core = "_reduced"
        da = da.stack({core: dims})

    def along(a):
        return np.moveaxis(_along(a.astype(float), ps, weights, skipna), 0, -1)

    if core is None:
        result = xr.DataArray(np.moveaxis(along(da.values[..., None]), -1, 0),
                              dims=("quantile",) + da.dims, coords=da.coords, name=da.name)
    else:
        result = xr.apply_ufunc(along, da, input_core_dims=[[core]],
                                output_core_dims=[["quantile"]])
        result = result.transpose("quantile", ...)
    result = result.assign_coords(quantile=ps)
    if not np.ndim(p):
        result = result.isel(quantile=0)
    return result
