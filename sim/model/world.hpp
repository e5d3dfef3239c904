// The world a run starts from: the state table, the regional blocs and the
// cooperation network derived from them. Built once per scenario and shared
// read-only by every replicate.
#pragma once

#include "model/cooperation_graph.hpp"
#include "model/parameters.hpp"
#include "model/states.hpp"

namespace havens {

struct World {
    StateTable states;
    Blocs blocs;
    CooperationNetwork network;
    std::vector<std::size_t> region_size;  // states per UN regional group
};

World build_world(StateTable states, Blocs blocs, const WorldParams& params);

}  // namespace havens
