"""Figures for sweeps: an outcome against one swept key, the safe-haven share
against the threshold that defines a haven, Sobol indices, the PRIM peeling
trajectory, a CART tree, and a lever's effects in experiments
(experiments.lever_effects)."""
import matplotlib.pyplot as plt
import numpy as np

from . import schema as s
from .outcomes import label, outcome
from .plot_style import PALETTE, axes, percent, styled
from .quantiles import quantile
from .summaries import INTERVAL, epsilon_response


def point_summaries(values, interval=INTERVAL):
    """(median, low, high) over replicates per point; NaN, without an
    All-NaN warning, for a point where the outcome has no value (an event
    that never happens)."""
    tail = (1 - interval) / 2
    table = values.transpose(s.POINT, s.REPLICATE).values.astype(float)
    out = np.full((3, table.shape[0]), np.nan)
    has = np.isfinite(table).any(axis=1)
    if has.any():
        out[:, has] = np.array([quantile(row, [0.5, tail, 1 - tail], skipna=True)
                                for row in table[has]]).T
    return out[0], out[1], out[2]


def nothing_varies(med, low, high):
    """Why a panel has nothing to show, or None when it has: no value at any
    point, or the same median at every point."""
    known = np.isfinite(med)
    if not known.any():
        return "nothing to show:\nno value at any point\n(the event never happens)"
    if np.ptp(med[known]) <= 1e-9 * max(1.0, abs(med[known][0])):
        return f"nothing varies:\nthe same median ({med[known][0]:.4g})\nat every point"
    return None


def _note(ax, text):
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=9,
            color="0.3", bbox={"facecolor": "white", "edgecolor": "0.8", "alpha": 0.9})


@styled
def plot_sweep_response(ds, which, key, interval=INTERVAL, ax=None):
    """An outcome against one swept key: a dot per point (median over
    replicates) with its 90 % range across replicates as a bar; for a grid,
    points that share the key's value are drawn side by side. A panel with no
    value, or the same value at every point, says so instead of staying
    empty."""
    fig, ax = axes(ax, figsize=(6.5, 4))
    values = outcome(ds, which)
    med, low, high = point_summaries(values, interval)
    x = ds[key].values
    note = nothing_varies(med, low, high)
    ax.set_xlabel(key)
    ax.set_ylabel(label(which))
    ax.set_title(f"{label(which)} across the sweep {ds.attrs.get('sweep', '')}")
    if note and not np.isfinite(med).any():
        _note(ax, note)
        ax.set_yticks([])
        if x.dtype.kind not in "iuf":
            cats = list(dict.fromkeys(x))
            ax.set_xticks(range(len(cats)), cats)
            ax.set_xlim(-0.5, len(cats) - 0.5)
        else:
            ax.set_xlim(float(np.min(x)), float(np.max(x)) + (np.ptp(x) == 0))
        return fig
    if x.dtype.kind in "iuf":
        xs = x.astype(float)
        spread = np.ptp(xs) if np.ptp(xs) > 0 else 1.0
        jitter = (np.random.default_rng(0).random(len(xs)) - 0.5) * 0.02 * spread
        ax.errorbar(xs + jitter, med, yerr=[med - low, high - med], fmt="o", markersize=4,
                    alpha=0.8, capsize=2)
    else:
        cats = list(dict.fromkeys(x))
        pos = np.array([cats.index(v) for v in x], dtype=float)
        ax.errorbar(pos, med, yerr=[med - low, high - med], fmt="o", markersize=4, capsize=2)
        ax.set_xticks(range(len(cats)), cats)
    ax.ticklabel_format(axis="y", useOffset=False)
    if note:
        _note(ax, note)
    return fig


EPSILON_PANELS = {"share_exiles_in_safe_haven": "Exiles in a safe haven (moves with ε)",
                  "exile_risk": "Exile risk (no threshold)"}


@styled
def plot_haven_share_by_epsilon(ds, interval=INTERVAL, key=s.SAFE_HAVEN_EPSILON):
    """A grid sweep over decision.safe_haven_epsilon (ε: a host is a safe
    haven when it grants a typical pretext with at most this probability):
    the share of exiles in a safe haven at the horizon against ε, beside the
    exile risk, which has no threshold. Median over replicates (dots and
    line) and the central interval (band); a line per combination of the
    other swept keys. Raises ValueError when there is nothing to draw."""
    tables = epsilon_response(ds, interval, key)
    if not tables:
        raise ValueError(f"the sweep {ds.attrs.get('sweep', '')!r} has no safe-haven share "
                         f"or exile risk to draw against {key}")
    fig, panels = plt.subplots(1, len(tables), figsize=(5.2 * len(tables) + 0.6, 4.2),
                               layout="constrained", sharey=True, squeeze=False)
    values = np.unique(ds[key].values.astype(float))
    for ax, (which, table) in zip(panels[0], tables.items()):
        by = [c for c in table.columns if c not in (key, "median", "low", "high", "n")]
        groups = table.groupby(by, sort=False) if by else [((), table)]
        for i, (group_values, rows) in enumerate(groups):
            group_values = group_values if isinstance(group_values, tuple) else (group_values,)
            name = ", ".join(f"{k.rsplit('.', 1)[-1]}={v}" for k, v in zip(by, group_values))
            colour = PALETTE[i % len(PALETTE)]
            x = rows[key].values.astype(float)
            ax.fill_between(x, rows["low"], rows["high"], color=colour, alpha=0.2, linewidth=0)
            ax.plot(x, rows["median"], "o-", color=colour, label=name or None, linewidth=1.8)
            if not by:
                for xi, yi in zip(x, rows["median"]):
                    ax.annotate(f"{yi:.0%}", (xi, yi), xytext=(0, 7), textcoords="offset points",
                                ha="center", fontsize=8)
        if values.min() > 0:
            ax.set_xscale("log")
        ax.set_xticks(values, [f"{v:.4g}" for v in values])
        ax.minorticks_off()
        ax.set_title(EPSILON_PANELS[which])
        ax.set_xlabel(f"ε ({key})")
        if by:
            ax.legend(fontsize=8)
    percent(panels[0, 0])
    panels[0, 0].set_ylim(0, min(1, 1.15 * max(t["high"].max() for t in tables.values())))
    panels[0, 0].set_ylabel("at the horizon")
    fig.suptitle(f"Safe havens against the threshold that defines them (sweep "
                 f"{ds.attrs.get('sweep', '')}): median and {interval:.0%} range across "
                 "replicates")
    return fig


