// Scenario shortcuts for property tests on the default world: fewer exiles
// and months than a study would use, enough to exercise every rule.
#pragma once

#include "engine/run.hpp"
#include "support/default_world.hpp"

namespace havens::testing {

inline Scenario small_scenario(int months = 120, std::int64_t exiles = 20'000) {
    Scenario s;
    s.months = months;
    s.world.exiles = exiles;
    s.requests.rate = 0.03;  // more requests per exile, so that rare paths occur
    return s;
}

inline Scenario strong_safeguards(Scenario s) {
    s.safeguards.scope = Scope::narrow;
    s.safeguards.dual_criminality = DualCriminality::mandatory;
    s.safeguards.persecution_ground = PersecutionGround::mandatory;
    s.treaty.reservations = ReservationPolicy::prohibited;
    return s;
}

inline Scenario weakened(Scenario s) {
    s.safeguards.persecution_ground = PersecutionGround::deleted;
    s.safeguards.conditions_safeguards = Presence::deleted;
    s.safeguards.human_rights_clause = Presence::deleted;
    return s;
}

template <typename T>
T total(const std::vector<T>& v) {
    T sum{};
    for (const T& x : v) sum += x;
    return sum;
}

}  // namespace havens::testing
