"""Sweeps: many scenario points from one design, read as one Dataset.

Schema 4 writes a sweep as one group /sweeps/NAME whose arrays lead with the
point axis (sweep_group.py reads it). Older files wrote each point as an
ordinary scenario group /scenarios/NAME_pNNNN and the design alone as
/sweeps/NAME (the point index, the group names, one dataset per swept key,
and for Saltelli designs which matrix each point comes from); here those
points are stacked along a `point` axis. Either way each swept key is a
coordinate on `point`, so that a notebook can select, group or plot by
value. Replicate r of every point shares random numbers with replicate r of
every other point, so differences between points can be paired by
replicate."""
import json
from collections import Counter

import numpy as np
import pandas as pd
import xarray as xr

from . import schema as s
from .errors import HavensResultError
from .h5read import attr_value, decode, decoded, group_layout, read_group, variable_attrs
from .sweep_group import LARGE_DIMS, is_boolean, point_columns, read_flat_sweep


def design_attrs(group):
    attrs = {k: attr_value(v) for k, v in group.attrs.items()}
    keys = attrs.get(s.SWEEP_KEYS, "[]")
    attrs[s.SWEEP_KEYS] = json.loads(keys) if isinstance(keys, str) else list(keys)
    return attrs


def value_text(value, boolean=False):
    """A swept value as a reader sees it, as `havens info` writes it: numbers
    as C's %g (six significant digits), booleans true or false, text as it is."""
    if boolean or isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):g}"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return str(value)


def point_labels(name, keys, columns, groups):
    """How each point of the sweep `name` is shown: its values,
    NAME[threshold=20, dual_criminality=mandatory], each key by its last part
    unless two keys share it (then whole); `columns` holds each key's values
    as value_text gives them. A label two points share (a table may list a
    point twice) gets the point's group: "NAME[...] (NAME_p0003)". The
    engine labels points alike (scenario/sweep.hpp, point_labels)."""
    shown = [k.rsplit(".", 1)[-1] for k in keys]
    if len(set(shown)) < len(shown):
        shown = list(keys)
    labels = [f"{name}[" + ", ".join(f"{k}={column[p]}" for k, column in zip(shown, columns)) + "]"
              for p in range(len(groups))]
    count = Counter(labels)
    return [f"{label} ({group})" if count[label] > 1 else label
            for label, group in zip(labels, groups)]


def sweep_design(f, name, path):
    """The design of /sweeps/NAME: one row per point, with its name
    (`scenario`), its `label` (point_labels), its swept values and (schema
    4) the replicates it ran. Only the [point] columns are read."""
    where = f"{s.SWEEPS}/{name}"
    if where not in f:
        raise HavensResultError(path, f"no sweep named {name!r}")
    group = f[where]
    layout = ({s.POINT: (s.POINT,)},
              {c: (s.POINT,) for c in point_columns(group) if c != s.POINT})
    frame = read_group(group, layout=layout).to_dataframe()
    attrs = design_attrs(group)
    keys = [k for k in attrs[s.SWEEP_KEYS] if k in frame]
    columns = [[value_text(v, is_boolean(group, k)) for v in frame[k]] for k in keys]
    frame[s.POINT_LABEL] = point_labels(name, keys, columns, list(frame[s.SWEEP_SCENARIO]))
    order = [s.SWEEP_SCENARIO, s.POINT_LABEL] + keys
    frame = frame[order + [c for c in frame.columns if c not in order]]
    frame.attrs.update(attrs)
    return frame


def read_sweep(f, name, groups, variables, path, flat):
    """The sweep NAME as one Dataset over `point`: read from its group
    (`flat`, schema 4) or stacked from its points' scenario groups."""
    design = sweep_design(f, name, path)
    if design.empty:
        raise HavensResultError(path, f"sweep {name!r} has no points")
    if flat:
        return read_flat_sweep(f[f"{s.SWEEPS}/{name}"], design, groups, variables, path)
    return stack_point_groups(f, name, design, groups, variables, path)


