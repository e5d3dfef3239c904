// Replicates of a scenario as parallel oneTBB tasks. Each task writes only
// its own slot, so the results, returned in replicate order, are identical
// for any number of threads.
#pragma once

#include <vector>

#include "engine/replicate_result.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

std::vector<ReplicateResult> run_ensemble(const World& world, const Scenario& scenario);

}  // namespace havens
