#include "jobs/evaluation_store.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "support/temp_dir.hpp"

namespace havens {
namespace {

TEST(EvaluationStore, SavedStatisticsComeBackBitForBit) {
    testing::TempDir dir;
    const EvaluationStore store(dir.path("evaluations"));
    const EvaluationIdentity id{3, 1, 17, 12345, hash_values({0.1, -2.5})};
    const std::vector<std::vector<double>> stats{{1.5, std::nan(""), 1e-300}, {2, 3, 4}};
    EXPECT_FALSE(store.load(id));
    store.save(id, stats);
    const auto back = store.load(id);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[1], stats[1]);
    EXPECT_EQ((*back)[0][0], 1.5);
    EXPECT_TRUE(std::isnan((*back)[0][1]));
    EXPECT_EQ((*back)[0][2], 1e-300);
}

TEST(EvaluationStore, AnotherSimulationsOrADamagedFileIsNotReused) {
    testing::TempDir dir;
    const EvaluationStore store(dir.path("evaluations"));
    const EvaluationIdentity id{0, 0, 2, 99, hash_values({1.0})};
    store.save(id, {{7.0}});
    // Same slot, other seed or other parameter values: not this simulation.
    EXPECT_FALSE(store.load({0, 0, 2, 98, id.values_hash}));
    EXPECT_FALSE(store.load({0, 0, 2, 99, hash_values({1.0000001})}));
    EXPECT_FALSE(store.load({0, 1, 2, 99, id.values_hash}));  // another step
    // A flipped byte in the statistics breaks the checksum.
    const std::string file = dir.path("evaluations/g0000-s00-p0000002.eval");
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(8 + 7 * 8 + 3);
    f.put('\x7f');
    f.close();
    EXPECT_FALSE(store.load(id));
    // A truncated file (a write cut short) likewise.
    std::ofstream(file, std::ios::binary | std::ios::trunc) << "HVNSEVL1";
    EXPECT_FALSE(store.load(id));
}

}  // namespace
}  // namespace havens
