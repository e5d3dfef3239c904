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
        load_protection_treaties(dir + "/data/protection_treaties.csv", states);
        load_legal_systems(dir + "/data/legal_systems.csv", states);
        load_request_volumes(dir + "/data/request_volumes.csv", states);
        load_bloc_instruments(dir + "/data/bloc_instruments.csv", blocs);
        PairData pairs{load_extradition_treaties(dir + "/data/extradition_treaties.csv", states),
                       load_diaspora(dir + "/data/migrant_stock.csv", dir + "/data/refugees.csv",
                                     states)};
        return build_world(std::move(states), std::move(blocs), WorldParams{}, std::move(pairs));
    }();
    return world;
}

}  // namespace havens::testing
