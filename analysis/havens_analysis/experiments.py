"""Experiments over uncertainties and levers, in the manner of the EMA
Workbench (Kwakkel 2017): declare what is uncertain, what a policy could
change and what to measure, and get back the design and the outcomes.

    import havens_analysis as ha
    model = ha.Model("ratification", base="baseline", posterior="none",
                     months=60, replicates=4, constants={"world.exiles": 5000})
    model.uncertainties = [ha.RealParameter("ratification.b_peer", 3.0, 8.0),
                           ha.IntegerParameter("treaty.threshold", 30, 60)]
    model.levers = [ha.CategoricalParameter("interventions.never_ratify",
                                            ["", "USA", "CHN", "eu"])]
    model.outcomes = [ha.ScalarOutcome("exile_risk"), ha.TimeSeriesOutcome("parties")]
    design, outcomes = ha.perform_experiments(model, scenarios=8)

Every experiment runs in ONE engine process: the model's base scenario (a
shipped name or a TOML path) is written out again, as one scenario file, with
a `[sweep]` of design "table" whose lists hold the design's columns (point i
is experiment i), and `havens run` runs it once. Replicate r of every
experiment therefore shares its random numbers (common random numbers), so
a lever's effect can be read experiment against experiment, replicate by
replicate (`lever_effects`).

The design (a DataFrame, one row per experiment, one column per uncertainty
and lever) crosses `scenarios` Latin-hypercube samples of the uncertainties
(scipy.stats.qmc, seeded) with every combination of the levers' options, the
scenario varying slowest (EMA's scenarios x policies); or it is the
DataFrame given as `design=`. The outcomes come back as an xarray Dataset
with the dimension `experiment` (the design's columns as coordinates on it)
and `replicate`, and `month` for a time series. Before returning, the
values the engine recorded for every point are checked against the design,
so a row of the design and the outcomes at that experiment are the same
run."""
import itertools
import json
import math
import numbers
import os
import re
import tempfile
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr
from scipy.stats import qmc

from . import schema as s
from .engine import WORLD_FILES, run_havens, scenario_path, scenarios_dir
from .errors import HavensResultError
from .outcomes import OUTCOMES, outcome
from .paired import paired_difference
from .results import Results
from .summaries import INTERVAL

EXPERIMENT = "experiment"


# --- what is declared ------------------------------------------------------

def option_value(value):
    """A value as the engine's sweep takes it: a list or tuple (of states and
    blocs, say) becomes one space-separated string; numpy scalars become
    Python ones."""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if isinstance(value, np.generic):
        return value.item()
    return value


class RealParameter:
    """A real-valued scenario key over [low, high]. `distribution`:
    "uniform" (the default), "loguniform" (0 < low), or a frozen
    scipy.stats distribution, which is then truncated to [low, high] (its
    quantiles at the Latin hypercube's coordinates, rescaled to the
    probability the distribution gives [low, high])."""

    def __init__(self, name, low, high, distribution="uniform"):
        low, high = float(low), float(high)
        if not low < high:
            raise ValueError(f"{name}: needs low < high, got [{low}, {high}]")
        if distribution == "loguniform" and low <= 0:
            raise ValueError(f"{name}: a log-uniform range needs 0 < low, got {low}")
        if isinstance(distribution, str) and distribution not in ("uniform", "loguniform"):
            raise ValueError(f"{name}: distribution is 'uniform', 'loguniform' or a frozen "
                             f"scipy.stats distribution, got {distribution!r}")
        self.name, self.low, self.high, self.distribution = name, low, high, distribution

    def values(self, u):
        """The values at the unit-interval coordinates `u`."""
        if self.distribution == "uniform":
            return self.low + u * (self.high - self.low)
        if self.distribution == "loguniform":
            return np.exp(np.log(self.low) + u * (np.log(self.high) - np.log(self.low)))
        lo, hi = self.distribution.cdf(self.low), self.distribution.cdf(self.high)
        return np.clip(self.distribution.ppf(lo + u * (hi - lo)), self.low, self.high)

    def __repr__(self):
        return f"RealParameter({self.name!r}, {self.low}, {self.high})"


