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
                                          const PopulationState& population, Execution execution);

// The legitimate stream: each state issues Poisson(legitimate_rate * share)
// requests against suspects abroad, drawn and decided like the others on
// streams of their own (so the exile stream's draws do not move).
std::vector<IssuedRequest> issue_legitimate_requests(const DecisionContext& ctx,
                                                     const KindTable& kinds, StreamKey key,
                                                     const ExileSetup& setup,
                                                     const std::vector<double>& shares,
                                                     Execution execution);

}  // namespace havens
