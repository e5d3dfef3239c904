// A sweep in a result file (schema 4): one group of arrays with a point
// axis, each point's runs in its slots, the slots it did not run empty.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "engine/ensemble.hpp"
#include "engine/outcomes.hpp"
#include "io/h5/file.hpp"
#include "io/h5/schema.hpp"
#include "io/result_file.hpp"
#include "support/default_world.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

struct SweepFile {
    testing::TempDir dir;
    Scenario base;
    SweepSpec spec;
    std::vector<SweepPoint> points;
    std::vector<std::vector<ReplicateResult>> results;  // per point, as written
    std::string path;
};

// Three points of two replicates; the middle one writes only its first, as
// a point of adaptive replication that stopped early would.
std::unique_ptr<SweepFile> write_sweep_file() {
    auto s = std::make_unique<SweepFile>();
    s->base.name = "grid";
    s->base.months = 12;
    s->base.replicates = 2;
    s->base.world.exiles = 2000;
    s->base.output.request_log = true;
    s->spec.design = SweepDesign::grid;
    s->spec.axes.push_back(
        SweepAxis{"treaty.threshold", {std::int64_t{30}, std::int64_t{50}, std::int64_t{70}}});
    s->points = expand_sweep(s->base, s->spec);
    const World& world = testing::default_world();
    for (const auto& p : s->points) s->results.push_back(run_ensemble(world, p.scenario));
    s->results[1].resize(1);
    s->path = s->dir.path("sweep.h5");
    ResultFileWriter writer(s->path, make_provenance("havens run test", "", "{}", 1), world);
    writer.add_sweep(SweepTable{"grid", s->spec, s->points, s->base, "name = \"grid\"", {}, {}});
    for (std::size_t p = 0; p < s->points.size(); ++p) {
        writer.add_scenario(
            ScenarioOutput{s->points[p].scenario, s->results[p], "", &s->points[p], "grid"});
    }
    writer.commit();
    return s;
}

TEST(ResultSweep, IsOneGroupOfArraysWithAPointAxisAndNoGroupPerPoint) {
    const auto s = write_sweep_file();
    const auto root = h5::open_file(s->path);
    EXPECT_EQ(root.integer_attribute(schema::root_attr::schema_version), 4);
    EXPECT_TRUE(root.open_group("scenarios").children().empty());
    const auto sweep = root.open_group("sweeps").open_group("grid");
    EXPECT_EQ(sweep.shape("parties"), (h5::Shape{3, 2, 12}));
    EXPECT_EQ(sweep.info("parties").dimensions,
              (std::vector<std::string>{"point", "replicate", "month"}));
    EXPECT_EQ(sweep.shape("granted"), (h5::Shape{3, 2, 193, 193}));
    EXPECT_EQ(sweep.shape("outcome_mean")[0], 3u);
    EXPECT_EQ(sweep.read<std::int64_t>("treaty.threshold"),
              (std::vector<std::int64_t>{30, 50, 70}));
    EXPECT_EQ(sweep.read_strings("scenario"),
              (std::vector<std::string>{"grid_p0000", "grid_p0001", "grid_p0002"}));
    // The swept key is a coordinate, not an attribute; the others are shared.
    EXPECT_FALSE(sweep.has_attribute("treaty.threshold"));
    EXPECT_EQ(sweep.integer_attribute("months"), 12);
    // The axes every point shares are written once.
    EXPECT_EQ(sweep.read_strings("state").size(), 193u);
}

TEST(ResultSweep, EachPointsRunsAreInItsSlotsAndTheSlotsItDidNotRunAreEmpty) {
    const auto s = write_sweep_file();
    const auto sweep = h5::open_file(s->path).open_group("sweeps").open_group("grid");
    EXPECT_EQ(sweep.read<std::int64_t>("replicates_run"), (std::vector<std::int64_t>{2, 1, 2}));
    for (hsize_t p = 0; p < 3; ++p) {
        for (hsize_t r = 0; r < s->results[p].size(); ++r) {
            const auto& run = s->results[p][r];
            EXPECT_EQ(sweep.read_block<std::int32_t>("parties", {p, r, 0}, {1, 1, 12}),
                      run.parties);
            EXPECT_EQ(sweep.read_block<double>("exile_risk", {p, r, 0}, {1, 1, 12}),
                      run.exile_risk);
            EXPECT_EQ(sweep.read_block<std::int64_t>("granted", {p, r, 0, 0}, {1, 1, 193, 193}),
                      run.flows_granted);
            EXPECT_EQ(sweep.read_block<std::int32_t>("entry_into_force_month", {p, r}, {1, 1}),
                      std::vector<std::int32_t>{run.entry_into_force_month});
        }
    }
    // Point 1 ran one replicate: its second slot holds the fill values.
    for (double x : sweep.read_block<double>("exile_risk", {1, 1, 0}, {1, 1, 12})) {
        EXPECT_TRUE(std::isnan(x));
    }
    EXPECT_EQ(sweep.read_block<std::int32_t>("entry_into_force_month", {1, 1}, {1, 1}),
              std::vector<std::int32_t>{never});
    for (double x :
         sweep.read_block<double>("outcome_value", {1, 1, 0}, {1, 1, hsize_t{outcome_count}})) {
        EXPECT_TRUE(std::isnan(x));
    }
}

TEST(ResultSweep, TheEventLogHoldsEveryPointsRequestsInTheDesignsOrder) {
    const auto s = write_sweep_file();
    const auto events =
        h5::open_file(s->path).open_group("sweeps").open_group("grid").open_group("events");
    const auto point = events.read<std::int64_t>("point");
    const auto replicate = events.read<std::int32_t>("replicate");
    const auto sent = events.read<std::int32_t>("month_sent");
    std::size_t row = 0;
    for (std::size_t p = 0; p < 3; ++p) {
        for (std::size_t r = 0; r < s->results[p].size(); ++r) {
            for (const auto& e : s->results[p][r].events) {
                ASSERT_LT(row, point.size());
                EXPECT_EQ(point[row], static_cast<std::int64_t>(p));
                EXPECT_EQ(replicate[row], static_cast<std::int32_t>(r));
                EXPECT_EQ(sent[row], e.month_sent);
                ++row;
            }
        }
    }
    EXPECT_GT(row, 0u);
    EXPECT_EQ(row, point.size());
    EXPECT_EQ(events.read<std::int64_t>("request").size(), row);
}

}  // namespace
}  // namespace havens
