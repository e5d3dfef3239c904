#include "engine/footprint.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "engine/run.hpp"
#include "support/default_world.hpp"

namespace havens {
namespace {

// The bytes a result's arrays and scalars hold, walked field by field.
std::uint64_t bytes_held(const ReplicateResult& r) {
    std::uint64_t total = 0;
    visit_fields(
        [&](const char* name, const auto& field) {
            using Field = std::decay_t<decltype(field)>;
            if (std::string(name) == "events") return;  // the optional log: not estimated
            if constexpr (requires { field.size(); }) {
                total += field.size() * sizeof(typename Field::value_type);
            } else {
                total += sizeof(Field);
            }
        },
        r);
    return total;
}

// The estimate is the real thing: a field added to ReplicateResult without
// its place in result_bytes fails here.
TEST(Footprint, ResultBytesAreTheBytesOfARealRun) {
    Scenario s;
    s.months = 7;
    s.world.exiles = 500;
    const ReplicateResult r = run_replicate(testing::default_world(), s, 0);
    EXPECT_EQ(result_bytes(7, testing::default_world().states.size()), bytes_held(r));
}

TEST(Footprint, GrowsWithEveryPartOfTheShape) {
    const ExperimentShape base{4, 8, 240, 193, 100000, 4, 2};
    const Footprint f = footprint_of(base);
    EXPECT_EQ(f.runs, 32u);
    auto grown = [&](auto change) {
        ExperimentShape s = base;
        change(s);
        return footprint_of(s);
    };
    EXPECT_GT(grown([](auto& s) { s.points *= 10; }).points_bytes, f.points_bytes);
    EXPECT_GT(grown([](auto& s) { s.replicates_per_point *= 10; }).held_bytes, f.held_bytes);
    EXPECT_GT(grown([](auto& s) { s.exiles *= 10; }).in_flight_bytes, f.in_flight_bytes);
    EXPECT_GT(grown([](auto& s) { s.contacts *= 10; }).in_flight_bytes, f.in_flight_bytes);
    EXPECT_GT(grown([](auto& s) { s.concurrent *= 10; }).in_flight_bytes, f.in_flight_bytes);
    EXPECT_GT(grown([](auto& s) { s.months *= 10; }).checkpoint_bytes, f.checkpoint_bytes);
    EXPECT_GT(f.memory_bytes(), f.held_bytes);
    EXPECT_GT(f.disk_bytes(), f.checkpoint_bytes);
}

// 10^10 points of 10^5 replicates: no product wraps round to something small.
TEST(Footprint, HugeShapesSaturateInsteadOfWrapping) {
    const ExperimentShape huge{10'000'000'000, 100'000, 1200, 193, 100'000'000, 64, 1024};
    const Footprint f = footprint_of(huge);
    EXPECT_EQ(f.runs, 1'000'000'000'000'000u);
    EXPECT_GT(f.memory_bytes(), 300'000'000'000'000u);
    const ExperimentShape top{saturated, saturated, saturated, saturated,
                              saturated, saturated, saturated};
    EXPECT_EQ(footprint_of(top).memory_bytes(), saturated);
    EXPECT_EQ(footprint_of(top).disk_bytes(), saturated);
    EXPECT_EQ(saturating_product(saturated, 2), saturated);
    EXPECT_EQ(saturating_product(0, saturated), 0u);
    EXPECT_EQ(saturating_sum(saturated, 1), saturated);
}

}  // namespace
}  // namespace havens
