// One property per safeguard option, checked both on the decision plans
// (exactly, over every pair of states) and on simulated runs (event logs).
#include "model/decision.hpp"

#include <gtest/gtest.h>

#include "engine/run.hpp"
#include "support/small_runs.hpp"

namespace havens {
namespace {

using testing::default_world;

// Every state a party with the convention (and, optionally, the protocol) in
// force for it from month 0.
TreatyStatus everyone_in_force(std::size_t n, bool protocol = false) {
    TreatyStatus t(n);
    for (StateId s = 0; s < n; ++s) {
        t.ratified_month[s] = 0;
        t.in_force_month[s] = 0;
        if (protocol) t.protocol_in_force_month[s] = 0;
    }
    t.parties = static_cast<int>(n);
    t.entry_into_force_month = 0;
    if (protocol) t.protocol_entry_into_force_month = 0;
    return t;
}

template <typename Check>
void for_every_request(const DecisionContext& ctx, Check check) {
    const std::size_t n = ctx.world.states.size();
    for (StateId o = 0; o < n; o += 3) {
        for (StateId k = 0; k < n; k += 2) {
            if (o == k) continue;
            for (std::size_t kind = 0; kind < request_kind_count; ++kind) {
                for (std::size_t offence = 0; offence < offence_count; ++offence) {
                    for (int bits = 0; bits < 8; ++bits) {
                        const RequestFacts f{o, k, static_cast<RequestKind>(kind),
                                             static_cast<Offence>(offence), (bits & 1) != 0,
                                             (bits & 2) != 0, (bits & 4) != 0};
                        check(f, plan_decision(ctx, f));
                    }
                }
            }
        }
    }
}

TEST(DecisionPlan, MandatoryDualCriminalityNeverGrantsWhereTheActIsNoCrime) {
    const World& w = default_world();
    Scenario s;
    s.safeguards.dual_criminality = DualCriminality::mandatory;
    const TreatyStatus t = everyone_in_force(w.states.size());
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, t, s, tables, 10};
    int checked = 0;
    for_every_request(ctx, [&](const RequestFacts& f, const DecisionPlan& plan) {
        if (f.crime_in_requested || !plan.sent || plan.channel != Channel::uncc) return;
        EXPECT_EQ(plan.grant_probability(), 0.0);
        ++checked;
    });
    EXPECT_GT(checked, 1000);
}

TEST(DecisionPlan, OptionalDualCriminalityLetsSomeThrough) {
    const World& w = default_world();
    const Scenario s;
    const TreatyStatus t = everyone_in_force(w.states.size());
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, t, s, tables, 10};
    bool some = false;
    for_every_request(ctx, [&](const RequestFacts& f, const DecisionPlan& plan) {
        if (!f.crime_in_requested && plan.channel == Channel::uncc && plan.grant_probability() > 0) some = true;
    });
    EXPECT_TRUE(some);
}

TEST(DecisionPlan, NarrowScopeKeepsNonConventionOffencesOffTheTreatyChannel) {
    const World& w = default_world();
    Scenario s;
    s.safeguards.scope = Scope::narrow;
    const TreatyStatus t = everyone_in_force(w.states.size());
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, t, s, tables, 10};
    for_every_request(ctx, [&](const RequestFacts& f, const DecisionPlan& plan) {
        if (plan.sent && plan.channel == Channel::uncc && !convention_offence(ctx, f)) {
            EXPECT_EQ(plan.grant_probability(), 0.0);  // sent only to be refused for scope
            EXPECT_EQ(plan.grounds[0].reason, Reason::scope);
        }
    });
}

TEST(DecisionPlan, TreatyExtraditionOnlyForConventionOffences) {
    const World& w = default_world();
    const Scenario s;
    const TreatyStatus t = everyone_in_force(w.states.size());
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, t, s, tables, 10};
    for_every_request(ctx, [&](const RequestFacts& f, const DecisionPlan& plan) {
        if (f.kind == RequestKind::extradition && plan.channel == Channel::uncc &&
            plan.grant_probability() > 0) {
            EXPECT_TRUE(convention_offence(ctx, f));
        }
    });
}

TEST(DecisionPlan, TheProtocolMakesContentOffencesConventionOffences) {
    const World& w = default_world();
    Scenario s;
    s.safeguards.scope = Scope::narrow;
    const TreatyStatus with = everyone_in_force(w.states.size(), true);
    const TreatyStatus without = everyone_in_force(w.states.size(), false);
    const RequestFacts f{0, 1, RequestKind::extradition, Offence::content_speech, false, false, true};
    const DecisionTables tables = decision_tables(w, s);
    EXPECT_TRUE(convention_offence(DecisionContext{w, with, s, tables, 5}, f));
    EXPECT_FALSE(convention_offence(DecisionContext{w, without, s, tables, 5}, f));
    EXPECT_EQ(plan_decision(DecisionContext{w, with, s, tables, 5}, f).channel, Channel::uncc);
}

