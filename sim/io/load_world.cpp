#include "io/load_world.hpp"

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
    PairData pairs{load_state_pairs(w.extradition_treaties, states),
                   load_state_pairs(w.mla_treaties, states),
                   load_diaspora(w.migrant_stock, w.refugees, states)};
    return build_world(std::move(states), std::move(blocs), w, std::move(pairs));
}

}  // namespace havens
