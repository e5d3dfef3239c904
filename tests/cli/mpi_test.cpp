// havens-mpi under mpirun: two ranks split the points of a sweep and give
// the same datasets as one process; a failing rank stops every rank.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/h5/file.hpp"
#include "support/same_datasets.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

// OpenMPI refuses root without these; CI runs as root. A time limit, so that
// a hang fails the test instead of stalling the suite.
const std::string mpirun =
    std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") + "timeout 120 " +
    HAVENS_MPIEXEC + " --oversubscribe -np 2 " + HAVENS_MPI_BINARY;

int run(const std::string& command) { return WEXITSTATUS(std::system(command.c_str())); }

std::string sweep(const testing::TempDir& dir) {
    return dir.write("sweep.toml",
                     "name = \"grid\"\nmonths = 48\nreplicates = 2\nseed = 9\n[world]\n" +
                         testing::shipped_world_keys() +
                         "exiles = 4000\n"
                         "[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
                         "\"treaty.threshold\" = [30, 50, 70]\n"
                         "\"safeguards.persecution_ground\" = [\"optional\", \"deleted\"]\n");
}

TEST(Mpi, TwoRanksGiveTheDatasetsOfOneProcess) {
    testing::TempDir dir;
    const auto scenario = sweep(dir);
    ASSERT_EQ(run(std::string(HAVENS_BINARY) + " run " + scenario + " --quiet -o " +
                  dir.path("one.h5") + " >/dev/null"),
              0);
    ASSERT_EQ(
        run(mpirun + " run " + scenario + " --quiet -o " + dir.path("two.h5") + " >/dev/null"), 0);
    const auto one = h5::open_file(dir.path("one.h5"));
    const auto two = h5::open_file(dir.path("two.h5"));
    EXPECT_EQ(two.open_group("sweeps").open_group("grid").shape("point"), h5::Shape{6});
    testing::expect_same_datasets(one.open_group("scenarios"), two.open_group("scenarios"));
    testing::expect_same_datasets(one.open_group("sweeps"), two.open_group("sweeps"));
    testing::expect_same_datasets(one.open_group("world"), two.open_group("world"));
    for (const auto& e : std::filesystem::directory_iterator(dir.path(""))) {
        EXPECT_EQ(e.path().string().find(".partial"), std::string::npos) << e.path();  // cleaned up
    }
}

// Rank 0's progress counts every rank's runs: 6 points x 2 replicates.
TEST(Mpi, ProgressCountsTheRunsOfEveryRank) {
    testing::TempDir dir;
    ASSERT_EQ(run("HAVENS_PROGRESS_INTERVAL=0.001 " + mpirun + " run " + sweep(dir) + " -o " +
                  dir.path("p.h5") + " >/dev/null 2>" + dir.path("err.txt")),
              0);
    std::ifstream in(dir.path("err.txt"));
    std::string line, last;
    while (std::getline(in, line)) {
        if (line.find("runs done") != std::string::npos) last = line;
    }
    EXPECT_NE(last.find("/12 runs done"), std::string::npos) << last;
}

TEST(Mpi, AFailureStopsEveryRankWithAnError) {
    testing::TempDir dir;
    const auto blocker = dir.write("blocker", "a file where a folder should be");
    const int code = run(mpirun + " run " + sweep(dir) + " --quiet -o " + blocker +
                         "/out.h5 >/dev/null 2>" + dir.path("err.txt"));
    EXPECT_NE(code, 0);
    EXPECT_NE(code, 124) << "the ranks hung";
    std::ifstream in(dir.path("err.txt"));
    std::stringstream err;
    err << in.rdbuf();
    EXPECT_NE(err.str().find("havens: error:"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace havens
