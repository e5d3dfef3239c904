// Who is targeted, where and how (docs/ODD.md 7.6-7.11): hostile
// pairs never cooperate, a Red Notice is acted on only where the host could
// extradite, INTERPOL's review knows the charge, the requester's record and
// the target's refugee status, relocation follows people, and a campaign
// sends one request a month against an exile.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "model/contagion.hpp"
#include "model/decision.hpp"
#include "support/charges.hpp"
#include "support/default_world.hpp"
#include "support/tiny_world.hpp"
#include "support/treaty_fixtures.hpp"

namespace havens {
namespace {

using testing::default_world;
using testing::for_every_charge;

constexpr RequestKind all_kinds[] = {RequestKind::preservation,   RequestKind::subscriber_data,
                                     RequestKind::stored_content, RequestKind::real_time_traffic,
                                     RequestKind::interception,   RequestKind::extradition};

using testing::everyone_in_force;
using testing::state_of;

// Every pair of the hostile-relations file, in a month of its period inside
// a run, both ways, with and without the convention and its protocol in
// force for everyone: no request of any kind or charge can succeed, not even
// by a removal outside the law; outside its period the pair is not hostile.
TEST(HostileRelations, NoRequestBetweenAHostilePairCanSucceed) {
    const World& w = default_world();
    const Scenario s;
    const DecisionTables tables = decision_tables(w, s);
    const TreatyStatus none(w.states.size());
    const TreatyStatus all = everyone_in_force(w.states.size(), true);
    int periods_in_a_run = 0;
    for (const HostilePeriod& p : w.relations.periods()) {
        const Month month = std::max<Month>(p.from, 0);
        if (month >= 240 || p.until <= month) continue;  // over before the run
        ++periods_in_a_run;
        for (const TreatyStatus* treaty : {&none, &all}) {
            const DecisionContext ctx{w, *treaty, s, tables, month};
            for (auto [o, k] : {std::pair{p.a, p.b}, std::pair{p.b, p.a}}) {
                for (RequestKind kind : all_kinds) {
                    for_every_charge(o, k, kind, [&](const RequestFacts& f) {
                        const DecisionPlan plan = plan_decision(ctx, f);
                        ASSERT_EQ(plan.success_probability(), 0.0)
                            << w.states.iso3[o] << " -> " << w.states.iso3[k] << " month " << month;
                    });
                }
            }
        }
        if (p.until != ongoing) EXPECT_FALSE(w.relations.hostile(p.a, p.b, p.until));
    }
    EXPECT_GE(periods_in_a_run, 50);
    // The pairs the record names: Russia and Ukraine, Armenia and Azerbaijan,
    // DR Congo and Rwanda are hostile from the first month of a run.
    for (auto [a, b] :
         {std::pair{"RUS", "UKR"}, std::pair{"AZE", "ARM"}, std::pair{"RWA", "COD"}}) {
        EXPECT_TRUE(w.relations.hostile(state_of(w, a), state_of(w, b), 0)) << a << "-" << b;
    }
}

// A provisional arrest on a notice awaits an extradition request: wherever
// the plan has no legal basis (a host that extradites only under a treaty,
// with none; a hostile host) every refusal comes before any arrest.
TEST(RedNotices, NoArrestWhereTheHostCannotExtradite) {
    const World& w = default_world();
    const Scenario s;
    const DecisionTables tables = decision_tables(w, s);
    const TreatyStatus none(w.states.size());
    const DecisionContext ctx{w, none, s, tables, 0};
    int without_basis = 0;
    for (StateId o = 0; o < w.states.size(); o += 2) {
        for (StateId k = 0; k < w.states.size(); ++k) {
            if (o == k) continue;
            for_every_charge(o, k, RequestKind::extradition, [&](const RequestFacts& f) {
                const DecisionPlan plan = plan_decision(ctx, f);
                if (plan.channel != Channel::interpol) return;
                ++without_basis;
                ASSERT_EQ(plan.pre_arrest, plan.ground_count);
                ASSERT_EQ(plan.grant_probability(), 0.0);
                RandomStream rng({3, 0}, Purpose::decision, o, k);
                EXPECT_FALSE(decide(plan, rng).arrested);
            });
        }
    }
    EXPECT_GT(without_basis, 10'000);
    // The USA arrests on no notice of a state it has no treaty with.
    const StateId usa = state_of(w, "USA"), chn = state_of(w, "CHN");
    for_every_charge(chn, usa, RequestKind::extradition, [&](const RequestFacts& f) {
        EXPECT_EQ(plan_decision(ctx, f).channel, Channel::interpol);
    });
}

// The SCO's instrument is a basis for terrorism and extremism charges only:
// between India and China (who share no other bloc with an instrument) a
// terrorism charge travels on it and a fraud charge does not; Russia and
// Kazakhstan also share the CIS conventions, which cover every offence.
TEST(RegionalInstruments, TheScoCarriesTerrorismChargesOnly) {
    const World& w = default_world();
    const Scenario s;
    const DecisionTables tables = decision_tables(w, s);
    const TreatyStatus none(w.states.size());
    const DecisionContext ctx{w, none, s, tables, 0};
    const auto channel = [&](const char* o, const char* k, RequestKind kind, Offence offence) {
        const RequestFacts f{state_of(w, o), state_of(w, k), kind, offence,
                             true,           true,           true, false};
        return plan_decision(ctx, f).channel;
    };
    for (auto [o, k] :
         {std::pair{"CHN", "IND"}, std::pair{"IND", "CHN"}, std::pair{"CHN", "PAK"}}) {
        EXPECT_NE(w.network.channels(state_of(w, o), state_of(w, k)) & regional_terrorism_only_bit,
                  0)
            << o << "-" << k;
        EXPECT_EQ(channel(o, k, RequestKind::extradition, Offence::terrorism_extremism),
                  Channel::regional);
        EXPECT_NE(channel(o, k, RequestKind::extradition, Offence::fraud), Channel::regional);
        EXPECT_NE(channel(o, k, RequestKind::extradition, Offence::content_speech),
                  Channel::regional);
        EXPECT_EQ(channel(o, k, RequestKind::stored_content, Offence::terrorism_extremism),
                  Channel::regional);
        EXPECT_NE(channel(o, k, RequestKind::stored_content, Offence::fraud), Channel::regional);
    }
    EXPECT_EQ(
        w.network.channels(state_of(w, "RUS"), state_of(w, "KAZ")) & regional_terrorism_only_bit,
        0);
    EXPECT_EQ(channel("RUS", "KAZ", RequestKind::extradition, Offence::fraud), Channel::regional);
}

// The refusal INTERPOL's review adds to a pretextual notice from ORI to DST.
double review_refusal(const DecisionContext& ctx, Offence offence, bool refugee) {
    const RequestFacts f{0, 1, RequestKind::extradition, offence, true, true, true, refugee};
    const DecisionPlan plan = plan_decision(ctx, f);
    for (int i = 0; i < plan.pre_arrest; ++i) {
        if (plan.grounds[i].reason == Reason::channel_rules) return plan.grounds[i].refuse;
    }
    return 0.0;
}

TEST(InterpolReview, KnowsTheChargeAndTheRefugeeStatus) {
    using testing::TinyState;
    const World w = build_world(
        testing::make_states({TinyState{.iso3 = "ORI", .fh_score = 10},
                              TinyState{.iso3 = "DST", .fh_score = 90, .rule_of_law = 0.8}}),
        Blocs{}, WorldParams{});
    const Scenario s;
    const auto& p = s.decision;
    const DecisionTables tables = decision_tables(w, s);
    const TreatyStatus none(2);
    const DecisionContext ctx{w, none, s, tables, 0};
    EXPECT_DOUBLE_EQ(review_refusal(ctx, Offence::content_speech, false), p.interpol_article3);
    EXPECT_DOUBLE_EQ(review_refusal(ctx, Offence::terrorism_extremism, false),
                     p.interpol_terrorism);
    EXPECT_DOUBLE_EQ(review_refusal(ctx, Offence::fraud, false), 0.0);
    // The refugee policy, as far as the host confirms the status (j = 0.8).
    EXPECT_DOUBLE_EQ(review_refusal(ctx, Offence::fraud, true), p.interpol_refugee * 0.8);
    EXPECT_DOUBLE_EQ(review_refusal(ctx, Offence::content_speech, true),
                     1.0 - (1.0 - p.interpol_article3) * (1.0 - p.interpol_refugee * 0.8));
}

TEST(InterpolReview, TheDatedMeasuresApplyToTheirStateOnly) {
    const World& w = default_world();
    const Scenario s;
    const DecisionTables tables = decision_tables(w, s);
    const TreatyStatus none(w.states.size());
    const DecisionContext ctx{w, none, s, tables, 0};
    const StateId rus = state_of(w, "RUS"), tur = state_of(w, "TUR"), irn = state_of(w, "IRN"),
                  deu = state_of(w, "DEU");
    const auto refusal = [&](StateId o, Offence offence) {
        const RequestFacts f{o, deu, RequestKind::extradition, offence, true, true, true, false};
        const DecisionPlan plan = plan_decision(ctx, f);
        return plan.pre_arrest > 0 ? plan.grounds[0].refuse : 0.0;
    };
    EXPECT_DOUBLE_EQ(refusal(rus, Offence::fraud), s.decision.interpol_heightened);
    EXPECT_DOUBLE_EQ(refusal(tur, Offence::terrorism_extremism), s.decision.interpol_movement);
    EXPECT_DOUBLE_EQ(refusal(tur, Offence::fraud), 0.0);
    EXPECT_DOUBLE_EQ(refusal(irn, Offence::fraud), 0.0);
    EXPECT_DOUBLE_EQ(refusal(irn, Offence::terrorism_extremism), s.decision.interpol_terrorism);
}

// Relocation: a haven with compatriots is chosen in proportion to its
// weight, never one without while one with them is open; without any,
// asylum capacity decides; without that, every haven alike.
TEST(Relocation, FollowsTheWeightsAndNeverGoesWhereTheyAreZero) {
    RelocationChoice c;
    c.states = 4;
    c.diaspora = {0, 3, 0, 1, /**/ 0, 0, 0, 0, /**/ 0, 0, 0, 0, /**/ 0, 0, 0, 0};
    c.capacity = {0, 1, 1, 1, /**/ 0, 0, 5, 0, /**/ 0, 0, 0, 0, /**/ 0, 0, 0, 0};
    const std::vector<StateId> havens{1, 2, 3};
    std::array<int, 4> chosen{};
    const int draws = 40'000;
    RandomStream rng({4, 0}, Purpose::contagion, 0, 0);
    for (int i = 0; i < draws; ++i) ++chosen[choose_haven(c, 0, havens, rng.uniform())];
    EXPECT_EQ(chosen[2], 0);
    EXPECT_NEAR(chosen[1] / double(draws), 0.75, 4 * std::sqrt(0.75 * 0.25 / draws));
    // Origin 1 has no compatriots in any haven: capacity decides (only 2 has any).
    for (int i = 0; i < 100; ++i) EXPECT_EQ(choose_haven(c, 1, havens, rng.uniform()), 2);
    // Origin 2: neither; every haven alike.
    std::array<int, 4> uniform{};
    for (int i = 0; i < 3000; ++i) ++uniform[choose_haven(c, 2, havens, rng.uniform())];
    for (StateId h : havens) EXPECT_GT(uniform[h], 900);
}

// The default world's weights: havens without compatriots weigh nothing,
// and a visa needed in advance scales a haven's weight down.
TEST(Relocation, TheDefaultWeightsAreTheAtRiskDiasporaTimesVisaAccess) {
    const World& w = default_world();
    const Scenario s;
    const ExileSetup setup = prepare_exiles(w, s.exiles, 1000);
    const RelocationChoice c = relocation_choice(w, setup, s.contagion);
    const std::size_t n = w.states.size();
    for (StateId o = 0; o < n; o += 7) {
        for (StateId h = 0; h < n; ++h) {
            const double visa = w.visa_free(o, h) ? 1.0 : s.contagion.relocation_visa_factor;
            EXPECT_DOUBLE_EQ(c.diaspora[o * n + h], o == h ? 0.0 : setup.host_weight[o][h] * visa);
        }
    }
    // Russians enter Türkiye without a visa, Chinese need one for Germany.
    EXPECT_TRUE(w.visa_free(state_of(w, "RUS"), state_of(w, "TUR")));
    EXPECT_FALSE(w.visa_free(state_of(w, "CHN"), state_of(w, "DEU")));
}

// A campaign: at most `cap` requests a month against one exile; a sent
// request follows up an exposed contact, which then leaves the priority pool,
// as does one taken into custody.
TEST(Campaigns, OneRequestAMonthAgainstAnExileAndAFollowedUpContactLeavesThePool) {
    using testing::TinyState;
    const World w =
        build_world(testing::make_states({TinyState{.iso3 = "ORI"}}), Blocs{}, WorldParams{});
    ExileParams params;
    params.contacts = 0;
    const ExileSetup setup = prepare_exiles(w, params, 4);
    Exiles e = allocate_exiles(setup);
    for (ExileId i = 0; i < 4; ++i) draw_exile(setup, w.states, {1, 0}, i, e);
    PopulationState pop = initial_population_state(e, 1);
    e.priority = {1, 1, 0, 1};
    pop.priority_pool[0] = {0, 1, 3};
    EXPECT_TRUE(admit_request(0, 5, 1, e, pop));
    EXPECT_FALSE(admit_request(0, 5, 1, e, pop));
    EXPECT_TRUE(admit_request(0, 6, 1, e, pop));
    EXPECT_TRUE(admit_request(2, 5, 2, e, pop));
    EXPECT_TRUE(admit_request(2, 5, 2, e, pop));
    EXPECT_FALSE(admit_request(2, 5, 2, e, pop));
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(admit_request(2, 7, 0, e, pop));  // 0: no cap
    ASSERT_TRUE(apply_arrest(3, e, pop));
    prune_priority_pools(e, pop);
    EXPECT_EQ(pop.priority_pool[0], std::vector<ExileId>{1});
    EXPECT_EQ(e.priority[0], 2);  // followed up: never pooled again
}

}  // namespace
}  // namespace havens
