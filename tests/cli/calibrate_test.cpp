// `havens calibrate` as a user runs it: a small calibration of the treaty's
// pace (no exiles, 120 months: a few seconds), the same posterior for any
// thread count, a killed calibration resumed to the same posterior, and bad
// input refused in one line.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "io/h5/checksum.hpp"
#include "io/h5/file.hpp"
#include "support/run_havens.hpp"
#include "support/same_datasets.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

using testing::slurp;

std::string small_calibration(const testing::TempDir& dir, int particles = 60, int generations = 3,
                              const std::string& extra = "",
                              const std::string& name = "treaty.toml") {
    const std::string path = dir.path(name);
    std::ofstream(path) << "scenario = \"" HAVENS_SOURCE_DIR "/scenarios/baseline.toml\"\n"
                        << R"(set = ["treaty.observed_deposits=false", "world.exiles=0",
       "requests.legitimate_rate=0", "months=120"]
[sampler]
particles = )" << particles
                        << "\nmax_generations = " << generations << R"(
moves = 2
seed = 11
[parameters."ratification.base_hazard"]
prior = "log_uniform"
low = 0.001
high = 0.02
[parameters."ratification.lag_median_months"]
prior = "uniform"
low = 3
high = 24
[parameters."decision.grant_intercept"]
prior = "uniform"
low = -2
high = 6
[targets.month_7]
statistic = "parties_at_month"
month = 7
observed = 3
sd = 1
source = "the record"
[targets.fortieth]
statistic = "month_of_parties"
count = 40
observed = 30.6
sd = 6
source = "UNTOC"
[targets.in_force]
statistic = "entry_into_force_month"
observed = 33.5
sd = 6
fit = false
source = "UNTOC"
)" << extra;
    return path;
}

