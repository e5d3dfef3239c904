// Runs over a posterior (havens run --posterior FILE): which parameter set
// each replicate of each point runs with, what a resumed run must match,
// and what each scenario group records of its draws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calibration/posterior.hpp"
#include "io/result_file.hpp"
#include "io/scenario_file.hpp"

namespace havens {

struct PosteriorRuns {
    Posterior posterior;
    std::uint64_t fingerprint = 0;  // of its keys, particles and weights (FNV-1a)
};

// The posterior a run uses: `flag` (--posterior) when given, "none" for a
// point run; otherwise the scenarios' own `posterior` key, which must then be
// the same file for every scenario (arms compared draw by draw need one
// posterior), or empty in every one. InputError naming the first scenario
// that differs otherwise.
std::optional<std::string> chosen_posterior(const std::optional<std::string>& flag,
                                            const std::vector<LoadedScenario>& scenarios);

// Reads the posterior and checks it against the scenarios before any run:
// every particle must fit every key's range, and no key may be one that a
// sweep varies or that --set gives a value, nor, for a posterior a scenario
// names itself (`named_by_flag` false), one its own file sets (the posterior
// would overwrite it unseen). InputError, one line naming the file and the
// key, otherwise.
PosteriorRuns load_posterior_runs(const std::string& path,
                                  const std::vector<LoadedScenario>& scenarios, bool named_by_flag);

// A line for the user when a calibration's posterior is applied to scenarios
// other than the one it was fitted to (by their files' names), "" otherwise
// or for a CSV posterior, which names no scenario. It is allowed (the shipped
// scenarios share one posterior) but the fit did not see those scenarios.
std::string other_scenarios_note(const PosteriorRuns& runs,
                                 const std::vector<LoadedScenario>& scenarios);

// The scenario replicate `replicate` of `point` runs with: the point with
// the parameters of its drawn particle. The draw depends on the point's
// seed and the replicate alone, so every arm runs replicate r with the same
// parameters.
Scenario replicate_scenario(const PosteriorRuns& runs, const Scenario& point,
                            std::uint64_t replicate);

// The draws of a point's first `replicates` replicates, for its result group.
PosteriorDraws draws_of(const PosteriorRuns& runs, const Scenario& point, std::size_t replicates);

// The posterior as a resumed run must find it again: its path and fingerprint.
std::string posterior_identity(const PosteriorRuns& runs);

}  // namespace havens
