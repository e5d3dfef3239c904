"""havens_analysis: read, summarise and plot havens result files in Jupyter.

    import havens_analysis as ha
    res = ha.open_results("results/baseline.h5")
    ha.plot_exile_risk(res.scenarios)      # the headline
    ha.comparison_table(res.scenarios)

docs/ANALYSIS.md lists every function; `python3 -m havens_analysis report
RESULT.h5 -o DIR` writes the standard figures and an index.html."""
from pathlib import Path as _Path

from .calibration import (open_calibration, posterior_table, predictive_table,
                          weighted_quantile)
from .discovery import PrimBox, PrimResult, cart, discovery_data, prim
from .engine import (find_binary, run_havens, scenario_path, scenarios_dir, source_dir,
                     write_scenario)
from .errors import HavensResultError, HavensRunError
from .experiments import (BooleanParameter, CategoricalParameter, IntegerParameter, Model,
                          RealParameter, ScalarOutcome, TimeSeriesOutcome, lever_effects,
                          perform_experiments)
from .outcomes import LABELS, OUTCOMES, outcome, outcome_frame, sweep_frame
from .paired import paired_difference, paired_differences
from .plots_calibration import (plot_calibration_progress, plot_posterior_pairs,
                                plot_predictive_check, plot_prior_posterior)
from .plots_havens import plot_safe_haven_heatmap, plot_safe_haven_heatmaps
from .plots_requests import plot_requests, plot_tradeoff
from .plots_sweeps import (plot_cart, plot_haven_share_by_epsilon, plot_lever_effects,
                           plot_prim, plot_sobol, plot_sweep_response)
from .plots_treaty import (plot_bands, plot_entry_into_force, plot_exile_risk,
                           plot_ratification, plot_safe_haven_share)
from .labels import humanise, scenario_label, scenario_labels
from .posterior import posterior_contrasts, posterior_draws
from .quantiles import INTERVAL_LEVEL, median, median_interval, quantile
from .report import write_report
from .results import Results, month_dates, open_results, scenario_options
from .sobol import saltelli_design, sobol_from_sweep, sobol_indices, split_saltelli
from .summaries import (band, channel_shares, comparison_table, entry_into_force,
                        epsilon_response, region_order, requests_breakdown, response_table,
                        safe_haven_matrix, timeseries_bands, tradeoff, tradeoff_summary)
from .sweeps import grid, point_labels, select_points, swept_keys
from .variables import (calibration_variables_markdown, calibration_variables_table,
                        variables_markdown, variables_table)

# The one version of havens, shared with CMake (analysis/pyproject.toml).
__version__ = _Path(__file__).with_name("VERSION").read_text(encoding="utf-8").strip()

__all__ = [
    # reading
    "open_results", "Results", "HavensResultError", "scenario_options", "month_dates",
    "select_points", "grid", "swept_keys", "point_labels", "variables_table", "variables_markdown",
    "calibration_variables_table", "calibration_variables_markdown",
    # outcomes and tables
    "OUTCOMES", "LABELS", "outcome", "outcome_frame", "sweep_frame", "band", "timeseries_bands",
    "entry_into_force", "requests_breakdown", "channel_shares", "tradeoff", "tradeoff_summary",
    "safe_haven_matrix", "region_order", "comparison_table", "response_table",
    "epsilon_response", "quantile", "median", "median_interval", "INTERVAL_LEVEL", "humanise",
    "scenario_label", "scenario_labels",
    # statistics
    "paired_difference", "paired_differences", "saltelli_design", "split_saltelli",
    "sobol_indices", "sobol_from_sweep", "prim", "PrimBox", "PrimResult", "cart",
    "discovery_data",
    # experiments over uncertainties and levers
    "Model", "RealParameter", "IntegerParameter", "CategoricalParameter", "BooleanParameter",
    "ScalarOutcome", "TimeSeriesOutcome", "perform_experiments", "lever_effects",
    "plot_lever_effects",
    # calibration and runs over a posterior
    "open_calibration", "posterior_table", "predictive_table", "weighted_quantile",
    "posterior_contrasts", "posterior_draws",
    # figures
    "plot_exile_risk", "plot_bands", "plot_ratification", "plot_entry_into_force",
    "plot_safe_haven_share", "plot_requests", "plot_tradeoff", "plot_safe_haven_heatmap",
    "plot_safe_haven_heatmaps", "plot_sweep_response", "plot_haven_share_by_epsilon",
    "plot_sobol", "plot_prim", "plot_cart", "plot_posterior_pairs", "plot_prior_posterior",
    "plot_calibration_progress", "plot_predictive_check",
    # report and engine
    "write_report", "run_havens", "write_scenario", "find_binary", "source_dir",
    "scenario_path", "scenarios_dir", "HavensRunError",
]
