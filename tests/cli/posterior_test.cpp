// havens run --posterior: each replicate runs with a parameter set drawn
// from a calibration's posterior, the same for every arm and thread count,
// recorded in the result file and refused in one line when it cannot be used.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "io/h5/file.hpp"
#include "support/posterior_fixture.hpp"
#include "support/run_havens.hpp"
#include "support/same_datasets.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

using testing::Outcome;

const std::string scenarios = std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml " +
                              std::string(HAVENS_SCENARIOS_DIR) + "/weakened.toml";
const std::string small = " --quiet --set months=36 --set world.exiles=2000";

// Three particles: a treaty in force at the first deposit, one that cannot
// enter into force within 36 months, and the adopted threshold.
const std::vector<std::string> keys = {"treaty.threshold", "ratification.base_hazard"};
const std::vector<std::vector<double>> particles = {{1, 0.00308}, {190, 0.00308}, {40, 0.006}};
const std::vector<double> weights = {0.4, 0.4, 0.2};

std::string write_posterior(const testing::TempDir& dir, const std::string& name = "c.h5") {
    testing::write_posterior_fixture(dir.path(name), keys, particles, weights);
    return dir.path(name);
}

Outcome havens(const testing::TempDir& dir, const std::string& args) {
    return testing::run_havens(dir, args);
}

void expect_one_line_error(const Outcome& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
}

TEST(CliPosterior, DrawsAreTheSameForEveryArmAndThreadCountAndAreApplied) {
    testing::TempDir dir;
    const auto posterior = write_posterior(dir);
    for (const char* threads : {"1", "2"}) {
        const auto r = havens(dir, "run " + scenarios + small + " --replicates 12 --threads " +
                                       threads + " --posterior " + posterior + " -o " +
                                       dir.path(std::string("t") + threads + ".h5"));
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("over the posterior " + posterior), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("weakened vs baseline: exile risk"), std::string::npos) << r.out;
    }
    const auto one = h5::open_file(dir.path("t1.h5"));
    const auto two = h5::open_file(dir.path("t2.h5"));
    testing::expect_same_datasets(one.open_group("scenarios"), two.open_group("scenarios"));
    EXPECT_NE(one.string_attribute("posterior").find(posterior), std::string::npos);

    const auto baseline = one.open_group("scenarios/baseline");
    const auto weakened = one.open_group("scenarios/weakened");
    const auto draw = baseline.read<std::int64_t>("posterior/draw");
    ASSERT_EQ(draw.size(), 12u);
    EXPECT_EQ(weakened.read<std::int64_t>("posterior/draw"), draw);  // common parameters
    EXPECT_EQ(baseline.read_strings("posterior/parameter"), keys);
    EXPECT_EQ(baseline.open_group("posterior").string_attribute("source"), posterior);
    EXPECT_EQ(baseline.info("posterior/parameters").dimensions,
              (std::vector<std::string>{"replicate", "parameter"}));
    const auto values = baseline.read<double>("posterior/parameters");
    const auto in_force = baseline.read<std::int32_t>("summary/entry_into_force_month");
    std::set<std::int64_t> drawn;
    for (std::size_t r = 0; r < draw.size(); ++r) {
        ASSERT_GE(draw[r], 0);
        ASSERT_LT(draw[r], 3);
        drawn.insert(draw[r]);
        const auto& particle = particles[static_cast<std::size_t>(draw[r])];
        EXPECT_EQ(values[r * 2], particle[0]);
        EXPECT_EQ(values[r * 2 + 1], particle[1]);
        // Each replicate ran with its particle's threshold.
        if (draw[r] == 0) EXPECT_GE(in_force[r], 0) << "replicate " << r;
        if (draw[r] == 1) EXPECT_EQ(in_force[r], -1) << "replicate " << r;
    }
    EXPECT_TRUE(drawn.count(0) && drawn.count(1)) << "make the run longer";
}

// A calibration's posterior carried to scenarios it was not fitted to is
// allowed (the shipped arms share one) and said in one warning line; the
// scenario it was fitted to alone gets none.
TEST(CliPosterior, APosteriorFittedToAnotherScenarioIsNamedInAWarning) {
    testing::TempDir dir;
    const std::string fitted = dir.path("fitted.h5");
    testing::write_posterior_fixture(fitted, keys, particles, weights, "scenarios/baseline.toml");
    const auto both = havens(dir, "run " + scenarios + small + " --replicates 2 --posterior " +
                                      fitted + " -o " + dir.path("both.h5"));
    ASSERT_EQ(both.exit_code, 0) << both.err;
    EXPECT_EQ(both.err, "havens: warning: the posterior " + fitted +
                            " was fitted to the scenario 'scenarios/baseline.toml'; it is "
                            "applied to 'weakened', which the fit did not see\n");
    const auto own =
        havens(dir, "run " + std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml" + small +
                        " --replicates 2 --posterior " + fitted + " -o " + dir.path("own.h5"));
    ASSERT_EQ(own.exit_code, 0) << own.err;
    EXPECT_EQ(own.err, "");
}

