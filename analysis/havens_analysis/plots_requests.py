"""Figures about requests: what was granted through which channel and refused
for which reason, and the trade-off between stopping pretextual requests
and refusing legitimate ones."""
import matplotlib.pyplot as plt
import numpy as np

from . import schema as s
from .labels import code_labels, scenario_labels
from .plot_style import axes, outside_legend, percent, scenario_colours, styled
from .summaries import INTERVAL, requests_breakdown, tradeoff, tradeoff_summary


# Channels and grounds of refusal never share a colour: each panel draws from
# its own palette, a code keeping its colour (by its place in the engine's
# fixed list of codes) in every figure.
CATEGORY_PALETTES = {"granted": [plt.get_cmap("tab20")(i) for i in
                                 (0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 1, 3, 5, 7)],
                     "refused": [plt.get_cmap("tab20b")(i) for i in
                                 (0, 4, 8, 12, 16, 2, 6, 10, 14, 18, 1, 5, 9, 13, 17)]}


@styled
def plot_requests(datasets, width=11):
    """Two panels of stacked bars per scenario: requests granted by channel
    (top) and refused by reason (bottom), mean per replicate over the whole
    run. Each panel has its own legend beside it and its own colours."""
    table = requests_breakdown(datasets)
    names = list(datasets)
    shown = scenario_labels(datasets)
    first = next(iter(datasets.values()))
    codes = {"granted": [str(c) for c in first[s.CHANNEL].values],
             "refused": [str(c) for c in first[s.REASON].values]}
    words = {"granted": code_labels(s.CHANNEL, first[s.CHANNEL].values, first),
             "refused": code_labels(s.REASON, first[s.REASON].values, first)}
    height = max(2.6, 1.0 + 0.45 * len(names))
    fig, panels = plt.subplots(2, 1, figsize=(width, 2 * height + 0.4), layout="constrained",
                               sharey=True)
    for ax, which, title in ((panels[0], "granted", "granted, by channel"),
                             (panels[1], "refused", "refused, by reason")):
        part = table[table["outcome"] == which]
        wide = part.pivot(index="scenario", columns="category", values="mean")
        wide = wide.reindex(index=names, columns=list(dict.fromkeys(part["category"])))
        wide = wide.loc[:, wide.fillna(0).sum() > 0]  # nothing granted or refused: no entry
        palette = CATEGORY_PALETTES[which]
        left = np.zeros(len(names))
        for category in wide.columns:
            code = str(category)
            index = codes[which].index(code) if code in codes[which] else len(codes[which])
            values = wide[category].fillna(0).values
            ax.barh([shown[n] for n in names], values, left=left,
                    color=palette[index % len(palette)],
                    label=words[which].get(code, code))
            left += values
        ax.set_title(f"Requests {title}")
        ax.set_xlabel("requests over the whole run (mean per replicate)")
        outside_legend(ax, width=40, title="channel" if which == "granted" else
                       "ground of refusal", title_fontsize=8)
    panels[0].invert_yaxis()  # the first scenario on top (the axes share y)
    return fig


@styled
def plot_tradeoff(datasets, interval=INTERVAL, ax=None):
    """Each scenario's share of pretextual requests granted (harm to exiles)
    against its share of legitimate requests refused (cost to cooperation):
    one faint dot per replicate, the median with its interval as a cross.
    Lower left is better on both; dominated options are drawn hollow."""
    fig, ax = axes(ax, figsize=(8.5, 5))
    points = tradeoff(datasets)
    summary = tradeoff_summary(datasets, interval)
    palette = scenario_colours(datasets)
    shown = scenario_labels(datasets)
    for name, row in summary.iterrows():
        mine = points[points["scenario"] == name]
        ax.scatter(mine["legitimate_refusal_rate"], mine["pretextual_grant_rate"],
                   color=palette[name], alpha=0.3, s=14, linewidth=0)
        x, y = row["legitimate_refusal_rate"], row["pretextual_grant_rate"]
        ax.errorbar(x, y, xerr=[[x - row["legitimate_refusal_rate_low"]],
                                [row["legitimate_refusal_rate_high"] - x]],
                    yerr=[[y - row["pretextual_grant_rate_low"]],
                          [row["pretextual_grant_rate_high"] - y]],
                    color=palette[name], capsize=3, linewidth=1.2)
        ax.scatter([x], [y], s=60, zorder=3, color="white" if row["dominated"] else palette[name],
                   edgecolor=palette[name], linewidth=1.5,
                   label=shown[name] + (" (dominated)" if row["dominated"] else ""))
    percent(ax, "x")
    percent(ax, "y")
    ax.margins(0.08)
    ax.set_xlabel("legitimate requests refused (cost to cooperation)")
    ax.set_ylabel("pretextual requests granted (harm to exiles)")
    ax.set_title("Safeguards: stopping pretexts vs refusing legitimate requests\n"
                 f"(a dot per replicate; cross: median and {interval:.0%} range across "
                 "replicates)", fontsize=10)
    outside_legend(ax)
    return fig
