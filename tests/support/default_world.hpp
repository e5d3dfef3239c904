// The real default world (scenarios/data), loaded once per test binary.
#pragma once

#include "io/load_world.hpp"
#include "model/world.hpp"

namespace havens::testing {

// The default [world] keys, with every file in the shipped data folder.
inline WorldParams default_world_params() {
    WorldParams w;
    const std::string dir = std::string(HAVENS_SCENARIOS_DIR) + "/data/";
    for (auto [file, key] : w.files()) {
        *file = dir + file->substr(file->find('/') + 1);  // "data/x.csv" -> DIR/x.csv
    }
    return w;
}

inline const World& default_world() {
    static const World world = load_world(default_world_params());
    return world;
}

}  // namespace havens::testing
