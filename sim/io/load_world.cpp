#include "io/load_world.hpp"

#include "io/relations_data.hpp"
#include "io/treaty_record.hpp"
#include "io/world_data.hpp"

namespace havens {

World load_world(const WorldParams& w) {
    StateTable states = load_states(w.states, static_cast<std::size_t>(w.state_count));
    Blocs blocs = load_blocs(w.blocs, states);
    load_origin_incidents(w.origin_incidents, states);
    load_protection_treaties(w.protection_treaties, states);
    load_legal_systems(w.legal_systems, states);
    load_request_volumes(w.request_volumes, states);
    load_bloc_instruments(w.bloc_instruments, blocs);
    load_treaty_events(w.treaty_events, states);
    load_speech_reservations(w.speech_reservations, states);
    load_provider_disclosure(w.provider_disclosure, states);
    load_platform_shares(w.platform_shares, states);
    PairData pairs;
    pairs.extradition_treaties = load_state_pairs(w.extradition_treaties, states);
    pairs.mla_treaties = load_state_pairs(w.mla_treaties, states);
    pairs.migrant_stock = load_migrant_stock(w.migrant_stock, states);
    pairs.refugees = load_refugees(w.refugees, states);
    pairs.diaspora = diaspora_of(pairs.migrant_stock, pairs.refugees);
    pairs.visa_access = load_visa_access(w.visa_access, states);
    pairs.relations = Relations(states.size(), load_hostile_relations(w.hostile_relations, states),
                                load_interpol_measures(w.interpol_measures, states));
    return build_world(std::move(states), std::move(blocs), w, std::move(pairs));
}

}  // namespace havens
