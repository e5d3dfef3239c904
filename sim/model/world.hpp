// The world a run starts from: the state table, the regional blocs and the
// cooperation network derived from them. Built once per scenario and shared
// read-only by every replicate.
#pragma once

#include "model/cooperation_graph.hpp"
#include "model/parameters.hpp"
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
};

struct World {
    StateTable states;
    Blocs blocs;
    CooperationNetwork network;
    std::vector<std::size_t> region_size;  // states per UN regional group
    std::vector<double> diaspora;          // [origin * n + host], as in PairData; may be empty
};

World build_world(StateTable states, Blocs blocs, const WorldParams& params, PairData pairs = {});

}  // namespace havens
