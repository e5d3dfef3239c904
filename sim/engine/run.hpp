// One replicate of one scenario, month by month. The month is a fixed
// sequence of named phases (see step_month in run.cpp); what is recorded is
// returned as values, never written from here.
#pragma once

#include <cstdint>

#include "engine/replicate_result.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

ReplicateResult run_replicate(const World& world, const Scenario& scenario,
                              std::uint64_t replicate);

}  // namespace havens
