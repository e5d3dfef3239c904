// Counts and sizes that cannot wrap round: a design of 10^9 points times
// anything stays at the top of the range instead of becoming a small number
// that passes a check.
#pragma once

#include <cstdint>
#include <limits>

namespace havens {

inline constexpr std::uint64_t saturated = std::numeric_limits<std::uint64_t>::max();

constexpr std::uint64_t saturating_product(std::uint64_t a, std::uint64_t b) {
    return a != 0 && b > saturated / a ? saturated : a * b;
}

constexpr std::uint64_t saturating_sum(std::uint64_t a, std::uint64_t b) {
    return a > saturated - b ? saturated : a + b;
}

}  // namespace havens
