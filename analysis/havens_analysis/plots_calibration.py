"""Figures of a calibration (open_calibration's Dataset): the posterior's
pairs, prior against posterior per parameter, tolerance and acceptance by
generation, and the posterior predictive check of each target. Histograms
are weighted by the particles' importance weights; parameters with a
log-uniform prior are drawn on a log scale. Each returns the Figure."""
import matplotlib.pyplot as plt
import numpy as np

from .calibration import (GENERATION, PARAMETER, TARGET, _prior, on_log_scale, posterior,
                          prior_density, weighted_quantile)
from .plot_style import PALETTE, styled

POSTERIOR, PRIOR, OBSERVED, CHECK = PALETTE[0], "0.45", PALETTE[3], PALETTE[1]


def _short(name):
    return name.rsplit(".", 1)[-1]


def _bins(prior, count):
    if on_log_scale(prior):
        return np.geomspace(prior["low"], prior["high"], count + 1)
    return np.linspace(prior["low"], prior["high"], count + 1)


def _grid(prior):
    if on_log_scale(prior):
        return np.geomspace(prior["low"], prior["high"], 200)
    return np.linspace(prior["low"], prior["high"], 200)


def _histogram(ax, values, weights, prior, bins, colour=POSTERIOR, label="posterior"):
    """A weighted histogram as a density, on the prior's scale; on a log axis
    the density is per unit of log(x), so that a log-uniform prior is flat."""
    edges = _bins(prior, bins)
    heights, _ = np.histogram(values, bins=edges, weights=weights)
    widths = np.diff(np.log(edges)) if on_log_scale(prior) else np.diff(edges)
    total = heights.sum()
    density = heights / (total * widths) if total > 0 else heights
    ax.stairs(density, edges, fill=True, color=colour, alpha=0.45, label=label)
    return density


def _prior_line(ax, prior, label="prior"):
    x = _grid(prior)
    d = prior_density(prior, x)
    if on_log_scale(prior):
        d = d * x  # per unit of log(x)
    ax.plot(x, d, color=PRIOR, linestyle="--", linewidth=1.2, label=label)
    for edge in (prior["low"], prior["high"]):
        ax.axvline(edge, color=PRIOR, linestyle=":", linewidth=0.8)


def _scale(ax, prior, axis="x"):
    if on_log_scale(prior):
        (ax.set_xscale if axis == "x" else ax.set_yscale)("log")
    (ax.set_xlim if axis == "x" else ax.set_ylim)(prior["low"], prior["high"])


@styled
def plot_posterior_pairs(ds, generation=-1, bins=20, parameters=None):
    """The posterior (the last generation) as a pairs plot: on the diagonal
    each parameter's weighted histogram with the prior's density (dashed) and
    support (dotted); below it every pair, each particle a dot whose area is
    its weight. A ridge (a diagonal band) is a pair the targets identify only
    together."""
    values, weights = posterior(ds, generation)
    names = list(ds[PARAMETER].values) if parameters is None else list(parameters)
    w = weights.values
    k = len(names)
    fig, grid = plt.subplots(k, k, figsize=(2.6 * k + 0.6, 2.4 * k + 0.4),
                             layout="constrained", squeeze=False)
    priors = {n: _prior(ds, n) for n in names}
    sizes = 6 + 400 * w / w.max() / np.sqrt(len(w)) if w.max() > 0 else np.full(len(w), 6)
    for i, row_name in enumerate(names):
        for j, col_name in enumerate(names):
            ax = grid[i, j]
            if j > i:
                ax.set_axis_off()
                continue
            x = values.sel({PARAMETER: col_name}).values
            if i == j:
                _histogram(ax, x, w, priors[col_name], bins)
                _prior_line(ax, priors[col_name])
                ax.set_yticks([])
                if i == 0:
                    ax.legend(loc="upper right", fontsize=8)
            else:
                y = values.sel({PARAMETER: row_name}).values
                ax.scatter(x, y, s=sizes, color=POSTERIOR, alpha=0.5, linewidths=0)
                _scale(ax, priors[row_name], "y")
            _scale(ax, priors[col_name], "x")
            if i == k - 1:
                ax.set_xlabel(_short(col_name))
            if j == 0 and i != j:
                ax.set_ylabel(_short(row_name))
    fig.suptitle(f"Posterior (generation {int(ds[GENERATION].values[generation])}, "
                 f"{len(w)} weighted particles): pairs and marginals")
    return fig


