"""open_results: a havens result file as labelled xarray Datasets.

A scenario's four groups (timeseries, states, flows, summary) share the
replicate axis, so they merge into one Dataset whose attributes are the
scenario's resolved options ("treaty.threshold", ...). The package adds a few
labels the file leaves implicit: the calendar date of each month and the UN
region of each state, origin and host. A sweep's points are read together
along a `point` axis (sweeps.py), or one by one as scenarios. Datasets are
read when first asked for and then kept; the file is opened only for each
read, never held open."""
import collections.abc
import json
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema as s
from .errors import HavensResultError
from .events import read_events
from .h5open import open_result_file
from .checks import _check_layout, _damaged, _dataset, _dataset_of_shape, _group, check_file
from .h5read import attr_value, read_group
from .sweep_group import point_attrs, read_point
from .sweeps import read_sweep, sweep_design


# The structure checks are checks.py's; calibration.py takes some from here.
__all__ = ["open_results", "month_dates", "scenario_options", "Results", "merge_parts",
           "_check_layout", "_damaged", "_dataset", "_dataset_of_shape", "_group"]


def open_results(path, verify=True):
    """Opens a result file written by `havens run`; raises HavensResultError
    (one line, naming the path) for anything that is not one. The file's
    checksum is checked first (checksum.py); `verify=False` skips it, to read
    a file changed on purpose since havens wrote it."""
    return Results(path, verify)


def month_dates(months):
    """The first day of each simulated month (month 0 is October 2025)."""
    start = pd.Period(s.CALENDAR_START, freq="M")
    return np.array([(start + int(m)).to_timestamp() for m in months], dtype="datetime64[ns]")


def scenario_options(ds):
    """The scenario keys among a Dataset's attributes (the file texts and the
    package's own labels left out)."""
    skip = set(s.SCENARIO_META_ATTRS) | {"scenario", s.POINT_SWEEP_ATTR, s.POINT_INDEX_ATTR}
    return {k: v for k, v in ds.attrs.items() if k not in skip}


def _given_order(f):
    """The names of the root's scenario_order (the command line's order:
    scenario groups, and from schema 4 sweeps), each once."""
    if s.SCENARIO_ORDER_ATTR not in f.attrs:
        return []
    return list(dict.fromkeys(json.loads(attr_value(f.attrs[s.SCENARIO_ORDER_ATTR]))))


