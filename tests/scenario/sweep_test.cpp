#include "scenario/sweep.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/saturating.hpp"
#include "io/scenario_file.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

using testing::expect_error_mentions;

struct SweepDir {
    testing::TempDir dir;
    SweepDir() {
        for (auto [key, file] : testing::world_files) dir.write(std::string("data/") + file, "x\n");
    }
    LoadedScenario load(const std::string& text) {
        return load_scenario(dir.write("s.toml", text), {});
    }
    std::string path() const { return dir.path("s.toml"); }
};

TEST(Sweep, GridCrossesInFileOrderFirstKeySlowest) {
    SweepDir d;
    const auto loaded = d.load(
        "name = \"g\"\n[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
        "\"treaty.threshold\" = [20, 40, 60]\n"
        "\"safeguards.dual_criminality\" = [\"optional\", \"mandatory\"]\n");
    const auto points = expand_sweep(loaded.scenario, loaded.sweep);
    ASSERT_EQ(points.size(), 6u);
    EXPECT_EQ(points[0].scenario.name, "g_p0000");
    EXPECT_EQ(points[5].scenario.name, "g_p0005");
    EXPECT_EQ(points[0].scenario.treaty.threshold, 20);
    EXPECT_EQ(points[1].scenario.treaty.threshold, 20);
    EXPECT_EQ(points[1].scenario.safeguards.dual_criminality, DualCriminality::mandatory);
    EXPECT_EQ(points[2].scenario.treaty.threshold, 40);
    for (const auto& p : points)
        EXPECT_EQ(p.scenario.seed, loaded.scenario.seed);  // common random numbers
}

TEST(Sweep, TableTakesTheIthValueOfEveryListWithoutCrossing) {
    SweepDir d;
    const auto loaded = d.load(
        "name = \"t\"\n[sweep]\ndesign = \"table\"\n[sweep.values]\n"
        "\"treaty.threshold\" = [20, 40, 60]\n"
        "\"safeguards.dual_criminality\" = [\"optional\", \"mandatory\", \"optional\"]\n"
        "\"ratification.b_peer\" = [1.5, 2.5, 3.5]\n");
    EXPECT_EQ(loaded.sweep.design, SweepDesign::table);
    const auto points = expand_sweep(loaded.scenario, loaded.sweep);
    ASSERT_EQ(points.size(), 3u);  // a grid would give 27
    EXPECT_EQ(sweep_point_count(loaded.sweep), 3u);
    const int thresholds[] = {20, 40, 60};
    const DualCriminality dual[] = {DualCriminality::optional, DualCriminality::mandatory,
                                    DualCriminality::optional};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(points[i].index, i);
        EXPECT_EQ(points[i].scenario.name, point_name("t", i));
        EXPECT_EQ(points[i].scenario.treaty.threshold, thresholds[i]);
        EXPECT_EQ(points[i].scenario.safeguards.dual_criminality, dual[i]);
        EXPECT_DOUBLE_EQ(points[i].scenario.ratification.b_peer, 1.5 + static_cast<double>(i));
        ASSERT_EQ(points[i].values.size(), 3u);
        EXPECT_EQ(std::get<std::int64_t>(points[i].values[0]), thresholds[i]);
        EXPECT_EQ(points[i].scenario.seed, loaded.scenario.seed);  // common random numbers
    }
}

TEST(Sweep, TableErrorsNameFileLineAndKey) {
    SweepDir d;
    // The first list that differs in length from the first key's is named.
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"table\"\n[sweep.values]\n\"treaty.threshold\" = [20, 40, 60]\n"
                "\"ratification.b_peer\" = [1.0, 2.0, 3.0]\n"
                "\"safeguards.dual_criminality\" = [\"optional\", \"mandatory\"]\n");
        },
        {d.path() + ":6: sweep.values.safeguards.dual_criminality: has 2 values, but "
                    "sweep.values.treaty.threshold has 3"});
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"table\"\n[sweep.ranges]\n\"ratification.b_peer\" = [1.0, "
                "2.0]\n");
        },
        {d.path() + ":1: sweep: a table takes [sweep.values]"});
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"table\"\nsamples = 3\n[sweep.values]\n"
                "\"treaty.threshold\" = [20, 40, 60]\n");
        },
        {d.path() + ":3: sweep.samples: a table takes no samples"});
    expect_error_mentions<InputError>(
        [&] {
            d.load("[sweep]\ndesign = \"table\"\n[sweep.values]\n\"treaty.threshold\" = [20, 0]\n");
        },
        {d.path() + ":4", "sweep.values.treaty.threshold", "[1, 65535]"});
    expect_error_mentions<InputError>([&] { d.load("[sweep]\ndesign = \"tabel\"\n"); },
                                      {d.path() + ":2", "sweep.design", "\"table\""});
}