class IntegerParameter:
    """A whole-valued scenario key, uniform over low, low + 1, ..., high."""

    def __init__(self, name, low, high):
        low, high = int(low), int(high)
        if not low <= high:
            raise ValueError(f"{name}: needs low <= high, got [{low}, {high}]")
        self.name, self.low, self.high = name, low, high

    def values(self, u):
        return np.minimum(self.low + np.floor(u * (self.high - self.low + 1)),
                          self.high).astype(np.int64)

    def __repr__(self):
        return f"IntegerParameter({self.name!r}, {self.low}, {self.high})"


class CategoricalParameter:
    """A scenario key with a list of options: a lever (every option is run)
    or an uncertainty (each option equally likely). An option that is a list
    (states and blocs for `interventions.never_ratify`) is written as a
    space-separated string, as the engine's sweep takes it; "" leaves such a
    list empty."""

    def __init__(self, name, options):
        options = [option_value(o) for o in options]
        if not options:
            raise ValueError(f"{name}: no options")
        if len(set(map(repr, options))) != len(options):
            raise ValueError(f"{name}: options repeat: {options}")
        self.name, self.options = name, options

    def values(self, u):
        index = np.minimum(np.floor(u * len(self.options)).astype(int), len(self.options) - 1)
        return np.array([self.options[i] for i in index], dtype=object)

    def __repr__(self):
        return f"CategoricalParameter({self.name!r}, {self.options})"


def BooleanParameter(name):
    """A true/false scenario key (`treaty.enabled`): the options False, True."""
    return CategoricalParameter(name, [False, True])


class ScalarOutcome:
    """One number per experiment and replicate, named `name` in the outcomes:
    `variable` (default: `name`) is a name of OUTCOMES (the engine's outcomes,
    such as exile_risk or parties, and the package's derived ones) or a
    per-replicate variable of the result; or `function`, any ds -> DataArray
    over (point, replicate) on the sweep's Dataset."""

    def __init__(self, name, function=None, variable=None):
        self.name, self.function, self.variable = name, function, variable or name

    def read(self, ds):
        if self.function is not None:
            return outcome(ds, self.function).rename(self.name)
        if self.variable in OUTCOMES:
            return outcome(ds, self.variable).rename(self.name)
        if self.variable in ds and set(ds[self.variable].dims) == {s.POINT, s.REPLICATE}:
            return ds[self.variable].astype(float).rename(self.name)
        raise KeyError(f"unknown outcome {self.variable!r}: a name of OUTCOMES "
                       f"({', '.join(OUTCOMES)}) or a per-replicate variable")

    def __repr__(self):
        return f"ScalarOutcome({self.name!r})"


class TimeSeriesOutcome:
    """A monthly time series per experiment and replicate, named `name` in
    the outcomes: `variable` (default: `name`) is a variable of the engine's
    timeseries group (parties, exile_risk, share_exiles_in_safe_haven, ...);
    or `function`, ds -> DataArray over (point, replicate, month)."""

    def __init__(self, name, function=None, variable=None):
        self.name, self.function, self.variable = name, function, variable or name

    def read(self, ds):
        da = self.function(ds) if self.function is not None else ds.get(self.variable)
        if da is None or s.MONTH not in da.dims:
            raise KeyError(f"{self.variable!r} is not a time series of the result (a "
                           "variable with a month dimension, e.g. parties or exile_risk)")
        return da.rename(self.name)

    def __repr__(self):
        return f"TimeSeriesOutcome({self.name!r})"


def as_outcome(which):
    """An outcome declaration from a name: a ScalarOutcome for a name of
    OUTCOMES, else a TimeSeriesOutcome."""
    if isinstance(which, (ScalarOutcome, TimeSeriesOutcome)):
        return which
    return ScalarOutcome(which) if which in OUTCOMES else TimeSeriesOutcome(which)


