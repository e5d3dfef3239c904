// Sweeps made on the command line: --sweep KEY=VALUES (with --design and
// --samples) gives the points a [sweep] table in the file would, checked
// alike, with errors naming the flag and the key.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "io/h5/file.hpp"
#include "support/run_havens.hpp"
#include "support/same_datasets.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

using testing::Outcome;

Outcome havens(const testing::TempDir& dir, const std::string& args) {
    return testing::run_havens(dir, args);
}

const std::string small = " --posterior none --quiet -o ";

std::string scenario_text(const std::string& sweep) {
    return "name = \"s\"\nmonths = 12\nreplicates = 2\nseed = 3\n[world]\n" +
           testing::shipped_world_keys() + "exiles = 1000\n" + sweep;
}

// The same design from the file and from the flags: the same points, the
// same design table, the same results.
void expect_same_as_the_file(const std::string& sweep_table, const std::string& flags) {
    SCOPED_TRACE(flags);
    testing::TempDir dir;
    const auto file = dir.write("file/s.toml", scenario_text(sweep_table));
    const auto plain = dir.write("flags/s.toml", scenario_text(""));
    const auto a = havens(dir, "run " + file + small + dir.path("file.h5"));
    ASSERT_EQ(a.exit_code, 0) << a.err;
    const auto b = havens(dir, "run " + plain + " " + flags + small + dir.path("flags.h5"));
    ASSERT_EQ(b.exit_code, 0) << b.err;
    const auto from_file = h5::open_file(dir.path("file.h5"));
    const auto from_flags = h5::open_file(dir.path("flags.h5"));
    EXPECT_EQ(from_file.open_group("scenarios").children(),
              from_flags.open_group("scenarios").children());
    EXPECT_EQ(from_file.open_group("sweeps/s").string_attribute("design"),
              from_flags.open_group("sweeps/s").string_attribute("design"));
    EXPECT_EQ(from_file.open_group("sweeps/s").string_attribute("keys"),
              from_flags.open_group("sweeps/s").string_attribute("keys"));
    testing::expect_same_datasets(from_file.open_group("sweeps"), from_flags.open_group("sweeps"));
    testing::expect_same_datasets(from_file.open_group("scenarios"),
                                  from_flags.open_group("scenarios"));
}

TEST(CliSweepFlags, AGridCrossesTheFlagsFirstSlowestAsTheFileDoes) {
    expect_same_as_the_file(
        "[sweep]\ndesign = \"grid\"\n[sweep.values]\n\"treaty.threshold\" = [20, 60]\n"
        "\"safeguards.dual_criminality\" = [\"optional\", \"mandatory\"]\n",
        "--sweep treaty.threshold=20,60 --sweep safeguards.dual_criminality=optional,mandatory");
}

TEST(CliSweepFlags, TheOtherDesignsAsTheFileWritesThem) {
    expect_same_as_the_file(
        "[sweep]\ndesign = \"table\"\n[sweep.values]\n\"safeguards.scope\" = [\"narrow\", "
        "\"serious_crime\"]\n\"treaty.threshold\" = [60, 20]\n",
        "--design table --sweep safeguards.scope=narrow,serious_crime "
        "--sweep treaty.threshold=60,20");
    expect_same_as_the_file(
        "[sweep]\ndesign = \"latin_hypercube\"\nsamples = 3\n[sweep.ranges]\n"
        "\"ratification.b_peer\" = [2.0, 9.0]\n\"treaty.threshold\" = [20, 80]\n",
        "--sweep ratification.b_peer=2.0:9.0 --sweep treaty.threshold=20:80 "
        "--design latin_hypercube --samples 3");
}

TEST(CliSweepFlags, ValidateCountsThePoints) {
    testing::TempDir dir;
    const auto plain = dir.write("s.toml", scenario_text(""));
    const std::pair<std::string, std::string> cases[] = {
        {"--sweep treaty.threshold=20,40,60 --sweep safeguards.dual_criminality=optional,mandatory",
         "6 points"},
        {"--sweep treaty.threshold=20,40,60 --sweep ratification.b_peer=1,2,3 --design table",
         "3 points"},
        {"--sweep ratification.b_peer=1:3 --sweep treaty.threshold=20:60 --design saltelli "
         "--samples 4",
         "16 points"},
    };
    for (const auto& [flags, points] : cases) {
        const auto r = havens(dir, "validate " + plain + " " + flags);
        EXPECT_EQ(r.exit_code, 0) << flags << ": " << r.err;
        EXPECT_NE(r.out.find(points), std::string::npos) << flags << ": " << r.out;
    }
}

