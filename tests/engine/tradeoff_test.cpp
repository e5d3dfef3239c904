// The trade-off users must see: on average over replicates, stronger
// safeguards grant fewer pretextual requests and refuse more legitimate ones.
#include <gtest/gtest.h>

#include "support/small_runs.hpp"

namespace havens {
namespace {

using testing::total;

struct Means {
    double granted_pretextual = 0, refused_legitimate = 0;
};

Means over_replicates(const Scenario& s, int replicates) {
    Means m;
    for (int r = 0; r < replicates; ++r) {
        const ReplicateResult out = run_replicate(testing::default_world(), s, static_cast<std::uint64_t>(r));
        m.granted_pretextual += static_cast<double>(total(out.granted_pretextual)) / replicates;
        m.refused_legitimate += static_cast<double>(total(out.refused_legitimate)) / replicates;
    }
    return m;
}

TEST(Tradeoff, StrongerSafeguardsFewerPretextualGrantsMoreLegitimateRefusals) {
    const Scenario baseline = testing::small_scenario(180);
    const Means base = over_replicates(baseline, 6);
    const Means strong = over_replicates(testing::strong_safeguards(baseline), 6);
    const Means weak = over_replicates(testing::weakened(baseline), 6);
    EXPECT_LT(strong.granted_pretextual, base.granted_pretextual);
    EXPECT_GT(strong.refused_legitimate, base.refused_legitimate);
    EXPECT_GT(weak.granted_pretextual, base.granted_pretextual);
    EXPECT_LT(weak.refused_legitimate, base.refused_legitimate);
}

}  // namespace
}  // namespace havens
