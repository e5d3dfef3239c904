"""Scenario discovery: which regions of a sweep's inputs lead to an outcome of
interest (for example: exiles keep a safe haven, share > 0.8).

PRIM (Friedman and Fisher 1999) peels a box: at each step it removes the
`alpha` share of points at one end of one numeric input (or one category of a
text input) that most raises the share of cases of interest left inside, per
point removed; it stops when the box would hold fewer than `min_mass` of the points. The
trajectory (coverage against density) lets the analyst pick a box. A CART
tree (scikit-learn) gives a second, rule-shaped answer."""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schema as s
from .outcomes import outcome
from .quantiles import quantile
from .sweeps import swept_keys


@dataclass
class PrimBox:
    """Limits per restricted input: (low, high) for numbers, a set for text."""
    limits: dict
    coverage: float  # share of all cases of interest inside the box
    density: float  # share of the points in the box that are cases of interest
    mass: float  # share of all points inside the box

    def table(self):
        rows = []
        for key, lim in self.limits.items():
            if isinstance(lim, tuple):
                rows.append({"input": key, "low": lim[0], "high": lim[1], "values": ""})
            else:
                rows.append({"input": key, "low": np.nan, "high": np.nan,
                             "values": ", ".join(map(str, sorted(lim)))})
        return pd.DataFrame(rows, columns=["input", "low", "high", "values"]).set_index("input")

    def contains(self, x):
        inside = np.ones(len(x), dtype=bool)
        for key, lim in self.limits.items():
            col = x[key].values
            if isinstance(lim, tuple):
                inside &= (col >= lim[0]) & (col <= lim[1])
            else:
                inside &= np.isin(col, list(lim))
        return inside


@dataclass
class PrimResult:
    boxes: list  # the peeling trajectory, from the whole space to the smallest box
    selected: int  # index of the proposed box
    trajectory: pd.DataFrame = field(repr=False)

    @property
    def box(self):
        return self.boxes[self.selected]


def _is_numeric(col):
    return np.asarray(col).dtype.kind in "iufb"


def _candidates(x, inside, alpha):
    """(key, new limits) for every possible peel of the current box."""
    out = []
    for key in x.columns:
        col = x[key].values[inside]
        if _is_numeric(col):
            col = col.astype(float)
            lo, hi = quantile(col, [alpha, 1 - alpha])  # the one rule: values of points
            # On a grid of few values the quantile may equal the end itself:
            # peel that value then.
            new_lo = lo if np.any(col < lo) else np.min(col[col > col.min()], initial=np.inf)
            new_hi = hi if np.any(col > hi) else np.max(col[col < col.max()], initial=-np.inf)
            if np.isfinite(new_lo):
                out.append((key, "low", new_lo))
            if np.isfinite(new_hi):
                out.append((key, "high", new_hi))
        else:
            values = set(col)
            if len(values) > 1:
                for v in values:
                    out.append((key, "drop", v))
    return out


def _apply(limits, x, key, how, value):
    new = dict(limits)
    if how == "drop":
        current = new.get(key, set(x[key].values))
        new[key] = set(current) - {value}
    else:
        low, high = new.get(key, (-np.inf, np.inf))
        new[key] = (value, high) if how == "low" else (low, value)
    return new


