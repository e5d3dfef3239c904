// The monthly hot loop: every origin issues its requests, each is routed and
// decided. Requests are independent given the state at the start of the
// phase, so they run as one oneTBB parallel_for; each iteration writes only
// its own slot, and the slots are read back in (origin, index) order.
#pragma once

#include <vector>

#include "model/contagion.hpp"
#include "model/decision.hpp"
#include "model/exiles.hpp"
#include "model/request.hpp"

namespace havens {

struct IssuedRequest {
    Request request;
    Decision decision;
    std::uint32_t serial = 0;  // index within the origin's requests this month
    bool issued = false;       // false: every target drawn was already detained
};

enum class Execution { serial, parallel };

std::vector<IssuedRequest> issue_requests(const DecisionContext& ctx, const KindTable& kinds,
                                          StreamKey key, const Exiles& exiles,
                                          const PopulationState& population,
                                          Execution execution);

}  // namespace havens
