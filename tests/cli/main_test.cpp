// The command line as a user meets it: the real binary, real files, exit
// codes and the one-line errors.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "io/build_info.hpp"
#include "io/h5/file.hpp"
#include "support/cli_expectations.hpp"
#include "support/run_havens.hpp"
#include "support/same_datasets.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

using testing::expect_one_line_error;
using testing::expect_refused_up_front;
using testing::Outcome;
using testing::slurp;

Outcome havens(const testing::TempDir& dir, const std::string& args,
               const std::string& environment = "") {
    return testing::run_havens(dir, args, environment);
}

const std::string baseline = std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml";

// The exit code of a child started with start_havens; -1 if it did not exit normally.
int wait_for(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

TEST(Cli, RunWritesTheResultAndASummary) {
    testing::TempDir dir;
    const auto r =
        havens(dir, "run " + baseline + " --replicates 2 --set months=60 -o " + dir.path("b.h5"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir.path("b.h5")));
    EXPECT_NE(r.out.find("scenario baseline: 2 replicates x 60 months"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("parties at the horizon"), std::string::npos);
}

TEST(Cli, BadScenarioIsOneLineExitTwoAndNoFile) {
    testing::TempDir dir;
    const auto bad = dir.write("bad.toml", "months = 12\n[treaty]\nthreshold = 250000\n");
    dir.write("data/states.csv", "");
    const auto r = havens(dir, "run " + bad + " -o " + dir.path("out.h5"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(
        r.err.find(bad + ":3: treaty.threshold: expected an integer in [1, 65535], got 250000"),
        std::string::npos)
        << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
    EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5")));
    for (const auto& e : std::filesystem::directory_iterator(dir.path(""))) {
        EXPECT_EQ(e.path().string().find(".partial"), std::string::npos);
    }
}

TEST(Cli, BadOverrideIsRejected) {
    testing::TempDir dir;
    const auto r =
        havens(dir, "run " + baseline + " --set safeguards.scope=wide -o " + dir.path("o.h5"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--set: safeguards.scope: expected one of"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path("o.h5")));
}

// Nothing at all in `dir` but what the test harness writes (its captured
// stdout and stderr) and the files listed.
void expect_only(const testing::TempDir& dir, std::set<std::string> expected) {
    expected.insert({"stdout.txt", "stderr.txt"});
    std::set<std::string> found;
    for (const auto& e : std::filesystem::directory_iterator(dir.path(""))) {
        found.insert(e.path().filename().string());
    }
    EXPECT_EQ(found, expected);
}

TEST(Cli, BadFlagIsRejected) {
    testing::TempDir dir;
    const auto r = havens(dir, "run " + baseline + " --threads 0 -o " + dir.path("o.h5"));
    expect_one_line_error(r, "havens: error: --threads: must be at least 1 (got 0)");
    expect_only(dir, {});
}

TEST(Cli, EveryCommandLineErrorIsOneLineExitTwo) {
    testing::TempDir dir;
    const std::string out = " -o " + dir.path("o.h5");
    const std::pair<std::string, std::string> cases[] = {
        {"run " + baseline + " --threads 2000" + out, "--threads: must be at most 1024 (got 2000)"},
        {"run " + baseline + " --threads 1.5" + out,
         "--threads: expected a whole number, got '1.5'"},
        {"run " + baseline + " --replicates abc" + out,
         "--replicates: expected a whole number, got 'abc'"},
        {"run " + baseline + " --replicates 0" + out, "--replicates: must be at least 1 (got 0)"},
        {"run " + baseline + " --replicates 99999999999999999999999" + out,
         "--replicates: must be at most 100000"},
        {"validate " + baseline + " --replicates -5", "--replicates: must be at least 1 (got -5)"},
        {"run " + baseline + " --seed -1" + out, "--seed: must be at least 0 (got -1)"},
        {"validate " + baseline + " --seed=-1", "--seed: must be at least 0 (got -1)"},
        {"run " + baseline + " --seed 9007199254740992" + out,
         "--seed: must be at most 9007199254740991 (got 9007199254740992)"},
        {"run " + baseline + " --bogus" + out, "not expected: --bogus"},
        {"run" + out, "scenario is required"},
        {"run " + baseline + " -o", "--output"},
        {"run " + baseline + " --set", "--set"},
        {"run " + baseline + " --replicates 1 --replicates 2" + out, "--replicates"},
        {"info", "file is required"},
        {"params extra", "extra"},
        {"", "A subcommand is required"},
        {"bogus", "unknown command 'bogus'"},
        {"--bogus", "unknown option '--bogus'"},
        {"--bogus run " + baseline + out, "--bogus"},
        {"validate", "scenario is required"},
        {"run " + baseline + " --threads", "--threads"},
        {"run " + baseline + " --quiet=maybe" + out, "--quiet"},
        {"calibrate", "calibration is required"},
        {"calibrate " + baseline + " --threads 0" + out, "--threads: must be at least 1"},
        {"calibrate " + baseline + " --bogus" + out, "not expected: --bogus"},
        {"info a.h5 b.h5", "not expected: b.h5"},
        {"params --bogus", "not expected: --bogus"},
        {"validate " + baseline + " --set treaty.treshold=30",
         "--set: treaty.treshold: unknown key (did you mean 'treaty.threshold'?)"},
    };
    for (const auto& [args, message] : cases) {
        SCOPED_TRACE(args);
        expect_one_line_error(havens(dir, args), message);
    }
    expect_only(dir, {});
}

TEST(Cli, HelpAndVersionPrintToStdoutAndExitZero) {
    testing::TempDir dir;
    for (const char* args : {"--help", "run --help", "validate --help", "calibrate --help",
                             "info --help", "params --help"}) {
        const auto r = havens(dir, args);
        EXPECT_EQ(r.exit_code, 0) << args;
        EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
        EXPECT_EQ(r.err, "");
        // Every help lists the exit codes (core/errors.hpp).
        for (const char* code : {"\n  0  done", "\n  1  internal error", "\n  2  bad input",
                                 "\n  3  output problem"}) {
            EXPECT_NE(r.out.find(code), std::string::npos) << args << ": " << code;
        }
    }
    EXPECT_NE(havens(dir, "run --help").out.find("--threads"), std::string::npos);
    const auto version = havens(dir, "--version");
    EXPECT_EQ(version.exit_code, 0) << version.err;
    EXPECT_EQ(version.out, std::string(build_info::version) + "\n");
    EXPECT_EQ(version.err, "");
}

// The baseline renamed "copy" in `folder` of `dir`, beside a copy of the
// default world's data, which it names by the same relative paths.
std::string copy_of_baseline(const testing::TempDir& dir, const std::string& folder) {
    std::filesystem::create_directories(dir.path(folder));
    std::filesystem::copy(std::string(HAVENS_SCENARIOS_DIR) + "/data", dir.path(folder + "/data"),
                          std::filesystem::copy_options::recursive);
    std::string text = slurp(baseline);
    const std::string name = "name = \"baseline\"";
    text.replace(text.find(name), name.size(), "name = \"copy\"");
    return dir.write(folder + "/copy.toml", text);
}

TEST(CliWorld, ScenariosInOtherFoldersWithTheSameDataRunTogether) {
    testing::TempDir dir;
    const auto copy = copy_of_baseline(dir, "elsewhere");
    const auto r = havens(dir, "run " + baseline + " " + copy +
                                   " --replicates 1 --set months=12 --set world.exiles=1000"
                                   " --quiet -o " +
                                   dir.path("both.h5"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir.path("both.h5")));
}

TEST(CliWorld, ADataFileThatDiffersIsADifferentWorld) {
    testing::TempDir dir;
    const auto copy = copy_of_baseline(dir, "elsewhere");
    // One extradition treaty fewer: the last row dropped.
    const auto treaties = dir.path("elsewhere/data/extradition_treaties.csv");
    std::string text = slurp(treaties);
    text.erase(text.rfind('\n', text.size() - 2) + 1);
    std::ofstream(treaties, std::ios::binary | std::ios::trunc) << text;
    const auto r =
        havens(dir, "run " + baseline + " " + copy + " --replicates 1 -o " + dir.path("both.h5"));
    expect_one_line_error(
        r, copy + ": world: scenarios in one result file must share the world of " + baseline);
    EXPECT_FALSE(std::filesystem::exists(dir.path("both.h5")));
}

TEST(Cli, TheLargestSeedIsAccepted) {
    testing::TempDir dir;
    const auto r = havens(dir, "validate " + baseline + " --seed 9007199254740991 --replicates +3");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("3 replicates"), std::string::npos) << r.out;
}

TEST(Cli, ValidateAcceptsTheBaseline) {
    testing::TempDir dir;
    const auto r = havens(dir, "validate " + baseline);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("ok: scenario baseline, 193 states"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 point, 8 replicates x 240 months"), std::string::npos) << r.out;
}

// On a terminal, havens info folds its lines to the terminal's width; into a
// pipe it writes whole lines.
TEST(Cli, InfoFitsATerminalAndKeepsWholeLinesForPipes) {
    testing::TempDir dir;
    const auto run = havens(dir, "run " + baseline +
                                     " --replicates 1 --set months=12 --set world.exiles=2000 "
                                     "--posterior none --quiet -o " +
                                     dir.path("b.h5"));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto longest = [](const std::string& text) {
        std::istringstream in(text);
        std::size_t most = 0;
        for (std::string line; std::getline(in, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            most = std::max(most, line.size());
        }
        return most;
    };
    const auto piped = havens(dir, "info " + dir.path("b.h5"));
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_GT(longest(piped.out), 100u);
    // script(1) gives havens a terminal 80 columns wide.
    const auto tty =
        testing::run_command(dir, "script -qec 'stty cols 80; " + std::string(HAVENS_BINARY) +
                                      " info " + dir.path("b.h5") + "' /dev/null");
    ASSERT_EQ(tty.exit_code, 0) << tty.err;
    EXPECT_LE(longest(tty.out), 80u) << tty.out;
    EXPECT_NE(tty.out.find("exile risk at"), std::string::npos) << tty.out;
}

TEST(Cli, InfoRefusesAFileThatIsNotAResult) {
    testing::TempDir dir;
    const auto junk = dir.write("junk.h5", "garbage");
    const auto r = havens(dir, "info " + junk);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(junk + ": not an HDF5 file"), std::string::npos) << r.err;
}

TEST(Cli, OutputIsIdenticalForOneAndTwoThreads) {
    testing::TempDir dir;
    ASSERT_EQ(havens(dir, "run " + baseline + " --replicates 4 --threads 1 -o " + dir.path("t1.h5"))
                  .exit_code,
              0);
    ASSERT_EQ(havens(dir, "run " + baseline + " --replicates 4 --threads 2 -o " + dir.path("t2.h5"))
                  .exit_code,
              0);
    const auto a = h5::open_file(dir.path("t1.h5"));
    const auto b = h5::open_file(dir.path("t2.h5"));
    testing::expect_same_datasets(a.open_group("scenarios"), b.open_group("scenarios"));
    testing::expect_same_datasets(a.open_group("world"), b.open_group("world"));
}

// A small sweep: two safeguard options crossed with two thresholds.
std::string write_sweep(const testing::TempDir& dir, int exiles = 5000, int months = 60,
                        int replicates = 3) {
    return dir.write("sweep.toml",
                     "name = \"grid\"\nmonths = " + std::to_string(months) +
                         "\nreplicates = " + std::to_string(replicates) +
                         "\nseed = 4\n"
                         "[world]\n" +
                         testing::shipped_world_keys() + "exiles = " + std::to_string(exiles) +
                         "\n"
                         "[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
                         "\"treaty.threshold\" = [30, 50]\n"
                         "\"safeguards.dual_criminality\" = [\"optional\", \"mandatory\"]\n");
}

TEST(CliSweep, ANameThatCannotNameAGroupIsRefusedBeforeRunning) {
    testing::TempDir dir;
    const auto sweep = write_sweep(dir, 2000, 12, 1);
    for (const std::string name : {"a/b", "grid/", ".", ".."}) {
        expect_refused_up_front(
            dir, sweep + " --set name=" + name,
            "--set: name: " +
                std::string(name.size() > 2 ? "cannot contain '/'" : "cannot be '.' or '..'"));
    }
    const auto named = dir.write("named.toml", "months = 12\nname = \"x/y\"\n");
    expect_refused_up_front(dir, named, named + ":2: name: cannot contain '/'");
    // A file called ..toml would be the scenario "." unless it names itself.
    const auto dots = dir.write("..toml", "months = 12\n");
    expect_refused_up_front(dir, dots, dots + ": name: the file's name gives a scenario name");
    const auto fixed = dir.write(
        "...toml", "months = 12\nname = \"dots\"\n[world]\n" + testing::shipped_world_keys());
    EXPECT_EQ(havens(dir, "validate " + fixed).exit_code, 0);
    expect_only(dir, {"sweep.toml", "named.toml", "..toml", "...toml"});
}

TEST(CliSweep, AnAxisGivenQuotedAndDottedIsRefusedBeforeRunning) {
    testing::TempDir dir;
    const auto twice =
        dir.write("twice.toml", "name = \"grid\"\nmonths = 12\nreplicates = 1\n[world]\n" +
                                    testing::shipped_world_keys() +
                                    "exiles = 2000\n[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
                                    "\"treaty.threshold\" = [30, 50]\n"
                                    "treaty.threshold = [40]\n");
    const int last = 4 + static_cast<int>(testing::world_files.size()) + 1 + 4 + 1;
    expect_refused_up_front(dir, twice,
                            twice + ":" + std::to_string(last) +
                                ": sweep.values.treaty.threshold: given twice (also at line " +
                                std::to_string(last - 1));
    // The same for a scenario key outside the sweep.
    const auto keys = dir.write(
        "keys.toml", "\"treaty.threshold\" = 30\nmonths = 12\n[treaty]\nthreshold = 50\n");
    expect_refused_up_front(dir, keys, keys + ":4: treaty.threshold: given twice (also at line 1");
    expect_only(dir, {"twice.toml", "keys.toml"});
}

TEST(CliSize, AJobThatCannotFitIsRefusedBeforeAnyWork) {
    testing::TempDir dir;
    const std::string head = "name = \"big\"\nmonths = 12\nreplicates = 1\n[world]\n" +
                             testing::shipped_world_keys() + "exiles = 2000\n[sweep]\n";
    // 10^10 grid points: counted, not built (building them would hang).
    std::string values;
    for (const char* key :
         {"treaty.threshold", "treaty.protocol_threshold", "treaty.entry_delay_months",
          "treaty.protocol_entry_threshold", "treaty.later_entry_delay_months"}) {
        values += "\"" + std::string(key) + "\" = [" +
                  "10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, "
                  "30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, "
                  "50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, "
                  "70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, "
                  "90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, "
                  "108, 109]\n";
    }
    const auto grid = dir.write("grid.toml", head + "design = \"grid\"\n[sweep.values]\n" + values);
    const int table_line = 8 + static_cast<int>(testing::world_files.size());
    expect_refused_up_front(dir, grid + " --max-memory 24",
                            grid + ":" + std::to_string(table_line) +
                                ": sweep.values: the job needs about 320000 GB of memory "
                                "(10000000000 points at about 32 KB each), more than the "
                                "budget of 24 GB (--max-memory)");
    // A million-point Latin hypercube, named by its line.
    const auto lhs = dir.write("lhs.toml", head +
                                               "design = \"latin_hypercube\"\nsamples = 1000000\n"
                                               "[sweep.ranges]\n\"treaty.threshold\" = [20, 80]\n");
    expect_refused_up_front(dir, lhs + " --max-memory 24",
                            lhs + ":" + std::to_string(table_line) +
                                ": sweep.samples: the job needs about 32 GB of memory");
    // 100 000 replicates gathered for one point's group; named by the --set that asked.
    expect_refused_up_front(dir, baseline + " --set replicates=100000 --max-memory 24",
                            "--set: replicates: the job needs about 227 GB of memory "
                            "(100000 replicates of a point gathered to be written, 1.4 MB each)");
    // 10^8 exiles with 64 contacts each: more contact slots than 32-bit ids index.
    expect_refused_up_front(dir,
                            baseline + " --set world.exiles=100000000 --set exiles.contacts=64",
                            "--set: world.exiles: 100000000 exiles x 64 contacts "
                            "(exiles.contacts) make 6400000000 contact slots");
    // The disk: every run is saved as it finishes.
    expect_one_line_error(
        havens(dir, "run " + baseline + " --max-disk 0.001 --quiet -o " + dir.path("out.h5")),
        baseline + ":9: replicates: the job needs about 10 MB of disk (8 runs");
    EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5.partial.lock")));
    expect_only(dir, {"grid.toml", "lhs.toml"});
    // What fits is told, not refused.
    const auto ok = havens(dir, "validate " + baseline + " --threads 2");
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("8 runs; about "), std::string::npos) << ok.out;
    for (const char* flag :
         {"--max-memory 0", "--max-memory -1", "--max-memory abc", "--max-disk 1e12"}) {
        const auto r = havens(dir, "validate " + baseline + " " + flag);
        EXPECT_EQ(r.exit_code, 2) << flag;
        EXPECT_NE(r.err.find("expected a size in GB"), std::string::npos) << r.err;
    }
}

TEST(Cli, PathologicalNestingIsOneLineNotACrash) {
    testing::TempDir dir;
    std::string key = "a", header = "[a";
    for (int i = 1; i < 40'000; ++i) key += ".a", header += ".a";
    const auto dotted = dir.write("dotted.toml", "months = 12\n" + key + " = 1\n");
    expect_refused_up_front(dir, dotted, dotted + ":2: nested more than 64 levels deep");
    const auto table = dir.write("table.toml", "months = 12\n\n" + header + "]\nx = 1\n");
    expect_refused_up_front(dir, table, table + ":3: nested more than 64 levels deep");
    const auto arrays = dir.write("arrays.toml", "months = " + std::string(40'000, '[') + "\n");
    expect_refused_up_front(dir, arrays, arrays + ":1: nested more than 64 levels deep");
    // A --set value is TOML too.
    expect_refused_up_front(dir, baseline + " --set 'months={" + key + " = 1}'",
                            "--set: nested more than 64 levels deep");
    // Within the limit, toml++ reads it and the loader names what is wrong.
    const auto shallow = dir.write("shallow.toml", key.substr(0, 127) + " = 1\n");
    expect_refused_up_front(dir, shallow, shallow + ":1: a: unknown section");
    // Brackets and dots in strings and comments are not nesting.
    const auto quoted = dir.write(
        "quoted.toml", "name = \"x.y.z" + std::string(100, '[') + "\"  # " + std::string(100, '{') +
                           "\n'months' = 12\nreplicates = [\n  4, # ]]]\n]\n[world]\n" +
                           testing::shipped_world_keys());
    expect_refused_up_front(dir, quoted, quoted + ":3: replicates: expected an integer");
    expect_only(dir, {"dotted.toml", "table.toml", "arrays.toml", "shallow.toml", "quoted.toml"});
}

// A run that must stop before any work because of its output path: one
// line naming `named`, the exit code, and nothing written.
void expect_output_refused(const testing::TempDir& dir, const std::string& output,
                           const std::string& message, int exit_code = 3) {
    SCOPED_TRACE(output);
    const auto started = std::chrono::steady_clock::now();
    const auto r = havens(dir, "run " + baseline + " --quiet -o " + output);
    expect_one_line_error(r, message, exit_code);
    // The baseline runs for tens of seconds: refused before any of it.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// The README's main command on a fresh clone: no results/ folder yet, no -o.
TEST(CliOutput, TheDefaultOutputFolderIsCreated) {
    testing::TempDir dir;
    const auto r = havens(
        dir, "run " + baseline + " --replicates 1 --set months=12 --set world.exiles=2000 --quiet",
        "cd " + dir.path("") + " && ");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::is_regular_file(dir.path("results/baseline.h5")));
}

// -o in folders that do not exist yet: made as the job starts writing, and
// not at all when the job is refused.
TEST(CliOutput, MissingFoldersOfTheOutputAreMadeOnlyForAJobThatRuns) {
    testing::TempDir dir;
    const auto refused = havens(dir, "run " + baseline + " --set treaty.threshold=0 --quiet -o " +
                                         dir.path("refused/x.h5"));
    EXPECT_EQ(refused.exit_code, 2) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path("refused")));
    const auto r = havens(dir, "run " + baseline +
                                   " --replicates 1 --set months=12 --set world.exiles=2000 "
                                   "--quiet -o " +
                                   dir.path("new/deeper/x.h5"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::is_regular_file(dir.path("new/deeper/x.h5")));
}

TEST(CliOutput, PathsThatCannotTakeTheFileAreRefusedBeforeAnyWork) {
    testing::TempDir dir;
    std::filesystem::create_directory(dir.path("folder"));
    ASSERT_EQ(::mkfifo(dir.path("fifo").c_str(), 0644), 0);
    expect_output_refused(dir, dir.path("folder"), dir.path("folder") + ": is a folder");
    expect_output_refused(dir, dir.path("folder") + "/", ": names a folder, not a file");
    expect_output_refused(dir, dir.path("fifo"),
                          dir.path("fifo") + ": exists and is not a regular file");
    expect_output_refused(dir, dir.path("fifo/x.h5"), "is not a folder");
    expect_output_refused(dir, "''", "--output: empty path", 2);
    EXPECT_TRUE(std::filesystem::is_fifo(dir.path("fifo")));  // not replaced by a result file
    EXPECT_TRUE(std::filesystem::is_empty(dir.path("folder")));
    expect_only(dir, {"folder", "fifo"});
    // -o "" does not fall back to results/baseline.h5 either.
    const auto r =
        havens(dir, "run " + baseline + " --quiet -o ''", "cd " + dir.path("folder") + " && ");
    expect_one_line_error(r, "--output: empty path");
    EXPECT_TRUE(std::filesystem::is_empty(dir.path("folder")));
}

TEST(CliOutput, AnUnwritableFolderIsRefusedBeforeAnyWork) {
    if (::geteuid() == 0) GTEST_SKIP() << "root writes anywhere";
    testing::TempDir dir;
    std::filesystem::create_directory(dir.path("locked"));
    std::filesystem::permissions(dir.path("locked"), std::filesystem::perms::owner_read |
                                                         std::filesystem::perms::owner_exec);
    expect_output_refused(dir, dir.path("locked/x.h5"), "cannot write in the folder");
    std::filesystem::permissions(dir.path("locked"), std::filesystem::perms::owner_all);
}

TEST(CliOutput, AFolderHavensDidNotMakeIsNeitherReusedNorRemoved) {
    testing::TempDir dir;
    const auto sweep = write_sweep(dir, 2000, 12, 1);
    const auto mine = dir.write("out.h5.partial/mine.txt", "keep me\n");
    for (const char* resume : {"", " --resume"}) {
        const auto r = havens(dir, "run " + sweep + " --quiet -o " + dir.path("out.h5") + resume);
        expect_one_line_error(
            r, dir.path("out.h5.partial") + ": exists and is not a havens checkpoint", 3);
        EXPECT_EQ(slurp(mine), "keep me\n");
        EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5")));
    }
    // A checkpoint of havens's own, left by an interrupted run, is started afresh.
    dir.write("old.h5.partial/.havens-checkpoint", "");
    dir.write("old.h5.partial/manifest.json", "{}");
    const auto fresh = havens(dir, "run " + sweep + " --quiet -o " + dir.path("old.h5"));
    ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
    EXPECT_TRUE(std::filesystem::is_regular_file(dir.path("old.h5")));
    EXPECT_FALSE(std::filesystem::exists(dir.path("old.h5.partial")));
}

TEST(CliSweep, IdenticalForOneTwoAndSevenThreads) {
    testing::TempDir dir;
    const auto sweep = write_sweep(dir);
    for (const char* threads : {"1", "2", "7"}) {
        const auto r = havens(dir, "run " + sweep + " --quiet --threads " + threads + " -o " +
                                       dir.path(std::string("t") + threads + ".h5"));
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const auto one = h5::open_file(dir.path("t1.h5"));
    for (const char* other : {"t2.h5", "t7.h5"}) {
        const auto many = h5::open_file(dir.path(other));
        testing::expect_same_datasets(one.open_group("scenarios"), many.open_group("scenarios"));
        testing::expect_same_datasets(one.open_group("sweeps"), many.open_group("sweeps"));
    }
    // One group of arrays for the sweep's points, none per point.
    EXPECT_TRUE(one.open_group("scenarios").children().empty());
    const auto sweeps = one.open_group("sweeps");
    ASSERT_EQ(sweeps.children().size(), 1u);
    EXPECT_EQ(sweeps.open_group(sweeps.children().front()).shape("point"), h5::Shape{4});
    EXPECT_FALSE(std::filesystem::exists(dir.path("t1.h5.partial")));  // checkpoint removed
}

TEST(CliSweep, KilledMidwayThenResumedEqualsUninterrupted) {
    testing::TempDir dir;
    const auto sweep = write_sweep(dir, 100'000, 240, 8);  // 32 runs of about 0.1 s
    ASSERT_EQ(havens(dir, "run " + sweep + " --quiet -o " + dir.path("whole.h5")).exit_code, 0);

    const std::string out = dir.path("killed.h5");
    // Wait for a few completed runs, then kill without warning.
    auto saved_runs = [&] { return testing::files_ending_in(out + ".partial", ".run"); };
    testing::kill_havens_when("run " + sweep + " --quiet -o " + out,
                              [&] { return saved_runs() >= 3; });
    const std::size_t saved = saved_runs();
    ASSERT_GE(saved, 3u);
    ASSERT_LT(saved, 32u) << "the run finished before it was killed: make it longer";
    EXPECT_FALSE(std::filesystem::exists(out));  // nothing half-written at the output path
    EXPECT_TRUE(
        std::filesystem::exists(out + ".partial.lock"));  // left by the killed run, not held

    // A resume with other arguments is refused; the same arguments complete it.
    const auto other = havens(dir, "run " + sweep + " --quiet --resume --set months=239 -o " + out);
    EXPECT_EQ(other.exit_code, 2);
    EXPECT_NE(other.err.find("arguments differ"), std::string::npos) << other.err;

    // Copies of the checkpoint, damaged three ways: each resume is refused
    // with one line (exit 3), writes no result and keeps the checkpoint.
    namespace fs = std::filesystem;
    std::vector<fs::path> runs;
    for (const auto& e : fs::directory_iterator(out + ".partial")) {
        if (e.path().extension() == ".run") runs.push_back(e.path().filename());
    }
    std::sort(runs.begin(), runs.end());
    for (const char* copy : {"swapped", "unlisted", "damaged"}) {
        fs::copy(out + ".partial", dir.path(std::string(copy) + ".h5.partial"),
                 fs::copy_options::recursive);
    }
    const std::string swapped = dir.path("swapped.h5.partial/");
    fs::rename(swapped + runs[0].string(), swapped + "tmp");
    fs::rename(swapped + runs[1].string(), swapped + runs[0].string());
    fs::rename(swapped + "tmp", swapped + runs[1].string());
    fs::remove(dir.path("unlisted.h5.partial/manifest.json"));
    {
        std::fstream manifest(dir.path("damaged.h5.partial/manifest.json"),
                              std::ios::in | std::ios::out);
        manifest.seekp(40);
        manifest.put('#');
    }
    const std::pair<const char*, std::string> damaged[] = {
        {"swapped", ": holds another run"},
        {"unlisted", dir.path("unlisted.h5.partial") + ": the checkpoint is incomplete or damaged"},
        {"damaged",
         dir.path("damaged.h5.partial/manifest.json") + ": the checkpoint's manifest is damaged"},
    };
    for (const auto& [name, message] : damaged) {
        SCOPED_TRACE(name);
        const std::string target = dir.path(std::string(name) + ".h5");
        const auto r = havens(dir, "run " + sweep + " --quiet --resume -o " + target);
        expect_one_line_error(r, message, 3);
        EXPECT_NE(r.err.find(target + ".partial"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(target));
        EXPECT_TRUE(fs::is_directory(target + ".partial"));
        EXPECT_FALSE(fs::exists(target + ".partial.lock"));
    }
    EXPECT_EQ(slurp(dir.path("swapped.h5.partial/manifest.json")),
              slurp(out + ".partial/manifest.json"));

    const auto resumed = havens(dir, "run " + sweep + " --quiet --resume -o " + out);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    const auto a = h5::open_file(dir.path("whole.h5"));
    const auto b = h5::open_file(out);
    testing::expect_same_datasets(a.open_group("scenarios"), b.open_group("scenarios"));
    testing::expect_same_datasets(a.open_group("sweeps"), b.open_group("sweeps"));
    EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
    EXPECT_FALSE(std::filesystem::exists(out + ".partial.lock"));
}

// Two runs on one output path: the second is refused at once (one line,
// exit 3) and neither writes nor removes anything; the first finishes with
// the file a run alone would write.
TEST(CliOutput, ASecondRunOnTheSameOutputIsRefused) {
    testing::TempDir dir;
    const auto sweep = write_sweep(dir, 100'000, 240, 3);
    const std::string out = dir.path("shared.h5");
    const std::string first_args = "run " + sweep + " --quiet --replicates 50 --seed 9 -o " + out;
    const pid_t first = testing::start_havens(first_args);
    ASSERT_GT(first, 0);
    for (int i = 0; i < 6000 && !std::filesystem::exists(out + ".partial/manifest.json"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(std::filesystem::exists(out + ".partial/manifest.json"));
    for (const char* resume : {"", " --resume"}) {
        const auto second =
            havens(dir, "run " + sweep + " --quiet --replicates 50 --seed 10 -o " + out + resume);
        expect_one_line_error(second, out + ": another havens run is writing this file", 3);
    }
    EXPECT_TRUE(
        std::filesystem::exists(out + ".partial/manifest.json"));  // not removed by the second
    ASSERT_EQ(wait_for(first), 0);
    EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
    EXPECT_FALSE(std::filesystem::exists(out + ".partial.lock"));
    // The same seed alone gives the same datasets.
    ASSERT_EQ(
        havens(dir, "run " + sweep + " --quiet --replicates 50 --seed 9 -o " + dir.path("alone.h5"))
            .exit_code,
        0);
    const auto a = h5::open_file(out);
    const auto b = h5::open_file(dir.path("alone.h5"));
    testing::expect_same_datasets(a.open_group("scenarios"), b.open_group("scenarios"));
    testing::expect_same_datasets(a.open_group("sweeps"), b.open_group("sweeps"));
}

// A file-size limit (SIGXFSZ ignored, so that writes past it fail with
// EFBIG as on a full disk): one line, exit 3, nothing at the output path.
// The limit, 4 MiB, lets the result file take the world's tables and
// stops the first run file (about 7 MB with the request log of 240 months).
TEST(CliOutput, AShortCheckpointWriteIsOneLineExitThreeAndNoFile) {
    testing::TempDir dir;
    const std::string out = dir.path("small.h5");
    const auto r =
        havens(dir,
               "run " + baseline +
                   " --quiet --replicates 1 --set months=240 "
                   "--posterior none --set requests.rate=0.01 --set output.request_log=true -o " +
                   out,
               "bash -c 'trap \"\" XFSZ; ulimit -f 4096; exec \"$0\" \"$@\"' ");
    expect_one_line_error(
        r, out + ".partial/p0_r0.run: cannot write the checkpoint: File too large", 3);
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_FALSE(std::filesystem::exists(out + ".partial.lock"));
}

TEST(CliSweep, ResumeWithoutACheckpointIsRefused) {
    testing::TempDir dir;
    const auto r = havens(dir, "run " + baseline + " --resume -o " + dir.path("none.h5"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("nothing to resume"), std::string::npos) << r.err;
}

TEST(CliSweep, ProgressIsPlainLinesWhenNotATerminalAndNoneWhenQuiet) {
    testing::TempDir dir;
    const auto sweep = write_sweep(dir, 100'000, 120, 4);  // about a second
    const auto plain = havens(dir, "run " + sweep + " --threads 1 -o " + dir.path("p.h5"),
                              "HAVENS_PROGRESS_INTERVAL=0.1 ");
    ASSERT_EQ(plain.exit_code, 0);
    EXPECT_GE(std::count(plain.err.begin(), plain.err.end(), '\n'), 2) << plain.err;
    EXPECT_NE(plain.err.find("runs done ("), std::string::npos) << plain.err;
    EXPECT_NE(plain.err.find("havens: 16/16 runs done"), std::string::npos) << plain.err;
    EXPECT_EQ(plain.err.find('\r'), std::string::npos);  // no bar outside a terminal
    const auto quiet = havens(dir, "run " + write_sweep(dir) + " --quiet -o " + dir.path("q.h5"));
    EXPECT_EQ(quiet.err, "");
    const auto short_run = havens(dir, "run " + write_sweep(dir) + " -o " + dir.path("s.h5"));
    EXPECT_EQ(short_run.err, "");  // a short run prints no progress at all
}

}  // namespace
}  // namespace havens
