#include "engine/ensemble.hpp"

#include "engine/experiment.hpp"

namespace havens {

std::vector<ReplicateResult> run_ensemble(const World& world, const Scenario& scenario) {
    std::vector<ReplicateResult> results;
    ExperimentHooks hooks;
    hooks.finished = [&](RunId id, const ReplicateResult& r) {
        if (results.size() <= id.replicate) results.resize(id.replicate + 1);
        results[id.replicate] = r;
    };
    run_experiment(world, {scenario}, hooks);
    return results;
}

}  // namespace havens