// A scenario's posterior key: a file beside it, used unless --posterior
// none asks for a point run; arms must agree on it, and a key the posterior
// draws cannot also be given a value.
TEST(CliPosterior, AScenariosPosteriorKeyIsUsedUnlessAPointRunIsAsked) {
    testing::TempDir dir;
    dir.write("data/p.csv",
              "# a comment\nweight,treaty.threshold,ratification.base_hazard\n"
              "0.5,1,0.00308\n0.5,190,0.00308\n");
    const std::string world = "[world]\n" + testing::shipped_world_keys();
    const auto a = dir.write("a.toml", "name = \"a\"\nposterior = \"data/p.csv\"\n" + world);
    const auto b = dir.write("b.toml", "name = \"b\"\nposterior = \"data/p.csv\"\n" + world);
    const auto point = dir.write("c.toml", "name = \"c\"\n" + world);
    const auto r =
        havens(dir, "run " + a + " " + b + small + " --replicates 6 -o " + dir.path("over.h5"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto over = h5::open_file(dir.path("over.h5"));
    EXPECT_NE(over.string_attribute("posterior").find(dir.path("data/p.csv")), std::string::npos);
    const auto draw = over.open_group("scenarios/a").read<std::int64_t>("posterior/draw");
    EXPECT_EQ(over.open_group("scenarios/b").read<std::int64_t>("posterior/draw"), draw);

    const auto none = havens(
        dir, "run " + a + small + " --replicates 2 --posterior none -o " + dir.path("none.h5"));
    ASSERT_EQ(none.exit_code, 0) << none.err;
    EXPECT_FALSE(h5::open_file(dir.path("none.h5")).open_group("scenarios/a").exists("posterior"));

    expect_one_line_error(havens(dir, "run " + a + " " + point + small + " -o " + dir.path("x.h5")),
                          point + ": posterior: 'c' is a point run but 'a' runs over");
    expect_one_line_error(
        havens(dir, "run " + a + small + " --set treaty.threshold=30 -o " + dir.path("x.h5")),
        "--set: treaty.threshold: is drawn from the posterior");
    const auto fixed = dir.write("d.toml",
                                 "name = \"d\"\nposterior = \"data/p.csv\"\n"
                                 "[treaty]\nthreshold = 30\n" +
                                     world);
    expect_one_line_error(havens(dir, "run " + fixed + small + " -o " + dir.path("x.h5")),
                          fixed + ":4: treaty.threshold: is drawn from the posterior");
    EXPECT_FALSE(std::filesystem::exists(dir.path("x.h5")));
    const auto missing = dir.write("e.toml", "name = \"e\"\nposterior = \"nowhere.csv\"\n" + world);
    expect_one_line_error(havens(dir, "validate " + missing),
                          missing + ":2: posterior: no such file '" + dir.path("nowhere.csv"));
}

// Adaptive replication adds replicates round by round; each takes its own
// draw all the same, so the run equals a fixed run of as many replicates.
TEST(CliPosterior, AdaptiveReplicationDrawsAsAFixedRunDoes) {
    testing::TempDir dir;
    const auto posterior = write_posterior(dir);
    const auto adaptive =
        dir.write("adaptive.toml",
                  "name = \"adaptive\"\nmonths = 36\nreplicates = \"auto\"\nseed = 5\n"
                  "[world]\n" +
                      testing::shipped_world_keys() +
                      "exiles = 2000\n"
                      "[replication]\ninitial = 3\nround = 2\nmax = 7\n"
                      "[replication.half_width]\nexile_risk = 1e-12\n");  // never met
    const std::string run = "run " + adaptive + " --quiet --posterior " + posterior;
    ASSERT_EQ(havens(dir, run + " -o " + dir.path("auto.h5")).exit_code, 0);
    ASSERT_EQ(havens(dir, run + " --replicates 7 -o " + dir.path("fixed.h5")).exit_code, 0);
    const auto a = h5::open_file(dir.path("auto.h5")).open_group("scenarios/adaptive");
    const auto b = h5::open_file(dir.path("fixed.h5")).open_group("scenarios/adaptive");
    EXPECT_EQ(a.integer_attribute("replicates_run"), 7);
    EXPECT_EQ(a.read<std::int64_t>("posterior/draw").size(), 7u);
    testing::expect_same_datasets(a.open_group("posterior"), b.open_group("posterior"));
    testing::expect_same_datasets(a.open_group("timeseries"), b.open_group("timeseries"));
}

TEST(CliPosterior, KeysItCannotSetAreRefusedBeforeAnyWork) {
    testing::TempDir dir;
    const std::pair<std::vector<std::string>, std::string> bad[] = {
        {{"treaty.thresold", "ratification.base_hazard"},
         ": treaty.thresold: no such scenario key (did you mean 'treaty.threshold'?)"},
        {{"treaty.threshold", "ratification.lag_sigma"},  // range [0, 10]: 0.00308 fits, so
         ""},                                             // ... a good control
    };
    for (const auto& [names, message] : bad) {
        testing::write_posterior_fixture(dir.path("c.h5"), names, particles, weights);
        const auto r = havens(dir, "run " + scenarios + small + " --replicates 2 --posterior " +
                                       dir.path("c.h5") + " -o " + dir.path("out.h5"));
        if (message.empty()) {
            EXPECT_EQ(r.exit_code, 0) << r.err;
            std::filesystem::remove(dir.path("out.h5"));
            continue;
        }
        expect_one_line_error(r, dir.path("c.h5") + message);
        EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5")));
    }
    // A key a sweep varies: the posterior would overwrite the design.
    const auto sweep =
        dir.write("sweep.toml", "name = \"grid\"\n[world]\n" + testing::shipped_world_keys() +
                                    "[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
                                    "\"treaty.threshold\" = [30, 50]\n");
    testing::write_posterior_fixture(dir.path("c.h5"), keys, particles, weights);
    expect_one_line_error(havens(dir, "run " + sweep + small + " --posterior " + dir.path("c.h5") +
                                          " -o " + dir.path("out.h5")),
                          dir.path("c.h5") + ": treaty.threshold: is also swept by " + sweep);
    testing::write_posterior_fixture(dir.path("c.h5"), keys, {{1, 0.00308}, {40, 11.0}},
                                     {0.5, 0.5});
    const auto r = havens(dir, "run " + scenarios + small + " --posterior " + dir.path("c.h5") +
                                   " -o " + dir.path("out.h5"));
    expect_one_line_error(
        r, dir.path("c.h5") + ": ratification.base_hazard: expected a number in [0, 10], got 11");
    EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5")));
    EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5.partial")));
}

TEST(CliPosterior, ADamagedPosteriorFileIsRefusedInOneLine) {
    testing::TempDir dir;
    const auto junk = dir.write("junk.h5", "not a calibration");
    expect_one_line_error(havens(dir, "run " + scenarios + small + " --posterior " + junk),
                          junk + ": not an HDF5 file");
    expect_one_line_error(
        havens(dir, "run " + scenarios + small + " --posterior " + dir.path("none.h5")),
        dir.path("none.h5") + ": no such file");
    testing::write_posterior_fixture(dir.path("light.h5"), keys, particles, {0.4, 0.4, 0.1});
    expect_one_line_error(
        havens(dir, "run " + scenarios + small + " --posterior " + dir.path("light.h5")),
        dir.path("light.h5") + ": /calibration/weights: the last generation's weights sum to");
}

TEST(CliPosterior, ResumingWithAnotherPosteriorIsRefused) {
    testing::TempDir dir;
    const auto posterior = write_posterior(dir);
    testing::write_posterior_fixture(dir.path("other.h5"), keys, particles, {0.2, 0.4, 0.4});
    const std::string long_run = " --quiet --replicates 10 --threads 1 --set world.exiles=100000";
    const std::string out = dir.path("killed.h5");
    ASSERT_EQ(havens(dir, "run " + scenarios + long_run + " --posterior " + posterior + " -o " +
                              dir.path("whole.h5"))
                  .exit_code,
              0);
    auto saved_runs = [&] { return testing::files_ending_in(out + ".partial", ".run"); };
    testing::kill_havens_when(
        "run " + scenarios + long_run + " --posterior " + posterior + " -o " + out,
        [&] { return saved_runs() >= 2; });
    ASSERT_GE(saved_runs(), 2u);
    ASSERT_LT(saved_runs(), 20u) << "the run finished before it was killed: make it longer";

    for (const std::string& other : {" --posterior " + dir.path("other.h5"), std::string()}) {
        SCOPED_TRACE(other);
        const auto r =
            havens(dir, "run " + scenarios + long_run + " --resume" + other + " -o " + out);
        expect_one_line_error(r, "arguments differ");
        EXPECT_FALSE(std::filesystem::exists(out));
    }
    const auto resumed = havens(
        dir, "run " + scenarios + long_run + " --resume --posterior " + posterior + " -o " + out);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    testing::expect_same_datasets(h5::open_file(dir.path("whole.h5")).open_group("scenarios"),
                                  h5::open_file(out).open_group("scenarios"));
}

}  // namespace
}  // namespace havens
