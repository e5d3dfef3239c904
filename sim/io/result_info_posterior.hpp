// `havens info` on a run over a posterior (havens run --posterior): the
// spread of the key outcomes over the posterior's draws, and each arm's
// difference from the first scenario, paired by replicate.
#pragma once

#include <string>

#include "io/h5/file.hpp"

namespace havens {

// Lines describing the scenario groups of `root` that carry posterior/ (an
// empty string if none does). The scenarios come in the root's
// scenario_order; the first is the baseline. Everything read is checked
// first: InputError naming `path` and the object if a group is damaged.
std::string describe_posterior_runs(const std::string& path, const h5::Location& root);

}  // namespace havens