def stack_point_groups(f, name, design, groups, variables, path):
    """Schema 1-3: the points' scenario groups stacked along `point`."""
    attrs = design.attrs
    keys = attrs[s.SWEEP_KEYS]
    scenarios = list(design[s.SWEEP_SCENARIO])
    missing = [p for p in scenarios if f"{s.SCENARIOS}/{p}" not in f]
    if missing:
        raise HavensResultError(path, f"sweep {name!r}: point groups missing: {missing[:3]}")

    first = f[f"{s.SCENARIOS}/{scenarios[0]}"]
    wanted = list(groups) if variables is None else list(s.SCENARIO_GROUPS)
    layouts = {g: group_layout(first[g]) for g in wanted if g in first}
    stacked, coords = {}, {}
    for g, (group_coords, group_vars) in layouts.items():
        for var, dims in group_vars.items():
            chosen = (var in variables) if variables is not None else not LARGE_DIMS & set(dims)
            if chosen and var not in stacked:
                stacked[var] = (g, dims)
        for coord, dims in group_coords.items():
            item = first[g][coord]
            coords.setdefault(coord, (dims, decoded(item, decode(item[()])),
                                      variable_attrs(item)))
    if variables is not None:
        unknown = sorted(set(variables) - set(stacked))
        if unknown:
            raise HavensResultError(path, f"sweep {name!r}: no variables named {unknown}")

    data = {}
    for var, (g, dims) in stacked.items():
        items = [f[f"{s.SCENARIOS}/{p}/{g}/{var}"] for p in scenarios]
        arrays = [decoded(item, item[()]) for item in items]  # "never" as NaN
        data[var] = ((s.POINT,) + tuple(dims), stack_points(arrays, dims, f"{g}/{var}", name,
                                                            path), variable_attrs(items[0]))
    used = {d for dims, *_ in data.values() for d in dims}
    coords = {c: v for c, v in coords.items() if set(v[0]) <= used}
    with_replicates = next((g for g in layouts if s.REPLICATE in layouts[g][0]), None)
    if s.REPLICATE in used and with_replicates:
        runs = [len(f[f"{s.SCENARIOS}/{p}/{with_replicates}/{s.REPLICATE}"]) for p in scenarios]
        coords[s.REPLICATE] = ((s.REPLICATE,), np.arange(max(runs)))
        coords["replicates_run"] = (s.POINT, np.array(runs))  # differ under adaptive replication
    coords[s.POINT] = (s.POINT, design.index.values.astype(int))
    coords["scenario"] = (s.POINT, np.array(scenarios, dtype=object))
    coords[s.POINT_LABEL] = (s.POINT, np.array(list(design[s.POINT_LABEL]), dtype=object))
    for key in keys:
        coords[key] = (s.POINT, design[key].values)
    for extra in (s.SALTELLI_MATRIX, s.SALTELLI_COLUMN, s.SALTELLI_ROW):
        if extra in design:
            coords[extra] = (s.POINT, design[extra].values)

    options = {k: attr_value(v) for k, v in first.attrs.items()
               if k not in s.SCENARIO_META_ATTRS and k not in keys
               and k not in (s.POINT_SWEEP_ATTR, s.POINT_INDEX_ATTR, "name")}
    ds = xr.Dataset(data, coords=coords)
    ds.attrs = dict(options, sweep=name, **{k: v for k, v in attrs.items()
                                             if k != s.SWEEP_KEYS})
    ds.attrs[s.SWEEP_KEYS] = list(keys)
    return ds


def stack_points(arrays, dims, what, name, path):
    """Stacks one variable over the points. With adaptive replication points
    may have run different numbers of replicates: the shorter ones are padded
    with NaN along `replicate` (the variable becomes float), so statistics
    that skip NaN and pairs matched by replicate still hold."""
    shapes = {a.shape for a in arrays}
    if len(shapes) == 1:
        return np.stack(arrays)
    if s.REPLICATE in dims:
        axis = dims.index(s.REPLICATE)
        rest = {a.shape[:axis] + a.shape[axis + 1:] for a in arrays}
        if len(rest) == 1:
            longest = max(a.shape[axis] for a in arrays)
            padded = []
            for a in arrays:
                widths = [(0, 0)] * a.ndim
                widths[axis] = (0, longest - a.shape[axis])
                padded.append(np.pad(a.astype(float), widths, constant_values=np.nan))
            return np.stack(padded)
    raise HavensResultError(path, f"sweep {name!r}: {what} differs in shape between points "
                            f"({sorted(shapes)})")


def swept_keys(ds):
    """The swept keys of a sweep Dataset, in the design's order."""
    keys = ds.attrs.get(s.SWEEP_KEYS, [])
    return [keys] if isinstance(keys, str) else list(keys)


def select_points(ds, **values):
    """The points whose swept keys equal the given values. Keys contain dots,
    so pass them as a dict: select_points(ds, **{"treaty.threshold": 40})."""
    mask = np.ones(ds.sizes[s.POINT], dtype=bool)
    for key, value in values.items():
        if key not in ds.coords:
            raise KeyError(f"{key!r} is not a swept key (swept: {swept_keys(ds)})")
        column = ds[key].values
        if column.dtype.kind == "f":
            mask &= np.isclose(column.astype(float), float(value))
        else:
            mask &= column == value
    return ds.isel({s.POINT: np.flatnonzero(mask)})


def grid(ds):
    """A grid sweep with one axis per swept key instead of `point`, so that
    ds.sel({"treaty.threshold": 40}) works. Only for full grid designs."""
    keys = swept_keys(ds)
    if ds.attrs.get(s.SWEEP_DESIGN) != "grid":
        raise ValueError(f"grid() needs a grid design, this sweep is "
                         f"{ds.attrs.get(s.SWEEP_DESIGN)!r}")
    drop = [c for c in ("scenario", s.POINT_LABEL, s.SALTELLI_MATRIX, s.SALTELLI_COLUMN,
                        s.SALTELLI_ROW) if c in ds.coords]
    index = pd.MultiIndex.from_arrays([ds[k].values for k in keys], names=keys)
    out = ds.drop_vars(drop + keys + [s.POINT])
    cells = int(np.prod([len(level) for level in index.levels]))
    if not index.is_unique or cells != len(index):
        raise ValueError("grid() needs every combination of the swept values exactly once")
    # The grid is complete, so the fill value is never used; it only keeps
    # integer arrays integer.
    return out.assign_coords({s.POINT: index}).unstack(s.POINT, fill_value=0)
