// The output registry is the one description of a result's variables: every
// member of ReplicateResult has an entry, and a run's arrays have the sizes
// and codes the registry gives them.
#include "engine/output_registry.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "engine/outcomes.hpp"
#include "engine/run.hpp"
#include "support/small_runs.hpp"

namespace havens {
namespace {

TEST(OutputRegistry, EveryResultMemberHasAnEntry) {
    ReplicateResult r;
    visit_fields(
        [](std::string_view name, const auto&) {
            if (name == "events") return;  // its columns are the events group's entries
            const output::Variable* v = output::find_member(name);
            ASSERT_NE(v, nullptr) << name << " has no entry in engine/output_registry.cpp";
            EXPECT_TRUE(output::is_member(*v)) << name;
            EXPECT_FALSE(v->long_name.empty()) << name;
        },
        r);
}

TEST(OutputRegistry, NamesAreUniqueWithinAGroupAndEveryEntryIsDescribed) {
    std::set<std::pair<output::Group, std::string_view>> seen;
    for (const auto& v : output::variables()) {
        EXPECT_TRUE(seen.insert({v.group, v.name}).second) << v.name << " is listed twice";
        EXPECT_FALSE(v.long_name.empty()) << v.name;
        EXPECT_GE(v.rank, 1u) << v.name;
        const bool codes =
            v.coding == output::Coding::flag || v.coding == output::Coding::request_kind ||
            v.coding == output::Coding::offence || v.coding == output::Coding::channel ||
            v.coding == output::Coding::reason || v.coding == output::Coding::request_outcome;
        if (codes) {
            const auto flags = output::flags_of(v);
            std::size_t words = 1;
            for (char c : flags.meanings) words += c == ' ' ? 1 : 0;
            EXPECT_EQ(words, flags.values.size()) << v.name << ": one meaning per code";
        }
        if (v.coding == output::Coding::never) EXPECT_EQ(v.units, "month") << v.name;
    }
}

TEST(OutputRegistry, ARunsArraysHaveTheRegistrysSizes) {
    Scenario s = testing::small_scenario();
    const World& world = testing::default_world();
    const ReplicateResult r = run_replicate(world, s, 0);
    const auto months = static_cast<std::size_t>(s.months);
    visit_fields(
        [&](std::string_view name, const auto& member) {
            using M = std::decay_t<decltype(member)>;
            const output::Variable* v = output::find_member(name);
            if constexpr (requires {
                              member.size();
                              typename M::value_type;
                          }) {
                if (v == nullptr) return;
                std::size_t size = member.size();
                if constexpr (requires { std::tuple_size<typename M::value_type>::value; }) {
                    size *= std::tuple_size<typename M::value_type>::value;
                }
                EXPECT_EQ(size, output::per_replicate_size(*v, months, world.states.size()))
                    << name;
            } else {
                ASSERT_NE(v, nullptr) << name;
                EXPECT_EQ(output::per_replicate_size(*v, months, world.states.size()), 1u);
            }
        },
        r);
}

TEST(OutputRegistry, HumanLabelsFollowTheCodes) {
    EXPECT_EQ(output::reason_labels().size(), reason_count);
    EXPECT_EQ(output::channel_labels().size(), channel_count);
    EXPECT_EQ(output::status_labels().size(), status_count);
    EXPECT_EQ(output::article_labels().size(), article_count);
    EXPECT_EQ(outcome_long_names.size(), outcome_count);
    EXPECT_EQ(outcome_units.size(), outcome_count);
}

TEST(OutputRegistry, DatesAreTheFirstDayOfEachMonthSinceOctober2025) {
    const auto days = output::month_start_days(30);
    EXPECT_EQ(days[0], 0);    // 2025-10-01
    EXPECT_EQ(days[1], 31);   // 2025-11-01
    EXPECT_EQ(days[3], 92);   // 2026-01-01
    EXPECT_EQ(days[5], 151);  // 2026-03-01: February 2026 has 28 days
    // 2028 is a leap year: 1 March 2028 is 29 days after 1 February 2028.
    EXPECT_EQ(days[29] - days[28], 29);
    EXPECT_EQ(days[12], 365);  // 2026-10-01
}

}  // namespace
}  // namespace havens
