// The edges of every input class a user can reach: numbers at the limits of
// their type, control characters in names and paths, multi-line flags, files
// that are not regular files, the size check over a whole job, and what may
// be replaced at -o. Each test is named after the class of failure it
// guards against (docs/RELIABILITY.md, "Input classes").
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "support/cli_expectations.hpp"
#include "support/run_havens.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

using testing::expect_one_line_error;
using testing::expect_refused_up_front;
using testing::Outcome;

const std::string baseline = std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml";

Outcome havens(const testing::TempDir& dir, const std::string& args) {
    return testing::run_havens(dir, args);
}

// A calibration file with `set` on line 2, a prior and a target.
std::string calibration_text(const std::string& set) {
    return "scenario = \"" + baseline + "\"\nset = [" + set +
           "]\n[sampler]\nparticles = 4\n[parameters.\"requests.rate\"]\nprior = \"uniform\"\n"
           "low = 0.0001\nhigh = 0.001\n[targets.parties_month_7]\nstatistic = "
           "\"parties_at_month\"\nmonth = 7\nobserved = 3\nsd = 1\nsource = \"a test\"\n";
}

// Calibrate refuses before its output or checkpoint folder exists.
void expect_calibrate_refused(const testing::TempDir& dir, const std::string& file,
                              const std::string& message) {
    SCOPED_TRACE(file);
    expect_one_line_error(havens(dir, "validate " + file), message);
    expect_one_line_error(havens(dir, "calibrate " + file + " --quiet -o " + dir.path("cal.h5")),
                          message);
    EXPECT_FALSE(std::filesystem::exists(dir.path("cal.h5")));
    EXPECT_FALSE(std::filesystem::exists(dir.path("cal.h5.partial")));
}

TEST(InputEdgesF1, SubnormalNumbersAndSignedZeroAreOneLineErrors) {
    testing::TempDir dir;
    // 1e-320 is subnormal: reading it back sets ERANGE, which once crashed
    // the message that quotes it.
    const auto subnormal = dir.write("subnormal.toml", "months = 1e-320\n");
    expect_refused_up_front(dir, subnormal,
                            subnormal + ":1: months: expected an integer in [1, 1200]");
    expect_refused_up_front(dir, baseline + " --set months=1e-320",
                            "--set: months: expected an integer in [1, 1200]");
    const auto zero = dir.write("zero.toml", "months = -0.0\n");
    expect_refused_up_front(dir, zero,
                            zero + ":1: months: expected an integer in [1, 1200], got -0");
    // The smallest subnormal is a number in range for a probability.
    const auto ok =
        havens(dir, "validate " + baseline + " --set decision.false_suspicion=4.9e-324");
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    const auto cal = dir.write("cal.toml", calibration_text("\"months=1e-320\""));
    expect_calibrate_refused(dir, cal, cal + ":2: set: months: expected an integer in [1, 1200]");
}

TEST(InputEdgesOverflow, ANumberPastItsTypeNamesItsLineAndKey) {
    testing::TempDir dir;
    const auto integer = dir.write("integer.toml", "months = 99999999999999999999\n");
    expect_refused_up_front(dir, integer,
                            integer + ":1: months: Error while parsing decimal integer");
    const auto real = dir.write("real.toml", "[treaty]\nthreshold = 1e400\n");
    expect_refused_up_front(dir, real,
                            real + ":2: treaty.threshold: Error while parsing floating-point");
    const auto quoted =
        dir.write("quoted.toml", "months = 12\n\"treaty.threshold\" = 99999999999999999999\n");
    expect_refused_up_front(dir, quoted, quoted + ":2: treaty.threshold: Error while parsing");
}

TEST(InputEdgesF4, ControlCharactersInNamesAndPathsAreRefused) {
    testing::TempDir dir;
    // A NUL once ended the name where HDF5 read it: group "a".
    const auto nul = dir.write("nul.toml", "name = \"a\\u0000x\"\n");
    expect_refused_up_front(dir, nul,
                            nul +
                                ":1: name: cannot contain a control character (U+0000 at byte 2), "
                                "got 'a\\x00x'");
    const auto title = dir.write("title.toml", "title = \"two\\nlines\"\n");
    expect_refused_up_front(dir, title,
                            title + ":1: title: cannot contain a control character (U+000A");
    const auto path = dir.write("path.toml", "[world]\nstates = \"a\\tb.csv\"\n");
    expect_refused_up_front(dir, path,
                            path + ":2: world.states: cannot contain a control character");
    expect_refused_up_front(dir, baseline + " --set name=\"$(printf 'a\\001b')\"",
                            "--set: name: cannot contain a control character (U+0001 at byte 2)");
    // A path holding a newline is quoted escaped, on one line.
    const auto odd = dir.write("odd\nname.toml", "months = 0\n");
    expect_one_line_error(havens(dir, "validate \"" + odd + "\""), "odd\\nname.toml:1: months");
}

TEST(InputEdgesF9, ASetValueSpanningLinesIsRefused) {
    testing::TempDir dir;
    // name="a", then months=3 on the next line, which TOML would read as a
    // second key and havens used to drop.
    expect_refused_up_front(dir, baseline + " --set \"$(printf 'name=\"a\"\\nmonths=3')\"",
                            "--set: name: a --set value is one line (give each key its own --set)");
    expect_refused_up_front(dir, baseline + " --sweep \"$(printf 'months=3,\\n4')\"",
                            "--sweep: months: a --sweep value is one line");
}

