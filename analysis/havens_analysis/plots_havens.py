"""The safe-haven heatmap: origin states (rows) against host states
(columns), both ordered by UN regional group, at the horizon; and the
report's readable version, with hosts grouped by region."""
import numpy as np

from . import schema as s
from .labels import scenario_label, scenario_labels
from .plot_style import axes, styled
from .summaries import safe_haven_matrix

SHORT_REGION = {"African": "Africa", "Asia-Pacific": "Asia-Pacific",
                "Eastern European": "E. Europe", "Latin American and Caribbean": "Lat. Am. & Car.",
                "Western European and Others": "W. Europe & others"}

# Ticks are ISO codes when few enough to read, region names otherwise.
MAX_TICKS = 40


def _region_ticks(ax, regions, axis):
    """Region separators and a label at the middle of each region's block."""
    bounds = [0] + [i for i in range(1, len(regions)) if regions[i] != regions[i - 1]]
    bounds.append(len(regions))
    middles, labels = [], []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        middles.append((lo + hi - 1) / 2)
        labels.append(SHORT_REGION.get(regions[lo], regions[lo]))
        if lo:
            (ax.axhline if axis == "y" else ax.axvline)(lo - 0.5, color="black", linewidth=0.6)
    if axis == "y":
        ax.set_yticks(middles, labels)
    else:
        ax.set_xticks(middles, labels, rotation=30, ha="right")


@styled
def plot_safe_haven_heatmap(ds, world, origins=None, hosts=None, ax=None, title=None,
                            colorbar=True):
    """One scenario's origin x host map at the horizon (see
    summaries.safe_haven_matrix for what the colour means)."""
    matrix = safe_haven_matrix(ds, world, origins, hosts)
    n_o, n_h = matrix.sizes["origin"], matrix.sizes["host"]
    fig, ax = axes(ax, figsize=(9, max(3.0, min(9.0, 1.2 + 0.16 * n_o))))
    if matrix.attrs["kind"] == "haven_share":
        cmap, label = "Greens", "replicates in which host is a safe haven"
    else:
        cmap, label = "RdYlGn_r", "chance a pretextual data request is granted (low: haven)"
    image = ax.imshow(matrix.values, aspect="auto", interpolation="nearest", cmap=cmap,
                      vmin=0, vmax=1)
    if colorbar:
        fig.colorbar(image, ax=ax, label=label, shrink=0.85)
    region = world["region"].to_series()
    for axis, dim, n in (("y", "origin", n_o), ("x", "host", n_h)):
        codes = list(matrix[dim].values)
        if n <= MAX_TICKS:
            (ax.set_yticks if axis == "y" else ax.set_xticks)(np.arange(n), codes, fontsize=7)
        else:
            _region_ticks(ax, list(region.reindex(codes).values), axis)
    ax.set_ylabel("origin (requesting state)")
    ax.set_xlabel("host (requested state)")
    when = ""
    if "date" in ds.coords:
        when = f" in {str(ds['date'].values[-1])[:7]}"
    name = scenario_label(ds.attrs.get("scenario", ""), ds)
    ax.set_title(title or f"Safe havens in {name}{when} (the horizon), states by UN region")
    return fig


@styled
def plot_safe_haven_heatmaps(datasets, world, origins=None, hosts=None):
    """plot_safe_haven_heatmap for several scenarios, one panel each, stacked."""
    import matplotlib.pyplot as plt
    names = list(datasets)
    shown = scenario_labels(datasets)
    n_o = len(origins) if origins is not None else world.sizes["state"]
    panel = max(2.4, min(8.0, 1.0 + 0.16 * n_o))
    fig, panels = plt.subplots(len(names), 1, figsize=(9.5, panel * len(names)),
                               layout="constrained", squeeze=False)
    for ax, name in zip(panels[:, 0], names):
        plot_safe_haven_heatmap(datasets[name], world, origins, hosts, ax=ax, title=shown[name],
                                colorbar=False)
        if ax is not panels[-1, 0]:
            ax.set_xlabel("")
    kind = "haven_share" if all("safe_haven" in datasets[n] for n in names) else "chance"
    label = ("replicates in which host is a safe haven" if kind == "haven_share" else
             "chance a pretextual data request is granted (low: haven)")
    fig.colorbar(panels[0, 0].images[0], ax=panels[:, 0].tolist(), label=label, shrink=0.6,
                 location="right")
    return fig


