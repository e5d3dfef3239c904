// The output registry is the one description of a result's variables: every
// member of ReplicateResult has an entry, a run's arrays have the sizes and
// codes the registry gives them, and /calibration's table is its own, named
// by its enumerators and never among the scenario groups' variables.
#include "engine/output_registry.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

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
    std::vector<output::Variable> all(output::variables().begin(), output::variables().end());
    all.insert(all.end(), output::calibration_variables().begin(),
               output::calibration_variables().end());
    for (const auto& v : all) {
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

// What iterates variables() (the writer, the empty result, `havens info`)
// sees the scenario groups alone.
TEST(OutputRegistry, TheCalibrationTableIsApartFromTheScenarioGroups) {
    for (const auto& v : output::variables())
        EXPECT_NE(v.group, output::Group::calibration) << v.name;
    const std::set<output::Dim> axes = {output::Dim::generation, output::Dim::particle,
                                        output::Dim::replicate, output::Dim::parameter,
                                        output::Dim::target};
    for (const auto& v : output::calibration_variables()) {
        EXPECT_EQ(v.group, output::Group::calibration) << v.name;
        EXPECT_FALSE(output::is_member(v)) << v.name;
        EXPECT_EQ(output::find(output::Group::calibration, v.name), &v) << v.name;
        for (output::Dim d : v.dims()) EXPECT_TRUE(axes.contains(d)) << v.name;
        // Numbers carry units where they have one unit; text has none.
        if (v.text) EXPECT_TRUE(v.units.empty()) << v.name;
    }
    EXPECT_EQ(output::find_member("weights"), nullptr);
    EXPECT_EQ(output::group_names[static_cast<std::size_t>(output::Group::calibration)],
              "calibration");
}

TEST(OutputRegistry, EachCalibrationEnumeratorNamesItsEntry) {
    using C = output::Calibration;
    ASSERT_EQ(output::calibration_variables().size(), output::calibration_count);
    for (std::size_t i = 0; i < output::calibration_count; ++i) {
        const auto c = static_cast<C>(i);
        EXPECT_EQ(&output::variable(c), &output::calibration_variables()[i]);
        EXPECT_EQ(output::name_of(c), output::calibration_variables()[i].name);
    }
    // A few written out, so that a shifted table cannot pass.
    EXPECT_EQ(output::name_of(C::particles), "particles");
    EXPECT_EQ(output::name_of(C::weights), "weights");
    EXPECT_EQ(output::name_of(C::moves), "moves");
    EXPECT_EQ(output::name_of(C::prior_kind), "prior_kind");
    EXPECT_EQ(output::name_of(C::target_fitted), "target_fitted");
    EXPECT_TRUE(output::variable(C::prior_kind).text);
    EXPECT_FALSE(output::variable(C::prior_low).text);
    EXPECT_EQ(output::variable(C::simulations).type, output::Type::int64);
    const auto particles = output::variable(C::particles).dims();
    EXPECT_EQ(std::vector<output::Dim>(particles.begin(), particles.end()),
              (std::vector<output::Dim>{output::Dim::generation, output::Dim::particle,
                                        output::Dim::parameter}));
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