TEST(InputEdgesF5, AFolderIsNeitherAScenarioNorACalibrationsScenario) {
    testing::TempDir dir;
    std::filesystem::create_directories(dir.path("folder"));
    expect_one_line_error(
        havens(dir, "run " + dir.path("folder") + " --quiet -o " + dir.path("out.h5")),
        dir.path("folder") + ": cannot read the scenario file: this is a folder");
    expect_one_line_error(havens(dir, "validate " + dir.path("folder")),
                          dir.path("folder") + ": no .toml files in this folder");
    const auto cal = dir.write(
        "cal.toml", "scenario = \"" + dir.path("folder") + "\"\n[sampler]\nparticles = 4\n");
    expect_calibrate_refused(dir, cal, dir.path("folder") + ": cannot read the scenario file");
}

TEST(InputEdgesF10, DevicesPipesAndHugeFilesAreRefusedBeforeReading) {
    testing::TempDir dir;
    expect_refused_up_front(dir, "/dev/zero",
                            "/dev/zero: cannot read the scenario file: not a regular file");
    expect_one_line_error(havens(dir, "calibrate /dev/zero --quiet -o " + dir.path("cal.h5")),
                          "/dev/zero: cannot read");
    const std::string fifo = dir.path("fifo.toml");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    expect_one_line_error(havens(dir, "validate " + fifo),
                          fifo + ": cannot read the scenario file");
    // Past the 16 MiB limit: refused by its size, before a byte is parsed.
    const std::string huge = dir.path("huge.toml");
    {
        std::ofstream out(huge);
        const std::string comment = "# " + std::string(1022, 'x') + "\n";
        for (int i = 0; i < 17 * 1024; ++i) out << comment;
    }
    expect_one_line_error(
        havens(dir, "validate " + huge),
        huge + ": the scenario file is 17 MiB, more than the 16 MiB havens reads");
    // A data file that is a folder names the key that points at it.
    std::filesystem::create_directories(dir.path("states.csv"));
    expect_refused_up_front(dir, baseline + " --set world.states=" + dir.path("states.csv"),
                            "world.states");
}

TEST(InputEdgesF2, TheSizeCheckCountsTheLegitimateStream) {
    testing::TempDir dir;
    // 10^7 legitimate requests a month wait for answers in every run in flight.
    expect_refused_up_front(
        dir,
        baseline +
            " --set requests.legitimate_rate=10000000 --threads 2 "
            "--max-memory 4",
        "--set: requests.legitimate_rate: the job needs about 12 GB of memory (2 "
        "runs in flight, each with 10000000 legitimate requests a month awaiting "
        "answers)");
    // Swept, the largest value counts, at the sweep's line.
    const auto swept =
        dir.write("swept.toml",
                  "months = 24\nreplicates = 1\n[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
                  "\"requests.legitimate_rate\" = [250, 10000000]\n");
    expect_refused_up_front(dir, swept + " --threads 2 --max-memory 4", "requests.legitimate_rate");
}

TEST(InputEdgesF3, ContactSlotsAreCheckedForACalibrationsSet) {
    testing::TempDir dir;
    const auto cal = dir.write(
        "cal.toml", calibration_text("\"exiles.contacts=64\", \"world.exiles=100000000\""));
    expect_calibrate_refused(dir, cal,
                             cal +
                                 ":2: set: world.exiles: 100000000 exiles x 64 contacts "
                                 "(exiles.contacts) make 6400000000 contact slots");
}

TEST(InputEdgesOutputs, AFileHavensDidNotWriteOrALinkIsReplacedOnlyWhenAskedFor) {
    testing::TempDir dir;
    const std::string notes = dir.write("notes.txt", "a user's notes\n");
    const std::string args = "run " + baseline + " --set months=12 --replicates 1 --quiet -o ";
    expect_one_line_error(havens(dir, args + notes),
                          notes + ": exists and is not a file havens wrote", 3);
    EXPECT_EQ(testing::slurp(notes), "a user's notes\n");
    const std::string link = dir.path("link.h5");
    std::filesystem::create_symlink(notes, link);
    expect_one_line_error(havens(dir, args + link), link + ": is a symbolic link", 3);
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    // A result havens wrote is replaced without a word, and so is anything
    // with --overwrite.
    const std::string result = dir.path("result.h5");
    ASSERT_EQ(havens(dir, args + result).exit_code, 0);
    const auto again = havens(dir, args + result);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    const auto forced = havens(dir, args + notes + " --overwrite");
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_NE(testing::slurp(notes), "a user's notes\n");
    // calibrate's --posterior-csv takes the same rule.
    const std::string scenario = dir.write("scenario.toml", "months = 12\n");
    expect_one_line_error(havens(dir, "calibrate " + std::string(HAVENS_SOURCE_DIR) +
                                          "/scenarios/calibration.toml --quiet -o " +
                                          dir.path("cal.h5") + " --posterior-csv " + scenario),
                          scenario + ": exists and is not a file havens wrote", 3);
    EXPECT_FALSE(std::filesystem::exists(dir.path("cal.h5")));
}

}  // namespace
}  // namespace havens
