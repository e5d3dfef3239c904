"""The structure of a result file, checked before the package reads it, as
`havens info` checks it (sim/io/result_info.cpp): a damaged file is refused
with one HavensResultError naming the file and the object, rather than
failing later inside xarray or pandas."""
import json

import h5py
import numpy as np

from . import schema as s
from .errors import HavensResultError
from .h5read import auxiliary_coordinates, is_scale


def check_file(path, f):
    """The schema version, the provenance, the world's states, in every
    scenario group the timeseries, its replicate and month coordinates and the
    summary; each sweep's design and (schema 4) its arrays' point axis."""
    if s.SCHEMA_VERSION_ATTR not in f.attrs:
        raise HavensResultError(path, "not a havens result: an HDF5 file without "
                                "the root attribute schema_version")
    if s.SCENARIOS not in f:
        raise HavensResultError(path, "not a havens result: no /scenarios group")
    version = _integer_attr(path, f, s.SCHEMA_VERSION_ATTR)
    if version > s.SCHEMA_VERSION:
        raise HavensResultError(path, f"schema_version {version} is newer than this "
                                f"havens_analysis reads ({s.SCHEMA_VERSION}): update it")
    if version < 1:
        _damaged(path, "attribute schema_version of /", f"schema {version} is not one "
                 f"this havens_analysis reads (1 to {s.SCHEMA_VERSION})")
    for name in (s.HAVENS_VERSION, s.GIT_REVISION, s.CREATED_UTC, s.COMMAND_LINE):
        _string_attr(path, f, name)
    _integer_attr(path, f, s.SEED)
    world = _group(path, _group(path, f, s.WORLD), "states")
    _dataset(path, world, s.STATE, 1, strings=True)
    scenarios = _group(path, f, s.SCENARIOS)
    sweeps = _group(path, f, s.SWEEPS) if s.SWEEPS in f else {}
    flat = version >= s.FLAT_SWEEPS
    # A file of one sweep has no scenario group from schema 4 on.
    if not list(scenarios.keys()) and not (flat and list(sweeps.keys())):
        _damaged(path, "/scenarios", "no scenario group" + (" and no sweep" if flat else ""))
    if s.SCENARIO_ORDER_ATTR in f.attrs:
        _scenario_order(path, f, scenarios, sweeps if flat else {})
    for name in sweeps:
        if flat:
            _check_flat_sweep(path, _group(path, sweeps, name))
        else:
            _check_sweep(path, _group(path, sweeps, name), scenarios)
    for name in scenarios:
        _check_scenario(path, f, _group(path, scenarios, name), flat)


def _damaged(path, where, problem):
    raise HavensResultError(path, f"{where}: {problem} (not a valid havens result file)")


