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
        if s.SCHEMA_VERSION_ATTR not in f.attrs:
            raise HavensResultError(self.path, "not a havens result: an HDF5 file without "
                                    "the root attribute schema_version")
        if s.SCENARIOS not in f:
            raise HavensResultError(self.path, "not a havens result: no /scenarios group")
        version = int(attr_value(f.attrs[s.SCHEMA_VERSION_ATTR]))
        if version > s.SCHEMA_VERSION:
            raise HavensResultError(self.path, f"schema_version {version} is newer than this "
                                    f"havens_analysis reads ({s.SCHEMA_VERSION}): update it")

    def __repr__(self):
        p = self.provenance
        return (f"<havens result {self.path}: havens {p.get(s.HAVENS_VERSION)}, "
                f"scenarios {self.scenario_names}, sweeps {self.sweep_names}>")

    # --- scenarios ---------------------------------------------------------

    def scenario(self, name):
        """One scenario group (a sweep point too) as a merged, labelled Dataset."""
        if name not in self._all_names:
            raise HavensResultError(self.path, f"no scenario named {name!r} (the file has "
                                    f"{', '.join(self._all_names) or 'none'})")
        with self._open() as f:
            group = f[f"{s.SCENARIOS}/{name}"]
            present = [g for g in s.SCENARIO_GROUPS if g in group]
            parts = [read_group(group[g]) for g in present]
            attrs = {k: attr_value(v) for k, v in group.attrs.items()}
        ds = merge_parts(parts, present)
        ds.attrs = dict(attrs, scenario=name)
        return self.label(ds)

    def label(self, ds):
        """Adds the calendar date of each month, the UN region of each state,
        origin and host, and the Freedom House status of each state (which
        outcomes such as legitimate_refusal_share_free need)."""
        if s.MONTH in ds.dims:
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
        """A sweep's points as scenarios, labelled by their values
        ("threshold=40, dual_criminality=mandatory"), for the figures and
        tables that take a mapping of scenarios."""
        design = self.design(name)
        keys = design.attrs[s.SWEEP_KEYS]
        out = {}
        for _, row in design.iterrows():
            label = ", ".join(f"{k.rsplit('.', 1)[-1]}={row[k]:g}" if isinstance(row[k], float)
                              else f"{k.rsplit('.', 1)[-1]}={row[k]}" for k in keys)
            out[label if label not in out else row[s.SWEEP_SCENARIO]] = \
                self.scenario(row[s.SWEEP_SCENARIO])
        return out

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
    return xr.merge(renamed, combine_attrs="drop", join="exact")
