"""Shared figure conventions: a stable colour per scenario, readable sizes.
The sizes apply inside each figure function only (a style context), so that
importing the package or drawing one of its figures leaves the caller's
matplotlib settings and backend as they were."""
import functools

import matplotlib as mpl
import matplotlib.pyplot as plt

RC = {"figure.dpi": 100, "savefig.dpi": 150, "font.size": 10, "axes.titlesize": 11,
      "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False}
DPI = RC["savefig.dpi"]


def style():
    """The package's look, for a `with` block."""
    return mpl.rc_context(RC)


def styled(function):
    """Draws the figure of `function` in the package's style."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with style():
            return function(*args, **kwargs)
    return wrapper


PALETTE = mpl.colormaps["tab10"].colors


def colours(names):
    """The same colour for the same scenario in every figure of a report."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def axes(ax=None, figsize=(7.5, 4.2)):
    """(figure, axes): the given axes' figure, or a new figure."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax


def percent(ax, axis="y"):
    """Shares as percentages, with decimals only where a tick needs them
    (27.5%, not a rounded 28% beside 30%)."""
    from matplotlib.ticker import FuncFormatter
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(
        FuncFormatter(lambda x, _: f"{x * 100:.4g}%"))


# Identical curves (scenarios that share random numbers often ratify alike)
# stay visible when each scenario has its own dash pattern.
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1))]


def linestyles(names):
    return {name: LINESTYLES[i % len(LINESTYLES)] for i, name in enumerate(names)}
