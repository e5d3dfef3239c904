// Which scenario keys may take different values within one job: between the
// points of a sweep, and between the replicates of a point (a posterior draw,
// a calibration's particle). The one rule every command checks, up front.
#pragma once

#include <string>
#include <string_view>

namespace havens {

enum class Variation {
    between_points,      // a sweep's axes, --sweep
    between_replicates,  // a posterior's keys, a calibration's parameters
};

// Why `key` must hold one value at `variation`, as the tail of a one-line
// error; empty when it may vary.
std::string why_fixed(std::string_view key, Variation variation);

}  // namespace havens