class Model:
    """What the experiments run: a base scenario (a shipped name such as
    "baseline", a TOML path, or None for the engine's defaults), and

    - `uncertainties`: RealParameter, IntegerParameter or CategoricalParameter,
      sampled by Latin hypercube;
    - `levers`: CategoricalParameter (BooleanParameter), every combination run;
    - `outcomes`: ScalarOutcome, TimeSeriesOutcome or names (default: the
      exile risk at the horizon);
    - `constants`: scenario keys set in every experiment ({"world.exiles":
      2000}); `months`, `replicates` and `seed` likewise;
    - `posterior`: None keeps the base scenario's (the shipped scenarios draw
      each replicate's parameters from the shipped posterior), "none" makes
      point runs (needed to vary a key the posterior draws), or a path.

    `name` names the sweep in the result file (groups NAME_pNNNN)."""

    def __init__(self, name="experiments", base="baseline", uncertainties=(), levers=(),
                 outcomes=("exile_risk",), constants=None, months=None, replicates=None,
                 seed=None, posterior=None):
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            raise ValueError(f"name {name!r}: letters, digits and _ only, a letter first")
        self.name, self.base = name, base
        self.uncertainties, self.levers = list(uncertainties), list(levers)
        self.outcomes = list(outcomes)
        self.constants = dict(constants or {})
        self.months, self.replicates, self.seed = months, replicates, seed
        self.posterior = posterior

    # --- the design ----------------------------------------------------------

    def sample_uncertainties(self, n, seed=1):
        """`n` Latin-hypercube samples of the uncertainties (one row each);
        one empty row when there are none."""
        if not self.uncertainties:
            return pd.DataFrame(index=range(1))
        u = qmc.LatinHypercube(d=len(self.uncertainties), seed=seed).random(int(n))
        return pd.DataFrame({p.name: p.values(u[:, j])
                             for j, p in enumerate(self.uncertainties)})

    def lever_combinations(self):
        """Every combination of the levers' options (the first lever varies
        slowest); one empty row when there are none."""
        if not self.levers:
            return pd.DataFrame(index=range(1))
        rows = list(itertools.product(*(lever.options for lever in self.levers)))
        frame = pd.DataFrame(rows, columns=[lever.name for lever in self.levers], dtype=object)
        return frame.infer_objects()

    def design(self, scenarios=8, seed=1):
        """The experiments: each sample of the uncertainties crossed with
        every combination of the levers' options, the sample varying
        slowest. One row per experiment, one column per uncertainty and lever."""
        names = [p.name for p in self.uncertainties + self.levers]
        if not names:
            raise ValueError("nothing to vary: declare uncertainties or levers")
        if len(set(names)) != len(names):
            raise ValueError(f"a key is declared twice: {names}")
        samples, policies = self.sample_uncertainties(scenarios, seed), self.lever_combinations()
        crossed = samples.merge(policies, how="cross")
        crossed.index.name = EXPERIMENT
        return crossed[names]

    # --- the scenario file ---------------------------------------------------

    def scenario_toml(self, design):
        """The text of the one scenario file that runs `design`: the base
        scenario's keys (its relative paths made absolute), the model's
        settings, and a [sweep] of design "table" with one list per column."""
        design = check_design(design)
        keys, base_dir = base_keys(self.base)
        data = (base_dir / "data") if base_dir is not None else scenarios_dir() / "data"
        for key, file in WORLD_FILES.items():
            keys.setdefault(("world", key), str(data / file))
        if self.posterior is not None:
            keys[("posterior",)] = "" if str(self.posterior) == "none" else \
                str(Path(self.posterior).resolve())
        settings = {"name": self.name, "months": self.months, "replicates": self.replicates,
                    "seed": self.seed, **self.constants}
        for key, value in settings.items():
            if value is not None:
                keys[tuple(key.split("."))] = option_value(value)
        swept = set(design.columns)
        keys = {k: v for k, v in keys.items() if ".".join(k) not in swept}
        # top-level keys first, then each table's keys together
        tables = list(dict.fromkeys(k[0] for k in keys if len(k) > 1))
        keys = dict(sorted(keys.items(), key=lambda kv: (len(kv[0]) > 1 and
                                                          1 + tables.index(kv[0][0]))))
        lines = ["# Written by havens_analysis.experiments: the base scenario "
                 f"({self.base or 'the defaults'}), then one sweep point per experiment."]
        lines += [f"{dotted(k)} = {toml_value(v)}" for k, v in keys.items()]
        lines += ["", "[sweep]", 'design = "table"', "", "[sweep.values]"]
        lines += [f"{json.dumps(column)} = {toml_value(list(design[column]))}"
                  for column in design.columns]
        return "\n".join(lines) + "\n"


