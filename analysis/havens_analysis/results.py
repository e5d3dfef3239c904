"""open_results: a havens result file as labelled xarray Datasets.

A scenario's four groups (timeseries, states, flows, summary) share the
replicate axis, so they merge into one Dataset whose attributes are the
scenario's resolved options ("treaty.threshold", ...). The package adds a few
labels the file leaves implicit: the calendar date of each month and the UN
region of each state, origin and host. Datasets are read when first asked for
and then kept; the file is opened only for each read, never held open."""
import collections.abc
import json
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from . import schema as s
from .errors import HavensResultError
from .events import read_events
from .h5read import attr_value, read_group
from .sweeps import read_sweep, sweep_design


def open_results(path):
    """Opens a result file written by `havens run`; raises HavensResultError
    (one line, naming the path) for anything that is not one."""
    return Results(path)


def month_dates(months):
    """The first day of each simulated month (month 0 is October 2025)."""
    start = pd.Period(s.CALENDAR_START, freq="M")
    return np.array([(start + int(m)).to_timestamp() for m in months], dtype="datetime64[ns]")


def scenario_options(ds):
    """The scenario keys among a Dataset's attributes (the file texts and the
    package's own labels left out)."""
    skip = set(s.SCENARIO_META_ATTRS) | {"scenario", s.POINT_SWEEP_ATTR, s.POINT_INDEX_ATTR}
    return {k: v for k, v in ds.attrs.items() if k not in skip}


def _given_order(f, groups):
    """The scenario groups in the order the command line gave them (the root's
    scenario_order); HDF5 itself lists them alphabetically."""
    names = sorted(groups.keys())
    if s.SCENARIO_ORDER_ATTR not in f.attrs:
        return names
    order = [n for n in json.loads(attr_value(f.attrs[s.SCENARIO_ORDER_ATTR])) if n in groups]
    return order + [n for n in names if n not in order]


class _Lazy(collections.abc.Mapping):
    """A read-only mapping whose values are loaded on first access."""

    def __init__(self, names, load):
        self._names = list(names)
        self._load = load
        self._cache = {}

    def __getitem__(self, name):
        if name not in self._names:
            raise KeyError(name)
        if name not in self._cache:
            self._cache[name] = self._load(name)
        return self._cache[name]

    def __contains__(self, name):
        return name in self._names  # without loading it

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._names)

    def __repr__(self):
        return f"<{len(self)} datasets: {', '.join(self._names)}>"


