"""Rewrites the sweeps of a result file into the layout of schemas 1 to 3:
one scenario group /scenarios/NAME_pNNNN per point (timeseries, states,
flows, summary, events, each with its own dimension scales) and the design
alone in /sweeps/NAME. The engine writes only schema 4 now; the tests
compare the package's reading of the two layouts of the same runs, so that
files written by older engines stay readable."""
import json
import shutil

import h5py
import numpy as np

from conftest import write_checksum
from havens_analysis.h5read import dimension_names

# HDF5 bookkeeping of a dataset, remade rather than copied.
SCALE_ATTRS = ("CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST")
# Attributes of the sweep group that stay with the design.
DESIGN_ATTRS = ("design", "keys", "base_samples")


def axes_of(item):
    return list(dimension_names(item))


def group_of(name, dims):
    """The scenario group a variable was written to before schema 4."""
    if name in ("draw", "parameters"):
        return "posterior"
    if "month" in dims:
        return "timeseries"
    if "origin" in dims and "host" in dims:
        return "flows"
    if "state" in dims or "article" in dims:
        return "states"
    return "summary"


def copy_attrs(source, target):
    for key, value in source.attrs.items():
        if key not in SCALE_ATTRS:
            target.attrs[key] = value


def axis(group, sweep, dim, runs):
    """The dimension scale `dim` of a point's group, made on first use."""
    if dim not in group:
        source = sweep[dim]
        values = source[:runs] if dim == "replicate" else source[()]
        made = group.create_dataset(dim, data=values, dtype=source.dtype)
        copy_attrs(source, made)
        made.make_scale(dim)
    return group[dim]


def as_schema3(source, target):
    """Copies `source` (schema 4) to `target` in the older layout."""
    shutil.copy(source, target)
    with h5py.File(target, "r+") as f:
        f.attrs["schema_version"] = 3
        order = json.loads(f.attrs.get("scenario_order", "[]"))
        for name in list(f["sweeps"]):
            sweep = f[f"sweeps/{name}"]
            points = list(sweep["scenario"].asstr()[()])
            runs = sweep["replicates_run"][()]
            keys = json.loads(sweep.attrs["keys"])
            design = {n for n, item in sweep.items()
                      if isinstance(item, h5py.Dataset) and axes_of(item) == ["point"]}
            for p, point in enumerate(points):
                write_point(f, sweep, p, point, int(runs[p]), keys, design)
            for item in [n for n in sweep if n not in design or n == "replicates_run"]:
                del sweep[item]
            for key in [k for k in sweep.attrs if k not in DESIGN_ATTRS]:
                del sweep.attrs[key]
            at = order.index(name) if name in order else len(order)
            order[at:at + 1] = points
        f.attrs["scenario_order"] = json.dumps(order)
    write_checksum(target)


def write_point(f, sweep, p, point, runs, keys, design):
    group = f["scenarios"].create_group(point)
    for key, value in sweep.attrs.items():
        if key not in DESIGN_ATTRS and key != "interval_level":
            group.attrs[key] = value
    for key in keys:
        group.attrs[key] = sweep[key][p]
    group.attrs.update({"name": point, "sweep": sweep.name.rsplit("/", 1)[-1], "point": p,
                        "replicates_run": runs})
    for name, item in sweep.items():
        if not isinstance(item, h5py.Dataset) or name in design:
            continue
        dims = axes_of(item)
        if dims[0] != "point":
            continue  # an axis of the group
        dims = dims[1:]
        part = group.require_group(group_of(name, dims))
        data = item[p, :runs] if dims[:1] == ["replicate"] else item[p]
        made = part.create_dataset(name, data=data, dtype=item.dtype)
        copy_attrs(item, made)
        for i, dim in enumerate(dims):
            made.dims[i].attach_scale(axis(part, sweep, dim, runs))
        if "coordinates" in item.attrs and "date" not in part:
            date = part.create_dataset("date", data=sweep["date"][()])
            copy_attrs(sweep["date"], date)
            date.dims[0].attach_scale(axis(part, sweep, "month", runs))
    if "events" in sweep:
        write_events(sweep["events"], group.create_group("events"), p)


def write_events(log, events, p):
    rows = log["point"][()] == p
    request = events.create_dataset("request", data=np.arange(rows.sum(), dtype=np.int64))
    copy_attrs(log["request"], request)
    request.make_scale("request")
    for name, item in log.items():
        if name not in ("point", "request"):
            made = events.create_dataset(name, data=item[()][rows], dtype=item.dtype)
            copy_attrs(item, made)
            made.dims[0].attach_scale(request)