TEST(DecisionPlan, StrongerPersecutionGroundRefusesPretextsMore) {
    const World& w = default_world();
    const TreatyStatus t = everyone_in_force(w.states.size());
    Scenario optional, mandatory, deleted;
    mandatory.safeguards.persecution_ground = PersecutionGround::mandatory;
    deleted.safeguards.persecution_ground = PersecutionGround::deleted;
    const DecisionTables tables = decision_tables(w, optional);  // discretion is the same in all three
    for (StateId k = 1; k < w.states.size(); k += 7) {
        const RequestFacts f{0, k, RequestKind::subscriber_data, Offence::fraud, false, true, true};
        const double p_opt = plan_decision({w, t, optional, tables, 5}, f).grant_probability();
        const double p_man = plan_decision({w, t, mandatory, tables, 5}, f).grant_probability();
        const double p_del = plan_decision({w, t, deleted, tables, 5}, f).grant_probability();
        EXPECT_LE(p_man, p_opt);
        EXPECT_LE(p_opt, p_del);
    }
}

TEST(DecisionPlan, AReservedGroundIsVoidForTheReservingState) {
    const World& w = default_world();
    TreatyStatus t = everyone_in_force(w.states.size());
    const Scenario s;
    const RequestFacts f{0, 5, RequestKind::stored_content, Offence::fraud, false, true, true};
    const DecisionTables tables = decision_tables(w, s);
    const DecisionPlan before = plan_decision({w, t, s, tables, 5}, f);
    t.reservations[5] = {1, 1, 1};
    const DecisionPlan after = plan_decision({w, t, s, tables, 5}, f);
    for (int i = 0; i < after.ground_count; ++i) {
        EXPECT_NE(after.grounds[i].reason, Reason::persecution_ground);
        EXPECT_NE(after.grounds[i].reason, Reason::conditions_safeguards);
        EXPECT_NE(after.grounds[i].reason, Reason::human_rights_clause);
    }
    EXPECT_GT(after.grant_probability(), before.grant_probability());
}

TEST(DecisionPlan, TypicalGrantProbabilityIsAProbability) {
    const World& w = default_world();
    const TreatyStatus t = everyone_in_force(w.states.size());
    const Scenario s;
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, t, s, tables, 5};
    for (StateId o = 0; o < w.states.size(); o += 11) {
        for (StateId k = 0; k < w.states.size(); k += 13) {
            for (bool pretext : {false, true}) {
                const double p = typical_grant_probability(ctx, o, k, RequestKind::subscriber_data, pretext);
                EXPECT_GE(p, 0.0);
                EXPECT_LE(p, 1.0);
            }
        }
    }
}

TEST(Decide, DrawsMatchThePlanProbability) {
    DecisionPlan plan;
    plan.sent = true;
    plan.channel = Channel::uncc;
    plan.add(Reason::dual_criminality, 0.3);
    plan.add(Reason::persecution_ground, 0.5);
    plan.add(Reason::discretion, 0.2);
    int granted = 0, by_ground = 0;
    const int n = 100'000;
    for (int i = 0; i < n; ++i) {
        RandomStream rng({3, 0}, Purpose::decision, 0, static_cast<std::uint64_t>(i));
        const Decision d = decide(plan, rng);
        granted += d.granted;
        by_ground += !d.granted && d.reason == Reason::persecution_ground;
    }
    const double p = 0.7 * 0.5 * 0.8;
    EXPECT_NEAR(granted / double(n), p, 5 * std::sqrt(p * (1 - p) / n));
    EXPECT_NEAR(by_ground / double(n), 0.35, 5 * std::sqrt(0.35 * 0.65 / n));
}

// Runs with the event log: what the rules forbid never happens.
ReplicateResult logged_run(Scenario s, std::uint64_t rep = 0) {
    s.output.request_log = true;
    return run_replicate(default_world(), s, rep);
}

TEST(SafeguardRuns, DeletedGroundsNeverAppearAsRefusalReasons) {
    const ReplicateResult r = logged_run(testing::weakened(testing::small_scenario()));
    for (std::size_t t = 0; t < r.requests_refused.size(); ++t) {
        EXPECT_EQ(r.refused_by_reason[t * reason_count + idx(Reason::persecution_ground)], 0);
        EXPECT_EQ(r.refused_by_reason[t * reason_count + idx(Reason::conditions_safeguards)], 0);
        EXPECT_EQ(r.refused_by_reason[t * reason_count + idx(Reason::human_rights_clause)], 0);
    }
    const ReplicateResult present = logged_run(testing::small_scenario());
    EXPECT_GT(present.refused_by_reason.size(), 0u);
    std::int64_t persecution = 0;
    for (std::size_t t = 0; t < present.requests_refused.size(); ++t) {
        persecution += present.refused_by_reason[t * reason_count + idx(Reason::persecution_ground)];
    }
    EXPECT_GT(persecution, 0);  // positive control: the ground does refuse when present
}

