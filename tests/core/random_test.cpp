#include "core/random.hpp"

#include <gtest/gtest.h>

#include <set>

namespace havens {
namespace {

TEST(RandomStream, SameIdentitySameDraws) {
    RandomStream a({7, 3}, Purpose::decision, 12, 99, 4);
    RandomStream b({7, 3}, Purpose::decision, 12, 99, 4);
    for (int i = 0; i < 10; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
}

TEST(RandomStream, EveryPartOfTheIdentityChangesTheDraws) {
    const auto first = [](RandomStream s) { return s.next_u64(); };
    std::set<std::uint64_t> seen{
        first(RandomStream({7, 3}, Purpose::decision, 12, 99, 4)),
        first(RandomStream({8, 3}, Purpose::decision, 12, 99, 4)),
        first(RandomStream({7, 4}, Purpose::decision, 12, 99, 4)),
        first(RandomStream({7, 3}, Purpose::contagion, 12, 99, 4)),
        first(RandomStream({7, 3}, Purpose::decision, 13, 99, 4)),
        first(RandomStream({7, 3}, Purpose::decision, 12, 98, 4)),
        first(RandomStream({7, 3}, Purpose::decision, 12, 99, 5)),
    };
    EXPECT_EQ(seen.size(), 7u);
}

TEST(RandomStream, DrawsBeyondOneBlockKeepComing) {
    RandomStream s({1, 0}, Purpose::ratification, 0, 0);
    std::set<std::uint64_t> values;
    for (int i = 0; i < 1000; ++i) values.insert(s.next_u64());
    EXPECT_EQ(values.size(), 1000u);
}

TEST(RandomStream, UniformIsInTheHalfOpenUnitInterval) {
    RandomStream s({1, 0}, Purpose::ratification, 0, 0);
    for (int i = 0; i < 10000; ++i) {
        const double u = s.uniform();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
    }
}

}  // namespace
}  // namespace havens
