// Each state's share of the legitimate request stream: a hand-made table with
// the shares written out, and the default world's published volumes.
#include "model/request.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "support/default_world.hpp"
#include "support/tiny_world.hpp"

namespace havens {
namespace {

// Google: AAA 100, BBB 10, USA 50 (domestic requests, not counted as such);
// Microsoft: AAA 50, MSO 20 (scaled by Google / Microsoft over the states
// both list: 100 / 50); NON: listed by neither.
TEST(LegitimateShares, AHandMadeTable) {
    using testing::TinyState;
    StateTable states = testing::make_states({
        TinyState{.iso3 = "AAA", .requests = 100},
        TinyState{.iso3 = "BBB", .requests = 10},
        TinyState{.iso3 = "USA", .requests = 50},
        TinyState{.iso3 = "MSO"},
        TinyState{.iso3 = "NON"},
    });
    states.requests_microsoft[0] = 50;
    states.requests_microsoft[3] = 20;
    const std::vector<double> v = legitimate_request_shares(states);
    // Volumes: AAA 100, BBB 10, USA the largest listed (100), MSO 20 * 2,
    // NON half the smallest listed (10 / 2).
    const double total = 100 + 10 + 100 + 40 + 5;
    ASSERT_EQ(v.size(), 5u);
    EXPECT_DOUBLE_EQ(v[0], 100 / total);
    EXPECT_DOUBLE_EQ(v[1], 10 / total);
    EXPECT_DOUBLE_EQ(v[2], 100 / total);
    EXPECT_DOUBLE_EQ(v[3], 40 / total);
    EXPECT_DOUBLE_EQ(v[4], 5 / total);
}

TEST(LegitimateShares, NoDataMeansEveryStateAlike) {
    const StateTable states =
        testing::make_states({{.iso3 = "AAA"}, {.iso3 = "BBB"}, {.iso3 = "CCC"}});
    for (double share : legitimate_request_shares(states)) EXPECT_DOUBLE_EQ(share, 1.0 / 3.0);
}

TEST(LegitimateShares, DefaultWorld) {
    const StateTable& states = testing::default_world().states;
    const std::vector<double> v = legitimate_request_shares(states);
    ASSERT_EQ(v.size(), states.size());
    EXPECT_NEAR(std::accumulate(v.begin(), v.end(), 0.0), 1.0, 1e-12);
    const auto usa = static_cast<std::size_t>(
        std::find(states.iso3.begin(), states.iso3.end(), "USA") - states.iso3.begin());
    ASSERT_LT(usa, states.size());
    double smallest_listed = std::numeric_limits<double>::infinity();
    int listed = 0, unlisted = 0;
    for (std::size_t i = 0; i < states.size(); ++i) {
        EXPECT_GT(v[i], 0.0) << states.iso3[i];
        EXPECT_LE(v[i], v[usa]) << states.iso3[i];
        if (i == usa) continue;
        if (!std::isnan(states.requests_google[i]) || !std::isnan(states.requests_microsoft[i])) {
            smallest_listed = std::min(smallest_listed, v[i]);
            ++listed;
        }
    }
    // The USA as the largest listed sender: its share equals the largest
    // share of another listed state.
    double largest_other = 0.0;
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (i != usa) largest_other = std::max(largest_other, v[i]);
    }
    EXPECT_DOUBLE_EQ(v[usa], largest_other);
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (i == usa || !std::isnan(states.requests_google[i]) ||
            !std::isnan(states.requests_microsoft[i])) {
            continue;
        }
        EXPECT_DOUBLE_EQ(v[i], 0.5 * smallest_listed) << states.iso3[i];
        ++unlisted;
    }
    EXPECT_GT(listed, 50);
    EXPECT_GT(unlisted, 50);
}

}  // namespace
}  // namespace havens