// The option is the convention's: other instruments keep their own rules
// (docs/ODD.md), so the property is about grants on the treaty channel.
TEST(SafeguardRuns, MandatoryDualCriminalityGrantsNoContentOffenceWhereItIsNoCrime) {
    Scenario s = testing::small_scenario();
    s.safeguards.dual_criminality = DualCriminality::mandatory;
    s.treaty.protocol = false;  // the protocol would criminalise content offences everywhere
    const ReplicateResult r = logged_run(s);
    int content = 0, granted_where_no_crime = 0;
    for (const RequestEvent& e : r.events) {
        if (e.offence != idx(Offence::content_speech) || e.channel != idx(Channel::uncc)) continue;
        ++content;
        if (e.outcome == static_cast<std::uint8_t>(RequestOutcome::granted)) {
            EXPECT_EQ(e.dual_criminality, 1);
        }
    }
    EXPECT_GT(content, 100);
    // Positive control: with the optional rule such grants do happen.
    s.safeguards.dual_criminality = DualCriminality::optional;
    for (const RequestEvent& e : logged_run(s).events) {
        granted_where_no_crime += e.offence == idx(Offence::content_speech) &&
                                  e.channel == idx(Channel::uncc) && e.dual_criminality == 0 &&
                                  e.outcome == static_cast<std::uint8_t>(RequestOutcome::granted);
    }
    EXPECT_GT(granted_where_no_crime, 0);
}

TEST(SafeguardRuns, NoTreatyGrantBeforeEntryIntoForceNorWithoutTheTreaty) {
    const Scenario s = testing::small_scenario();
    const ReplicateResult r = logged_run(s);
    ASSERT_NE(r.entry_into_force_month, never);
    std::int64_t after = 0;
    for (std::size_t t = 0; t < r.requests_granted.size(); ++t) {
        const auto uncc = r.granted_by_channel[t * channel_count + idx(Channel::uncc)];
        if (static_cast<Month>(t) < r.entry_into_force_month) EXPECT_EQ(uncc, 0) << "month " << t;
        after += uncc;
    }
    EXPECT_GT(after, 0);
    for (const RequestEvent& e : r.events) {
        if (e.channel == idx(Channel::uncc)) EXPECT_GE(e.month_sent, r.entry_into_force_month);
    }
    Scenario none = s;
    none.treaty.enabled = false;
    const ReplicateResult n = logged_run(none);
    for (const RequestEvent& e : n.events) EXPECT_NE(e.channel, idx(Channel::uncc));
}

TEST(SafeguardRuns, ReservingStatesNeverRefuseOnTheReservedGround) {
    const ReplicateResult r = logged_run(testing::small_scenario(240));
    int checked = 0;
    for (const RequestEvent& e : r.events) {
        if (e.outcome != static_cast<std::uint8_t>(RequestOutcome::refused)) continue;
        const auto& reserved = r.reservations[e.requested];
        if (e.reason == idx(Reason::persecution_ground)) EXPECT_EQ(reserved[2], 0);
        if (e.reason == idx(Reason::conditions_safeguards)) EXPECT_EQ(reserved[1], 0);
        if (e.reason == idx(Reason::human_rights_clause)) EXPECT_EQ(reserved[0], 0);
        ++checked;
    }
    EXPECT_GT(checked, 1000);
}

TEST(SafeguardRuns, NarrowScopeGrantsNoNonConventionOffenceOnTheTreatyChannel) {
    Scenario s = testing::small_scenario();
    s.treaty.protocol = false;
    auto uncc_political_grants = [](const ReplicateResult& r) {
        int n = 0;
        for (const RequestEvent& e : r.events) {
            n += e.channel == idx(Channel::uncc) && is_political(static_cast<Offence>(e.offence)) &&
                 e.outcome == static_cast<std::uint8_t>(RequestOutcome::granted);
        }
        return n;
    };
    EXPECT_GT(uncc_political_grants(logged_run(s)), 0);  // serious_crime: speech with long sentences
    s.safeguards.scope = Scope::narrow;
    EXPECT_EQ(uncc_political_grants(logged_run(s)), 0);
}

}  // namespace
}  // namespace havens