class Results:
    """One result file. `scenarios` and `sweeps` map names to Datasets;
    `world` is the states table; `provenance` the root attributes."""

    def __init__(self, path):
        self.path = Path(path)
        with self._open() as f:
            self._check(f)
            self.provenance = {k: attr_value(f.attrs[k]) for k in s.PROVENANCE_ATTRS
                               if k in f.attrs}
            self.scenario_toml = attr_value(f.attrs.get(s.SCENARIO_TOML, ""))
            self.schema_version = int(self.provenance[s.SCHEMA_VERSION_ATTR])
            groups = f[s.SCENARIOS]
            names = _given_order(f, groups)
            point_of = {n: attr_value(groups[n].attrs[s.POINT_SWEEP_ATTR])
                        for n in names if s.POINT_SWEEP_ATTR in groups[n].attrs}
            self.scenario_names = [n for n in names if n not in point_of]
            self.sweep_names = sorted(f[s.SWEEPS].keys()) if s.SWEEPS in f else []
            self.world = read_group(f[s.WORLD_STATES]) if s.WORLD_STATES in f else None
            self.edges = read_group(f[s.WORLD_EDGES]) if s.WORLD_EDGES in f else None
        self._all_names = names
        self._point_labels = None
        self.scenarios = _Lazy(self.scenario_names, self.scenario)
        self.sweeps = _Lazy(self.sweep_names, self.sweep)

    def _open(self):
        if not self.path.exists():
            raise HavensResultError(self.path, "no such file")
        if self.path.is_dir():
            raise HavensResultError(self.path, "is a directory, not a havens result file")
        try:
            return h5py.File(self.path, "r")
        except OSError as err:
            raise HavensResultError(self.path, "not an HDF5 file, so not a havens result "
                                    f"({str(err).splitlines()[0]})") from None

    def _check(self, f):
        """What the package reads, checked before it is read (as `havens info`
        checks it): the schema version, the provenance, the world's states, and
        in every scenario group the timeseries, its replicate and month
        coordinates and the summary; the sweeps' design tables. A damaged file
        is refused with one HavensResultError naming the file and the object."""
        if s.SCHEMA_VERSION_ATTR not in f.attrs:
            raise HavensResultError(self.path, "not a havens result: an HDF5 file without "
                                    "the root attribute schema_version")
        if s.SCENARIOS not in f:
            raise HavensResultError(self.path, "not a havens result: no /scenarios group")
        version = _integer_attr(self.path, f, s.SCHEMA_VERSION_ATTR)
        if version > s.SCHEMA_VERSION:
            raise HavensResultError(self.path, f"schema_version {version} is newer than this "
                                    f"havens_analysis reads ({s.SCHEMA_VERSION}): update it")
        if version < 1:
            _damaged(self.path, "attribute schema_version of /", f"schema {version} is not one "
                     f"this havens_analysis reads (1 to {s.SCHEMA_VERSION})")
        for name in (s.HAVENS_VERSION, s.GIT_REVISION, s.CREATED_UTC, s.COMMAND_LINE):
            _string_attr(self.path, f, name)
        _integer_attr(self.path, f, s.SEED)
        world = _group(self.path, _group(self.path, f, s.WORLD), "states")
        _dataset(self.path, world, s.STATE, 1, strings=True)
        scenarios = _group(self.path, f, s.SCENARIOS)
        if not list(scenarios.keys()):
            _damaged(self.path, "/scenarios", "no scenario group")
        if s.SCENARIO_ORDER_ATTR in f.attrs:
            _scenario_order(self.path, f, scenarios)
        if s.SWEEPS in f:
            sweeps = _group(self.path, f, s.SWEEPS)
            for name in sweeps:
                _check_sweep(self.path, _group(self.path, sweeps, name), scenarios)
        for name in scenarios:
            _check_scenario(self.path, f, _group(self.path, scenarios, name))

    def __repr__(self):
        p = self.provenance
        return (f"<havens result {self.path}: havens {p.get(s.HAVENS_VERSION)}, "
                f"scenarios {self.scenario_names}, sweeps {self.sweep_names}>")

    # --- scenarios ---------------------------------------------------------

    def scenario(self, name):
        """One scenario group (a sweep point too, by its group name or its
        label) as a merged, labelled Dataset."""
        name = self.group_of(name)
        if name not in self._all_names:
            raise HavensResultError(self.path, f"no scenario named {name!r} (the file has "
                                    f"{', '.join(self._all_names) or 'none'})")
        with self._open() as f:
            group = f[f"{s.SCENARIOS}/{name}"]
            present = [g for g in s.SCENARIO_GROUPS if g in group]
            parts = [self._read_checked(group[g]) for g in present]
            attrs = {k: attr_value(v) for k, v in group.attrs.items()}
            where = group.name
        try:
            ds = merge_parts(parts, present)
        except ValueError as err:  # axes of one name but different lengths
            raise HavensResultError(self.path, f"{where}: its groups do not share their axes "
                                    f"({err}) (not a valid havens result file)") from None
        ds.attrs = dict(attrs, scenario=name)
        return self.label(ds)

    def _read_checked(self, group):
        """read_group, with a damaged layout (a lost dimension scale, an array
        whose length disagrees with its coordinate) as a HavensResultError."""
        try:
            ds = read_group(group)
        except (AttributeError, KeyError, ValueError, IndexError, TypeError, OSError) as err:
            raise HavensResultError(self.path, f"{group.name}: cannot be read as labelled arrays "
                                    f"({type(err).__name__}: {err}) (not a valid havens result "
                                    "file)") from None
        _check_layout(self.path, group, ds)
        return ds

    def label(self, ds):
        """Adds the calendar date of each month, the UN region of each state,
        origin and host, and the Freedom House status of each state (which
        outcomes such as legitimate_refusal_share_free need)."""
        if s.MONTH in ds.dims and "date" not in ds.coords:  # schema 1-2 files lack it
            ds = ds.assign_coords(date=(s.MONTH, month_dates(ds[s.MONTH].values)))
        if self.world is None:
            return ds
        for column, dim, coord in ((s.REGION, s.STATE, "region"),
                                   (s.REGION, s.ORIGIN, "origin_region"),
                                   (s.REGION, s.HOST, "host_region"),
                                   (s.FH_STATUS, s.STATE, s.FH_STATUS)):
            if column in self.world and dim in ds.dims:
                table = self.world[column].to_series()
                labels = table.reindex(ds[dim].values).fillna("").values.astype(object)
                ds = ds.assign_coords({coord: (dim, labels)})
        return ds

    def options(self, scenarios=None):
        """The scenarios' resolved options: one row per scenario, one column per key."""
        names = self.scenario_names if scenarios is None else list(scenarios)
        rows = {}
        with self._open() as f:
            for name in names:
                attrs = {k: attr_value(v) for k, v in f[f"{s.SCENARIOS}/{name}"].attrs.items()}
                rows[name] = {k: v for k, v in attrs.items() if k not in s.SCENARIO_META_ATTRS}
        return pd.DataFrame.from_dict(rows, orient="index")

    def config(self, name):
        """A scenario's resolved configuration as nested dicts."""
        return json.loads(self.scenario(name).attrs.get(s.CONFIG_JSON, "{}"))

    def events(self, name):
        """The per-request event log (output.request_log = true) as a DataFrame."""
        with self._open() as f:
            path = f"{s.SCENARIOS}/{name}/{s.EVENTS}"
            if path not in f:
                raise HavensResultError(self.path, f"scenario {name!r} has no event log (run "
                                        "with --set output.request_log=true)")
            return read_events(f[path], self.world)

    # --- sweeps ------------------------------------------------------------

    def sweep(self, name, groups=(s.TIMESERIES, s.STATES, s.SUMMARY), variables=None):
        """A sweep's points stacked along `point`, its swept keys as coordinates.
        By default the per-origin and per-pair arrays (safe_havens, flows) are
        left out to keep large sweeps in memory; name them in `variables`."""
        if name not in self.sweep_names:
            raise HavensResultError(self.path, f"no sweep named {name!r} (the file has "
                                    f"{', '.join(self.sweep_names) or 'none'})")
        with self._open() as f:
            ds = read_sweep(f, name, groups, variables, self.path)
        return self.label(ds)

    def points(self, name):
        """A sweep's points as scenarios, keyed by their labels
        ("thresholds[threshold=40, protocol_threshold=60]", sweeps.point_labels),
        for the figures and tables that take a mapping of scenarios."""
        design = self.design(name)
        return {row[s.POINT_LABEL]: self.scenario(row[s.SWEEP_SCENARIO])
                for _, row in design.iterrows()}

    @property
    def point_labels(self):
        """{group: label} of every point of every sweep, in the file's order."""
        if self._point_labels is None:
            labels = {}
            for sweep in self.sweep_names:
                design = self.design(sweep)
                labels.update(zip(design[s.SWEEP_SCENARIO], design[s.POINT_LABEL]))
            self._point_labels = {n: labels[n] for n in self._all_names if n in labels}
        return self._point_labels

    def group_of(self, name):
        """The group of a scenario or point named by its group or its label."""
        if name in self._all_names or not isinstance(name, str):
            return name
        return next((g for g, label in self.point_labels.items() if label == name), name)

    def design(self, name):
        """A sweep's design as a DataFrame: one row per point."""
        with self._open() as f:
            return sweep_design(f, name, self.path)

    # --- tidy views --------------------------------------------------------

    def timeseries_frame(self, variables=("parties", "exile_risk", "share_exiles_in_safe_haven"),
                         scenarios=None):
        """Long table: scenario, replicate, month, date and one column per variable."""
        names = self.scenario_names if scenarios is None else list(scenarios)
        frames = []
        for name in names:
            ds = self.scenarios[name] if name in self.scenarios else self.scenario(name)
            frame = ds[list(variables)].to_dataframe().reset_index()
            frame.insert(0, "scenario", name)
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def sweep_frame(self, name, outcomes=None):
        """Long table of a sweep: one row per point and replicate, the swept
        keys and one column per outcome."""
        from .outcomes import sweep_frame
        return sweep_frame(self.sweeps[name], outcomes)

    def summary_frame(self, outcomes=None, scenarios=None):
        """Long table: one row per scenario and replicate, one column per outcome
        (havens_analysis.OUTCOMES names them)."""
        from .outcomes import outcome_frame
        names = self.scenario_names if scenarios is None else list(scenarios)
        datasets = {n: self.scenarios[n] if n in self.scenarios else self.scenario(n)
                    for n in names}
        return outcome_frame(datasets, outcomes)