def prim(x, y, alpha=0.05, min_mass=0.05, min_density=None, tolerance=0.02):
    """Peels a box over inputs `x` (DataFrame) for the boolean outcome `y`.
    The proposed box is the one with the largest coverage among those whose
    density is at least `min_density`, or, without it, the first box that
    reaches the highest density; then each restriction whose removal costs
    at most `tolerance` of density is lifted (peels that only chased noise)."""
    x = x.reset_index(drop=True)
    y = np.asarray(y, dtype=bool)
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} rows and y {len(y)}")
    if not y.any() or y.all():
        raise ValueError(f"prim needs both cases of interest and others; y has {int(y.sum())} "
                         f"of {len(y)} (choose another threshold)")
    total, positives = len(y), int(y.sum())
    limits, inside = {}, np.ones(total, dtype=bool)
    boxes = []

    def record():
        n = inside.sum()
        boxes.append(PrimBox(_closed(limits, x, inside), coverage=y[inside].sum() / positives,
                             density=y[inside].mean() if n else np.nan, mass=n / total))

    record()
    while True:
        best = None
        for key, how, value in _candidates(x, inside, alpha):
            trial = _apply(limits, x, key, how, value)
            keep = PrimBox(trial, 0, 0, 0).contains(x) & inside
            if keep.sum() / total < min_mass or keep.sum() == inside.sum():
                continue
            # Friedman and Fisher's criterion: the rise in density per point
            # removed, so that dropping a whole category (a large peel) must
            # earn its size.
            gain = (y[keep].mean() - y[inside].mean()) / (inside.sum() - keep.sum())
            score = (gain, keep.sum())
            if best is None or score > best[0]:
                best = (score, trial, keep)
        if best is None:
            break
        _, limits, inside = best
        record()

    frame = pd.DataFrame([{"coverage": b.coverage, "density": b.density, "mass": b.mass,
                           "restricted": len(b.limits)} for b in boxes])
    if min_density is not None and (frame["density"] >= min_density).any():
        ok = frame[frame["density"] >= min_density]
        selected = int(ok["coverage"].idxmax())
    else:
        selected = int(np.flatnonzero(np.isclose(frame["density"], frame["density"].max()))[0])
    boxes[selected] = _simplify(boxes[selected], x, y, tolerance)
    return PrimResult(boxes, selected, frame)


def _measure(limits, x, y):
    inside = PrimBox(limits, 0, 0, 0).contains(x)
    return PrimBox(limits, coverage=y[inside].sum() / y.sum(),
                   density=y[inside].mean() if inside.any() else np.nan,
                   mass=inside.mean())


def _simplify(box, x, y, tolerance):
    """Lifts, one at a time, the restriction whose removal loses least density,
    while the loss stays within `tolerance`."""
    while box.limits:
        trials = [_measure({k: v for k, v in box.limits.items() if k != key}, x, y)
                  for key in box.limits]
        best = max(trials, key=lambda b: (b.density, b.coverage))
        if best.density < box.density - tolerance:
            break
        box = best
    return box


def _closed(limits, x, inside):
    """The box's limits tightened to the points it holds, restricted inputs only."""
    out = {}
    for key, lim in limits.items():
        col = x[key].values[inside]
        if isinstance(lim, tuple):
            full = x[key].values.astype(float)
            lo = lim[0] if np.isfinite(lim[0]) else full.min()
            hi = lim[1] if np.isfinite(lim[1]) else full.max()
            out[key] = (float(max(lo, col.min())) if len(col) else lo,
                        float(min(hi, col.max())) if len(col) else hi)
        else:
            out[key] = set(lim)
    return out


def cart(x, y, max_depth=3, min_samples_leaf=None, seed=0):
    """A classification tree (scikit-learn) for the boolean outcome `y`; text
    inputs are one-hot encoded. Returns (tree, feature names, rules as text)."""
    from sklearn.tree import DecisionTreeClassifier, export_text

    encoded = pd.get_dummies(x.reset_index(drop=True), prefix_sep="=")
    leaf = min_samples_leaf or max(1, len(encoded) // 20)
    tree = DecisionTreeClassifier(max_depth=max_depth, min_samples_leaf=leaf, random_state=seed)
    tree.fit(encoded.values.astype(float), np.asarray(y, dtype=bool))
    names = list(encoded.columns)
    return tree, names, export_text(tree, feature_names=names, show_weights=True)


def discovery_data(ds, which, threshold, above=True, per_replicate=False):
    """Inputs and outcome of a sweep Dataset for scenario discovery: x holds the
    swept keys per point, y whether the outcome (averaged over replicates, or
    one row per replicate) is above (or below) `threshold`."""
    keys = swept_keys(ds)
    values = outcome(ds, which)
    x = pd.DataFrame({k: ds[k].values for k in keys})
    if per_replicate:
        reps = values[s.REPLICATE].size
        x = x.loc[x.index.repeat(reps)].reset_index(drop=True)
        v = values.transpose(s.POINT, s.REPLICATE).values.ravel()
    else:
        v = values.mean(s.REPLICATE).values
    y = v > threshold if above else v < threshold
    return x, y
