#include "engine/ensemble.hpp"

#include <tbb/parallel_for.h>

#include "engine/run.hpp"

namespace havens {

std::vector<ReplicateResult> run_ensemble(const World& world, const Scenario& scenario) {
    std::vector<ReplicateResult> results(static_cast<std::size_t>(scenario.replicates));
    tbb::parallel_for(std::size_t{0}, results.size(), [&](std::size_t r) {
        results[r] = run_replicate(world, scenario, r);
    });
    return results;
}

}  // namespace havens
