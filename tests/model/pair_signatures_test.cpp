// Which pairs of states an update reports: each pair once, and after the
// first update only the pairs whose signature moved.
#include "model/pair_signatures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "support/default_world.hpp"

namespace havens {
namespace {

// How many times update reported each pair.
std::vector<int> reported(PairSignatures& signatures, const DecisionContext& ctx, std::size_t n) {
    std::vector<int> times(n * n, 0);
    signatures.update(ctx, [&](StateId o, StateId k) { ++times[o * n + k]; });
    return times;
}

TEST(PairSignatures, TheFirstUpdateReportsEveryPairOnce) {
    const World& w = testing::default_world();
    const std::size_t n = w.states.size();
    const Scenario s;
    const DecisionTables tables = decision_tables(w, s);
    const TreatyStatus treaty(n);
    PairSignatures signatures(n);
    const auto times = reported(signatures, {w, treaty, s, tables, 0}, n);
    for (std::size_t i = 0; i < times.size(); ++i) ASSERT_EQ(times[i], 1) << i;
    // Nothing moved since: nothing is reported.
    const auto again = reported(signatures, {w, treaty, s, tables, 0}, n);
    EXPECT_EQ(std::count(again.begin(), again.end(), 0), static_cast<long>(n * n));
}

TEST(PairSignatures, ALaterUpdateReportsOnlyThePairsThatMovedEachOnce) {
    const World& w = testing::default_world();
    const std::size_t n = w.states.size();
    const Scenario s;
    const DecisionTables tables = decision_tables(w, s);
    TreatyStatus before(n);
    const StateId a = 10, b = 20, c = 30;
    before.in_force_month[a] = 0;  // alone in force: no pair has the treaty between it
    // b and c enter into force in the same month: the treaty now binds a-b,
    // a-c and b-c both ways, and b and c themselves. Against the same month
    // without them, whose pairs move only by the record of relations, those
    // eight pairs alone are added, and no pair is reported twice.
    TreatyStatus after = before;
    after.in_force_month[b] = 1;
    after.in_force_month[c] = 1;
    PairSignatures with(n), without(n);
    reported(with, {w, before, s, tables, 0}, n);
    reported(without, {w, before, s, tables, 0}, n);
    const auto times = reported(with, {w, after, s, tables, 1}, n);
    std::vector<int> expected = reported(without, {w, before, s, tables, 1}, n);
    for (const auto& [o, k] :
         {std::pair{a, b}, {b, a}, {a, c}, {c, a}, {b, c}, {c, b}, {b, b}, {c, c}}) {
        expected[o * n + k] = 1;
    }
    for (std::size_t i = 0; i < times.size(); ++i) {
        EXPECT_EQ(times[i], expected[i]) << "pair " << i / n << " -> " << i % n;
    }
}

}  // namespace
}  // namespace havens
