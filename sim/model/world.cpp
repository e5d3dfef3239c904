#include "model/world.hpp"

#include <cmath>

namespace havens {

World build_world(StateTable states, Blocs blocs, const WorldParams& params, PairData pairs) {
    // The record's denunciations and the speech reservations come from their
    // own files; a table loaded without them has none.
    const std::size_t n = states.size();
    if (states.observed_denunciation_month.size() != n)
        states.observed_denunciation_month.assign(n, never);
    if (states.speech_reserved.size() != n) states.speech_reserved.assign(n, 0);
    // So do the provider and platform figures: none on record, no national platforms.
    for (auto* counts : {&states.disclosure_requests, &states.disclosure_provided}) {
        if (counts->size() != n) counts->assign(n, std::nan(""));
    }
    for (auto* shares : {&states.platform_national, &states.platform_telegram}) {
        if (shares->size() != n) shares->assign(n, 0.0);
    }
    World world;
    world.network = build_cooperation_network(states, blocs, pairs.extradition_treaties,
                                              pairs.mla_treaties, params);
    world.diaspora = std::move(pairs.diaspora);
    world.refugees = std::move(pairs.refugees);
    world.migrant_stock = std::move(pairs.migrant_stock);
    world.visa_access = std::move(pairs.visa_access);
    world.relations = std::move(pairs.relations);
    world.region_size.assign(region_names.size(), 0);
    for (Region r : states.region) ++world.region_size[idx(r)];
    world.states = std::move(states);
    world.blocs = std::move(blocs);
    return world;
}

}  // namespace havens
