// A posterior read from a calibration (/calibration in a result file): the
// final generation's particles and weights. `havens run --posterior` gives
// each replicate one parameter set drawn from it, keyed by the replicate, so
// that every scenario arm and every thread count sees the same draw: common
// random numbers extend to the parameters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/parameters.hpp"

namespace havens {

struct Posterior {
    std::string source;                          // the file it was read from
    std::vector<std::string> keys;               // scenario keys, one per parameter
    std::vector<std::vector<double>> particles;  // [particle][parameter]
    std::vector<double> weights;                 // one per particle; they sum to one
    // The scenario file the calibration ran (as its result file records it);
    // empty for a CSV posterior, which records none.
    std::string fitted_to;
};

// The particle replicate `replicate` of a run seeded `seed` uses: drawn by
// weight from a stream keyed by (seed, replicate) alone.
std::size_t posterior_draw(const Posterior& posterior, std::uint64_t seed, std::uint64_t replicate);

// `scenario` with the keys set to `values` (integer keys rounded to the
// nearest integer); InputError naming `source` if a value is outside its
// key's range.
Scenario with_parameters(Scenario scenario, const std::vector<std::string>& keys,
                         const std::vector<double>& values, const std::string& source);

}  // namespace havens
