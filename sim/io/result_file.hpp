// Writing a result file (DESIGN 2.1): provenance on the root, the world, and
// one group per scenario with its replicates. The file is written under a
// temporary name beside the target and renamed only when complete, so a
// failed or killed run never leaves a half-written file at the output path.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/replicate_result.hpp"
#include "io/provenance.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

struct ScenarioOutput {
    const Scenario& scenario;
    std::span<const ReplicateResult> replicates;
    std::string scenario_toml;  // the file it came from, kept on its group
};

void write_result_file(const std::string& path, const Provenance& provenance, const World& world,
                       const std::vector<ScenarioOutput>& scenarios);

}  // namespace havens
