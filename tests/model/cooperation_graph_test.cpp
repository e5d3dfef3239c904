#include "model/cooperation_graph.hpp"

#include <gtest/gtest.h>

#include "support/tiny_world.hpp"

namespace havens {
namespace {

using testing::TinyState;

// Four states, every value hand-set: A and B Budapest parties with strong
// courts, C in a bloc with A, D isolated.
World four_states() {
    auto states = testing::make_states({
        TinyState{.iso3 = "AAA", .stance = Stance::no, .budapest = true, .fh_score = 90, .rule_of_law = 0.9},
        TinyState{.iso3 = "BBB", .stance = Stance::no, .budapest = true, .fh_score = 80, .rule_of_law = 0.8},
        TinyState{.iso3 = "CCC", .stance = Stance::yes, .fh_score = 20, .rule_of_law = 0.2},
        TinyState{.iso3 = "DDD", .stance = Stance::abstain, .fh_score = 50, .rule_of_law = 0.5},
    });
    Blocs blocs{{"bloc"}, {{0, 2}}, {0}};
    return build_world(std::move(states), std::move(blocs), WorldParams{});
}

TEST(CooperationGraph, ChannelsFollowTheDocumentedRules) {
    const World w = four_states();
    const auto& net = w.network;
    const ChannelMask interpol = channel_bit(Channel::interpol);
    EXPECT_EQ(net.channels(0, 1), interpol | channel_bit(Channel::budapest) | channel_bit(Channel::mlat));
    EXPECT_EQ(net.channels(0, 2), interpol | channel_bit(Channel::regional));
    EXPECT_EQ(net.channels(2, 0), net.channels(0, 2));
    EXPECT_EQ(net.channels(1, 3), interpol);
    EXPECT_EQ(net.channels(3, 2), interpol);
    // Edges stored: budapest + mlat between A and B, regional between A and C.
    EXPECT_EQ(boost::num_edges(net.graph), 3u);
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

}  // namespace
}  // namespace havens