@styled
def plot_prior_posterior(ds, generation=-1, bins=20):
    """Per parameter: the prior's density (dashed), the prior sample
    (generation 0, grey) and the posterior (weighted histogram), with the
    posterior's weighted median and 90 % interval marked."""
    values, weights = posterior(ds, generation)
    first = ds["particles"].isel({GENERATION: 0})
    first_w = ds["weights"].isel({GENERATION: 0}).values
    names = list(ds[PARAMETER].values)
    fig, panels = plt.subplots(1, len(names), figsize=(3.6 * len(names), 3.2),
                               layout="constrained", squeeze=False)
    for ax, name in zip(panels[0], names):
        prior = _prior(ds, name)
        x = values.sel({PARAMETER: name}).values
        _histogram(ax, first.sel({PARAMETER: name}).values, first_w, prior, bins,
                   colour=PRIOR, label="prior sample")
        _histogram(ax, x, weights.values, prior, bins)
        _prior_line(ax, prior, label="prior density")
        med, lo, hi = weighted_quantile(x, weights.values, [0.5, 0.05, 0.95])
        ax.axvspan(lo, hi, color=POSTERIOR, alpha=0.08, linewidth=0)
        ax.axvline(med, color=POSTERIOR, linewidth=1.5)
        _scale(ax, prior)
        ax.set_yticks([])
        ax.set_xlabel(name + (" (log scale)" if on_log_scale(prior) else ""))
        ax.set_title(f"median {med:.3g} [{lo:.3g}, {hi:.3g}]", fontsize=9)
    panels[0][0].legend(loc="upper right", fontsize=8)
    fig.suptitle("Prior and posterior of each parameter (shaded: the posterior's central 90%)")
    return fig


@styled
def plot_calibration_progress(ds):
    """By generation: the tolerance (the distance a particle must come within)
    and the share of proposed moves accepted, with the effective sample size
    and the distinct particles of each generation."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 3.4), layout="constrained")
    gens = ds[GENERATION].values
    tol = ds["tolerances"].values
    finite = np.isfinite(tol)
    left.plot(gens[finite], tol[finite], marker="o", color=POSTERIOR)
    left.set_xlabel("generation")
    left.set_ylabel("tolerance (distance)")
    left.set_title("Tolerance (generation 0, the prior, has none)")
    left.set_ylim(0, None)
    rate = ds["acceptance_rates"].values
    moved = ~np.isnan(rate)
    right.plot(gens[moved], rate[moved] * 100, marker="o", color=CHECK, label="moves accepted")
    right.set_xlabel("generation")
    right.set_ylabel("share of moves accepted (%)")
    right.set_ylim(0, 100)
    particles = ds.sizes["particle"]
    ess = ds["effective_sample_sizes"].values / particles * 100
    right.plot(gens, ess, marker="s", color=POSTERIOR, linestyle="--",
               label="effective sample (% of particles)")
    if "unique_particles" in ds:
        right.plot(gens, ds["unique_particles"].values / particles * 100, marker="^",
                   color=PRIOR, linestyle=":", label="distinct particles (%)")
    right.set_title("Acceptance and diversity")
    right.legend(loc="upper right", fontsize=8)
    for ax in (left, right):
        ax.set_xticks(gens)
    return fig


@styled
def plot_predictive_check(ds, generation=-1, bins=15):
    """Posterior predictive check: for each target, the weighted distribution
    of the posterior particles' simulated statistic against the observed
    value (line) and its sd (band). Checks (fit = false: left out of the
    distance) are drawn in another colour and say so in their title."""
    simulated = ds["simulated"].isel({GENERATION: generation})
    weights = ds["weights"].isel({GENERATION: generation}).values
    names = list(ds[TARGET].values)
    cols = min(len(names), 3)
    rows = -(-len(names) // cols)
    fig, panels = plt.subplots(rows, cols, figsize=(3.8 * cols, 3.0 * rows),
                               layout="constrained", squeeze=False)
    for ax in panels.ravel()[len(names):]:
        ax.set_axis_off()
    for ax, name in zip(panels.ravel(), names):
        values = simulated.sel({TARGET: name}).values
        observed = float(ds["target_observed"].sel({TARGET: name}))
        sd = float(ds["target_sd"].sel({TARGET: name}))
        fitted = bool(ds["target_fitted"].sel({TARGET: name}))
        colour = POSTERIOR if fitted else CHECK
        keep = ~np.isnan(values)
        if keep.any():
            v, w = values[keep], weights[keep]
            lo_edge = min(v.min(), observed - sd)
            hi_edge = max(v.max(), observed + sd)
            if hi_edge <= lo_edge:
                hi_edge = lo_edge + 1
            ax.hist(v, bins=np.linspace(lo_edge, hi_edge, bins + 1), weights=w / w.sum(),
                    color=colour, alpha=0.55, label="posterior simulated")
        else:
            ax.text(0.5, 0.5, "undefined in every particle", transform=ax.transAxes,
                    ha="center", fontsize=8)
        ax.axvspan(observed - sd, observed + sd, color=OBSERVED, alpha=0.12, linewidth=0,
                   label="observed +- sd")
        ax.axvline(observed, color=OBSERVED, linewidth=1.6, label="observed")
        ax.set_title(name + ("" if fitted else "\n(check: not fitted)"), fontsize=9,
                     color="black" if fitted else CHECK)
        ax.set_ylabel("posterior weight")
        ax.set_xlabel(ds["target_statistic"].sel({TARGET: name}).item(), fontsize=8)
    panels.ravel()[0].legend(loc="upper left", fontsize=7)
    fig.suptitle("Posterior predictive check: simulated statistics against the record")
    return fig

