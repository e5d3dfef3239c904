// `havens info` on a run over a posterior (havens run --posterior): the
// spread of the key outcomes over the posterior's draws, and each arm's
// difference from the first scenario, paired by replicate.
#pragma once

#include <string>

#include <utility>
#include <vector>

#include "io/result_runs.hpp"

namespace havens {

// Lines describing the scenarios and sweep points of `entries` (in the
// root's scenario_order, each with the name it is shown by) that ran over
// a posterior (an empty string if none did); the first is the baseline.
// Everything read is checked first: InputError naming `path` and the
// object if one is damaged.
std::string describe_posterior_runs(const std::string& path,
                                    const std::vector<std::pair<std::string, RunsOf>>& entries);

}  // namespace havens
