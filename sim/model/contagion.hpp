// What a granted request does to its target, and how persecution spreads:
// status escalates (surveilled, data exposed); an extradition request ends in
// a provisional arrest, then surrender or release; content and real-time
// grants expose contacts, who become priority targets of their origin; an
// exile whose host acted against them may move to a safe haven.
#pragma once

#include <optional>
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
    std::vector<std::int32_t> provided;               // [origin * n + provider], not detained
    // Per origin: 1 once where its exiles live or who can be reached changed
    // (cleared by whoever keeps per-origin sums of residents: the exile risk).
    std::vector<std::uint8_t> moved;
    std::size_t states = 0;

    std::int32_t& resident(StateId o, StateId h) {
        return residents[static_cast<std::size_t>(o) * states + h];
    }
    std::int32_t& client(StateId o, StateId p) {
        return provided[static_cast<std::size_t>(o) * states + p];
    }
};

// In custody (arrested in the host, surrendered or removed): out of reach of requests.
constexpr bool is_detained(ExileStatus s) {
    return s == ExileStatus::extradited || s == ExileStatus::pending_extradition ||
           s == ExileStatus::removed;
}

PopulationState initial_population_state(const Exiles& exiles, std::size_t states);

// Status severity: a grant only ever raises it; relocated ranks with safe.
int severity(ExileStatus s);

// The status a granted evidence request of this kind gives its target.
ExileStatus status_after_grant(RequestKind kind);

struct GrantEffect {
    bool detained = false;
    bool relocated = false;
    int contacts_exposed = 0;
};

// Applies a granted evidence request in completion order. `havens_of_origin`
// lists the states that are safe havens for the target's origin now (for relocation).
GrantEffect apply_grant(const Request& request, const ContagionParams& params,
                        const std::vector<StateId>& havens_of_origin, RandomStream& rng,
                        Exiles& exiles, PopulationState& population);

// The provisional arrest on a Red Notice; returns the status the target had
// (to restore on release), or nullopt when the target was already in custody.
std::optional<ExileStatus> apply_arrest(ExileId target, Exiles& exiles,
                                        PopulationState& population);

// The extradition decision after an arrest: surrender, or release to the
// status held before the arrest (and, like any exile whose host acted
// against them, a chance to move to a safe haven).
void apply_surrender(ExileId target, Exiles& exiles, PopulationState& population);

// A removal outside the law: the target is handed to the origin; false when
// the target was already in custody (the request lapses, as an arrest would).
bool apply_removal(ExileId target, Exiles& exiles, PopulationState& population);
GrantEffect apply_release(ExileId target, ExileStatus before, const ContagionParams& params,
                          const std::vector<StateId>& havens_of_origin, RandomStream& rng,
                          Exiles& exiles, PopulationState& population);

}  // namespace havens
