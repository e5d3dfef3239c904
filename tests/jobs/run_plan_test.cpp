// A job's plan: every point of every file in file order, shared out between
// ranks without gaps or overlaps, and a manifest that changes exactly when
// a resumed job would run something else.
#include "jobs/run_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

LoadedScenario scenario(const testing::TempDir& dir, const std::string& name,
                        const std::string& extra = "") {
    return load_scenario(
        dir.write(name + ".toml", "name = \"" + name + "\"\nmonths = 12\n" + extra + "[world]\n" +
                                      testing::shipped_world_keys()),
        {});
}

const std::string three_point_sweep =
    "[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
    "\"decision.safe_haven_epsilon\" = [0.01, 0.05, 0.2]\n";

TEST(RunPlan, EveryPointOfEveryFileInFileOrder) {
    testing::TempDir dir;
    const std::vector<LoadedScenario> loaded{
        scenario(dir, "first"), scenario(dir, "swept", three_point_sweep), scenario(dir, "last")};
    const Plan plan = plan_points(loaded);
    ASSERT_EQ(plan.points.size(), 5U);
    EXPECT_EQ(plan.points.front().name, "first");
    EXPECT_EQ(plan.points.back().name, "last");
    EXPECT_EQ(plan.file_of, (std::vector<std::size_t>{0, 1, 1, 1, 2}));
    EXPECT_EQ(plan.index_in_file, (std::vector<std::size_t>{0, 0, 1, 2, 0}));
    for (std::size_t flat = 0; flat < plan.points.size(); ++flat) {
        const auto& point = plan.points_of[plan.file_of[flat]][plan.index_in_file[flat]];
        EXPECT_EQ(point.scenario.name, plan.points[flat].name);
    }
    EXPECT_DOUBLE_EQ(plan.points[3].decision.safe_haven_epsilon, 0.2);
}

TEST(RunPlan, TwoPointsWritingOneGroupAreRefusedNamingTheFile) {
    testing::TempDir dir;
    const auto once = scenario(dir, "same");
    testing::expect_error_mentions<InputError>(
        [&] {
            plan_points({once, once});
        },
        {once.path, "name", "'same' is used twice"});
}

TEST(RunPlan, RanksShareThePointsWithoutGapOrOverlap) {
    testing::TempDir dir;
    const Plan plan = plan_points({scenario(dir, "a", three_point_sweep), scenario(dir, "b"),
                                   scenario(dir, "c", three_point_sweep)});
    ASSERT_EQ(plan.points.size(), 7U);
    for (int ranks : {1, 2, 3, 7, 9}) {
        std::multiset<std::size_t> seen;
        for (int rank = 0; rank < ranks; ++rank) {
            const auto mine = points_of_rank(plan, ranks, rank);
            EXPECT_TRUE(std::is_sorted(mine.begin(), mine.end()));
            // As even as a round robin gets: no rank holds two more than another.
            EXPECT_LE(mine.size(), (plan.points.size() + ranks - 1) / ranks);
            EXPECT_GE(mine.size(), plan.points.size() / ranks);
            seen.insert(mine.begin(), mine.end());
        }
        EXPECT_EQ(seen.size(), plan.points.size()) << ranks << " ranks";
        for (std::size_t flat = 0; flat < plan.points.size(); ++flat) {
            EXPECT_EQ(seen.count(flat), 1U) << "point " << flat << ", " << ranks << " ranks";
        }
    }
}

TEST(RunPlan, TheManifestChangesWithWhatRunsAndNamesTheRankOnlyAcrossRanks) {
    testing::TempDir dir;
    const Plan plan = plan_points({scenario(dir, "a"), scenario(dir, "b")});
    EXPECT_EQ(manifest_for(plan, 1, 0),
              manifest_for(plan_points({scenario(dir, "a"), scenario(dir, "b")}), 1, 0));
    EXPECT_EQ(manifest_for(plan, 1, 0).find("\"rank\""), std::string::npos);
    EXPECT_NE(manifest_for(plan, 2, 0).find("\"rank\""), std::string::npos);
    EXPECT_NE(manifest_for(plan, 2, 0), manifest_for(plan, 2, 1));
    Plan longer = plan;
    longer.points[1].months = 13;
    EXPECT_NE(manifest_for(plan, 1, 0), manifest_for(longer, 1, 0));
}

TEST(RunPlan, EachPointIsIdentifiedByItsNameSeedAndConfiguration) {
    testing::TempDir dir;
    const Plan plan = plan_points({scenario(dir, "a", "seed = 7\n"), scenario(dir, "b")});
    const auto identities = identities_of(plan, {1, 0});
    ASSERT_EQ(identities.size(), 2U);
    EXPECT_EQ(identities[0].group, "b");
    EXPECT_EQ(identities[1].group, "a");
    EXPECT_EQ(identities[1].seed, 7U);
    Plan longer = plan;
    longer.points[0].months = 13;
    EXPECT_NE(identities_of(longer, {0})[0].config_hash, identities[1].config_hash);
    EXPECT_EQ(identities_of(plan, {0})[0].config_hash, identities[1].config_hash);
}

TEST(RunPlan, EachRankWritesBesideTheOutput) {
    EXPECT_EQ(rank_file("out/run.h5", 3), "out/run.rank-3.h5");
    EXPECT_EQ(rank_file("run.h5", 0), "run.rank-0.h5");
}

}  // namespace
}  // namespace havens