def merge_parts(parts, group_names):
    """Merges a scenario's groups; a variable name found in two groups (none
    today) is prefixed with its group's name rather than silently dropped."""
    import xarray as xr
    seen = {}
    for ds, group in zip(parts, group_names):
        for var in ds.data_vars:
            seen.setdefault(var, []).append(group)
    renamed = []
    for ds, group in zip(parts, group_names):
        clash = {v: f"{group}_{v}" for v in ds.data_vars if len(seen[v]) > 1}
        renamed.append(ds.rename(clash) if clash else ds)
    # "override" keeps each variable's attributes (long_name, units, flags);
    # the Dataset's own are set by the caller.
    return xr.merge(renamed, combine_attrs="override", join="exact")


# --- the structure of a result file, checked as sim/io/result_info.cpp checks it


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


def _scenario_order(path, f, scenarios):
    for name in _json_list(path, f, s.SCENARIO_ORDER_ATTR, "scenario groups"):
        if not _is_group_of(scenarios, name):
            _damaged(path, f"attribute {s.SCENARIO_ORDER_ATTR} of /",
                     f"names {name!r}, which is no group of /scenarios")


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


def _check_scenario(path, f, group):
    if s.POINT_SWEEP_ATTR in group.attrs:
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
    summary = _group(path, group, s.SUMMARY)
    required = ["entry_into_force_month", "protocol_adopted_month"]
    if "cosp_first_month" in summary:
        required += ["cosp_first_month", "protocol_draft_month"]
    for name in required:
        _dataset_of_shape(path, summary, name, shape[:1], "[replicate]")
    if "requests_issued" in series:
        for name in _REQUEST_SERIES + tuple(n for n in _RISK_SERIES if n in series):
            _dataset_of_shape(path, series, name, shape, "[replicate, month]")


def _check_layout(path, group, ds):
    """After a group is read: every axis of every array is labelled by a
    coordinate of the group (an axis whose dimension scale is lost reads as
    dim_N)."""
    for name, var in ds.variables.items():
        for axis, dim in enumerate(var.dims):
            if dim not in ds.coords:
                _damaged(path, f"{group.name}/{name}",
                         f"axis {axis} has no coordinate (a dimension scale of the group)")
