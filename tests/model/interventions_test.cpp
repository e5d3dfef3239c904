#include "model/interventions.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/run.hpp"
#include "model/decision.hpp"
#include "support/default_world.hpp"
#include "support/treaty_fixtures.hpp"

namespace havens {
namespace {

using testing::default_world;
using testing::state_of;

Scenario short_run(int months = 120) {
    Scenario s;
    s.months = months;
    s.world.exiles = 2000;
    return s;
}

bool mentions(const std::vector<InterventionProblem>& problems, const std::string& key,
              const std::string& words) {
    return std::any_of(problems.begin(), problems.end(), [&](const InterventionProblem& p) {
        return p.key == key && p.message.find(words) != std::string::npos;
    });
}

TEST(Interventions, AStateOrABlocNamesItsMembersInAnyCase) {
    const World& w = default_world();
    EXPECT_EQ(states_named(w, "USA"), std::vector<StateId>{state_of(w, "USA")});
    EXPECT_EQ(states_named(w, "usa"), std::vector<StateId>{state_of(w, "USA")});
    const auto eu = states_named(w, "EU");
    EXPECT_EQ(eu.size(), 27u);
    EXPECT_NE(std::find(eu.begin(), eu.end(), state_of(w, "DEU")), eu.end());
    EXPECT_TRUE(states_named(w, "XYZ").empty());
    EXPECT_EQ(split_targets(" USA, eu\tJPN "), (std::vector<std::string>{"USA", "eu", "JPN"}));
}

TEST(Interventions, StatesThatNeverRatifyNeverDepositWhileOthersKeepTheirDraws) {
    const World& w = default_world();
    Scenario base = short_run();
    Scenario without = base;
    without.interventions.never_ratify = "USA eu";
    const auto eu = states_named(w, "eu");
    for (std::uint64_t rep = 0; rep < 4; ++rep) {
        const ReplicateResult a = run_replicate(w, base, rep);
        const ReplicateResult b = run_replicate(w, without, rep);
        EXPECT_EQ(b.ratified_month[state_of(w, "USA")], never);
        for (StateId s : eu) EXPECT_EQ(b.ratified_month[s], never);
        // Fewer parties at every month: peer pressure only falls without them.
        for (Month t = 0; t < base.months; ++t) EXPECT_LE(b.parties[t], a.parties[t]);
    }
}

TEST(Interventions, ARatificationComesInItsMonthAndSignsWhileSignatureIsOpen) {
    const World& w = default_world();
    Scenario s = short_run();
    s.interventions.ratify["IND"] = 18;
    s.interventions.ratify["BRA"] = 10;
    for (std::uint64_t rep = 0; rep < 4; ++rep) {
        const ReplicateResult r = run_replicate(w, s, rep);
        EXPECT_EQ(r.ratified_month[state_of(w, "IND")], 18);
        EXPECT_EQ(r.ratified_month[state_of(w, "BRA")], 10);
        // Signature closes at month 14: Brazil signs as it ratifies, India accedes.
        EXPECT_LE(r.signed_month[state_of(w, "BRA")], 10);
        EXPECT_NE(r.signed_month[state_of(w, "BRA")], never);
    }
}

TEST(Interventions, ADenunciationTakesEffectAYearAfterItsNotice) {
    const World& w = default_world();
    Scenario s = short_run();
    s.interventions.ratify["RUS"] = 20;
    s.interventions.denounce["RUS"] = 60;
    Scenario kept = s;
    kept.interventions.denounce.clear();
    const ReplicateResult left = run_replicate(w, s, 0);
    const ReplicateResult stayed = run_replicate(w, kept, 0);
    // Russia counts among the parties until month 71 and not from month 72.
    for (Month t = 20; t < 72; ++t) EXPECT_EQ(left.parties[t], stayed.parties[t]) << t;
    EXPECT_EQ(left.parties[72], stayed.parties[72] - 1);
}

TEST(Interventions, ReservationsMadeOrWithdrawnReplaceTheDrawnOnes) {
    const World& w = default_world();
    Scenario s = short_run(60);
    s.interventions.ratify["DEU"] = 12;
    s.interventions.ratify["CHN"] = 12;
    s.interventions.reserve["DEU"] = "40(22) 24";
    s.interventions.withdraw["CHN"] = "6(2) 24 40(22)";
    const World& world = w;
    for (std::uint64_t rep = 0; rep < 4; ++rep) {
        const ReplicateResult r = run_replicate(world, s, rep);
        const auto reserved = [&](std::string_view iso, std::size_t article) {
            return r.reservations[state_of(w, iso)][article];
        };
        EXPECT_EQ(reserved("DEU", 2), 1);
        EXPECT_EQ(reserved("DEU", 1), 1);
        for (std::size_t a = 0; a < article_count; ++a) EXPECT_EQ(reserved("CHN", a), 0);
    }
}

TEST(Interventions, DiscretionAndTheArrestRuleChangeTheRequestedStatesTables) {
    const World& w = default_world();
    Scenario s = short_run();
    const DecisionTables before = decision_tables(w, s);
    s.interventions.discretion["TUR"] = 2.0;
    s.interventions.extradites_without_treaty["GBR"] = true;
    const DecisionTables after = decision_tables(w, s);
    const std::size_t n = w.states.size();
    const StateId tur = state_of(w, "TUR"), gbr = state_of(w, "GBR"), rus = state_of(w, "RUS");
    EXPECT_GT(after.discretion_grant[rus * n + tur], before.discretion_grant[rus * n + tur]);
    EXPECT_EQ(after.discretion_grant[rus * n + gbr], before.discretion_grant[rus * n + gbr]);
    EXPECT_EQ(before.treaty_required[gbr], 1);
    EXPECT_EQ(after.treaty_required[gbr], 0);
}

TEST(Interventions, UnknownNamesMonthsOutsideTheRunAndContradictionsAreProblems) {
    const World& w = default_world();
    Scenario s = short_run(120);
    s.interventions.never_ratify = "USA XYZ";
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.never_ratify", "'XYZ'"));

    s = short_run(120);
    s.interventions.ratify["IND"] = 130;
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.ratify.IND", "outside"));

    // The record is complete through month 7 and shows Qatar's deposit.
    s = short_run(120);
    s.interventions.never_ratify = "QAT";
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.never_ratify", "record"));
    s = short_run(120);
    s.interventions.ratify["IND"] = 3;
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.ratify.IND", "record"));
    s.treaty.observed_deposits = false;  // without the record there is nothing to contradict
    EXPECT_TRUE(intervention_problems(w, s).empty());

    s = short_run(120);
    s.interventions.never_ratify = "eu";
    s.interventions.ratify["DEU"] = 20;
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.ratify.DEU", "never_ratify"));

    s = short_run(120);
    s.interventions.sign["IND"] = 20;
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.sign.IND", "closes"));

    s = short_run(120);
    s.interventions.reserve["DEU"] = "40(22) 99";
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.reserve.DEU", "'99'"));
    s.interventions.reserve["DEU"] = "40(22)";
    s.treaty.reservations = ReservationPolicy::prohibited;
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.reserve.DEU", "prohibited"));

    s = short_run(120);
    s.interventions.ratify["IND"] = 18;
    s.interventions.denounce["IND"] = 18;
    EXPECT_TRUE(mentions(intervention_problems(w, s), "interventions.denounce.IND", "ratifies"));
}

}  // namespace
}  // namespace havens
