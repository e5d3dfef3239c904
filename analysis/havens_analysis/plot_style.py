"""Shared figure conventions: a stable colour per scenario, readable sizes.
The sizes apply inside each figure function only (a style context), so that
importing the package or drawing one of its figures leaves the caller's
matplotlib settings and backend as they were."""
import contextlib
import functools
import hashlib
import textwrap

import matplotlib as mpl
import matplotlib.pyplot as plt

RC = {"figure.dpi": 100, "savefig.dpi": 150, "font.size": 10, "axes.titlesize": 11,
      "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False}
DPI = RC["savefig.dpi"]


@contextlib.contextmanager
def style():
    """The package's look, for a `with` block: sets the keys of RC and, on
    leaving, gives back to exactly those keys the values they had.

    Not `matplotlib.rc_context`: it saves every rcParam and restores them all,
    so it also undoes what happens to rcParams inside the block but is not the
    package's. Matplotlib loads the backend when the first figure is made;
    Jupyter's inline backend then switches interactive mode on
    (rcParams["interactive"]), the mode in which it queues each new figure
    for display at the end of the cell. Made inside rc_context, that first
    figure is shown, but interactive mode goes back off on leaving, and from
    then on no figure of the kernel (a plain plt.plot too) is ever shown.
    Here the backend is loaded before the block, and nothing but RC's keys
    is given back."""
    _load_backend()
    saved = {key: mpl.rcParams[key] for key in RC}
    mpl.rcParams.update(RC)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


def _load_backend():
    """Loads pyplot's backend now, as the first figure would, so that what
    loading it sets (interactive mode, the inline backend's rc) is set
    outside any context that puts settings back afterwards, such as
    `plt.ioff()` inside `style()` in write_report."""
    load = getattr(plt, "_get_backend_mod", None)  # matplotlib >= 3.5; no public way
    if load is not None:
        load()


def styled(function):
    """Draws the figure of `function` in the package's style."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with style():
            return function(*args, **kwargs)
    return wrapper


PALETTE = mpl.colormaps["tab10"].colors


def colours(names):
    """A colour per name, in the order given (sweep points, lines of a panel).
    Scenarios take scenario_colours, which does not depend on the order."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


# A scenario's colour follows its title, not its place on the command line:
# the reference arm (reference_arm) is always REFERENCE_COLOUR, every other
# scenario takes the colour of ARM_PALETTE that a hash of its title picks, so
# it keeps it in every figure and every report. Blue and grey are left out of
# ARM_PALETTE (blue is the reference's; grey reads as "nothing").
REFERENCE_COLOUR = PALETTE[0]
ARM_PALETTE = tuple(PALETTE[i] for i in (1, 2, 3, 4, 5, 6, 8, 9))
REFERENCE_NAME = "baseline"


def reference_arm(names):
    """The arm every other is compared with: the scenario named baseline,
    else the first; None when there is none."""
    names = list(names)
    return REFERENCE_NAME if REFERENCE_NAME in names else (names[0] if names else None)


def _title_slot(title, size):
    return int(hashlib.sha1(str(title).encode("utf-8")).hexdigest(), 16) % size


def _slots(datasets):
    """{name: slot in ARM_PALETTE} for every arm but the reference (None). Two
    titles that hash to the same slot are settled in the order of their
    titles, so the result depends on the set of scenarios, never their order."""
    from .labels import scenario_labels
    shown = scenario_labels(datasets)
    reference = reference_arm(datasets)
    size = len(ARM_PALETTE)
    slots, taken = {reference: None} if reference is not None else {}, set()
    arms = sorted((n for n in shown if n != reference),
                  key=lambda n: (_title_slot(shown[n], size), shown[n], str(n)))
    for name in arms:
        slot = _title_slot(shown[name], size)
        free = [(slot + k) % size for k in range(size) if (slot + k) % size not in taken]
        slots[name] = free[0] if free else slot  # more arms than colours: dashes tell
        taken.add(slots[name])
    return slots


def scenario_colours(datasets):
    """{scenario name: colour}: the reference arm REFERENCE_COLOUR, the
    others by their title (a mapping of name to Dataset, whose `title`
    attributes name them; see labels.scenario_labels)."""
    return {n: REFERENCE_COLOUR if slot is None else ARM_PALETTE[slot]
            for n, slot in _slots(datasets).items()}


def scenario_linestyles(datasets):
    """{scenario name: dash pattern}: solid for the reference arm, the others
    by the same slot as their colour."""
    return {n: "-" if slot is None else LINESTYLES[1 + slot % (len(LINESTYLES) - 1)]
            for n, slot in _slots(datasets).items()}


def outside_legend(ax, width=None, **kwargs):
    """The legend to the right of the axes, outside the data area, so that it
    covers no data and no other legend (constrained layout makes room for it);
    with `width`, labels longer than that many characters are wrapped."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    if width:
        labels = [textwrap.fill(text, width) for text in labels]
    options = {"loc": "upper left", "bbox_to_anchor": (1.02, 1), "borderaxespad": 0,
               "fontsize": 8}
    options.update(kwargs)
    return ax.legend(handles, labels, **options)


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
