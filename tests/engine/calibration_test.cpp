// Regression: the default treaty dynamics stay close to the record they were
// fitted to (docs/ODD.md §8, scripts/calibrate_ratification.py):
//   - the model alone (no documented deposits) has about 3 parties at month 7,
//     the convention's own record;
//   - the 40th instrument at UNTOC's 30.6 months and the 100th party at its
//     50.7 months;
//   - the protocol's parties about half of the convention's at the horizon,
//     as the Budapest Convention's protocol on racist and xenophobic content.
// Medians over 32 replicates. Each tolerance is the fit's own scale (one
// party at month 7, six months for the milestones, 0.1 for the share) plus
// the Monte Carlo spread of a 32-replicate statistic, measured at the
// defaults (about 0.3 parties, 2 months, 0.03): narrow enough to catch a
// change in the rules or their defaults, wide enough not to flake on a
// change of random stream.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "engine/ensemble.hpp"
#include "support/default_world.hpp"

namespace havens {
namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return 0.5 * (v[(v.size() - 1) / 2] + v[v.size() / 2]);
}

double median_month_reaching(const std::vector<ReplicateResult>& reps, int parties) {
    std::vector<double> months;
    for (const auto& r : reps) {
        const auto it =
            std::find_if(r.parties.begin(), r.parties.end(), [&](int p) { return p >= parties; });
        months.push_back(it == r.parties.end() ? 1e9 : double(it - r.parties.begin()));
    }
    return median(months);
}

// The treaty alone: no exiles, no legitimate requests (neither feeds back
// into ratification).
Scenario treaty_only() {
    Scenario s;
    s.replicates = 32;
    s.world.exiles = 0;
    s.requests.legitimate_rate = 0;
    return s;
}

TEST(Calibration, TheModelAloneMatchesTheEarlyRecordAndTheUntocPace) {
    Scenario s = treaty_only();
    s.months = 120;
    s.treaty.observed_deposits = false;
    const auto reps = run_ensemble(testing::default_world(), s);
    double at_7 = 0;
    for (const auto& r : reps) at_7 += r.parties[7];
    EXPECT_NEAR(at_7 / static_cast<double>(reps.size()), 3.0, 1.5);
    EXPECT_NEAR(median_month_reaching(reps, 40), 30.6, 8.0);
    EXPECT_NEAR(median_month_reaching(reps, 100), 50.7, 8.0);
}

TEST(Calibration, TheBaselineKeepsTheRecordAndTheProtocolTakesHalfTheParties) {
    const World& w = testing::default_world();
    const auto reps = run_ensemble(w, treaty_only());
    std::vector<double> at_7, share, opposed_joined;
    for (const auto& r : reps) {
        at_7.push_back(r.parties[7]);
        if (r.protocol_adopted_month != never) {
            share.push_back(double(r.protocol_parties.back()) / r.parties.back());
        }
        // States that voted no in 2019 and never signed: they rarely join.
        for (StateId i = 0; i < w.states.size(); ++i) {
            if (w.states.stance[i] == Stance::no && r.signed_month[i] == never) {
                opposed_joined.push_back(r.ratified_month[i] != never);
            }
        }
    }
    EXPECT_LE(median(at_7), 5.0);
    ASSERT_GE(share.size(), reps.size() / 2);  // adopted in most replicates
    EXPECT_NEAR(median(share), 0.5, 0.13);
    const double joined = std::accumulate(opposed_joined.begin(), opposed_joined.end(), 0.0) /
                          static_cast<double>(opposed_joined.size());
    EXPECT_LT(joined, 0.4);
}

}  // namespace
}  // namespace havens