def _attr(path, obj, name, kinds, what):
    where = f"attribute {name} of {obj.name}"
    if name not in obj.attrs:
        _damaged(path, where, "missing")
    try:
        value = obj.attrs[name]
    except (OSError, TypeError, ValueError) as err:
        _damaged(path, where, f"cannot be read ({err})")
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value[()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            _damaged(path, where, "not UTF-8 text")
    if isinstance(value, bool) or not isinstance(value, kinds):
        _damaged(path, where, f"expected {what}")
    return value


def _integer_attr(path, obj, name):
    return _attr(path, obj, name, int, "an integer")


def _string_attr(path, obj, name):
    return _attr(path, obj, name, str, "a string")


def _json_list(path, obj, name, what):
    """A string attribute holding a JSON list of strings."""
    text = _string_attr(path, obj, name)
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _damaged(path, f"attribute {name} of {obj.name}", f"expected a JSON list of {what}")
    return value


def _child(path, parent, name, cls, what):
    where = f"{parent.name.rstrip('/')}/{name}"
    if parent.get(name, getlink=True) is None:
        _damaged(path, where, f"missing {what}")
    try:
        item = parent[name]
    except (KeyError, OSError):
        _damaged(path, where, "cannot be opened")
    if not isinstance(item, cls):
        _damaged(path, where, f"not a {what}")
    return item


def _group(path, parent, name):
    return _child(path, parent, name, h5py.Group, "group")


def _dataset(path, parent, name, rank, strings=False, either=False):
    """A dataset of `rank` dimensions holding numbers (or strings); its shape."""
    item = _child(path, parent, name, h5py.Dataset, "dataset")
    if item.ndim != rank:
        _damaged(path, item.name, f"expected {rank} dimension{'s' if rank != 1 else ''}, "
                                  f"got {item.ndim}")
    string = h5py.check_string_dtype(item.dtype) is not None
    number = item.dtype.kind in ("i", "u", "f")
    if either and not (string or number):
        _damaged(path, item.name, "expected numbers or strings")
    if not either and strings and not string:
        _damaged(path, item.name, "expected strings")
    if not either and not strings and not number:
        _damaged(path, item.name, "expected numbers")
    return item.shape


def _dataset_of_shape(path, parent, name, shape, axes, **kind):
    got = _dataset(path, parent, name, len(shape), **kind)
    if tuple(got) != tuple(shape):
        _damaged(path, f"{parent.name}/{name}",
                 f"expected shape {_shape_text(shape)} {axes}, got {_shape_text(got)}")


def _shape_text(shape):
    return "(" + ", ".join(str(n) for n in shape) + ")"


def _is_group_of(scenarios, name):
    return bool(name) and "/" not in name and isinstance(scenarios.get(name), h5py.Group)


def _scenario_order(path, f, scenarios, sweeps):
    """Each name a scenario group, or (schema 4) a sweep."""
    for name in _json_list(path, f, s.SCENARIO_ORDER_ATTR, "scenario groups"):
        if not (_is_group_of(scenarios, name) or (sweeps and _is_group_of(sweeps, name))):
            where = "no group of /scenarios" + (" or /sweeps" if sweeps else "")
            _damaged(path, f"attribute {s.SCENARIO_ORDER_ATTR} of /",
                     f"names {name!r}, which is {where}")


def _check_sweep(path, sweep, scenarios):
    (points,) = _dataset(path, sweep, s.POINT, 1)
    _string_attr(path, sweep, s.SWEEP_DESIGN)
    for key in _json_list(path, sweep, s.SWEEP_KEYS, "scenario keys"):
        _dataset_of_shape(path, sweep, key, (points,), "[point]", either=True)
    _dataset_of_shape(path, sweep, s.SWEEP_SCENARIO, (points,), "[point]", strings=True)
    for name in sweep[s.SWEEP_SCENARIO].asstr()[()]:
        if not _is_group_of(scenarios, name):
            _damaged(path, f"{sweep.name}/{s.SWEEP_SCENARIO}",
                     f"names {name!r}, which is no group of /scenarios")


# The series `havens info` and the summaries read: [replicate, month] each.
_REQUEST_SERIES = ("requests_issued", "requests_sent", "granted_pretextual",
                   "granted_legitimate", "refused_pretextual", "refused_legitimate",
                   "share_exiles_in_safe_haven")
# The exile risk and its parts: absent from files written before them.
_RISK_SERIES = ("exile_risk", "exile_risk_data", "exile_risk_bodily")


def _check_scenario(path, f, group, flat):
    if not flat and s.POINT_SWEEP_ATTR in group.attrs:
        sweep = _string_attr(path, group, s.POINT_SWEEP_ATTR)
        sweeps = _group(path, f, s.SWEEPS)
        if not _is_group_of(sweeps, sweep):
            _damaged(path, f"attribute {s.POINT_SWEEP_ATTR} of {group.name}",
                     f"names {sweep!r}, but there is no design table /sweeps/{sweep}")
    series = _group(path, group, s.TIMESERIES)
    shape = _dataset(path, series, "parties", 2)
    if shape[0] == 0 or shape[1] == 0:
        _damaged(path, f"{series.name}/parties", "expected at least one replicate and one "
                 f"month, got shape {_shape_text(shape)}")
    _dataset_of_shape(path, series, s.REPLICATE, shape[:1], "[replicate]")
    _dataset_of_shape(path, series, s.MONTH, shape[1:], "[month]")
    _check_series(path, series, _group(path, group, s.SUMMARY), shape, ())


def _check_series(path, series, summary, shape, lead):
    """The arrays `havens info` and the summaries read, [replicate] and
    [replicate, month] after the `lead` axes (a sweep's point)."""
    required = ["entry_into_force_month", "protocol_adopted_month"]
    if "cosp_first_month" in summary:
        required += ["cosp_first_month", "protocol_draft_month"]
    before = "".join(f"{axis}, " for axis in lead)
    for name in required:
        _dataset_of_shape(path, summary, name, shape[:len(lead) + 1], f"[{before}replicate]")
    if "requests_issued" in series:
        for name in _REQUEST_SERIES + tuple(n for n in _RISK_SERIES if n in series):
            _dataset_of_shape(path, series, name, shape, f"[{before}replicate, month]")


def _check_flat_sweep(path, sweep):
    """Schema 4: the design as coordinates on `point` (each swept key, each
    point's name and the replicates it ran), and every array of the group
    leading with the point axis."""
    (points,) = _dataset(path, sweep, s.POINT, 1)
    _string_attr(path, sweep, s.SWEEP_DESIGN)
    for key in _json_list(path, sweep, s.SWEEP_KEYS, "scenario keys"):
        _dataset_of_shape(path, sweep, key, (points,), "[point]", either=True)
    _dataset_of_shape(path, sweep, s.SWEEP_SCENARIO, (points,), "[point]", strings=True)
    _dataset_of_shape(path, sweep, s.REPLICATES_RUN, (points,), "[point]")
    (slots,) = _dataset(path, sweep, s.REPLICATE, 1)
    (months,) = _dataset(path, sweep, s.MONTH, 1)
    runs = sweep[s.REPLICATES_RUN][()]
    outside = runs[(runs < 1) | (runs > slots)]
    if outside.size:
        _damaged(path, f"{sweep.name}/{s.REPLICATES_RUN}",
                 f"expected 1 to {slots} replicates per point, got {outside[0]}")
    axes = auxiliary_coordinates(sweep)
    for name, item in sweep.items():
        if not isinstance(item, h5py.Dataset) or is_scale(item) or name in axes:
            continue
        if item.ndim == 0 or item.shape[0] != points:
            _damaged(path, item.name, f"expected {points} along its point axis, got shape "
                                      f"{_shape_text(item.shape)}")
    shape = (points, slots, months)
    _dataset_of_shape(path, sweep, "parties", shape, "[point, replicate, month]")
    _check_series(path, sweep, sweep, shape, (s.POINT,))


def _check_layout(path, group, ds):
    """After a group is read: every axis of every array is labelled by a
    coordinate of the group (an axis whose dimension scale is lost reads as
    dim_N)."""
    for name, var in ds.variables.items():
        for axis, dim in enumerate(var.dims):
            if dim not in ds.coords:
                _damaged(path, f"{group.name}/{name}",
                         f"axis {axis} has no coordinate (a dimension scale of the group)")
