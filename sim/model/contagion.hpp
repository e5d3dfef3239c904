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
#include "model/world.hpp"

namespace havens {

// Mutable per-replicate population state beyond the exiles' own arrays.
struct PopulationState {
    std::vector<std::vector<ExileId>> priority_pool;  // per origin: exposed contacts
    std::vector<std::uint32_t> active;                // per origin: exiles not detained
    std::vector<std::int64_t> by_status;              // exiles per ExileStatus
    std::vector<std::int32_t> residents;              // [origin * n + host], not detained
    std::vector<std::int32_t> refugee_residents;      // ... of them refugees or asylum-seekers
    std::vector<std::int32_t> provided;               // [origin * n + provider], not detained
    // Per origin: 1 once where its exiles live or who can be reached changed
    // (cleared by whoever keeps per-origin sums of residents: the exile risk).
    std::vector<std::uint8_t> moved;
    // Per exile: the last month a request was sent against them and how many
    // were sent that month (the campaign cap, requests.per_target_month).
    std::vector<Month> targeted_month;
    std::vector<std::uint16_t> targeted_count;
    std::size_t states = 0;

    std::int32_t& resident(StateId o, StateId h) {
        return residents[static_cast<std::size_t>(o) * states + h];
    }
    // Counts exile i in (step +1) or out of (-1) its host's residents.
    void count_resident(const Exiles& exiles, ExileId i, int step) {
        const std::size_t pair =
            static_cast<std::size_t>(exiles.origin[i]) * states + exiles.host[i];
        residents[pair] += step;
        if (exiles.refugee[i]) refugee_residents[pair] += step;
    }
    std::int32_t& client(StateId o, StateId p) {
        return provided[static_cast<std::size_t>(o) * states + p];
    }
};

// Campaigns (docs/ODD.md 7.7): whether a request of month t against `target`
// may be sent, with at most `cap` a month against one exile (0: no cap);
// counts it when it may. A sent request follows up an exposed contact: it
// leaves its origin's priority pool at the next pruning.
bool admit_request(ExileId target, Month t, int cap, Exiles& exiles, PopulationState& population);

// Drops from every priority pool the exiles followed up or in custody.
void prune_priority_pools(const Exiles& exiles, PopulationState& population);

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

// How a relocating exile chooses among the havens of its origin (docs/ODD.md
// 7.11): in proportion to the origin's at-risk diaspora there, times
// contagion.relocation_visa_factor where the origin's passport needs a visa
// obtained in advance; where no haven has compatriots, in proportion to the
// havens' asylum capacity (the refugees and asylum-seekers they host) with
// the same visa factor; where no haven hosts any, uniformly.
struct RelocationChoice {
    std::vector<double> diaspora;  // [origin * n + haven]
    std::vector<double> capacity;  // [origin * n + haven]
    std::size_t states = 0;
};
RelocationChoice relocation_choice(const World& world, const ExileSetup& setup,
                                   const ContagionParams& params);

// A relocation's destination among `havens` (not empty), drawn on one uniform.
StateId choose_haven(const RelocationChoice& choice, StateId origin,
                     const std::vector<StateId>& havens, double u);

// Where a relocating exile of the target's origin may go now: the states that
// are safe havens for it, and how it chooses among them.
struct Havens {
    const std::vector<StateId>& list;
    const RelocationChoice& choice;
};

// Applies a granted evidence request in completion order.
GrantEffect apply_grant(const Request& request, const ContagionParams& params, Havens havens,
                        RandomStream& rng, Exiles& exiles, PopulationState& population);

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
                          Havens havens, RandomStream& rng, Exiles& exiles,
                          PopulationState& population);

}  // namespace havens
