"""A sweep as schema 4 writes it: one group, /sweeps/NAME, whose arrays lead
with the point axis (parties [point, replicate, month], ...) and whose design
is a set of coordinates on `point` (each swept key, the point's name
`scenario`, the replicates it ran). The options the points share are the
group's attributes. Under adaptive replication points run different numbers
of replicates: the slots past a point's replicates_run hold fill values,
which are masked here as NaN, as the stacked point groups of older files
were padded."""
import json

import numpy as np
import xarray as xr

from . import schema as s
from .errors import HavensResultError
from .h5read import attr_value, decode, decoded, dimension_names, group_layout, read_group
from .h5read import variable_attrs

# Axes that make a variable too large to read over many points by default.
LARGE_DIMS = {s.ORIGIN, s.HOST}
# Group attributes that describe the sweep, not an option of its points.
SWEEP_ATTRS = (s.SWEEP_DESIGN, s.SWEEP_KEYS, s.SWEEP_BASE_SAMPLES, s.INTERVAL_LEVEL_ATTR)


def point_columns(group):
    """The [point] datasets of a sweep group: its design, one value per point."""
    return [name for name, item in group.items()
            if hasattr(item, "dtype") and dimension_names(item) == (s.POINT,)]


def variable_group(dims):
    """The scenario group a variable of a flat sweep belongs to, from its axes
    (the file no longer says): per month, a time series; per pair of states,
    a flow; per state or article, a state's record; else a summary (the
    posterior's draws too)."""
    if s.MONTH in dims:
        return s.TIMESERIES
    if s.ORIGIN in dims and s.HOST in dims:
        return s.FLOWS
    if s.STATE in dims or s.ARTICLE in dims:
        return s.STATES
    return s.SUMMARY


def mask_unrun(ds, runs):
    """The replicate axis cut to the most replicates any point ran, and each
    point's slots past its own count as NaN (integer arrays become float
    then, as they did when points were padded)."""
    most = int(runs.max()) if runs.size else 0
    ds = ds.isel({s.REPLICATE: slice(0, most)})
    if (runs == most).all():
        return ds
    ran = xr.DataArray(np.arange(most)[None, :] < runs[:, None], dims=(s.POINT, s.REPLICATE))
    for name, var in ds.data_vars.items():
        if s.REPLICATE in var.dims:
            ds[name] = var.where(ran).assign_attrs(var.attrs)
    return ds


def read_flat_sweep(group, design, groups, variables, path):
    """The sweep as one Dataset: the variables of `groups` without an origin
    or host axis, or those named in `variables`; the design's columns (and
    each point's label) as coordinates on `point`; the shared options as
    attributes."""
    name = group.name.rsplit("/", 1)[-1]
    coords, data_vars = group_layout(group)
    columns = set(point_columns(group))
    data_vars = {v: dims for v, dims in data_vars.items() if v not in columns}
    if variables is None:
        chosen = [v for v, dims in data_vars.items()
                  if variable_group(dims) in groups and not LARGE_DIMS & set(dims)]
    else:
        unknown = sorted(set(variables) - set(data_vars))
        if unknown:
            raise HavensResultError(path, f"sweep {name!r}: no variables named {unknown}")
        chosen = [v for v in data_vars if v in variables]
    used = {d for v in chosen for d in data_vars[v]}
    coords = {c: dims for c, dims in coords.items() if c not in columns and set(dims) <= used}
    ds = read_group(group, variables=chosen, layout=(coords, data_vars))
    runs = design[s.REPLICATES_RUN].to_numpy(dtype=np.int64)
    if s.REPLICATE in ds.dims:
        ds = mask_unrun(ds, runs)
    shown = [s.REPLICATES_RUN, s.SWEEP_SCENARIO, s.POINT_LABEL]
    ds = ds.assign_coords({s.POINT: design.index.to_numpy(dtype=np.int64)})
    ds = ds.assign_coords({c: (s.POINT, design[c].to_numpy())
                           for c in shown + [c for c in design.columns if c not in shown]})
    keys = list(design.attrs[s.SWEEP_KEYS])
    ds.attrs = {k: v for k, v in design.attrs.items()
                if k not in s.SCENARIO_META_ATTRS and k not in SWEEP_ATTRS and k != "name"}
    ds.attrs.update({s.POINT_SWEEP_ATTR: name, s.SWEEP_DESIGN: design.attrs[s.SWEEP_DESIGN]})
    if s.SWEEP_BASE_SAMPLES in design.attrs:
        ds.attrs[s.SWEEP_BASE_SAMPLES] = design.attrs[s.SWEEP_BASE_SAMPLES]
    ds.attrs[s.SWEEP_KEYS] = keys
    return ds


def read_point(group, p, runs):
    """Point p of a sweep group as a scenario's Dataset: every variable
    (flows included), without the point axis and the slots it did not run."""
    coords, data_vars = group_layout(group)
    columns = set(point_columns(group))
    variables = {}
    for name, dims in data_vars.items():
        if name in columns or dims[:1] != (s.POINT,):
            continue
        item = group[name]
        where = (p, slice(0, runs)) if dims[1:2] == (s.REPLICATE,) else (p,)
        variables[name] = (dims[1:], decoded(item, decode(item[where])), variable_attrs(item))
    used = {d for dims, _, _ in variables.values() for d in dims}
    axes = {}
    for name, dims in coords.items():
        if name in columns or not set(dims) <= used:
            continue
        item = group[name]
        values = item[:runs] if name == s.REPLICATE else item[()]
        axes[name] = (dims, decoded(item, decode(values)), variable_attrs(item))
    return xr.Dataset(variables, coords=axes)


def point_attrs(group, design, p):
    """The attributes a point's scenario group had before schema 4: the
    options with the point's swept values (in config_json too), its name,
    sweep and index, and the replicates it ran."""
    keys = list(design.attrs[s.SWEEP_KEYS])
    row = design.loc[p]
    attrs = {k: attr_value(v) for k, v in group.attrs.items() if k not in SWEEP_ATTRS}
    config = json.loads(attrs.get(s.CONFIG_JSON, "{}"))
    for key in keys:
        value = row[key].item() if isinstance(row[key], np.generic) else row[key]
        attrs[key] = value
        *parents, last = key.split(".")
        node = config
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = bool(value) if is_boolean(group, key) else value
    attrs[s.CONFIG_JSON] = json.dumps(config, separators=(",", ":"))
    attrs.update({"name": row[s.SWEEP_SCENARIO], s.POINT_SWEEP_ATTR: group.name.rsplit("/", 1)[-1],
                  s.POINT_INDEX_ATTR: int(p), s.REPLICATES_RUN: int(row[s.REPLICATES_RUN])})
    return attrs


def is_boolean(group, key):
    """Booleans are stored 0 and 1, with units "true/false"."""
    return attr_value(group[key].attrs.get(s.UNITS, "")) == "true/false"
