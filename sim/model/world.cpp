#include "model/world.hpp"

namespace havens {

World build_world(StateTable states, Blocs blocs, const WorldParams& params, PairData pairs) {
    World world;
    world.network = build_cooperation_network(states, blocs, pairs.extradition_treaties, params);
    world.diaspora = std::move(pairs.diaspora);
    world.region_size.assign(region_names.size(), 0);
    for (Region r : states.region) ++world.region_size[idx(r)];
    world.states = std::move(states);
    world.blocs = std::move(blocs);
    return world;
}

}  // namespace havens
