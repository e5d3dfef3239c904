"""Figures over time: exile risk (the headline), ratification curves, entry
into force, and the share of exiles who keep a safe haven. Each takes a mapping of scenario name to
Dataset and returns the matplotlib Figure (pass `ax` to draw into your own)."""
import numpy as np

from . import schema as s
from .plot_style import axes, colours, linestyles, percent
from .results import month_dates
from .summaries import INTERVAL, band, entry_into_force


def _time(ds):
    return ds["date"].values if "date" in ds.coords else ds[s.MONTH].values


def plot_bands(datasets, variable, ylabel, interval=INTERVAL, ax=None, title=None):
    """Median over replicates (line) and the central interval (band) per scenario."""
    fig, ax = axes(ax)
    palette, dashes = colours(list(datasets)), linestyles(list(datasets))
    for name, ds in datasets.items():
        b = band(ds[variable], interval=interval)
        t = _time(ds)
        ax.fill_between(t, b["low"].values, b["high"].values, color=palette[name], alpha=0.2,
                        linewidth=0)
        ax.plot(t, b["median"].values, color=palette[name], label=name, linewidth=1.8,
                linestyle=dashes[name])
    ax.set_ylabel(ylabel)
    ax.set_xlabel("date (month 0 = October 2025)")
    ax.set_title(title or f"{ylabel}: median and central {interval:.0%} of replicates")
    ax.legend(loc="best")
    return fig


def plot_ratification(datasets, interval=INTERVAL, ax=None, thresholds=True):
    """States party over time, with the entry-into-force threshold (and the
    protocol threshold) marked."""
    fig = plot_bands(datasets, "parties", "states party", interval, ax,
                     title=f"Ratification: median and central {interval:.0%} of replicates")
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


def plot_exile_risk(datasets, interval=INTERVAL, ax=None):
    """Exile risk, the headline: the chance that a typical pretextual request
    against an exile (extradition, interception or data, mixed as the model
    issues them) would be granted, weighted over exiles not in custody. It
    needs no threshold."""
    fig = plot_bands(datasets, "exile_risk", "exile risk", interval, ax,
                     title="Exile risk: the chance a pretextual request against an exile is "
                     f"granted\n(median and central {interval:.0%} of replicates)")
    ax = fig.axes[0] if ax is None else ax
    percent(ax)
    ax.set_ylim(0, None)
    return fig


def plot_safe_haven_share(datasets, interval=INTERVAL, ax=None):
    """The share of exiles living in a safe haven for their origin."""
    fig = plot_bands(datasets, "share_exiles_in_safe_haven", "exiles in a safe haven",
                     interval, ax, title="Exiles in a safe haven: median and central "
                     f"{interval:.0%} of replicates")
    ax = fig.axes[0] if ax is None else ax
    percent(ax)
    ax.set_ylim(0, None)
    return fig


def plot_entry_into_force(datasets, ax=None):
    """The distribution of the month of entry into force: the share of
    replicates in which the convention is in force by each month (an
    empirical CDF); replicates where it never enters into force keep the curve
    below 100%."""
    fig, ax = axes(ax)
    frame = entry_into_force(datasets)
    palette, dashes = colours(list(datasets)), linestyles(list(datasets))
    for name, group in frame.groupby("scenario", sort=False):
        horizon = int(group["horizon"].iloc[0])
        months = np.sort(group["month"].dropna().values)
        n, never = len(group), int(group["month"].isna().sum())
        steps = np.concatenate([[0], months, [horizon - 1]])
        share = np.concatenate([[0], np.arange(1, len(months) + 1), [len(months)]]) / n
        label = name + (f" (never in force in {never} of {n})" if never else "")
        ax.step(month_dates(steps), share, where="post", color=palette[name], label=label,
                linewidth=1.8, linestyle=dashes[name])
    percent(ax)
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("replicates in force by then")
    ax.set_xlabel("date (month 0 = October 2025)")
    ax.set_title("Entry into force: when the convention takes effect")
    ax.legend(loc="lower right")
    return fig