TEST(Sweep, AGridTakesNoSamples) {
    SweepDir d;
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"grid\"\nsamples = 50\n[sweep.values]\n"
                "\"treaty.threshold\" = [20, 40]\n");
        },
        {d.path() + ":3: sweep.samples: a grid takes no samples"});
}

TEST(Sweep, AValueIsShownAsAReaderWritesIt) {
    EXPECT_EQ(value_text(ParameterValue(std::int64_t{40})), "40");
    EXPECT_EQ(value_text(ParameterValue(0.05)), "0.05");
    EXPECT_EQ(value_text(ParameterValue(4.3729164)), "4.37292");  // %g: six digits
    EXPECT_EQ(value_text(ParameterValue(1e-7)), "1e-07");
    EXPECT_EQ(value_text(ParameterValue(true)), "true");
    EXPECT_EQ(value_text(ParameterValue(std::string("mandatory"))), "mandatory");
}

TEST(Sweep, PointsAreLabelledByTheirValues) {
    const std::vector<std::string> groups{"s_p0000", "s_p0001"};
    EXPECT_EQ(point_labels("s", {"treaty.threshold", "safeguards.dual_criminality"},
                           {{"20", "40"}, {"optional", "mandatory"}}, groups),
              (std::vector<std::string>{"s[threshold=20, dual_criminality=optional]",
                                        "s[threshold=40, dual_criminality=mandatory]"}));
    // Two keys that end alike are named whole.
    EXPECT_EQ(point_labels("s", {"treaty.threshold", "other.threshold"}, {{"20", "40"}, {"1", "2"}},
                           groups),
              (std::vector<std::string>{"s[treaty.threshold=20, other.threshold=1]",
                                        "s[treaty.threshold=40, other.threshold=2]"}));
    // A point listed twice (a table may) is told apart by its group.
    EXPECT_EQ(point_labels("s", {"treaty.threshold"}, {{"20", "20"}}, groups),
              (std::vector<std::string>{"s[threshold=20] (s_p0000)", "s[threshold=20] (s_p0001)"}));
}

TEST(Sweep, NestedKeysAreTheSameAsQuotedOnes) {
    SweepDir d;
    const auto loaded =
        d.load("[sweep]\ndesign = \"grid\"\n[sweep.values.treaty]\nthreshold = [30, 50]\n");
    const auto points = expand_sweep(loaded.scenario, loaded.sweep);
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points[1].scenario.treaty.threshold, 50);
}

TEST(Sweep, LatinHypercubeStaysInsideTheRanges) {
    SweepDir d;
    const auto loaded = d.load(
        "[sweep]\ndesign = \"latin_hypercube\"\nsamples = 20\n[sweep.ranges]\n"
        "\"ratification.b_peer\" = [2.0, 9.0]\n\"treaty.threshold\" = [20, 80]\n");
    const auto points = expand_sweep(loaded.scenario, loaded.sweep);
    ASSERT_EQ(points.size(), 20u);
    for (const auto& p : points) {
        EXPECT_GE(p.scenario.ratification.b_peer, 2.0);
        EXPECT_LE(p.scenario.ratification.b_peer, 9.0);
        EXPECT_GE(p.scenario.treaty.threshold, 20);
        EXPECT_LE(p.scenario.treaty.threshold, 80);
    }
}

TEST(Sweep, SaltelliHasNTimesDPlusTwoPoints) {
    SweepDir d;
    const auto loaded = d.load(
        "[sweep]\ndesign = \"saltelli\"\nsamples = 8\n[sweep.ranges]\n"
        "\"requests.rate\" = [0.005, 0.02]\n\"decision.detection\" = [0.5, 1.0]\n"
        "\"contagion.expose_contact\" = [0.1, 0.5]\n");
    const auto points = expand_sweep(loaded.scenario, loaded.sweep);
    ASSERT_EQ(points.size(), 8u * 5u);
    EXPECT_EQ(points[0].saltelli_matrix, 'A');
    EXPECT_EQ(points[8].saltelli_matrix, 'B');
    EXPECT_EQ(points[16].saltelli_matrix, 'X');
    EXPECT_EQ(points[16].saltelli_column, 0);
    EXPECT_DOUBLE_EQ(points[16].scenario.requests.rate, points[8].scenario.requests.rate);
    EXPECT_DOUBLE_EQ(points[16].scenario.decision.detection, points[0].scenario.decision.detection);
}

