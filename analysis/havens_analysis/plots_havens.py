"""The safe-haven heatmap: origin states (rows) against host states
(columns), both ordered by UN regional group, at the horizon."""
import numpy as np

from .plot_style import axes
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
    name = ds.attrs.get("scenario", "")
    ax.set_title(title or f"Safe havens in {name}{when} (the horizon), states by UN region")
    return fig


def plot_safe_haven_heatmaps(datasets, world, origins=None, hosts=None):
    """plot_safe_haven_heatmap for several scenarios, one panel each, stacked."""
    import matplotlib.pyplot as plt
    names = list(datasets)
    n_o = len(origins) if origins is not None else world.sizes["state"]
    panel = max(2.4, min(8.0, 1.0 + 0.16 * n_o))
    fig, panels = plt.subplots(len(names), 1, figsize=(9.5, panel * len(names)),
                               layout="constrained", squeeze=False)
    for ax, name in zip(panels[:, 0], names):
        plot_safe_haven_heatmap(datasets[name], world, origins, hosts, ax=ax, title=name,
                                colorbar=False)
        if ax is not panels[-1, 0]:
            ax.set_xlabel("")
    kind = "haven_share" if all("safe_haven" in datasets[n] for n in names) else "chance"
    label = ("replicates in which host is a safe haven" if kind == "haven_share" else
             "chance a pretextual data request is granted (low: haven)")
    fig.colorbar(panels[0, 0].images[0], ax=panels[:, 0].tolist(), label=label, shrink=0.6,
                 location="right")
    return fig
