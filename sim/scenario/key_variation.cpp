#include "scenario/key_variation.hpp"

namespace havens {

namespace {

bool starts_with(std::string_view key, std::string_view prefix) {
    return key.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string why_fixed(std::string_view key, Variation variation) {
    const bool shapes_world = starts_with(key, "world.");
    if (variation == Variation::between_points) {
        // Every point shares the seed (common random numbers), the name (the
        // sweep's group), the posterior its replicates draw from, the number
        // of replicates, and the world, loaded and built once per job; a
        // point sizes its own exiles.
        if (key == "seed" || key == "name" || key == "posterior" || key == "replicates") {
            return "cannot be swept (every point shares the seed, the name, the posterior and "
                   "the number of replicates)";
        }
        // A sweep's points fill the slots of one set of arrays (schema 4):
        // they share its month axis and its variables.
        if (key == "months" || starts_with(key, "output.")) {
            return "cannot be swept (a sweep's points share their arrays: the horizon and the "
                   "outputs written; run such variants as scenarios of their own)";
        }
        if (shapes_world && key != "world.exiles") {
            return "cannot be swept (every point runs in the same world; only world.exiles may "
                   "differ)";
        }
        return "";
    }
    // Replicates are stacked along one axis of their point's arrays: the
    // seed, the horizon, the number of replicates, the outputs and the world
    // (its size included) are the point's.
    if (key == "seed" || key == "name" || key == "posterior" || key == "months" ||
        key == "replicates" || shapes_world || starts_with(key, "replication.") ||
        starts_with(key, "output.")) {
        return "cannot differ between the replicates of a run (the seed, the world, the "
               "horizon, replication and outputs are fixed per run)";
    }
    return "";
}

}  // namespace havens