TEST(Sweep, ErrorsNameFileLineAndKey) {
    SweepDir d;
    expect_error_mentions<InputError>(
        [&] {
            d.load("[sweep]\ndesign = \"grid\"\n[sweep.values]\n\"treaty.threshhold\" = [1]\n");
        },
        {d.path() + ":4", "sweep.values.treaty.threshhold", "unknown key"});
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"grid\"\n[sweep.values]\n\"treaty.threshold\" = [40,\n 0]\n");
        },
        {d.path() + ":5", "sweep.values.treaty.threshold", "[1, 65535]"});
    expect_error_mentions<InputError>([&] { d.load("[sweep]\ndesign = \"cube\"\n"); },
                                      {d.path() + ":2", "sweep.design", "\"grid\""});
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"saltelli\"\nsamples = 4\n[sweep.ranges]\n\"safeguards.scope\" "
                "= [\"a\", \"b\"]\n");
        },
        {d.path() + ":5", "sweep.ranges.safeguards.scope"});
    expect_error_mentions<InputError>(
        [&] { d.load("[sweep]\ndesign = \"grid\"\n[sweep.values]\nseed = [1, 2]\n"); },
        {d.path() + ":4", "sweep.values.seed", "cannot be swept"});
    // The points of a sweep fill one set of arrays: one horizon, one set of outputs.
    expect_error_mentions<InputError>(
        [&] { d.load("[sweep]\ndesign = \"grid\"\n[sweep.values]\nmonths = [12, 24]\n"); },
        {d.path() + ":4", "sweep.values.months", "cannot be swept", "share their arrays"});
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"grid\"\n[sweep.values]\n\"output.flows\" = [true, "
                "false]\n");
        },
        {d.path() + ":4", "sweep.values.output.flows", "cannot be swept"});
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"latin_hypercube\"\nsamples = "
                "4\n[sweep.ranges]\n\"ratification.b_peer\" = [9.0, 2.0]\n");
        },
        {d.path() + ":5", "low <= high"});
    expect_error_mentions<InputError>(
        [&] {
            d.load(
                "[sweep]\ndesign = \"grid\"\n[sweep.ranges]\n\"ratification.b_peer\" = [1.0, "
                "2.0]\n");
        },
        {d.path(), "sweep", "grid takes [sweep.values]"});
}

TEST(Replication, AutoNeedsTargetsForKnownOutcomes) {
    SweepDir d;
    const auto ok = d.load(
        "replicates = \"auto\"\n[replication]\ninitial = 3\nmax = 9\n"
        "[replication.half_width]\ngranted_pretextual = 100\nshare_exiles_in_safe_haven = 0.01\n");
    EXPECT_TRUE(ok.scenario.replication.automatic);
    EXPECT_EQ(ok.scenario.replicates, 3);
    ASSERT_EQ(ok.scenario.replication.half_width.size(), 2u);
    expect_error_mentions<InputError>(
        [&] { d.load("replicates = \"auto\"\n[replication.half_width]\nhappiness = 1\n"); },
        {d.path() + ":3", "replication.half_width.happiness", "unknown outcome"});
    expect_error_mentions<InputError>([&] { d.load("replicates = \"auto\"\n"); },
                                      {d.path(), "replication.half_width"});
    expect_error_mentions<InputError>([&] { d.load("replicates = \"many\"\n"); },
                                      {d.path() + ":1", "replicates", "expected an integer"});
}

// The count is what expansion gives, computed without expanding (so that a
// design too big to build can be refused first).
TEST(Sweep, PointCountIsTheExpandedSizeWithoutExpanding) {
    SweepDir d;
    for (const std::string design :
         {"design = \"grid\"\n[sweep.values]\n\"treaty.threshold\" = [20, 40, 60]\n"
          "\"ratification.b_peer\" = [1.0, 2.0]\n",
          "design = \"latin_hypercube\"\nsamples = 7\n[sweep.ranges]\n"
          "\"ratification.b_peer\" = [2.0, 9.0]\n\"treaty.threshold\" = [20, 80]\n",
          "design = \"saltelli\"\nsamples = 4\n[sweep.ranges]\n"
          "\"ratification.b_peer\" = [2.0, 9.0]\n\"treaty.threshold\" = [20, 80]\n"
          "\"requests.rate\" = [0.01, 0.02]\n",
          "design = \"table\"\n[sweep.values]\n\"treaty.threshold\" = [20, 40, 60, 80]\n"
          "\"ratification.b_peer\" = [1.0, 2.0, 3.0, 4.0]\n"}) {
        const auto loaded = d.load("[sweep]\n" + design);
        EXPECT_EQ(sweep_point_count(loaded.sweep),
                  expand_sweep(loaded.scenario, loaded.sweep).size())
            << design;
    }
    EXPECT_EQ(sweep_point_count(SweepSpec{}), 1u);
    SweepSpec huge{SweepDesign::grid, 0, {}};
    for (int a = 0; a < 30; ++a)
        huge.axes.push_back(
            {"treaty.threshold", std::vector<ParameterValue>(100, std::int64_t{40}), 0, 0});
    EXPECT_EQ(sweep_point_count(huge), saturated);  // 100^30: at the top, not wrapped
}

}  // namespace
}  // namespace havens