def check_design(design):
    """A design as the engine's table takes it: one column per scenario key,
    at least one row, list values as space-separated strings, the index
    0 .. n-1 named `experiment`."""
    if not isinstance(design, pd.DataFrame) or design.empty or len(design.columns) == 0:
        raise ValueError("a design is a DataFrame with one column per key and a row per "
                         "experiment")
    out = design.reset_index(drop=True).copy()
    for column in out.columns:
        if not isinstance(column, str):
            raise ValueError(f"design column {column!r}: columns are scenario keys")
        if out[column].dtype == object:
            out[column] = [option_value(v) for v in out[column]]
            out[column] = out[column].infer_objects()
    out.index.name = EXPERIMENT
    return out


def base_keys(base):
    """The base scenario's keys as {(segment, ...): value}, its relative
    paths (world files, posterior) made absolute, and its folder; ({}, None)
    for None."""
    if base is None:
        return {}, None
    path = Path(base) if Path(base).exists() or os.sep in str(base) else \
        scenario_path(str(base))
    with open(path, "rb") as handle:
        table = tomllib.load(handle)
    if "sweep" in table:
        raise ValueError(f"{path}: the base scenario has a [sweep] of its own")
    keys = {}

    def flatten(prefix, value):
        if isinstance(value, dict):
            for k, v in value.items():
                flatten(prefix + (k,), v)
        else:
            keys[prefix] = value
    flatten((), table)
    folder = path.resolve().parent
    for key, value in keys.items():
        is_path = (len(key) == 2 and key[0] == "world" and key[1] in WORLD_FILES) or \
            key == ("posterior",)
        if is_path and isinstance(value, str) and value and not Path(value).is_absolute():
            keys[key] = str(folder / value)
    return keys, folder


def dotted(segments):
    return ".".join(k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k)
                    for k in segments)


def toml_value(value):
    """A value in TOML: booleans, integers, finite floats, strings, lists."""
    value = option_value(value) if not isinstance(value, list) else value
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{value}: not a number TOML can hold")
        text = repr(value)
        return text if any(c in text for c in ".e") else text + ".0"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(option_value(v)) for v in value) + "]"
    raise TypeError(f"{value!r}: a scenario value is a bool, number, string or list")


# --- running ---------------------------------------------------------------

def perform_experiments(model, scenarios=8, design=None, sample_seed=1, output=None,
                        threads=None, binary=None):
    """Runs the model's experiments in one `havens run` and returns (design,
    outcomes): the design DataFrame (index `experiment`) and an xarray
    Dataset with one variable per outcome over `experiment` and `replicate`
    (and `month` for a time series), the design's columns as coordinates on
    `experiment`.

    `scenarios`: how many Latin-hypercube samples of the uncertainties
    (seeded by `sample_seed`), each run with every combination of the levers;
    or pass `design`, a DataFrame with one column per scenario key, to run
    those rows as they are. `output`: where the result file goes (its
    scenario file is written beside it, with the suffix .toml); by default a
    temporary folder, removed once the outcomes are read into memory. Raises
    HavensRunError with the engine's message when the engine refuses a key
    or a value."""
    design = check_design(model.design(scenarios, sample_seed) if design is None else design)
    outcomes = [as_outcome(o) for o in model.outcomes]
    if not outcomes:
        raise ValueError("declare at least one outcome")
    names = [o.name for o in outcomes]
    if len(set(names)) != len(names):
        raise ValueError(f"outcome names repeat: {names} (name a time series apart: "
                         "TimeSeriesOutcome('exile_risk_by_month', variable='exile_risk'))")
    if output is None:
        with tempfile.TemporaryDirectory(prefix="havens-experiments-") as folder:
            return design, _run(model, design, outcomes, Path(folder) / f"{model.name}.h5",
                                threads, binary)
    return design, _run(model, design, outcomes, Path(output), threads, binary)


def _run(model, design, outcomes, output, threads, binary):
    text = model.scenario_toml(design)
    scenario = output.with_suffix(".toml")
    scenario.write_text(text)
    run_havens(scenario, output, threads=threads, binary=binary)
    res = Results(output)
    check_recorded(res, model.name, design)
    ds = res.sweeps[model.name]
    wanted = [o.variable for o in outcomes if o.function is None
              and o.variable not in OUTCOMES and o.variable not in ds]
    if wanted:
        ds = xr.merge([ds, res.sweep(model.name, variables=wanted)], compat="override",
                      combine_attrs="override")
    data = {}
    for o in outcomes:
        da = o.read(ds)
        da = da.drop_vars([c for c in da.coords if c not in da.dims and c != "date"])
        data[o.name] = da.rename({s.POINT: EXPERIMENT})
    out = xr.Dataset(data).load()
    out = out.assign_coords({EXPERIMENT: design.index.values,
                             **{c: (EXPERIMENT, design[c].values) for c in design.columns}})
    out.attrs = {"sweep": model.name, "design": "table", "base": str(model.base),
                 "scenario_toml": text}
    return out


