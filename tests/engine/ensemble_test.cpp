#include "engine/ensemble.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "engine/run.hpp"
#include "support/default_world.hpp"
#include "support/results_equal.hpp"

namespace havens {
namespace {

std::vector<ReplicateResult> with_threads(std::size_t threads, const Scenario& s) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return run_ensemble(testing::default_world(), s);
}

TEST(Ensemble, IdenticalForAnyThreadCount) {
    Scenario s;
    s.replicates = 6;
    const auto one = with_threads(1, s);
    for (std::size_t threads : {2u, 7u}) {
        const auto many = with_threads(threads, s);
        ASSERT_EQ(many.size(), one.size());
        for (std::size_t r = 0; r < one.size(); ++r) testing::expect_identical(one[r], many[r]);
    }
}

TEST(Ensemble, ReplicateIsThePureFunctionOfSeedAndIndex) {
    Scenario s;
    s.replicates = 3;
    const auto all = with_threads(2, s);
    testing::expect_identical(all[2], run_replicate(testing::default_world(), s, 2));
}

TEST(Ensemble, ReplicatesAndSeedsDiffer) {
    Scenario s;
    s.replicates = 2;
    const auto a = with_threads(2, s);
    EXPECT_NE(a[0].ratified_month, a[1].ratified_month);
    s.seed = 2;
    EXPECT_NE(with_threads(2, s)[0].ratified_month, a[0].ratified_month);
}

}  // namespace
}  // namespace havens