def _in_order(order, names):
    """`names` in the order given, those it does not name after, alphabetically
    (as HDF5 lists them)."""
    first = list(dict.fromkeys(n for n in order if n in names))
    return first + sorted(n for n in names if n not in first)


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

    def __init__(self, path, verify=True):
        self.path = Path(path)
        with self._open(verify) as f:
            check_file(self.path, f)
            self.provenance = {k: attr_value(f.attrs[k]) for k in s.PROVENANCE_ATTRS
                               if k in f.attrs}
            self.scenario_toml = attr_value(f.attrs.get(s.SCENARIO_TOML, ""))
            self.schema_version = int(self.provenance[s.SCHEMA_VERSION_ATTR])
            self._flat = self.schema_version >= s.FLAT_SWEEPS
            order = _given_order(f)
            names = _in_order(order, list(f[s.SCENARIOS].keys()))
            point_of = {} if self._flat else {
                n: attr_value(f[s.SCENARIOS][n].attrs[s.POINT_SWEEP_ATTR]) for n in names
                if s.POINT_SWEEP_ATTR in f[s.SCENARIOS][n].attrs}
            self.scenario_names = [n for n in names if n not in point_of]
            sweeps = list(f[s.SWEEPS].keys()) if s.SWEEPS in f else []
            # Before schema 4 the order names points: a sweep comes where its first does.
            self.sweep_names = _in_order([point_of.get(n, n) for n in order + names], sweeps)
            self.world = read_group(f[s.WORLD_STATES]) if s.WORLD_STATES in f else None
            self.edges = read_group(f[s.WORLD_EDGES]) if s.WORLD_EDGES in f else None
        self._all_names = names
        self._point_table = None
        self._designs = {}
        self.scenarios = _Lazy(self.scenario_names, self.scenario)
        self.sweeps = _Lazy(self.sweep_names, self.sweep)

    def _open(self, verify=False):
        return open_result_file(self.path, verify)

    def __repr__(self):
        p = self.provenance
        return (f"<havens result {self.path}: havens {p.get(s.HAVENS_VERSION)}, "
                f"scenarios {self.scenario_names}, sweeps {self.sweep_names}>")

    # --- scenarios ---------------------------------------------------------

    def scenario(self, name):
        """One scenario group (a sweep point too, by its name or its label) as
        a merged, labelled Dataset."""
        name = self.group_of(name)
        if self._flat and name in self._points():
            return self._read_point(name)
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

    def _read_point(self, name):
        """A point of a schema-4 sweep, as its scenario group read before."""
        sweep, p, _ = self._points()[name]
        design = self.design(sweep)
        with self._open() as f:
            group = f[f"{s.SWEEPS}/{sweep}"]
            attrs = point_attrs(group, design, p)
            try:
                ds = read_point(group, p, attrs[s.REPLICATES_RUN])
            except (AttributeError, KeyError, ValueError, IndexError, TypeError,
                    OSError) as err:
                raise HavensResultError(self.path, f"{group.name}: point {p} cannot be read "
                                        f"as labelled arrays ({type(err).__name__}: {err}) "
                                        "(not a valid havens result file)") from None
            _check_layout(self.path, group, ds)
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
                point = self._points().get(self.group_of(name)) if self._flat else None
                if point:
                    sweep, p, _ = point
                    attrs = point_attrs(f[f"{s.SWEEPS}/{sweep}"], self.design(sweep), p)
                else:
                    attrs = {k: attr_value(v)
                             for k, v in f[f"{s.SCENARIOS}/{name}"].attrs.items()}
                rows[name] = {k: v for k, v in attrs.items() if k not in s.SCENARIO_META_ATTRS}
        return pd.DataFrame.from_dict(rows, orient="index")

    def config(self, name):
        """A scenario's resolved configuration as nested dicts."""
        return json.loads(self.scenario(name).attrs.get(s.CONFIG_JSON, "{}"))

    def events(self, name):
        """The per-request event log (output.request_log = true) as a DataFrame:
        of a scenario, of a sweep point (by its name or label), or (schema 4)
        of a whole sweep, with a `point` column."""
        name = self.group_of(name)
        point = self._points().get(name) if self._flat else None
        if point:
            where = f"{s.SWEEPS}/{point[0]}"
        elif self._flat and name in self.sweep_names:
            where = f"{s.SWEEPS}/{name}"
        else:
            where = f"{s.SCENARIOS}/{name}"
        with self._open() as f:
            if f"{where}/{s.EVENTS}" not in f:
                raise HavensResultError(self.path, f"scenario {name!r} has no event log (run "
                                        "with --set output.request_log=true)")
            frame = read_events(f[f"{where}/{s.EVENTS}"], self.world)
        if point:
            frame = frame[frame[s.POINT] == point[1]].drop(columns=s.POINT)
        return frame

    # --- sweeps ------------------------------------------------------------

    def sweep(self, name, groups=(s.TIMESERIES, s.STATES, s.SUMMARY), variables=None):
        """A sweep's points along `point`, its swept keys as coordinates, the
        replicate slots a point did not run as NaN. By default the per-origin
        and per-pair arrays (safe_havens, flows) are left out to keep large
        sweeps in memory; name them in `variables`."""
        if name not in self.sweep_names:
            raise HavensResultError(self.path, f"no sweep named {name!r} (the file has "
                                    f"{', '.join(self.sweep_names) or 'none'})")
        with self._open() as f:
            ds = read_sweep(f, name, groups, variables, self.path, self._flat)
        return self.label(ds)

    def points(self, name):
        """A sweep's points as scenarios, keyed by their labels
        ("thresholds[threshold=40, protocol_threshold=60]", sweeps.point_labels),
        for the figures and tables that take a mapping of scenarios."""
        design = self.design(name)
        return {row[s.POINT_LABEL]: self.scenario(row[s.SWEEP_SCENARIO])
                for _, row in design.iterrows()}

    def _points(self):
        """{point name: (sweep, index, label)} of every point of every sweep,
        in the file's order (before schema 4 a point's name is its group)."""
        if self._point_table is None:
            table = {}
            for sweep in self.sweep_names:
                design = self.design(sweep)
                table.update((n, (sweep, int(p), label)) for p, n, label in zip(
                    design.index, design[s.SWEEP_SCENARIO], design[s.POINT_LABEL]))
            if not self._flat:
                table = {n: table[n] for n in self._all_names if n in table}
            self._point_table = table
        return self._point_table

    @property
    def point_labels(self):
        """{point name: label} of every point of every sweep, in the file's order."""
        return {n: point[2] for n, point in self._points().items()}

    def group_of(self, name):
        """The name (before schema 4, the group) of a scenario or point named
        by itself or by its label."""
        if name in self._all_names or not isinstance(name, str):
            return name
        return next((n for n, label in self.point_labels.items() if label == name), name)

    def design(self, name):
        """A sweep's design as a DataFrame: one row per point (a copy of the
        one read first: the points' reads ask for it again and again)."""
        if name not in self._designs:
            with self._open() as f:
                self._designs[name] = sweep_design(f, name, self.path)
        design = self._designs[name].copy()
        design.attrs = dict(self._designs[name].attrs)
        return design

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