def check_recorded(res, name, design):
    """Raises unless the file's sweep NAME has one point per row of the
    design, in order, each with the design's values."""
    recorded = res.design(name)
    if len(recorded) != len(design):
        raise HavensResultError(res.path, f"sweep {name!r} has {len(recorded)} points, the "
                                f"design {len(design)} experiments")
    for column in design.columns:
        ours, theirs = design[column].values, recorded[column].values
        if ours.dtype.kind in "fc" or theirs.dtype.kind in "fc":
            same = np.allclose(ours.astype(float), theirs.astype(float), rtol=1e-12, atol=0)
        elif ours.dtype.kind == "b" or (ours.dtype == object and
                                        all(isinstance(v, bool) for v in ours)):
            same = np.array_equal(ours.astype(bool), theirs.astype(bool))
        else:
            same = [str(a) for a in ours] == [str(b) for b in theirs]
        if not same:
            raise HavensResultError(res.path, f"sweep {name!r}: the values recorded for "
                                    f"{column} are not the design's")


# --- reading the effects of a lever ----------------------------------------

def lever_effects(design, outcomes, which, lever, reference=None, interval=INTERVAL):
    """Each option of `lever` against `reference` (default: the lever's first
    option in the design), paired: an experiment with the option is matched
    with the experiment that has the reference option and the same values
    of every other column of the design, and replicate r with replicate r
    (common random numbers). The pairs of all matched experiments are pooled
    into one paired difference (havens_analysis.paired_difference: mean,
    `interval` t-interval, n pairs; a pair with a NaN is dropped).

    Returns a DataFrame indexed by option: the paired difference's columns
    plus `experiments` (matched experiments), and attrs outcome, lever and
    reference. `which` is a variable of `outcomes` over (experiment,
    replicate). `design` may be some of the rows (those of one sample of the
    uncertainties, say): experiments are found by their label."""
    if which not in outcomes:
        raise KeyError(f"no outcome {which!r} (the outcomes are {list(outcomes.data_vars)})")
    values = outcomes[which]
    if set(values.dims) != {EXPERIMENT, s.REPLICATE}:
        raise ValueError(f"{which!r} has dimensions {values.dims}: lever_effects needs one "
                         "number per experiment and replicate (a ScalarOutcome)")
    # by the experiment's label, so that a subset of the design (the rows of
    # one sample, say) reads the right rows
    row = {e: k for k, e in enumerate(values[EXPERIMENT].values)}
    values = values.transpose(EXPERIMENT, s.REPLICATE).values
    if lever not in design:
        raise KeyError(f"{lever!r} is not a column of the design ({list(design.columns)})")
    options = list(dict.fromkeys(design[lever]))
    reference = options[0] if reference is None else reference
    if reference not in options:
        raise KeyError(f"{reference!r} is not an option of {lever} ({options})")
    others = [c for c in design.columns if c != lever]
    key = design[others].apply(lambda r: tuple(map(repr, r)), axis=1) if others else \
        pd.Series([()] * len(design), index=design.index)
    at_reference = {k: i for i, k in key.items() if design.at[i, lever] == reference}
    rows = []
    for option in options:
        if option == reference:
            continue
        arm, ref = [], []
        for i in design.index[design[lever] == option]:
            j = at_reference.get(key[i])
            if j is not None:
                arm.append(values[row[i]])
                ref.append(values[row[j]])
        n_exp = len(arm)
        arm = np.concatenate(arm) if arm else np.array([])
        ref = np.concatenate(ref) if ref else np.array([])
        rows.append({"option": option, **paired_difference(ref, arm, interval),
                     "experiments": n_exp})
    frame = pd.DataFrame(rows).set_index("option")
    frame.attrs.update(outcome=which, lever=lever, reference=reference, interval=interval)
    return frame
