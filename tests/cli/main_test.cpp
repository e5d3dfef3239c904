// The command line as a user meets it: the real binary, real files, exit
// codes and the one-line errors.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/h5/file.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

struct Outcome {
    int exit_code = -1;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Outcome havens(const testing::TempDir& dir, const std::string& args) {
    const std::string out = dir.path("stdout.txt"), err = dir.path("stderr.txt");
    const std::string command =
        std::string(HAVENS_BINARY) + " " + args + " >" + out + " 2>" + err;
    const int status = std::system(command.c_str());
    return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

const std::string baseline = std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml";

TEST(Cli, RunWritesTheResultAndASummary) {
    testing::TempDir dir;
    const auto r = havens(dir, "run " + baseline + " --replicates 2 --set months=60 -o " + dir.path("b.h5"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir.path("b.h5")));
    EXPECT_NE(r.out.find("scenario baseline: 2 replicates x 60 months"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("parties at the horizon"), std::string::npos);
}

TEST(Cli, BadScenarioIsOneLineExitTwoAndNoFile) {
    testing::TempDir dir;
    const auto bad = dir.write("bad.toml", "months = 12\n[treaty]\nthreshold = 250000\n");
    dir.write("data/states.csv", "");
    const auto r = havens(dir, "run " + bad + " -o " + dir.path("out.h5"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(bad + ":3: treaty.threshold: expected an integer in [1, 65535], got 250000"),
              std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
    EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5")));
    for (const auto& e : std::filesystem::directory_iterator(dir.path(""))) {
        EXPECT_EQ(e.path().string().find(".partial"), std::string::npos);
    }
}

TEST(Cli, BadOverrideIsRejected) {
    testing::TempDir dir;
    const auto r = havens(dir, "run " + baseline + " --set safeguards.scope=wide -o " + dir.path("o.h5"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--set: safeguards.scope: expected one of"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path("o.h5")));
}

TEST(Cli, BadFlagIsRejected) {
    testing::TempDir dir;
    const auto r = havens(dir, "run " + baseline + " --threads 0");
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("--threads"), std::string::npos) << r.err;
}

TEST(Cli, ValidateAcceptsTheBaseline) {
    testing::TempDir dir;
    const auto r = havens(dir, "validate " + baseline);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("ok: scenario baseline, 193 states"), std::string::npos) << r.out;
}

TEST(Cli, InfoRefusesAFileThatIsNotAResult) {
    testing::TempDir dir;
    const auto junk = dir.write("junk.h5", "garbage");
    const auto r = havens(dir, "info " + junk);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find(junk + ": not an HDF5 file"), std::string::npos) << r.err;
}

// Every dataset of every group, read as bytes-equal arrays.
void expect_same_datasets(const h5::Location& a, const h5::Location& b) {
    for (const auto& name : a.children()) {
        if (a.exists(name) && b.exists(name)) {
            bool is_group = true;
            try {
                a.info(name);
                is_group = false;
            } catch (...) {
            }
            if (is_group) {
                expect_same_datasets(a.open_group(name), b.open_group(name));
            } else if (a.info(name).type == "string") {
                EXPECT_EQ(a.read_strings(name), b.read_strings(name)) << a.path() << "/" << name;
            } else if (a.info(name).type == "float") {
                // Bit patterns, so that NaN (unknown) equals NaN.
                const auto x = a.read<double>(name), y = b.read<double>(name);
                ASSERT_EQ(x.size(), y.size());
                EXPECT_EQ(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)), 0)
                    << a.path() << "/" << name;
            } else {
                EXPECT_EQ(a.read<std::int64_t>(name), b.read<std::int64_t>(name)) << a.path() << "/" << name;
            }
        } else {
            ADD_FAILURE() << name << " missing in one file";
        }
    }
}

TEST(Cli, OutputIsIdenticalForOneAndTwoThreads) {
    testing::TempDir dir;
    ASSERT_EQ(havens(dir, "run " + baseline + " --replicates 4 --threads 1 -o " + dir.path("t1.h5")).exit_code, 0);
    ASSERT_EQ(havens(dir, "run " + baseline + " --replicates 4 --threads 2 -o " + dir.path("t2.h5")).exit_code, 0);
    const auto a = h5::open_file(dir.path("t1.h5"));
    const auto b = h5::open_file(dir.path("t2.h5"));
    expect_same_datasets(a.open_group("scenarios"), b.open_group("scenarios"));
    expect_same_datasets(a.open_group("world"), b.open_group("world"));
}

}  // namespace
}  // namespace havens
