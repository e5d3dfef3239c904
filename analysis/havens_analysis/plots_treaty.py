"""Figures over time: exile risk (the headline), ratification curves, entry
into force, and the share of exiles who keep a safe haven. Each takes a mapping of scenario name to
Dataset and returns the matplotlib Figure (pass `ax` to draw into your own)."""
import numpy as np

from . import schema as s
from .labels import scenario_labels
from .plot_style import (axes, outside_legend, percent, scenario_colours,
                         scenario_linestyles, styled)
from .results import month_dates
from .summaries import INTERVAL, band, entry_into_force

# Months shown after the last change of any plotted series, so that a reader
# sees the curves have settled rather than guessing they might move on.
MARGIN_MONTHS = 12
# A move smaller than this share of the y-span is invisible at report size.
SETTLED_SHARE = 0.01
TIME_LABEL = "date (month 0 = October 2025)"
# Room for the legend beside the axes (plot_style.outside_legend).
WIDE = (9.5, 4.2)


def _time(ds):
    return ds["date"].values if "date" in ds.coords else ds[s.MONTH].values


def last_change(values, tolerance=0.0):
    """The index of the last month in which `values` (months on the last
    axis; several series stacked on the first) is still more than
    `tolerance` away from where it ends; 0 for a flat series."""
    values = np.atleast_2d(np.asarray(values, dtype=float))
    away = np.abs(values - values[:, -1:]) > tolerance
    away &= np.isfinite(values)
    where = np.flatnonzero(away.any(axis=0))
    return int(where[-1]) + 1 if len(where) else 0


def settled(series):
    """The month after which no drawn series moves by more than
    SETTLED_SHARE of the span of everything drawn (a step too small to see)."""
    finite = [v[np.isfinite(v)] for v in series]
    finite = [v for v in finite if v.size]
    if not finite:
        return 0
    span = max(v.max() for v in finite) - min(v.min() for v in finite)
    return max(last_change(v, SETTLED_SHARE * span) for v in series)


def cut_time_axis(ax, times, last):
    """Ends the x-axis MARGIN_MONTHS after month `last` (or at the horizon)."""
    end = min(len(times) - 1, last + MARGIN_MONTHS)
    if end > 0:
        ax.set_xlim(times[0], times[end])


@styled
def plot_bands(datasets, variable, ylabel, interval=INTERVAL, ax=None, title=None):
    """Median over replicates (line) and the central interval (band) per scenario."""
    fig, ax = axes(ax, figsize=WIDE)
    palette, dashes = scenario_colours(datasets), scenario_linestyles(datasets)
    names = scenario_labels(datasets)
    drawn, longest = [], None
    for name, ds in datasets.items():
        b = band(ds[variable], interval=interval)
        t = _time(ds)
        ax.fill_between(t, b["low"].values, b["high"].values, color=palette[name], alpha=0.2,
                        linewidth=0)
        ax.plot(t, b["median"].values, color=palette[name], label=names[name], linewidth=1.8,
                linestyle=dashes[name])
        drawn.append(np.stack([b[k].values for k in ("low", "median", "high")]))
        longest = t if longest is None or len(t) > len(longest) else longest
    if drawn:
        cut_time_axis(ax, longest, settled(drawn))
    ax.set_ylabel(ylabel)
    ax.set_xlabel(TIME_LABEL)
    ax.set_title(title or f"{ylabel}: median and {interval:.0%} range across replicates")
    outside_legend(ax)
    return fig


