#!/usr/bin/python3
"""Fits a global platform's direct disclosure to foreign authorities
(docs/ODD.md §8): what a provider gives a requesting state without a treaty.

Data: Apple's account requests by requesting state, 2022-2024
(scenarios/data/provider_disclosure.csv; the USA's domestic rows and China's,
answered in China since 2018, are left out). Model: state i's disclosure
share p_i ~ Beta(kappa m_i, kappa (1 - m_i)), with the prior mean
m_i = logistic(b0 + b1 F_i / 100) of its Freedom House score F_i, and
provided_i ~ Binomial(requests_i, p_i). b0, b1 and kappa maximise the
beta-binomial likelihood of every state on record; the engine gives a state
on record its posterior mean (provided + kappa m) / (requests + kappa) and a
state off the record m (decision.provider_intercept, provider_freedom,
provider_concentration).

The rule for states off the record is checked by k-fold cross-validation:
the states (sorted by code) are dealt into k folds; each fold's prior means
come from a fit without it; the Spearman correlation of those predictions
with the observed shares is taken over the states with at least 20 requests.

Usage: scripts/fit_provider_disclosure.py [--folds 5]
Prints the fit and the cross-validated correlation."""
import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, expit
from scipy.stats import spearmanr

DATA = Path(__file__).resolve().parents[1] / "scenarios" / "data"
MIN_REQUESTS = 20  # below this a state's share is too noisy to score against


def account_requests(data=DATA):
    """Account requests and disclosures per requesting state, with its FH score."""
    rows = pd.read_csv(data / "provider_disclosure.csv")
    rows = rows[rows.request_type == "account"].set_index("iso3")
    states = pd.read_csv(data / "states.csv").set_index("iso3")
    return rows[["requests", "requests_data_provided"]].join(states["fh_score"], how="inner")


def fit(table):
    """(b0, b1, kappa) maximising the beta-binomial likelihood."""
    x = table.fh_score.to_numpy() / 100.0
    n = table.requests.to_numpy(float)
    k = table.requests_data_provided.to_numpy(float)

    def negative_log_likelihood(theta):
        m = expit(theta[0] + theta[1] * x)
        kappa = np.exp(theta[2])
        a, b = kappa * m, kappa * (1.0 - m)
        return -np.sum(betaln(k + a, n - k + b) - betaln(a, b))

    best = minimize(negative_log_likelihood, [0.0, 1.0, 1.0], method="Nelder-Mead",
                    options={"xatol": 1e-9, "fatol": 1e-12, "maxiter": 20000})
    return best.x[0], best.x[1], float(np.exp(best.x[2]))


def prior_mean(b0, b1, fh_score):
    return expit(b0 + b1 * np.asarray(fh_score, float) / 100.0)


def cross_validated_rho(table, folds=5):
    """Spearman correlation of out-of-fold prior means with the observed shares."""
    codes = sorted(table.index)
    predicted = {}
    for fold in range(folds):
        held_out = [c for i, c in enumerate(codes) if i % folds == fold]
        b0, b1, _ = fit(table.drop(held_out))
        for c in held_out:
            predicted[c] = prior_mean(b0, b1, table.loc[c, "fh_score"])
    scored = table[table.requests >= MIN_REQUESTS]
    observed = scored.requests_data_provided / scored.requests
    return spearmanr([predicted[c] for c in scored.index], observed).statistic, len(scored)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    table = account_requests()
    b0, b1, kappa = fit(table)
    rho, scored = cross_validated_rho(table, args.folds)
    print(f"states on record: {len(table)}; scored (>= {MIN_REQUESTS} requests): {scored}")
    print(f"decision.provider_intercept = {b0:.3f}")
    print(f"decision.provider_freedom = {b1:.3f}")
    print(f"decision.provider_concentration = {kappa:.2f}")
    print(f"{args.folds}-fold Spearman rho of the rule on held-out states: {rho:.3f}")


if __name__ == "__main__":
    main()
