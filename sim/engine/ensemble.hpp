// The replicates of one scenario, in memory: the experiment runner's
// parallel tasks, results returned in replicate order and identical for any
// number of threads. For tests, benchmarks and embedding; the command line
// streams larger experiments to a checkpoint instead.
#pragma once

#include <vector>

#include "engine/replicate_result.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

std::vector<ReplicateResult> run_ensemble(const World& world, const Scenario& scenario);

}  // namespace havens