def _legend_of(kind, epsilon):
    if kind == "haven_share":
        return (f"share of the region's states that are a safe haven (threshold ε = "
                f"{epsilon:.3g})" if epsilon is not None else
                "share of the region's states that are a safe haven")
    return "mean chance a pretextual data request is granted (low: haven)"


def region_matrix(ds, world, origins):
    """Origins (rows) x UN regions (columns): the heatmap's value averaged
    over the hosts of each region (a host is not its own origin's haven, so
    an origin's own cell is left out)."""
    matrix = safe_haven_matrix(ds, world, origins)
    own = matrix["origin"].values[:, None] == matrix["host"].values[None, :]
    values = matrix.where(~own)
    region = world[s.REGION].to_series().reindex(matrix["host"].values).values
    grouped = values.assign_coords(host_region=("host", region)).groupby("host_region")
    result = grouped.mean("host")
    result.attrs["kind"] = matrix.attrs["kind"]
    return result


@styled
def plot_safe_havens_by_region(datasets, world, origins):
    """One panel per scenario: the named `origins` (rows, by country name)
    against the five UN regional groups (columns), each cell the share of the
    region's states that are a safe haven for that origin (or, for files
    without flows/safe_haven, the mean chance a pretextual request is
    granted), written in the cell."""
    import matplotlib.pyplot as plt
    names = list(datasets)
    shown = scenario_labels(datasets)
    mats = {n: region_matrix(datasets[n], world, origins) for n in names}
    first = mats[names[0]]
    rows = [str(world[s.NAME].to_series().get(o, o)) for o in first["origin"].values]
    cols = [SHORT_REGION.get(r, r) for r in first["host_region"].values]
    kind = first.attrs["kind"]
    cmap = "Greens" if kind == "haven_share" else "RdYlGn_r"
    per_row = min(len(names), 2)
    n_rows = -(-len(names) // per_row)
    fig, panels = plt.subplots(n_rows, per_row, squeeze=False, layout="constrained",
                               figsize=(5.2 * per_row + 1.4, 0.9 + 0.34 * len(rows) * n_rows))
    image = None
    for ax, name in zip(panels.ravel(), names):
        values = mats[name].transpose("origin", "host_region").values
        image = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0, vmax=1)
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7,
                        color="white" if (v > 0.6) == (kind == "haven_share") else "black")
        ax.set_xticks(range(len(cols)), cols, rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
        ax.set_title(shown[name], fontsize=10)
    for ax in panels.ravel()[len(names):]:
        ax.set_axis_off()
    epsilons = {datasets[n].attrs.get(s.SAFE_HAVEN_EPSILON) for n in names}
    epsilon = epsilons.pop() if len(epsilons) == 1 else None
    fig.colorbar(image, ax=panels.ravel().tolist(), shrink=0.7,
                 label=_legend_of(kind, None if epsilon is None else float(epsilon)))
    fig.suptitle("Safe havens at the horizon: origins of transnational repression (rows) "
                 "against host regions (columns)")
    return fig


def haven_table(datasets, world, origins=None):
    """The heatmap's values host by host, one row per scenario, origin and
    host with both countries named: the CSV beside the region figure, where a
    reader finds one country."""
    import pandas as pd
    frames = []
    names = world[s.NAME].to_series()
    for name, ds in datasets.items():
        matrix = safe_haven_matrix(ds, world, origins)
        frame = matrix.to_series().rename(matrix.attrs["kind"]).reset_index()
        frame.insert(0, "scenario", name)
        frame["origin_name"] = frame["origin"].map(names)
        frame["host_name"] = frame["host"].map(names)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
