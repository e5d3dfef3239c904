// The world a run starts from: the state table, the regional blocs and the
// cooperation network derived from them. Built once per scenario and shared
// read-only by every replicate.
#pragma once

#include "model/cooperation_graph.hpp"
#include "model/parameters.hpp"
#include "model/relations.hpp"
#include "model/states.hpp"

namespace havens {

// Inputs defined on pairs of states.
struct PairData {
    // Undirected pairs bound by an extradition treaty (data/extradition_treaties.csv;
    // partial: an absent pair has no treaty).
    StatePairs extradition_treaties;
    // Undirected pairs bound by a bilateral or extra-regional mutual legal
    // assistance instrument (data/mla_treaties.csv; partial: an absent pair
    // is unknown, and assistance may still come under national law).
    StatePairs mla_treaties;
    // [origin * n + host]: people born in origin living in host, 2024: the
    // larger of the UN DESA migrant stock and the UNHCR refugees plus
    // asylum-seekers (DESA's stock already counts refugees in most hosts).
    // Empty, or a row of zeros: no data for that origin.
    std::vector<double> diaspora;
    // [origin * n + host], 2024: UNHCR refugees plus asylum-seekers, and the
    // UN DESA migrant stock, each alone (the at-risk exiles' hosts mix them).
    std::vector<double> refugees;
    std::vector<double> migrant_stock;
    // [passport * n + destination]: 1 where entry needs no visa obtained in
    // advance (visa-free, on arrival, electronic authorisation). Empty: no data.
    std::vector<std::uint8_t> visa_access;
    Relations relations;
};

struct World {
    StateTable states;
    Blocs blocs;
    CooperationNetwork network;
    std::vector<std::size_t> region_size;   // states per UN regional group
    std::vector<double> diaspora;           // [origin * n + host], as in PairData; may be empty
    std::vector<double> refugees;           // as in PairData; may be empty
    std::vector<double> migrant_stock;      // as in PairData; may be empty
    std::vector<std::uint8_t> visa_access;  // as in PairData; empty: no visa data
    Relations relations;                    // hostile pairs, INTERPOL's measures

    bool visa_free(StateId passport, StateId destination) const {
        return visa_access.empty() || visa_access[passport * states.size() + destination] != 0;
    }
};

World build_world(StateTable states, Blocs blocs, const WorldParams& params, PairData pairs = {});

}  // namespace havens
