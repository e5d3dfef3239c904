#include "model/cooperation_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "support/default_world.hpp"
#include "support/tiny_world.hpp"

namespace havens {
namespace {

using testing::TinyState;

// Four states, every value hand-set: A and B Budapest parties with strong courts.
StateTable four_state_table() {
    return testing::make_states({
        TinyState{.iso3 = "AAA",
                  .stance = Stance::no,
                  .budapest = true,
                  .fh_score = 90,
                  .rule_of_law = 0.9},
        TinyState{.iso3 = "BBB",
                  .stance = Stance::no,
                  .budapest = true,
                  .fh_score = 80,
                  .rule_of_law = 0.8},
        TinyState{.iso3 = "CCC", .stance = Stance::yes, .fh_score = 20, .rule_of_law = 0.2},
        TinyState{.iso3 = "DDD", .stance = Stance::abstain, .fh_score = 50, .rule_of_law = 0.5},
    });
}

// The four states, C in a bloc with A, D isolated, an MLA treaty listed
// between A and B (or none).
World four_states(bool mla_treaty = true) {
    auto states = four_state_table();
    Blocs blocs{.names = {"bloc"},
                .members = {{0, 2}},
                .extradition = {0},
                .mla = {1},
                .terrorism_only = {}};
    PairData pairs;
    if (mla_treaty) pairs.mla_treaties = {{1, 0}};
    return build_world(std::move(states), std::move(blocs), WorldParams{}, std::move(pairs));
}

TEST(CooperationGraph, ChannelsFollowTheDocumentedRules) {
    const World w = four_states();
    const auto& net = w.network;
    const ChannelMask interpol = channel_bit(Channel::interpol);
    EXPECT_EQ(net.channels(0, 1),
              interpol | channel_bit(Channel::budapest) | channel_bit(Channel::mlat));
    EXPECT_EQ(net.channels(0, 2), interpol | channel_bit(Channel::regional));
    EXPECT_EQ(net.channels(2, 0), net.channels(0, 2));
    EXPECT_EQ(net.channels(1, 3), interpol);
    EXPECT_EQ(net.channels(3, 2), interpol);
    // Edges stored: budapest + mlat between A and B, regional between A and C.
    EXPECT_EQ(boost::num_edges(net.graph), 3u);
}

// An MLA treaty is a listed fact, not inferred from strong courts; the
// kinship of states with independent courts still makes them peers in W.
TEST(CooperationGraph, OnlyListedPairsHaveAnMlaTreatyButStrongCourtsStayPeers) {
    const World w = four_states(false);
    EXPECT_EQ(w.network.channels(0, 1),
              channel_bit(Channel::interpol) | channel_bit(Channel::budapest));
    const Eigen::MatrixXd W(w.network.influence);
    EXPECT_NEAR(W(0, 1), 0.95 / 1.10, 1e-12);
    // Below the peer threshold, only the multilateral instrument links them.
    WorldParams strict;
    strict.peer_min_rule_of_law = 0.95;
    const World w2 = build_world(four_state_table(), Blocs{}, strict);
    EXPECT_DOUBLE_EQ(Eigen::MatrixXd(w2.network.influence)(0, 1), 1.0);  // Budapest alone
    const World w3 = build_world(
        [] {
            auto t = four_state_table();
            t.budapest_party.assign(4, 0);
            return t;
        }(),
        Blocs{}, strict);
    EXPECT_DOUBLE_EQ(Eigen::MatrixXd(w3.network.influence).row(0).sum(), 0.0);
}

TEST(CooperationGraph, AlignmentMixesVotesAndScores) {
    const World w = four_states();
    // A, B: same vote (1), scores 90 and 80 (0.9): 0.5 * 1 + 0.5 * 0.9.
    EXPECT_DOUBLE_EQ(w.network.alignment(0, 1), 0.95);
    // A (no), C (yes): opposite votes (0), scores 90 and 20 (0.3).
    EXPECT_DOUBLE_EQ(w.network.alignment(0, 2), 0.15);
    // B (no), D (abstain): 0.5, scores 80 and 50 (0.7).
    EXPECT_DOUBLE_EQ(w.network.alignment(1, 3), 0.6);
}

TEST(CooperationGraph, InfluenceRowsAreNormalisedOverNeighbours) {
    const World w = four_states();
    const Eigen::MatrixXd W(w.network.influence);
    // A's neighbours: B (0.95) and C (0.15).
    EXPECT_NEAR(W(0, 1), 0.95 / 1.10, 1e-12);
    EXPECT_NEAR(W(0, 2), 0.15 / 1.10, 1e-12);
    EXPECT_DOUBLE_EQ(W(1, 0), 1.0);
    EXPECT_DOUBLE_EQ(W.row(3).sum(), 0.0);  // isolated: no peer pressure
}

// The four states again, with a second bloc that has no MLA instrument: B
// and D are members of it, and of nothing else together.
World four_states_with_a_political_bloc(std::uint8_t political_mla) {
    auto states = four_state_table();
    Blocs blocs{.names = {"bloc", "political"},
                .members = {{0, 2}, {1, 3}},
                .extradition = {0, 1},
                .mla = {1, political_mla},
                .terrorism_only = {}};
    PairData pairs;
    pairs.mla_treaties = {{0, 1}};
    return build_world(std::move(states), std::move(blocs), WorldParams{}, std::move(pairs));
}

TEST(CooperationGraph, ABlocWithoutMlaGivesNoRegionalChannelButMakesPeers) {
    const World w = four_states_with_a_political_bloc(0);
    const auto& net = w.network;
    const ChannelMask interpol = channel_bit(Channel::interpol);
    // B and D share only the political bloc: no regional channel (its
    // extradition flag still gives the regional legal basis for surrender).
    EXPECT_EQ(net.channels(1, 3), interpol | regional_extradition_bit);
    EXPECT_EQ(net.channels(3, 1), net.channels(1, 3));
    EXPECT_EQ(net.channels(0, 2), interpol | channel_bit(Channel::regional));
    EXPECT_EQ(boost::num_edges(net.graph), 3u);  // no regional edge between B and D
    // ... but they are peers: D, isolated without the bloc, now has B as its
    // only neighbour, and B has A (0.95) and D (0.6).
    const Eigen::MatrixXd W(net.influence);
    EXPECT_DOUBLE_EQ(W(3, 1), 1.0);
    EXPECT_DOUBLE_EQ(W.row(3).sum(), 1.0);
    EXPECT_NEAR(W(1, 0), 0.95 / 1.55, 1e-12);
    EXPECT_NEAR(W(1, 3), 0.6 / 1.55, 1e-12);
    EXPECT_DOUBLE_EQ(W(3, 2), 0.0);  // C is in no bloc with D
}

TEST(CooperationGraph, ABlocWithMlaGivesTheRegionalChannel) {
    const World w = four_states_with_a_political_bloc(1);
    EXPECT_EQ(w.network.channels(1, 3), channel_bit(Channel::interpol) |
                                            channel_bit(Channel::regional) |
                                            regional_extradition_bit);
    EXPECT_EQ(boost::num_edges(w.network.graph), 4u);
}

TEST(CooperationGraph, WithoutInstrumentFlagsNoBlocOpensTheRegionalChannel) {
    auto states = testing::make_states({TinyState{.iso3 = "AAA"}, TinyState{.iso3 = "BBB"}});
    const World w =
        build_world(std::move(states), Blocs{{"bloc"}, {{0, 1}}, {}, {}, {}}, WorldParams{});
    EXPECT_EQ(w.network.channels(0, 1), channel_bit(Channel::interpol));
    EXPECT_DOUBLE_EQ(Eigen::MatrixXd(w.network.influence)(0, 1), 1.0);
}

StateId id_of(const StateTable& states, const std::string& code) {
    const auto it = std::find(states.iso3.begin(), states.iso3.end(), code);
    EXPECT_NE(it, states.iso3.end()) << code;
    return static_cast<StateId>(it - states.iso3.begin());
}

std::size_t bloc_index(const Blocs& blocs, const std::string& name) {
    const auto it = std::find(blocs.names.begin(), blocs.names.end(), name);
    EXPECT_NE(it, blocs.names.end()) << name;
    return static_cast<std::size_t>(it - blocs.names.begin());
}

// The ten blocs with a criminal-justice instrument before the political
// organisations were added: every one has mla = 1.
const std::vector<std::string> instrument_blocs{"arab_league", "asean", "cis", "coe",  "ecowas",
                                                "eu",          "gcc",   "oas", "sadc", "sco"};

TEST(CooperationGraph, TheDefaultWorldKeepsItsRegionalChannel) {
    const World& w = testing::default_world();
    const std::size_t n = w.states.size();
    const Blocs& blocs = w.blocs;
    ASSERT_EQ(blocs.mla.size(), blocs.names.size());
    for (const auto& name : instrument_blocs)
        EXPECT_EQ(blocs.mla[bloc_index(blocs, name)], 1) << name;
    // Pairs sharing one of the ten: the 2 054 regional pairs of the previous
    // world, all still regional.
    std::vector<std::uint8_t> old_pair(n * n, 0);
    for (const auto& name : instrument_blocs) {
        for (StateId a : blocs.members[bloc_index(blocs, name)]) {
            for (StateId b : blocs.members[bloc_index(blocs, name)]) {
                if (a != b) old_pair[static_cast<std::size_t>(a) * n + b] = 1;
            }
        }
    }
    std::size_t old_pairs = 0, regional = 0, lost = 0;
    for (StateId a = 0; a < n; ++a) {
        for (StateId b = static_cast<StateId>(a + 1); b < n; ++b) {
            const bool was = old_pair[static_cast<std::size_t>(a) * n + b] != 0;
            const bool is = (w.network.channels(a, b) & channel_bit(Channel::regional)) != 0;
            old_pairs += was;
            regional += is;
            lost += was && !is;
        }
    }
    EXPECT_EQ(old_pairs, 2054u);
    EXPECT_EQ(lost, 0u);
    // The only new bloc with an MLA instrument in force is SICA (1993 treaty):
    // it adds Nicaragua's pairs with the seven other members, all in the OAS.
    EXPECT_EQ(regional, 2054u + 7u);
    const StateId nic = id_of(w.states, "NIC");
    const StateId cri = id_of(w.states, "CRI");
    const StateId ven = id_of(w.states, "VEN");
    const StateId bra = id_of(w.states, "BRA");
    EXPECT_TRUE(w.network.channels(nic, cri) & channel_bit(Channel::regional));
    EXPECT_FALSE(w.network.channels(nic, cri) & regional_extradition_bit);
    // Mercosur's instruments bind only its founders: suspended Venezuela gets none.
    EXPECT_FALSE(w.network.channels(ven, bra) & channel_bit(Channel::regional));
}

TEST(CooperationGraph, EveryStateOfTheDefaultWorldInABlocFeelsPeerPull) {
    const World& w = testing::default_world();
    const std::size_t n = w.states.size();
    std::vector<std::uint8_t> in_bloc(n, 0);
    for (const auto& members : w.blocs.members) {
        for (StateId s : members) in_bloc[s] = 1;
    }
    const Eigen::MatrixXd W(w.network.influence);
    std::vector<std::string> without_row, in_no_bloc;
    for (StateId s = 0; s < n; ++s) {
        const double sum = W.row(s).sum();
        if (sum > 0.0) EXPECT_NEAR(sum, 1.0, 1e-12) << w.states.iso3[s];
        if (sum == 0.0) without_row.push_back(w.states.iso3[s]);
        if (!in_bloc[s]) in_no_bloc.push_back(w.states.iso3[s]);
        if (in_bloc[s]) EXPECT_GT(sum, 0.0) << w.states.iso3[s] << " is in a bloc";
    }
    std::sort(in_no_bloc.begin(), in_no_bloc.end());
    EXPECT_EQ(in_no_bloc, (std::vector<std::string>{"ISR", "JPN", "KOR", "MNG", "PRK"}));
    // North Korea: no bloc, no static channel.
    EXPECT_EQ(without_row, (std::vector<std::string>{"PRK"}));
    // Formerly without any peer: now pulled by their regional organisations.
    for (const char* code : {"ETH", "KEN", "AFG", "BGD", "CUB", "VEN", "PNG", "MLI"}) {
        EXPECT_GT(W.row(id_of(w.states, code)).sum(), 0.0) << code;
    }
}

}  // namespace
}  // namespace havens
