#include "model/exiles.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "support/default_world.hpp"

namespace havens {
namespace {

std::size_t index_of_state(const World& w, const char* iso3) {
    return static_cast<std::size_t>(std::find(w.states.iso3.begin(), w.states.iso3.end(), iso3) -
                                    w.states.iso3.begin());
}

TEST(OriginWeights, KeepPublishedCountsAndTheTotal) {
    const World& w = testing::default_world();
    const ExileParams p;
    const auto weights = origin_weights(w.states, p);
    EXPECT_DOUBLE_EQ(weights[index_of_state(w, "CHN")], 272.0);
    EXPECT_DOUBLE_EQ(weights[index_of_state(w, "TJK")], 92.0);
    EXPECT_NEAR(std::accumulate(weights.begin(), weights.end(), 0.0), 1219.0, 1e-6);
    // Egypt and Cambodia (leaders, counts unpublished): the top ten's 80% less
    // the seven known counts (765), in three equal slots.
    EXPECT_NEAR(weights[index_of_state(w, "EGY")], (0.8 * 1219 - 765) / 3, 1e-9);
    // The rest rise with repression: Eritrea (FH 3) above Norway (FH 100).
    EXPECT_GT(weights[index_of_state(w, "ERI")], weights[index_of_state(w, "NOR")]);
}

TEST(ExilePopulation, ApportionedExactlyAndSortedByOrigin) {
    const World& w = testing::default_world();
    const ExileSetup setup = prepare_exiles(w, ExileParams{}, 100'000);
    EXPECT_EQ(setup.origin_begin.back(), 100'000u);
    Exiles e = allocate_exiles(setup);
    const StreamKey key{1, 0};
    for (ExileId i = 0; i < e.size(); ++i) draw_exile(setup, key, i, e);
    for (ExileId i = 0; i < e.size(); ++i) draw_contacts(setup, key, i, e);
    const auto china = static_cast<StateId>(index_of_state(w, "CHN"));
    EXPECT_NEAR(static_cast<double>(e.of_origin(china)) / 100000.0, 272.0 / 1219.0, 1e-4);
    for (ExileId i = 0; i < e.size(); ++i) {
        ASSERT_NE(e.host[i], e.origin[i]);
        ASSERT_GE(i, e.origin_begin[e.origin[i]]);
        ASSERT_LT(i, e.origin_begin[e.origin[i] + 1]);
        ASSERT_NE(e.provider[i], e.origin[i]);
        for (int c = 0; c < e.contacts_per_exile; ++c) {
            // Contacts are exiles of the same origin.
            ASSERT_EQ(e.origin[e.contacts[static_cast<std::size_t>(i) * e.contacts_per_exile + c]], e.origin[i]);
        }
    }
}

TEST(ExilePopulation, ProvidersFollowTheShares) {
    const World& w = testing::default_world();
    const ExileSetup setup = prepare_exiles(w, ExileParams{}, 50'000);
    Exiles e = allocate_exiles(setup);
    for (ExileId i = 0; i < e.size(); ++i) draw_exile(setup, {4, 0}, i, e);
    const auto usa = static_cast<StateId>(index_of_state(w, "USA"));
    double at_usa = 0;
    for (StateId p : e.provider) at_usa += p == usa;
    // 60% by rule, plus US-hosted exiles whose providers are in the host.
    EXPECT_GT(at_usa / static_cast<double>(e.size()), 0.6 - 0.01);
    EXPECT_LT(at_usa / static_cast<double>(e.size()), 0.75);
}

}  // namespace
}  // namespace havens
