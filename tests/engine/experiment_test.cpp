#include "engine/experiment.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>

#include "support/small_runs.hpp"

namespace havens {
namespace {

TEST(Experiment, RunsStartReplicateMajorForABalancedSample) {
    Scenario a = testing::small_scenario(12, 2000), b = a, c = a;
    a.replicates = 3;
    b.replicates = 2;
    c.replicates = 3;
    std::vector<std::pair<std::size_t, std::uint64_t>> order;
    ExperimentHooks hooks;
    hooks.finished = [&](RunId id, const ReplicateResult&) {
        order.emplace_back(id.point, id.replicate);
    };
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    const auto replicates = run_experiment(testing::default_world(), {a, b, c}, hooks);
    EXPECT_EQ(replicates, (std::vector<std::size_t>{3, 2, 3}));
    const std::vector<std::pair<std::size_t, std::uint64_t>> expected{
        {0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}, {0, 2}, {2, 2}};
    EXPECT_EQ(order, expected);
}

TEST(Experiment, CompletedRunsAreNotRunAgain) {
    Scenario s = testing::small_scenario(12, 2000);
    s.replicates = 4;
    int ran = 0;
    ExperimentHooks hooks;
    hooks.completed = [](RunId id) -> std::optional<Outcomes> {
        if (id.replicate < 3) return Outcomes{};
        return std::nullopt;
    };
    hooks.finished = [&](RunId id, const ReplicateResult&) {
        EXPECT_EQ(id.replicate, 3u);
        ++ran;
    };
    run_experiment(testing::default_world(), {s}, hooks);
    EXPECT_EQ(ran, 1);
}

TEST(AdaptiveReplication, AddsRoundsUntilTheTargetOrTheCap) {
    ReplicationParams p;
    p.automatic = true;
    p.round = 3;
    p.max = 10;
    p.half_width = {{"requests_issued", 5.0}};
    auto runs_with_spread = [](std::size_t n, double spread) {
        std::vector<Outcomes> runs(n);
        for (std::size_t i = 0; i < n; ++i) runs[i][3] = 1000 + spread * static_cast<double>(i % 2);
        return runs;
    };
    EXPECT_EQ(replicates_wanted(p, runs_with_spread(4, 100.0)), 7u);   // too wide: one more round
    EXPECT_EQ(replicates_wanted(p, runs_with_spread(4, 0.1)), 4u);     // met
    EXPECT_EQ(replicates_wanted(p, runs_with_spread(9, 100.0)), 10u);  // capped
    EXPECT_EQ(replicates_wanted(p, runs_with_spread(10, 100.0)), 10u);
    p.automatic = false;
    EXPECT_EQ(replicates_wanted(p, runs_with_spread(4, 100.0)), 4u);
}

TEST(AdaptiveReplication, MeetsTheTargetInARealExperiment) {
    Scenario s = testing::small_scenario(60, 5000);
    s.replication.automatic = true;
    s.replication.initial = 3;
    s.replication.round = 3;
    s.replication.max = 30;
    s.replication.half_width = {{"granted_pretextual", 15.0}};
    std::vector<Outcomes> outcomes;
    ExperimentHooks hooks;
    hooks.finished = [&](RunId, const ReplicateResult& r) { outcomes.push_back(outcomes_of(r)); };
    const auto replicates = run_experiment(testing::default_world(), {s}, hooks);
    ASSERT_EQ(outcomes.size(), replicates[0]);
    EXPECT_GT(replicates[0], 3u);
    const OutcomeSummary summary = summarise(outcomes);
    EXPECT_TRUE(summary.half_width[7] <= 15.0 || replicates[0] == 30u) << summary.half_width[7];
}

// Common random numbers: arms share each replicate's draws.
TEST(CommonRandomNumbers, OptionsThatCannotTouchRatificationLeaveItIdentical) {
    const Scenario optional = testing::small_scenario(120, 5000);
    Scenario mandatory = optional;
    mandatory.safeguards.dual_criminality = DualCriminality::mandatory;
    mandatory.safeguards.persecution_ground = PersecutionGround::deleted;
    for (std::uint64_t r = 0; r < 4; ++r) {
        const ReplicateResult a = run_replicate(testing::default_world(), optional, r);
        const ReplicateResult b = run_replicate(testing::default_world(), mandatory, r);
        EXPECT_EQ(a.ratified_month, b.ratified_month);
        EXPECT_EQ(a.reservations, b.reservations);
        EXPECT_EQ(a.protocol_ratified_month, b.protocol_ratified_month);
        EXPECT_NE(a.granted_pretextual, b.granted_pretextual);  // the option does act
    }
}

TEST(CommonRandomNumbers, PairedDifferencesVaryFarLessThanUnpaired) {
    const Scenario baseline = testing::small_scenario(180, 20'000);
    const Scenario strong = testing::strong_safeguards(baseline);
    const int n = 12;
    std::vector<double> a, b;
    for (int r = 0; r < n; ++r) {
        a.push_back(static_cast<double>(testing::total(
            run_replicate(testing::default_world(), baseline, r).granted_pretextual)));
        b.push_back(static_cast<double>(
            testing::total(run_replicate(testing::default_world(), strong, r).granted_pretextual)));
    }
    auto variance = [](const std::vector<double>& x) {
        double m = 0, v = 0;
        for (double e : x) m += e / static_cast<double>(x.size());
        for (double e : x) v += (e - m) * (e - m) / static_cast<double>(x.size() - 1);
        return v;
    };
    std::vector<double> paired;
    for (int r = 0; r < n; ++r) paired.push_back(a[r] - b[r]);
    const double ratio = variance(paired) / (variance(a) + variance(b));
    RecordProperty("paired_to_unpaired_variance_ratio", std::to_string(ratio));
    std::cout << "paired / unpaired variance of the difference in pretextual grants: " << ratio
              << "\n";
    EXPECT_LT(ratio, 0.25);
}

}  // namespace
}  // namespace havens
