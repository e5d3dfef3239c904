"""Figures about requests: what was granted through which channel and refused
for which reason, and the trade-off between stopping pretextual requests
and refusing legitimate ones."""
import matplotlib.pyplot as plt
import numpy as np

from . import schema as s
from .labels import code_labels, scenario_labels
from .plot_style import axes, colours, percent, styled
from .summaries import INTERVAL, requests_breakdown, tradeoff, tradeoff_summary


@styled
def plot_requests(datasets, width=12):
    """Two panels of stacked bars per scenario: requests granted by channel and
    refused by reason, mean per replicate over the whole run."""
    table = requests_breakdown(datasets)
    names = list(datasets)
    shown = scenario_labels(datasets)
    first = next(iter(datasets.values()))
    words = {"granted": code_labels(s.CHANNEL, first[s.CHANNEL].values, first),
             "refused": code_labels(s.REASON, first[s.REASON].values, first)}
    height = 1.6 + 0.45 * len(names)
    fig, panels = plt.subplots(1, 2, figsize=(width, height), layout="constrained",
                               sharey=True)
    for ax, which, title in ((panels[0], "granted", "granted, by channel"),
                             (panels[1], "refused", "refused, by reason")):
        part = table[table["outcome"] == which]
        wide = part.pivot(index="scenario", columns="category", values="mean")
        wide = wide.reindex(index=names, columns=list(dict.fromkeys(part["category"])))
        left = np.zeros(len(names))
        cmap = plt.get_cmap("tab20" if wide.shape[1] > 5 else "Set2")
        for i, category in enumerate(wide.columns):
            values = wide[category].fillna(0).values
            ax.barh([shown[n] for n in names], values, left=left, color=cmap(i % cmap.N),
                    label=words[which].get(str(category), str(category)))
            left += values
        ax.set_title(f"Requests {title}")
        ax.set_xlabel("requests over the whole run (mean over replicates)")
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.02 * len(names)),
                  ncol=2)
    panels[0].invert_yaxis()  # the first scenario on top (the axes share y)
    return fig


@styled
def plot_tradeoff(datasets, interval=INTERVAL, ax=None):
    """Each scenario's share of pretextual requests granted (harm to exiles)
    against its share of legitimate requests refused (cost to cooperation):
    one faint dot per replicate, the median with its interval as a cross.
    Lower left is better on both; dominated options are drawn hollow."""
    fig, ax = axes(ax, figsize=(6.5, 5))
    points = tradeoff(datasets)
    summary = tradeoff_summary(datasets, interval)
    palette = colours(list(datasets))
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
    ax.legend(loc="best", fontsize=8)
    return fig
