// Entry into force on the UNTOC pattern, shared by the convention (Art. 65)
// and its protocol: `delay` months after the threshold-th instrument for the
// first depositors; for a later depositor `later_delay` months after its
// deposit, never before the instrument itself.
#pragma once

#include <algorithm>
#include <vector>

#include "core/vocabulary.hpp"

namespace havens {

struct EntryIntoForceRule {
    int threshold = 40;
    int delay = 3;
    int later_delay = 1;
};

// Counts one more instrument deposited in month t, and dates the
// instrument's entry into force when it is the threshold-th.
inline void count_instrument(const EntryIntoForceRule& rule, Month t, int& instruments,
                             Month& threshold_month, Month& entry_into_force) {
    ++instruments;
    if (threshold_month == never && instruments >= rule.threshold) {
        threshold_month = t;
        entry_into_force = t + rule.delay;
    }
}

// Dates every depositor not yet dated, once the instrument's own date is known.
inline void date_depositors(const EntryIntoForceRule& rule, const std::vector<Month>& deposits,
                            Month threshold_month, Month entry_into_force,
                            std::vector<Month>& in_force) {
    if (entry_into_force == never) return;
    for (std::size_t s = 0; s < deposits.size(); ++s) {
        const Month deposit = deposits[s];
        if (deposit == never || in_force[s] != never) continue;
        in_force[s] = deposit <= threshold_month
                          ? entry_into_force
                          : std::max(entry_into_force, deposit + rule.later_delay);
    }
}

}  // namespace havens
