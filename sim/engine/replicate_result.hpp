// What one replicate returns: plain arrays, named as their HDF5 datasets
// (docs/OUTPUT.md). The engine fills them; sinks write or inspect them.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/vocabulary.hpp"

namespace havens {

struct ReplicateResult {
    // [month]
    std::vector<std::int32_t> parties;
    std::vector<std::uint8_t> treaty_in_force;
    std::vector<std::uint8_t> protocol_adopted;
    std::vector<std::int32_t> protocol_parties;
    std::vector<std::uint8_t> protocol_in_force;
    // [state]
    std::vector<Month> ratified_month;
    std::vector<Month> treaty_in_force_month;
    std::vector<Month> protocol_ratified_month;
    std::vector<std::array<std::uint8_t, article_count>> reservations;
    // scalars
    Month entry_into_force_month = never;
    Month protocol_adopted_month = never;
    std::int32_t protocol_votes = 0;
};

}  // namespace havens