TEST(CliCalibrate, WritesTheCalibrationAndDescribesThePosterior) {
    testing::TempDir dir;
    const auto r = testing::run_havens(
        dir, "calibrate " + small_calibration(dir) + " --quiet -o " + dir.path("c.h5"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("calibration: 3 generations after the prior sample, 60 particles"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("ratification.base_hazard: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("in_force (check): 33.5 +- 6"), std::string::npos) << r.out;
    const auto file = h5::open_file(dir.path("c.h5"));
    const auto c = file.open_group("calibration");
    EXPECT_EQ(c.shape("particles"), (h5::Shape{4, 60, 3}));
    EXPECT_EQ(c.info("particles").dimensions,
              (std::vector<std::string>{"generation", "particle", "parameter"}));
    const auto weights = c.read<double>("weights");
    for (int g = 0; g < 4; ++g) {
        double sum = 0;
        for (int i = 0; i < 60; ++i) sum += weights[static_cast<std::size_t>(g * 60 + i)];
        EXPECT_NEAR(sum, 1.0, 1e-12) << "generation " << g;
    }
    EXPECT_EQ(c.read_strings("target_source")[1], "UNTOC");
    EXPECT_FALSE(std::filesystem::exists(dir.path("c.h5.partial")));  // checkpoint removed
    // `info` describes it again from the file alone.
    const auto info = testing::run_havens(dir, "info " + dir.path("c.h5"));
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.out.find("posterior median [90% interval]"), std::string::npos) << info.out;

    // A damaged calibration: one line naming the object, exit 2.
    std::filesystem::copy_file(dir.path("c.h5"), dir.path("damaged.h5"));
    const hid_t h5 = H5Fopen(dir.path("damaged.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(h5, 0);
    EXPECT_GE(H5Ldelete(h5, "/calibration/weights", H5P_DEFAULT), 0);
    H5Fclose(h5);
    h5::write_checksum(dir.path("damaged.h5"));  // so that the check behind it is reached
    const auto damaged = testing::run_havens(dir, "info " + dir.path("damaged.h5"));
    EXPECT_EQ(damaged.exit_code, 2);
    EXPECT_NE(damaged.err.find("/calibration/weights: missing dataset"), std::string::npos)
        << damaged.err;
    EXPECT_EQ(std::count(damaged.err.begin(), damaged.err.end(), '\n'), 1) << damaged.err;
}

TEST(CliCalibrate, TheSamePosteriorForOneOrTwoThreads) {
    testing::TempDir dir;
    const std::string file = small_calibration(dir);
    for (const char* threads : {"1", "2"}) {
        const auto r =
            testing::run_havens(dir, "calibrate " + file + " --quiet --threads " + threads +
                                         " -o " + dir.path(threads + std::string(".h5")));
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    testing::expect_same_datasets(h5::open_file(dir.path("1.h5")).open_group("calibration"),
                                  h5::open_file(dir.path("2.h5")).open_group("calibration"));
}

TEST(CliCalibrate, KilledMidwayThenResumedGivesTheSamePosterior) {
    testing::TempDir dir;
    const std::string file = small_calibration(dir, 200, 4);
    ASSERT_EQ(testing::run_havens(dir, "calibrate " + file + " --quiet -o " + dir.path("whole.h5"))
                  .exit_code,
              0);
    const std::string out = dir.path("killed.h5");
    auto saved = [&] { return testing::files_ending_in(out + ".partial/evaluations", ".eval"); };
    testing::kill_havens_when("calibrate " + file + " --quiet -o " + out,
                              [&] { return saved() >= 250; });
    const std::size_t before = saved();
    ASSERT_GE(before, 250u);
    EXPECT_FALSE(std::filesystem::exists(out));  // nothing half-written at the output path

    // Resuming another calibration into the same output is refused.
    const std::string other = small_calibration(dir, 200, 5, "", "other.toml");
    const auto refused =
        testing::run_havens(dir, "calibrate " + other + " --quiet --resume -o " + out);
    EXPECT_EQ(refused.exit_code, 2) << refused.err;

    const auto resumed =
        testing::run_havens(dir, "calibrate " + file + " --quiet --resume -o " + out);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    testing::expect_same_datasets(h5::open_file(dir.path("whole.h5")).open_group("calibration"),
                                  h5::open_file(out).open_group("calibration"));
}

TEST(CliCalibrate, BadInputIsOneLineNamingTheFileLineAndKey) {
    testing::TempDir dir;
    const std::string file =
        small_calibration(dir, 60, 3,
                          "[targets.bad]\nstatistic = \"parties_at_month\"\nmonth = 500\nobserved "
                          "= 1\nsd = 1\nsource = \"s\"\n");
    const auto r = testing::run_havens(dir, "calibrate " + file + " -o " + dir.path("x.h5"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("treaty.toml:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("targets.bad.month: expected an integer in [0, 119]"), std::string::npos)
        << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path("x.h5")));
    const auto missing = testing::run_havens(dir, "calibrate " + dir.path("none.toml"));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("cannot open the calibration file"), std::string::npos);
}

// One progress count over the whole calibration: the runs done never go
// back at a new generation, and the total is an upper bound shown as one.
TEST(CliCalibrate, ProgressCountsTheWholeCalibration) {
    testing::TempDir dir;
    const auto r =
        testing::run_havens(dir, "calibrate " + small_calibration(dir) + " -o " + dir.path("c.h5"),
                            "HAVENS_PROGRESS_INTERVAL=0.001 ");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::istringstream in(r.err);
    std::size_t last_done = 0, lines = 0;
    int generations = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.find("generation ") != std::string::npos) ++generations;
        std::size_t done = 0, total = 0;
        if (std::sscanf(line.c_str(), "havens: %zu/at most %zu runs done", &done, &total) != 2) {
            continue;
        }
        ++lines;
        EXPECT_GE(done, last_done) << line;
        EXPECT_LE(done, total) << line;
        last_done = done;
    }
    EXPECT_GE(generations, 2);
    EXPECT_GT(lines, 2u) << r.err;
}

TEST(CliCalibrate, AKeyFixedPerRunOrGivenTwiceIsRefusedBeforeAnyOutputExists) {
    testing::TempDir dir;
    for (const std::string key :
         {"months", "seed", "replicates", "world.exiles", "world.state_count"}) {
        SCOPED_TRACE(key);
        const std::string file = small_calibration(
            dir, 60, 3, "[parameters.\"" + key + "\"]\nprior = \"uniform\"\nlow = 1\nhigh = 2\n");
        const auto r = testing::run_havens(dir, "calibrate " + file + " -o " + dir.path("x.h5"));
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_NE(r.err.find("parameters." + key + ": cannot differ between the replicates"),
                  std::string::npos)
            << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir.path("x.h5")));
        EXPECT_FALSE(std::filesystem::exists(dir.path("x.h5.partial")));
    }
    // Quoted and dotted, the same key twice.
    const std::string twice = small_calibration(
        dir, 60, 3,
        "[parameters.ratification.lag_median_months]\nprior = \"uniform\"\nlow = 3\nhigh = 24\n");
    const auto r = testing::run_havens(dir, "calibrate " + twice + " -o " + dir.path("x.h5"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("parameters.ratification.lag_median_months: given twice"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path("x.h5.partial")));
}

}  // namespace
}  // namespace havens
