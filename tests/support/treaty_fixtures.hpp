// Small fixtures the decision tests share: a state of a world by its ISO
// code, and a treaty status with every state a party from month 0.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "model/treaty_status.hpp"
#include "model/world.hpp"

namespace havens::testing {

inline StateId state_of(const World& w, std::string_view iso3) {
    for (StateId s = 0; s < w.states.size(); ++s) {
        if (w.states.iso3[s] == iso3) return s;
    }
    ADD_FAILURE() << iso3 << " not in the world";
    return 0;
}

// Every state a party with the convention (and, optionally, the protocol) in
// force for it from month 0.
inline TreatyStatus everyone_in_force(std::size_t n, bool protocol = false) {
    TreatyStatus t(n);
    for (StateId s = 0; s < n; ++s) {
        t.ratified_month[s] = 0;
        t.in_force_month[s] = 0;
        if (protocol) t.protocol_in_force_month[s] = 0;
    }
    t.parties = static_cast<int>(n);
    t.entry_into_force_month = 0;
    if (protocol) t.protocol_entry_into_force_month = 0;
    return t;
}

}  // namespace havens::testing
