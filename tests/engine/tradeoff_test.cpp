// The trade-off users must see: on average over replicates, stronger
// safeguards grant fewer pretextual requests and refuse more legitimate ones.
// Legitimate refusals are counted on the legitimate stream alone (the exile
// stream off): the exile stream's own non-pretextual requests follow the
// exiles' statuses, which the safeguards change, so their number differs
// between arms and would mix a change of volume into a change of rule.
#include <gtest/gtest.h>

#include "support/small_runs.hpp"

namespace havens {
namespace {

using testing::total;

struct Means {
    double granted_pretextual = 0, refused_legitimate = 0;
};

Means over_replicates(const Scenario& s, int replicates) {
    Scenario legitimate_only = s;
    legitimate_only.requests.rate = 0.0;
    Means m;
    for (int r = 0; r < replicates; ++r) {
        const auto rep = static_cast<std::uint64_t>(r);
        const ReplicateResult out = run_replicate(testing::default_world(), s, rep);
        m.granted_pretextual += static_cast<double>(total(out.granted_pretextual)) / replicates;
        const ReplicateResult legitimate =
            run_replicate(testing::default_world(), legitimate_only, rep);
        m.refused_legitimate +=
            static_cast<double>(total(legitimate.refused_legitimate)) / replicates;
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
