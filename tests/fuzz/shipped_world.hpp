// The shipped world, loaded once per harness: what a fuzzed scenario's or
// calibration's interventions are checked against (the input's own world
// files are checked by the loader, not read).
#pragma once

#include <string>

#include "io/load_world.hpp"

namespace havens::fuzz {

inline const World& shipped_world() {
    static const World world = [] {
        WorldParams params;
        for (auto [file, key] : params.files()) {
            *file = std::string(HAVENS_SOURCE_DIR "/scenarios/data/") + *file;
        }
        return load_world(params);
    }();
    return world;
}

}  // namespace havens::fuzz
