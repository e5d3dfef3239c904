// A job run on many threads, its runs' compressed arrays chunked by the
// threads that ran them while one thread writes, gives the datasets of the
// same job on one thread: for a sweep, for named scenarios with a fixed
// number of replicates, and for an adaptive one (written whole at the end).
// Under ThreadSanitizer it is the check on the hand-over between them.
#include "jobs/run_job.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "io/h5/file.hpp"
#include "io/load_world.hpp"
#include "jobs/run_plan.hpp"
#include "support/same_datasets.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

LoadedScenario scenario(const testing::TempDir& dir, const std::string& name,
                        const std::string& extra) {
    return load_scenario(
        dir.write(name + ".toml", "name = \"" + name + "\"\nmonths = 12\n" + extra +
                                      "[world]\nexiles = 500\n" + testing::shipped_world_keys()),
        {});
}

void run_on(std::size_t threads, const std::vector<LoadedScenario>& loaded, const World& world,
            const std::string& output) {
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const Plan plan = plan_points(loaded);
    int argc = 0;
    char** argv = nullptr;
    const Ranks ranks(argc, argv);
    run_job(RunJob{loaded, world, plan, output, make_provenance("", "", "{}", 1), false,
                   JobTimes{threads, {}}},
            ranks, {});
}

TEST(RunJob, ManyThreadsWriteTheDatasetsOfOne) {
    testing::TempDir dir;
    const std::vector<LoadedScenario> loaded{
        scenario(dir, "named", "replicates = 3\n"),
        scenario(dir, "swept",
                 "replicates = 2\n[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
                 "\"treaty.threshold\" = [10, 20, 30, 40, 50, 60, 70]\n"),
        scenario(dir, "adaptive",
                 "replicates = \"auto\"\n[replication]\ninitial = 2\nround = 1\nmax = 3\n"
                 "[replication.half_width]\nexile_risk = 0.0001\n")};
    const World world = load_world(loaded.front().scenario.world);
    const std::string one = dir.path("one.h5"), many = dir.path("many.h5");
    run_on(1, loaded, world, one);
    run_on(4, loaded, world, many);
    const auto a = h5::open_file(one), b = h5::open_file(many);
    for (const char* group : {"scenarios", "sweeps"}) {
        testing::expect_same_datasets(a.open_group(group), b.open_group(group));
    }
    // The compressed arrays hold the runs, not the fill.
    const auto granted = a.open_group("sweeps").open_group("swept").read<std::int64_t>("granted");
    std::int64_t total = 0;
    for (auto g : granted) total += g;
    EXPECT_GT(total, 0);
}

}  // namespace
}  // namespace havens