TEST(CliSweepFlags, MistakesAreOneLineNamingTheFlagAndKeyAndNothingIsWritten) {
    testing::TempDir dir;
    const auto plain = dir.write("s.toml", scenario_text(""));
    const auto swept = dir.write(
        "swept.toml",
        scenario_text("[sweep]\ndesign = \"grid\"\n[sweep.values]\n\"treaty.threshold\" = [30]\n"));
    const int sweep_line = 6 + static_cast<int>(testing::world_files.size()) + 1;
    const std::pair<std::string, std::string> cases[] = {
        {plain + " --sweep treaty.treshold=20,40",
         "--sweep: treaty.treshold: unknown key (did you mean 'treaty.threshold'?)"},
        {plain + " --sweep treaty.threshold=20,0",
         "--sweep: treaty.threshold: expected an integer in [1, 65535], got 0"},
        {plain + " --sweep seed=1,2", "--sweep: seed: cannot be swept"},
        {plain + " --sweep months=12,24", "--sweep: months: cannot be swept"},
        {plain + " --sweep treaty.threshold=20,40 --sweep treaty.threshold=60",
         "--sweep: treaty.threshold: given twice"},
        {plain + " --sweep treaty.threshold", "--sweep: treaty.threshold: expected KEY=V1,V2,..."},
        {plain + " --sweep treaty.threshold=20:60",
         "--sweep: treaty.threshold: a grid takes values (KEY=V1,V2,...)"},
        {plain + " --sweep treaty.threshold=20,40 --sweep ratification.b_peer=1 --design table",
         "--sweep: ratification.b_peer: has 1 value, but treaty.threshold has 2"},
        {plain +
             " --sweep safeguards.scope=narrow:serious_crime --design latin_hypercube --samples 4",
         "--sweep: safeguards.scope: only numeric keys can be sampled over a range"},
        {plain + " --sweep treaty.threshold=20,40 --design latin_hypercube --samples 4",
         "--sweep: treaty.threshold: a latin_hypercube takes a range KEY=LOW:HIGH"},
        {plain + " --sweep treaty.threshold=20:40 --design saltelli",
         "--samples: a sampling design needs samples"},
        {plain + " --sweep treaty.threshold=20,40 --samples 3", "--samples: only for --design"},
        {plain + " --sweep treaty.threshold=20,40 --design cube",
         "--design: expected one of grid, latin_hypercube, saltelli, table, got 'cube'"},
        {plain + " --design table", "--design: makes a sweep only with --sweep"},
        {plain + " --sweep treaty.threshold=20,40 --samples 0", "--samples: must be at least 1"},
        {swept + " --sweep treaty.threshold=20,40",
         swept + ":" + std::to_string(sweep_line) +
             ": sweep: the file has a [sweep] already: --sweep cannot make another"},
    };
    for (const auto& [args, message] : cases) {
        for (const std::string command : {"validate ", "run "}) {
            SCOPED_TRACE(command + args);
            const auto r =
                havens(dir, command + args + (command == "run " ? small + dir.path("out.h5") : ""));
            EXPECT_EQ(r.exit_code, 2);
            EXPECT_EQ(r.out, "");
            EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
            EXPECT_EQ(r.err.rfind("havens: error: " + message, 0), 0u) << r.err;
            EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5")));
            EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5.partial")));
        }
    }
}

TEST(CliSweepFlags, TheHelpShowsTheFlags) {
    testing::TempDir dir;
    for (const char* command : {"run --help", "validate --help"}) {
        const auto r = havens(dir, command);
        EXPECT_EQ(r.exit_code, 0);
        for (const char* flag : {"--sweep", "--design", "--samples", "KEY=LOW:HIGH"}) {
            EXPECT_NE(r.out.find(flag), std::string::npos) << command << ": " << flag;
        }
    }
}

}  // namespace
}  // namespace havens
