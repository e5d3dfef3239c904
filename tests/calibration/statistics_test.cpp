// Each statistic on a result written by hand, where the answer is known.
#include "calibration/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "model/request.hpp"
#include "support/tiny_world.hpp"

namespace havens {
namespace {

using testing::make_states;
using testing::TinyState;

double stat(const char* name, double argument, const ReplicateResult& r, const World& w,
            const Scenario& s = Scenario{}) {
    const StatisticSpec* spec = find_statistic(name);
    EXPECT_NE(spec, nullptr) << name;
    return compute_statistic(*spec, argument, r, w, s);
}

ReplicateResult ten_months() {
    ReplicateResult r;
    r.parties = {0, 1, 1, 3, 5, 8, 8, 9, 12, 12};
    r.protocol_parties = {0, 0, 0, 0, 0, 0, 2, 3, 4, 6};
    r.protocol_adopted_month = 5;
    r.entry_into_force_month = 7;
    return r;
}

TEST(Statistics, PartiesAndTheMonthsTheyReachCounts) {
    const World world = testing::uniform_world(3);
    const ReplicateResult r = ten_months();
    EXPECT_EQ(stat("parties_at_month", 4, r, world), 5);
    EXPECT_EQ(stat("month_of_parties", 8, r, world), 5);
    EXPECT_EQ(stat("month_of_parties", 13, r, world), 10);  // never: the horizon
    EXPECT_EQ(stat("entry_into_force_month", 0, r, world), 7);
    ReplicateResult never_in_force = r;
    never_in_force.entry_into_force_month = never;
    EXPECT_EQ(stat("entry_into_force_month", 0, never_in_force, world), 10);
}

TEST(Statistics, TheProtocolShareExistsOnlyOnceAdopted) {
    const World world = testing::uniform_world(3);
    const ReplicateResult r = ten_months();
    EXPECT_DOUBLE_EQ(stat("protocol_share_of_parties", 9, r, world), 0.5);
    EXPECT_TRUE(std::isnan(stat("protocol_share_of_parties", 4, r, world)));
    ReplicateResult none = r;
    none.protocol_adopted_month = never;
    EXPECT_TRUE(std::isnan(stat("protocol_share_of_parties", 9, none, world)));
}

TEST(Statistics, DeclinedStatesAreNoVotersUnsignedWhenSignatureClosed) {
    const World world = build_world(make_states({{.iso3 = "AAA", .stance = Stance::no},
                                                 {.iso3 = "BBB", .stance = Stance::no},
                                                 {.iso3 = "CCC", .stance = Stance::no},
                                                 {.iso3 = "DDD", .stance = Stance::yes}}),
                                    Blocs{}, WorldParams{});
    Scenario s;
    s.treaty.signature_close_month = 3;
    ReplicateResult r = ten_months();
    r.signed_month = {2, never, never, never};  // AAA signed in time: not declined
    r.ratified_month = {4, 8, never, 1};        // BBB joins at 8, CCC never; DDD voted yes
    EXPECT_DOUBLE_EQ(stat("declined_joined_share", 9, r, world, s), 0.5);
    EXPECT_DOUBLE_EQ(stat("declined_joined_share", 7, r, world, s), 0.0);
}

TEST(Statistics, ArrestsBeforeEntryIntoForceByOutcomeAndHost) {
    auto rows =
        std::vector<TinyState>{{.iso3 = "FRE", .fh_score = 90}, {.iso3 = "NFR", .fh_score = 10}};
    StateTable states = make_states(rows);
    states.fh_status = {FreedomStatus::free, FreedomStatus::not_free};
    const World world = build_world(states, Blocs{}, WorldParams{});
    ReplicateResult r = ten_months();  // in force from month 7
    auto arrest = [](Month month, std::uint16_t host, RequestOutcome outcome, ExileId target = 1) {
        RequestEvent e;
        e.month_arrested = month;
        e.requested = host;
        e.outcome = static_cast<std::uint8_t>(outcome);
        e.target = target;
        return e;
    };
    r.events = {
        arrest(1, 0, RequestOutcome::granted),           arrest(2, 1, RequestOutcome::refused),
        arrest(3, 1, RequestOutcome::refused),           arrest(4, 1, RequestOutcome::pending),
        arrest(8, 0, RequestOutcome::granted),            // after entry into force
        arrest(2, 0, RequestOutcome::granted, no_exile),  // not an exile
        arrest(never, 1, RequestOutcome::granted)};       // no arrest
    EXPECT_DOUBLE_EQ(stat("arrests_extradited_share", 0, r, world), 0.25);
    EXPECT_DOUBLE_EQ(stat("arrests_host_not_free_share", 0, r, world), 0.75);
    r.events.clear();
    EXPECT_TRUE(std::isnan(stat("arrests_extradited_share", 0, r, world)));
}

constexpr auto not_refused = static_cast<std::uint8_t>(reason_count);
constexpr auto review = static_cast<std::uint8_t>(Reason::channel_rules);

// The persecution stream as Freedom House and INTERPOL count it: pretextual
// extraditions of exiles over the whole run, scaled to the population.
TEST(Statistics, ThePersecutionRecordCountsPretextualExtraditionsOfExiles) {
    StateTable states = make_states(std::vector<TinyState>{{.iso3 = "FRE"}, {.iso3 = "NFR"}});
    states.fh_status = {FreedomStatus::free, FreedomStatus::not_free};
    const World world = build_world(states, Blocs{}, WorldParams{});
    Scenario s;
    s.world.exiles = 1000;
    ReplicateResult r = ten_months();
    r.parties.resize(24);  // two years
    auto request = [](Month arrested, std::uint16_t host, RequestOutcome outcome,
                      std::uint8_t reason = not_refused) {
        RequestEvent e;
        e.month_arrested = arrested;
        e.requested = host;
        e.outcome = static_cast<std::uint8_t>(outcome);
        e.reason = reason;
        e.target = 1;
        e.pretextual = 1;
        e.kind = static_cast<std::uint8_t>(RequestKind::extradition);
        return e;
    };
    RequestEvent legitimate = request(3, 0, RequestOutcome::granted);
    legitimate.target = no_exile;
    legitimate.pretextual = 0;
    RequestEvent evidence = request(never, 0, RequestOutcome::refused, review);
    evidence.kind = static_cast<std::uint8_t>(RequestKind::stored_content);
    r.events = {request(1, 0, RequestOutcome::granted),
                request(2, 1, RequestOutcome::refused),
                request(3, 1, RequestOutcome::pending),
                request(4, 1, RequestOutcome::refused),
                request(never, 1, RequestOutcome::removed),  // removed without an arrest
                request(never, 0, RequestOutcome::refused, review),
                request(never, 1, RequestOutcome::refused, review),
                legitimate,
                evidence};
    // 4 arrests in 2 years, each exile standing for 3.5 people.
    EXPECT_DOUBLE_EQ(stat("detentions_per_year", 3500, r, world, s), 4 / 2.0 * 3.5);
    EXPECT_DOUBLE_EQ(stat("deportations_per_detention", 0, r, world, s), 2 / 4.0);
    EXPECT_DOUBLE_EQ(stat("review_refusals_per_year", 3500, r, world, s), 2 / 2.0 * 3.5);
    // Arrests and the removal: 5 incidents, 4 of them in the host not Free.
    EXPECT_DOUBLE_EQ(stat("incidents_host_not_free_share", 0, r, world, s), 4 / 5.0);
    r.events = {legitimate, evidence};
    EXPECT_EQ(stat("detentions_per_year", 3500, r, world, s), 0.0);
    EXPECT_TRUE(std::isnan(stat("deportations_per_detention", 0, r, world, s)));
    EXPECT_TRUE(std::isnan(stat("incidents_host_not_free_share", 0, r, world, s)));
}

TEST(Statistics, TheReferenceListsEveryStatistic) {
    const std::string markdown = statistic_reference_markdown();
    for (const auto& s : statistic_table()) {
        EXPECT_NE(markdown.find("`" + std::string(s.name) + "`"), std::string::npos) << s.name;
    }
    EXPECT_EQ(find_statistic("no_such_statistic"), nullptr);
}

TEST(Statistics, TheDocumentationListsThemAsTheEngineDoes) {
    std::ifstream in(HAVENS_SOURCE_DIR "/docs/CALIBRATION.md");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find(statistic_reference_markdown()), std::string::npos)
        << "docs/CALIBRATION.md, \"Statistics\", should read:\n"
        << statistic_reference_markdown();
}

}  // namespace
}  // namespace havens
