// The world of a scenario, from the data files its [world] keys name: the
// one place that knows which loader reads which file, in which order.
#pragma once

#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

// Paths are used as given (a loaded scenario has them resolved against its
// file). Throws InputError naming the file, line and column of a bad value.
World load_world(const WorldParams& params);

}  // namespace havens
