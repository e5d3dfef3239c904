"""Variance-based sensitivity: Sobol first-order and total indices from a
Saltelli design, with numpy (SALib is not in Debian).

A design with N base samples of d keys has matrices A and B (N x d) and, for
each key j, AB_j: A with column j taken from B. The estimators are Saltelli
et al. (2010) for the first-order index,
    S_j  = mean(f(B) * (f(AB_j) - f(A))) / V,
and Jansen's for the total index,
    ST_j = mean((f(A) - f(AB_j))^2) / (2 V),
with V the variance of f over A and B together (f centred on its mean).
Intervals come from a
bootstrap over the N base rows (the rows of A, B and every AB_j move together)."""
import numpy as np
import pandas as pd

from . import schema as s
from .outcomes import outcome
from .quantiles import quantile
from .summaries import INTERVAL


def saltelli_design(n, ranges, seed=0):
    """A Saltelli design in the engine's order (A rows, B rows, then AB_0,
    AB_1, ...), uniform on each [low, high]: a DataFrame with one column per key
    and the saltelli_matrix, saltelli_column and saltelli_row columns. For
    checking the estimators on functions with known indices."""
    keys = list(ranges)
    d = len(keys)
    rng = np.random.default_rng(seed)
    low = np.array([ranges[k][0] for k in keys], dtype=float)
    high = np.array([ranges[k][1] for k in keys], dtype=float)
    a = low + (high - low) * rng.random((n, d))
    b = low + (high - low) * rng.random((n, d))
    blocks, matrix, column = [a, b], ["A"] * n + ["B"] * n, [-1] * (2 * n)
    for j in range(d):
        ab = a.copy()
        ab[:, j] = b[:, j]
        blocks.append(ab)
        matrix += ["AB"] * n
        column += [j] * n
    frame = pd.DataFrame(np.vstack(blocks), columns=keys)
    frame[s.SALTELLI_MATRIX] = matrix
    frame[s.SALTELLI_COLUMN] = column
    frame[s.SALTELLI_ROW] = np.tile(np.arange(n), d + 2)
    return frame


def split_saltelli(values, matrix, column, row, d):
    """f(A) [N], f(B) [N] and f(AB) [d, N] from per-point values and the design's
    bookkeeping columns (whatever the order of the points)."""
    values, matrix = np.asarray(values, dtype=float), np.asarray(matrix).astype(str)
    column, row = np.asarray(column, dtype=int), np.asarray(row, dtype=int)
    n = int(row.max()) + 1
    f_a, f_b, f_ab = np.full(n, np.nan), np.full(n, np.nan), np.full((d, n), np.nan)
    f_a[row[matrix == "A"]] = values[matrix == "A"]
    f_b[row[matrix == "B"]] = values[matrix == "B"]
    ab = matrix == "AB"
    f_ab[column[ab], row[ab]] = values[ab]
    if np.isnan(f_a).any() or np.isnan(f_b).any() or np.isnan(f_ab).any():
        raise ValueError("the Saltelli design is incomplete or the outcome has NaN "
                         "(every A, B and AB_j row needs a finite value)")
    return f_a, f_b, f_ab


def _estimate(f_a, f_b, f_ab):
    """S and ST for arrays whose last axis is the base sample. The outputs are
    centred first (as SALib does): the estimators are unbiased for any mean,
    but the first-order one is far noisier when the mean is large."""
    both = np.concatenate([f_a, f_b], axis=-1)
    centre = both.mean(axis=-1, keepdims=True)
    f_a, f_b, both = f_a - centre, f_b - centre, both - centre
    f_ab = f_ab - centre[..., None, :]
    var = np.var(both, axis=-1)
    var = np.where(var > 0, var, np.nan)
    first = np.mean(f_b[..., None, :] * (f_ab - f_a[..., None, :]), axis=-1) / var[..., None]
    total = 0.5 * np.mean((f_a[..., None, :] - f_ab) ** 2, axis=-1) / var[..., None]
    return first, total


def sobol_indices(f_a, f_b, f_ab, names=None, confidence=INTERVAL, resamples=1000, seed=0):
    """First-order (S1) and total (ST) indices with bootstrap intervals: a
    DataFrame indexed by key with S1, S1_low, S1_high, ST, ST_low, ST_high."""
    f_a, f_b, f_ab = (np.asarray(x, dtype=float) for x in (f_a, f_b, f_ab))
    d, n = f_ab.shape
    names = [f"x{j}" for j in range(d)] if names is None else list(names)
    first, total = _estimate(f_a, f_b, f_ab)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(resamples, n))
    boot_first, boot_total = _estimate(f_a[idx], f_b[idx], np.moveaxis(f_ab[:, idx], 0, 1))
    tail = (1 - confidence) / 2
    frame = pd.DataFrame({
        "S1": first, "S1_low": quantile(boot_first, tail, 0, skipna=True),
        "S1_high": quantile(boot_first, 1 - tail, 0, skipna=True),
        "ST": total, "ST_low": quantile(boot_total, tail, 0, skipna=True),
        "ST_high": quantile(boot_total, 1 - tail, 0, skipna=True)}, index=names)
    frame.index.name = "key"
    frame.attrs["base_samples"] = n
    return frame


def sobol_from_sweep(ds, which, confidence=INTERVAL, resamples=1000, seed=0):
    """Sobol indices of an outcome (name or callable) over a Saltelli sweep
    Dataset (Results.sweeps[name]). The outcome is averaged over replicates at
    each point first, so replicate noise that is common to all points cancels."""
    if ds.attrs.get(s.SWEEP_DESIGN) != "saltelli":
        raise ValueError(f"Sobol indices need a saltelli design, this sweep is "
                         f"{ds.attrs.get(s.SWEEP_DESIGN)!r}")
    keys = ds.attrs[s.SWEEP_KEYS]
    values = outcome(ds, which).mean(s.REPLICATE)
    f_a, f_b, f_ab = split_saltelli(values.values, ds[s.SALTELLI_MATRIX].values,
                                    ds[s.SALTELLI_COLUMN].values, ds[s.SALTELLI_ROW].values,
                                    len(keys))
    frame = sobol_indices(f_a, f_b, f_ab, keys, confidence, resamples, seed)
    frame.attrs["outcome"] = values.name
    return frame
