// The per-state interventions of a job's scenarios, checked against the
// world before any work: every point of every sweep, so that a swept horizon
// or reservation policy that contradicts an intervention is refused too.
#pragma once

#include <vector>

#include "io/scenario_file.hpp"
#include "model/world.hpp"

namespace havens {

// Runs after the size check: a sweep is expanded only when its scenario
// makes interventions or sweeps one. InputError at the first problem, naming the line where the key is set:
// in the file, on a sweep axis, or --set.
void check_interventions(const World& world, const std::vector<LoadedScenario>& loaded);

}  // namespace havens
