// The cooperation graph: states as vertices, one typed edge per channel a
// request can use between two states, each with an alignment weight.
//
// Boost.Graph holds the graph as built (and as exported to /world/edges);
// the hot loops use two derived forms: a dense state-by-state bitmask of
// open channels (one byte per ordered pair, one load per routing decision)
// and the row-normalised Eigen sparse influence matrix W of ratification.
// INTERPOL links every pair, so it is implied by the bitmask, not stored as
// 18 528 edges; `uncc` edges open at run time (model/treaty_status).
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <vector>

#include "core/vocabulary.hpp"
#include "model/parameters.hpp"
#include "model/states.hpp"

namespace havens {

struct ChannelEdge {
    Channel channel = Channel::mlat;
    double alignment = 0.0;
};

using CooperationGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                               boost::no_property, ChannelEdge>;

// Memberships of regional organisations: members[b] lists the states of bloc
// b. Any shared bloc makes two states peers in the influence matrix; only a
// shared bloc with an MLA instrument gives them the `regional` channel.
struct Blocs {
    std::vector<std::string> names;
    std::vector<std::vector<StateId>> members;
    // Per bloc, from data/bloc_instruments.csv (0 where not listed, and for
    // every bloc when the vectors are shorter than `names`):
    // 1 where a multilateral instrument among the members is a legal basis for
    // extradition between them,
    std::vector<std::uint8_t> extradition;
    // and 1 where one is a legal basis for mutual legal assistance;
    std::vector<std::uint8_t> mla;
    // 1 where the instrument covers only terrorism, separatism and extremism
    // as it defines them (the SCO's Shanghai Convention), not every offence.
    std::vector<std::uint8_t> terrorism_only;
};

using ChannelMask = std::uint16_t;
inline constexpr ChannelMask channel_bit(Channel c) {
    return static_cast<ChannelMask>(1u << static_cast<unsigned>(c));
}
// Not a channel of its own: a bloc in common whose instrument covers
// extradition (the `regional` bit says that a bloc with an MLA instrument is
// shared).
inline constexpr ChannelMask regional_extradition_bit = 1u << 15;
// Nor this: the pair's regional instruments cover terrorism charges only (no
// bloc with an instrument for every offence is shared).
inline constexpr ChannelMask regional_terrorism_only_bit = 1u << 14;
static_assert(channel_count <= 14, "the channel mask has one bit per channel and two spare");

struct CooperationNetwork {
    CooperationGraph graph;
    std::vector<ChannelMask> static_channels;  // [origin * n + requested], uncc never set here
    Eigen::MatrixXd alignment;                 // symmetric, [0, 1], every pair
    Eigen::SparseMatrix<double, Eigen::RowMajor> influence;  // W: rows sum to 1 (or 0)
    std::size_t state_count = 0;

    ChannelMask channels(StateId from, StateId to) const {
        return static_channels[static_cast<std::size_t>(from) * state_count + to];
    }
};

// Political affinity of two states from their 2019 votes and their Freedom
// House scores: weight w on vote similarity, 1 - w on score similarity.
double alignment_between(const StateTable& states, StateId a, StateId b, double vote_weight);

// Undirected state pairs bound by a bilateral instrument.
using StatePairs = std::vector<std::pair<StateId, StateId>>;

// The documented derivation (docs/ODD.md, "Cooperation graph"):
// budapest where both are parties; regional where both belong to one bloc
// whose mla flag is 1 (regional_extradition_bit where both belong to one whose
// extradition flag is 1); mlat for the listed mutual-assistance pairs;
// extradition_treaty for the listed extradition pairs; interpol everywhere.
// The influence matrix W links peers: states sharing any bloc, parties to
// Budapest, regional partners, and pairs of states whose rule_of_law are both
// at least peer_min_rule_of_law (like-minded democracies).
CooperationNetwork build_cooperation_network(const StateTable& states, const Blocs& blocs,
                                             const StatePairs& extradition_treaties,
                                             const StatePairs& mla_treaties,
                                             const WorldParams& params);

}  // namespace havens