@styled
def plot_sobol(frame, ax=None):
    """First-order and total indices per key with their bootstrap intervals."""
    fig, ax = axes(ax, figsize=(6.5, 0.9 + 0.5 * len(frame) + 1))
    y = np.arange(len(frame))
    for offset, col, colour, text in ((-0.18, "S1", "#4c72b0", "first order (alone)"),
                                      (0.18, "ST", "#dd8452", "total (with interactions)")):
        est = frame[col].values
        err = [np.clip(est - frame[col + "_low"].values, 0, None),
               np.clip(frame[col + "_high"].values - est, 0, None)]
        ax.barh(y + offset, est, height=0.34, color=colour, label=text, xerr=err, capsize=2)
    ax.set_yticks(y, frame.index)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel("share of the outcome's variance")
    name = frame.attrs.get("outcome", "")
    ax.set_title(f"Sobol indices: {label(name)}" + (f" (N = {frame.attrs['base_samples']})"
                                                    if "base_samples" in frame.attrs else ""))
    ax.legend(loc="lower right", fontsize=8)
    return fig


@styled
def plot_prim(result, ax=None):
    """The PRIM peeling trajectory: coverage against density, the proposed box
    circled and its restricted inputs listed."""
    fig, ax = axes(ax, figsize=(6.5, 4.5))
    t = result.trajectory
    most = max(int(t["restricted"].max()), 1)
    points = ax.scatter(t["coverage"], t["density"], c=t["restricted"], s=18,
                        cmap=plt.get_cmap("viridis", most + 1), vmin=-0.5, vmax=most + 0.5)
    fig.colorbar(points, ax=ax, label="inputs restricted", ticks=range(most + 1))
    box = result.box
    ax.scatter([box.coverage], [box.density], s=160, facecolor="none", edgecolor="red",
               linewidth=1.5, label="proposed box (after lifting needless limits)")
    ax.legend(loc="lower left", fontsize=8)
    lines = []
    for key, lim in box.limits.items():
        lines.append(f"{key} in [{lim[0]:.3g}, {lim[1]:.3g}]" if isinstance(lim, tuple)
                     else f"{key} in {{{', '.join(map(str, sorted(lim)))}}}")
    ax.annotate("\n".join(lines) or "(no restriction)", (box.coverage, box.density),
                xytext=(10, -10), textcoords="offset points", fontsize=8, va="top",
                ha="right" if box.coverage > 0.5 else "left",
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    ax.set_xlabel("coverage (share of the cases of interest inside the box)")
    ax.set_ylabel("density (share of the box that are cases)")
    ax.set_title("PRIM peeling trajectory")
    return fig


@styled
def plot_cart(tree, feature_names, figsize=(10, 5)):
    """The CART tree as drawn by scikit-learn."""
    from sklearn.tree import plot_tree
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    plot_tree(tree, feature_names=feature_names, class_names=["other", "of interest"],
              filled=True, impurity=False, proportion=True, fontsize=7, ax=ax)
    return fig


@styled
def plot_lever_effects(effects, labels=None, ax=None):
    """A lever's effect on an outcome, option by option (the table of
    `lever_effects`): the mean paired difference from the reference option
    as a dot, its t-interval as a bar (none where fewer than two pairs), the
    options sorted by the difference. `labels` maps options to the names
    shown; the empty option is shown as "(none)"."""
    frame = effects.sort_values("mean")
    fig, ax = axes(ax, figsize=(6.5, 1.2 + 0.3 * len(frame)))
    labels = dict(labels or {})

    def shown(option):
        return labels.get(option, "(none)" if option == "" else str(option))
    mean = frame["mean"].to_numpy(float)
    below = np.nan_to_num(mean - frame["low"].to_numpy(float))
    above = np.nan_to_num(frame["high"].to_numpy(float) - mean)
    y = np.arange(len(frame))
    ax.errorbar(mean, y, xerr=[below, above], fmt="o", color=PALETTE[0], markersize=4,
                capsize=2)
    ax.axvline(0, color="0.5", linewidth=0.8)
    ax.set_yticks(y, [shown(o) for o in frame.index])
    which, reference = effects.attrs.get("outcome", ""), effects.attrs.get("reference", "")
    level = effects.attrs.get("interval", INTERVAL)
    ax.set_xlabel(f"{label(which)}: difference from {shown(reference)}\n"
                  f"(mean over paired replicates, {level:.0%} t-interval)")
    ax.set_title(f"{effects.attrs.get('lever', 'lever')}: each option against "
                 f"{shown(reference)}")
    ax.ticklabel_format(axis="x", useOffset=False)
    return fig

