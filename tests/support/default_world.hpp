// The real default world (scenarios/data), loaded once per test binary.
#pragma once

#include "io/world_data.hpp"
#include "model/world.hpp"

namespace havens::testing {

inline const World& default_world() {
    static const World world = [] {
        const std::string dir = HAVENS_SCENARIOS_DIR;
        StateTable states = load_states(dir + "/data/states.csv", 193);
        Blocs blocs = load_blocs(dir + "/data/blocs.csv", states);
        load_origin_incidents(dir + "/data/tnr_origin_weights.csv", states);
        return build_world(std::move(states), std::move(blocs), WorldParams{});
    }();
    return world;
}

}  // namespace havens::testing
