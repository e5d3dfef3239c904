// What a granted request does to its target, and how persecution spreads:
// status escalates (surveilled, data exposed, detained); content and
// real-time grants expose contacts, who become priority targets of their
// origin; an exile whose host grants against them may move to a safe haven.
#pragma once

#include <vector>

#include "core/random.hpp"
#include "model/exiles.hpp"
#include "model/parameters.hpp"
#include "model/request.hpp"

namespace havens {

// Mutable per-replicate population state beyond the exiles' own arrays.
struct PopulationState {
    std::vector<std::vector<ExileId>> priority_pool;  // per origin: exposed contacts
    std::vector<std::uint32_t> active;                // per origin: exiles not detained
    std::vector<std::int64_t> by_status;              // exiles per ExileStatus
    std::vector<std::int32_t> residents;              // [origin * n + host], not detained
    std::size_t states = 0;

    std::int32_t& resident(StateId o, StateId h) {
        return residents[static_cast<std::size_t>(o) * states + h];
    }
};

PopulationState initial_population_state(const Exiles& exiles, std::size_t states);

// Status severity: a grant only ever raises it; relocated ranks with safe.
int severity(ExileStatus s);

// The status a granted request of this kind gives its target.
ExileStatus status_after_grant(RequestKind kind);

struct GrantEffect {
    bool detained = false;
    bool relocated = false;
    int contacts_exposed = 0;
};

// Applies a granted request in completion order. `havens_of_origin` lists
// the states that are safe havens for the target's origin now (for relocation).
GrantEffect apply_grant(const Request& request, const ContagionParams& params,
                        const std::vector<StateId>& havens_of_origin, RandomStream& rng,
                        Exiles& exiles, PopulationState& population);

}  // namespace havens
