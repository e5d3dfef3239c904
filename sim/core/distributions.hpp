// The few distributions havens needs, written out so that results do not
// depend on a standard library's unspecified algorithms (std::*_distribution
// differ between libstdc++ and libc++). Each is tested against its moments.
#pragma once

#include <cstdint>
#include <span>

#include "core/random.hpp"

namespace havens {

inline bool bernoulli(RandomStream& rng, double p) { return rng.uniform() < p; }

// Exponential with the given mean, by inversion.
double exponential(RandomStream& rng, double mean);

// Standard normal by the Box-Muller transform (one of the pair is used).
double standard_normal(RandomStream& rng);

// Poisson: inversion for small means, Hormann's PTRS (transformed rejection
// with squeeze, 1993) for means of 10 and more, so the cost stays bounded.
std::uint64_t poisson(RandomStream& rng, double mean);

// Index drawn with probability proportional to the increments of a
// cumulative weight table (non-decreasing, last element the total > 0).
std::size_t categorical(RandomStream& rng, std::span<const double> cumulative);

// Maps 64 random bits to [0, n) without modulo bias worth measuring (Lemire).
inline std::uint64_t index_from_bits(std::uint64_t bits, std::uint64_t n) {
    __extension__ using u128 = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<u128>(bits) * n) >> 64);
}

inline std::uint64_t uniform_index(RandomStream& rng, std::uint64_t n) {
    return index_from_bits(rng.next_u64(), n);
}

}  // namespace havens