@styled
def plot_ratification(datasets, interval=INTERVAL, ax=None, thresholds=True):
    """States party over time, with the entry-into-force threshold (and the
    protocol threshold) marked."""
    fig = plot_bands(datasets, "parties", "states party", interval, ax,
                     title=f"Ratification: median and {interval:.0%} range across replicates")
    ax = fig.axes[0] if ax is None else ax
    if thresholds:
        marks = {}
        for ds in datasets.values():
            if ds.attrs.get("treaty.enabled", 1):
                marks.setdefault(ds.attrs.get("treaty.threshold"), "entry into force after")
                if ds.attrs.get("treaty.protocol", 1):
                    marks.setdefault(ds.attrs.get("treaty.protocol_threshold"),
                                     "protocol vote from")
        for value, text in marks.items():
            if value is None:
                continue
            ax.axhline(value, color="0.4", linestyle=":", linewidth=1)
            ax.annotate(f"{text} {value}", (ax.get_xlim()[0], value), xytext=(4, 3),
                        textcoords="offset points", fontsize=8, color="0.3")
    return fig


@styled
def plot_exile_risk(datasets, interval=INTERVAL, ax=None):
    """Exile risk, the headline: the chance that a typical pretextual request
    against an exile (extradition, interception or data, mixed as the model
    issues them) would be granted, weighted over exiles not in custody. It
    needs no threshold."""
    fig = plot_bands(datasets, "exile_risk", "exile risk", interval, ax,
                     title="Exile risk: the chance a pretextual request against an exile is "
                     f"granted\n(median and {interval:.0%} range across replicates; no threshold)")
    ax = fig.axes[0] if ax is None else ax
    percent(ax)
    ax.set_ylim(0, None)
    return fig


@styled
def plot_safe_haven_share(datasets, interval=INTERVAL, ax=None):
    """The share of exiles living in a safe haven for their origin: a
    threshold measure, so the title states decision.safe_haven_epsilon."""
    epsilons = sorted({float(ds.attrs[s.SAFE_HAVEN_EPSILON]) for ds in datasets.values()
                       if s.SAFE_HAVEN_EPSILON in ds.attrs})
    threshold = (f"ε = {epsilons[0]:.3g}" if len(epsilons) == 1 else
                 "ε = " + ", ".join(f"{e:.3g}" for e in epsilons) if epsilons else "ε")
    fig = plot_bands(datasets, "share_exiles_in_safe_haven", "exiles in a safe haven",
                     interval, ax, title="Exiles in a safe haven, a threshold measure "
                     f"({threshold}, {s.SAFE_HAVEN_EPSILON}):\nmedian and {interval:.0%} range "
                     "across replicates")
    ax = fig.axes[0] if ax is None else ax
    percent(ax)
    ax.set_ylim(0, None)
    return fig


@styled
def plot_entry_into_force(datasets, ax=None):
    """The distribution of the month of entry into force: the share of
    replicates in which the convention is in force by each month (an
    empirical CDF); replicates where it never enters into force keep the curve
    below 100%."""
    fig, ax = axes(ax, figsize=WIDE)
    frame = entry_into_force(datasets)
    palette, dashes = scenario_colours(datasets), scenario_linestyles(datasets)
    names = scenario_labels(datasets)
    last, longest = 0, None
    for name, group in frame.groupby("scenario", sort=False):
        horizon = int(group["horizon"].iloc[0])
        months = np.sort(group["month"].dropna().values)
        n, never = len(group), int(group["month"].isna().sum())
        steps = np.concatenate([[0], months, [horizon - 1]])
        share = np.concatenate([[0], np.arange(1, len(months) + 1), [len(months)]]) / n
        label = names[name] + (f" (never in force in {never} of {n})" if never else "")
        ax.step(month_dates(steps), share, where="post", color=palette[name], label=label,
                linewidth=1.8, linestyle=dashes[name])
        last = max(last, int(months[-1]) if len(months) else 0)
        if longest is None or horizon > len(longest):
            longest = month_dates(np.arange(horizon))
    if longest is not None:
        cut_time_axis(ax, longest, last)
    percent(ax)
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("replicates in force by then")
    ax.set_xlabel(TIME_LABEL)
    ax.set_title("Entry into force: when the convention takes effect")
    outside_legend(ax)
    return fig
