// One property per safeguard option, checked both on the decision plans
// (exactly, over every pair of states) and on simulated runs (event logs).
#include "model/decision.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/run.hpp"
#include "support/charges.hpp"
#include "support/small_runs.hpp"
#include "support/tiny_world.hpp"
#include "support/treaty_fixtures.hpp"

namespace havens {
namespace {

using testing::default_world;

using testing::everyone_in_force;

template <typename Check>
void for_every_request(const DecisionContext& ctx, Check check) {
    const std::size_t n = ctx.world.states.size();
    for (StateId o = 0; o < n; o += 3) {
        for (StateId k = 0; k < n; k += 2) {
            if (o == k) continue;
            for (std::size_t kind = 0; kind < request_kind_count; ++kind) {
                for (std::size_t offence = 0; offence < offence_count; ++offence) {
                    for (int bits = 0; bits < 8; ++bits) {
                        const RequestFacts f{o,
                                             k,
                                             static_cast<RequestKind>(kind),
                                             static_cast<Offence>(offence),
                                             (bits & 1) != 0,
                                             (bits & 2) != 0,
                                             (bits & 4) != 0};
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
        if (!f.crime_in_requested && plan.channel == Channel::uncc && plan.grant_probability() > 0)
            some = true;
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
    int fell_back = 0;
    for_every_request(ctx, [&](const RequestFacts& f, const DecisionPlan& plan) {
        if (f.kind == RequestKind::extradition || convention_offence(ctx, f)) return;
        // Outside the convention's scope, never on its channel: a request
        // the convention does not cover goes where it would without it.
        EXPECT_NE(plan.channel, Channel::uncc);
        fell_back += plan.channel == Channel::comity;
    });
    EXPECT_GT(fell_back, 1000);
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
    const RequestFacts f{0,     1,   RequestKind::extradition, Offence::content_speech, false,
                         false, true};
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
    const DecisionTables tables =
        decision_tables(w, optional);  // discretion is the same in all three
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
                const double p =
                    typical_grant_probability(ctx, o, k, RequestKind::subscriber_data, pretext);
                EXPECT_GE(p, 0.0);
                EXPECT_LE(p, 1.0);
            }
        }
    }
}

// The expectation as its definition reads: every offence of the mix by
// falling weight (equal weights in the order the model sorts them), the
// conduct not a crime, then a crime, in the requested state, each term's plan
// from plan_decision, summed in that order.
double expectation_of_plans(const DecisionContext& ctx, StateId o, StateId k, RequestKind kind,
                            bool pretextual, bool refugee) {
    const auto& mix = pretextual ? pretextual_offence_mix : legitimate_offence_mix;
    std::array<std::size_t, offence_count> order{};
    for (std::size_t i = 0; i < offence_count; ++i) order[i] = i;
    for (std::size_t i = 0; i < offence_count; ++i) {
        for (std::size_t j = i + 1; j < offence_count; ++j) {
            if (mix[order[j]] > mix[order[i]]) std::swap(order[i], order[j]);
        }
    }
    const double r_k = ctx.world.states.repression[k];
    double expected = 0.0;
    for (std::size_t c : order) {
        if (mix[c] == 0.0) continue;
        const auto offence = static_cast<Offence>(c);
        const double p_crime = crime_probability(offence, r_k);
        for (int crime = 0; crime < 2; ++crime) {
            const double w = crime ? p_crime : 1.0 - p_crime;
            if (w == 0.0) continue;
            RequestFacts f{o, k, kind, offence, false, crime == 1, pretextual, refugee};
            f.serious = statutory_maximum_years(ctx.scenario.requests, offence,
                                                ctx.world.states.fh_status[o]) >=
                        ctx.scenario.safeguards.serious_crime_years;
            expected += mix[c] * w * plan_decision(ctx, f).success_probability();
        }
    }
    return std::min(1.0, expected);
}

// The expectation builds one plan for the terms whose offences the rules
// cannot tell apart. The pairs checked include each case that the rules treat
// on its own (severed relations, a platform's home, an instrument limited to
// terrorism, Budapest, the convention with and without the protocol, a
// state's own provider), under both scopes.
TEST(DecisionPlan, TypicalGrantProbabilityIsTheExpectationOfThePlansBitForBit) {
    const World& w = default_world();
    const std::size_t n = w.states.size();
    // The convention in force for three states in four, the protocol for
    // two in three of them, some reservations.
    TreatyStatus t = everyone_in_force(n, true);
    for (StateId s = 0; s < n; ++s) {
        if (s % 4 == 3) t.in_force_month[s] = never;
        if (s % 3 == 1) t.protocol_in_force_month[s] = never;
        if (s % 5 == 0) t.reservations[s][idx(Article::persecution_ground_40_22)] = 1;
        if (s % 7 == 0) t.reservations[s][idx(Article::conditions_safeguards_24)] = 1;
    }
    Scenario s;
    Scenario other = s;  // a context whose scenario is not its tables'
    other.safeguards.serious_crime_years = 6;
    other.requests.speech_max_years_free = 7;
    Scenario narrow = s;
    narrow.safeguards.scope = Scope::narrow;
    const DecisionTables tables = decision_tables(w, s);
    const DecisionTables narrow_tables = decision_tables(w, narrow);
    struct Case {
        const Scenario* scenario;
        const DecisionTables* tables;
    };
    int hostile = 0, platform_home = 0, terrorism_only = 0, budapest = 0, convention = 0,
        protocol = 0, own = 0;
    for (const Case c : {Case{&s, &tables}, Case{&other, &tables}, Case{&narrow, &narrow_tables}}) {
        const DecisionContext ctx{w, t, *c.scenario, *c.tables, 5};
        for (StateId o = 0; o < n; o += 3) {
            for (StateId k = 1; k < n; k += 2) {
                const PairFacts pair = pair_facts(ctx, o, k);
                hostile += pair.hostile;
                platform_home += pair.direct_disclosure;
                terrorism_only += (pair.channels & regional_terrorism_only_bit) != 0;
                budapest += (pair.channels & channel_bit(Channel::budapest)) != 0;
                convention += pair.uncc_open;
                protocol += pair.protocol_open;
                own += o == k;
                for (std::size_t kind = 0; kind < request_kind_count; ++kind) {
                    for (int bits = 0; bits < 4; ++bits) {
                        const auto rk = static_cast<RequestKind>(kind);
                        const bool pretextual = bits & 1, refugee = bits & 2;
                        // An origin's own provider is asked only for data.
                        if (o == k && rk == RequestKind::extradition) continue;
                        EXPECT_EQ(typical_grant_probability(ctx, o, k, rk, pretextual, refugee),
                                  expectation_of_plans(ctx, o, k, rk, pretextual, refugee))
                            << o << " " << k << " " << kind << " " << bits;
                    }
                }
            }
        }
    }
    EXPECT_GT(hostile, 0);
    EXPECT_GT(platform_home, 0);
    EXPECT_GT(terrorism_only, 0);
    EXPECT_GT(budapest, 0);
    EXPECT_GT(convention, 0);
    EXPECT_GT(protocol, 0);
    EXPECT_GT(own, 0);
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

// The law outside the convention: national law, non-refoulement and the
// legal basis of an extradition, on hand-made worlds and the default world.

using testing::for_every_charge;

// The test of the persecution bar in a plan (national law, merged with the
// convention's ground on its channel), if the plan has one.
std::optional<RefusalGround> persecution_test(const DecisionPlan& plan) {
    for (int i = 0; i < plan.ground_count; ++i) {
        if (plan.grounds[i].reason == Reason::national_law) return plan.grounds[i];
    }
    return std::nullopt;
}

bool has_ground(const DecisionPlan& plan, Reason reason) {
    for (int i = 0; i < plan.ground_count; ++i) {
        if (plan.grounds[i].reason == reason) return true;
    }
    return false;
}

// A requesting state and two hosts alike in everything but the protection
// treaties: PRO (1) is party to the Refugee Convention and CAT, UNB (2) to neither.
World protection_world(double origin_fh, double host_rule_of_law) {
    using testing::TinyState;
    return build_world(
        testing::make_states({
            TinyState{.iso3 = "ORI",
                      .region = Region::asia_pacific,
                      .fh_score = origin_fh,
                      .rule_of_law = 0.2},
            TinyState{.iso3 = "PRO",
                      .fh_score = 90,
                      .rule_of_law = host_rule_of_law,
                      .refugee_convention = true,
                      .torture_convention = true},
            TinyState{.iso3 = "UNB", .fh_score = 90, .rule_of_law = host_rule_of_law},
        }),
        Blocs{}, WorldParams{});
}

TEST(NonRefoulement, AProtectingHostSurrendersNoMoreThanAnIdenticalHostWithout) {
    const Scenario s;
    const StateId origin = 0, protecting = 1, unbound = 2;
    for (double fh : {0.0, 30.0, 70.0, 100.0}) {
        for (double j : {0.0, 0.4, 0.8, 1.0}) {
            const World w = protection_world(fh, j);
            const TreatyStatus none(3);
            const DecisionTables tables = decision_tables(w, s);
            const DecisionContext ctx{w, none, s, tables, 0};
            ASSERT_EQ(tables.discretion_grant[protecting], tables.discretion_grant[unbound]);
            for_every_charge(origin, protecting, RequestKind::extradition, [&](RequestFacts f) {
                const DecisionPlan bound = plan_decision(ctx, f);
                f.requested = unbound;
                EXPECT_LE(bound.grant_probability(), plan_decision(ctx, f).grant_probability())
                    << "fh " << fh << " j " << j << " offence " << idx(f.offence);
            });
            const auto typical = [&](StateId k, bool pretext) {
                return typical_grant_probability(ctx, origin, k, RequestKind::extradition, pretext);
            };
            const bool repressive = fh < 100.0;
            if (j == 0.0) {
                // Duties the courts do not enforce protect nobody.
                EXPECT_EQ(typical(protecting, true), typical(unbound, true)) << "fh " << fh;
            } else {
                // The Refugee Convention bars pretexts from any origin; CAT
                // rises with the origin's repression.
                EXPECT_LT(typical(protecting, true), typical(unbound, true))
                    << "fh " << fh << " j " << j;
                if (repressive) {
                    EXPECT_LT(typical(protecting, false), typical(unbound, false))
                        << "fh " << fh << " j " << j;
                } else {
                    EXPECT_EQ(typical(protecting, false), typical(unbound, false)) << "j " << j;
                }
            }
        }
    }
}

// The same on the default world: every state stripped of its protection
// treaties surrenders at least as often as it did with them.
TEST(NonRefoulement, TheProtectionTreatiesOfTheDefaultWorldNeverRaiseSurrenders) {
    const World& w = default_world();
    World unprotected = w;
    auto& st = unprotected.states;
    for (auto* v :
         {&st.refugee_convention, &st.torture_convention, &st.echr, &st.european_extradition}) {
        std::fill(v->begin(), v->end(), std::uint8_t{0});
    }
    const Scenario s;
    const TreatyStatus t = everyone_in_force(w.states.size());
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext with{w, t, s, tables, 10};
    const DecisionContext without{unprotected, t, s, tables, 10};
    int strictly = 0;
    for (StateId o = 0; o < w.states.size(); o += 2) {
        for (StateId k = 0; k < w.states.size(); ++k) {
            if (o == k) continue;
            const double p_with =
                typical_grant_probability(with, o, k, RequestKind::extradition, true);
            const double p_without =
                typical_grant_probability(without, o, k, RequestKind::extradition, true);
            EXPECT_LE(p_with, p_without) << w.states.iso3[o] << " -> " << w.states.iso3[k];
            if (w.states.refugee_convention[k] && w.states.rule_of_law[k] > 0 && p_without > 0) {
                EXPECT_LT(p_with, p_without) << w.states.iso3[o] << " -> " << w.states.iso3[k];
                ++strictly;
            }
        }
    }
    EXPECT_GT(strictly, 1000);
}

// ORI asks COM (extradites only under a treaty) and CIV (civil law:
// reciprocity); no treaty, bloc or Budapest links any of them.
World legal_basis_world() {
    using testing::TinyState;
    return build_world(
        testing::make_states({
            TinyState{.iso3 = "ORI", .region = Region::african, .fh_score = 20, .rule_of_law = 0.3},
            TinyState{.iso3 = "COM", .fh_score = 80, .rule_of_law = 0.8, .treaty_required = true},
            TinyState{.iso3 = "CIV", .fh_score = 80, .rule_of_law = 0.8},
        }),
        Blocs{}, WorldParams{});
}

TEST(LegalBasis, WithoutOneATreatyRequiringStateNeverExtradites) {
    const World w = legal_basis_world();
    const Scenario s;
    const TreatyStatus none(3);
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, none, s, tables, 0};
    for_every_charge(0, 1, RequestKind::extradition, [&](const RequestFacts& f) {
        const DecisionPlan plan = plan_decision(ctx, f);
        EXPECT_TRUE(plan.sent);  // a Red Notice reaches every member of INTERPOL
        EXPECT_EQ(plan.channel, Channel::interpol);
        EXPECT_EQ(plan.grant_probability(), 0.0);
        ASSERT_GT(plan.ground_count, 0);
        const RefusalGround& last = plan.grounds[plan.ground_count - 1];
        EXPECT_EQ(last.reason, Reason::no_legal_basis);
        EXPECT_EQ(last.refuse, 1.0);
        EXPECT_EQ(plan.pre_arrest, plan.ground_count);  // decided before any arrest
    });
    for_every_charge(0, 2, RequestKind::extradition, [&](const RequestFacts& f) {
        EXPECT_EQ(plan_decision(ctx, f).channel, Channel::reciprocity);
        EXPECT_FALSE(has_ground(plan_decision(ctx, f), Reason::no_legal_basis));
    });
}

// A host arrests on a notice only where it could extradite: without a
// basis nobody is arrested, and INTERPOL's review, before any state acts,
// still stops its share of the political charges first.
TEST(LegalBasis, NoArrestWithoutABasisAndTheReviewComesFirst) {
    const World w = legal_basis_world();
    Scenario s;
    s.decision.removal_scale = 0;  // the legal path only (removals: their own test)
    const TreatyStatus none(3);
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, none, s, tables, 0};
    const RequestFacts fraud{0, 1, RequestKind::extradition, Offence::fraud, true, true, true};
    const RequestFacts speech{0,    1,   RequestKind::extradition, Offence::content_speech, true,
                              true, true};
    const DecisionPlan fraud_plan = plan_decision(ctx, fraud);
    const DecisionPlan speech_plan = plan_decision(ctx, speech);
    const int n = 20'000;
    int stopped_by_review = 0;
    for (int i = 0; i < n; ++i) {
        RandomStream a({9, 0}, Purpose::decision, 0, static_cast<std::uint64_t>(i));
        const Decision d = decide(fraud_plan, a);  // no Article 3 review of a fraud charge
        EXPECT_FALSE(d.arrested);
        EXPECT_FALSE(d.granted);
        EXPECT_EQ(d.reason, Reason::no_legal_basis);
        RandomStream b({9, 0}, Purpose::decision, 1, static_cast<std::uint64_t>(i));
        const Decision e = decide(speech_plan, b);
        EXPECT_FALSE(e.granted);
        EXPECT_FALSE(e.arrested);
        if (e.reason == Reason::channel_rules) {
            ++stopped_by_review;
        } else {
            EXPECT_EQ(e.reason, Reason::no_legal_basis);
        }
    }
    const double p = s.decision.interpol_article3;
    EXPECT_NEAR(stopped_by_review / double(n), p, 5 * std::sqrt(p * (1 - p) / n));
    // With a basis (CIV extradites on reciprocity), the same fraud charge is
    // arrested before the extradition decision.
    const RequestFacts reciprocal{0, 2, RequestKind::extradition, Offence::fraud, true, true, true};
    const DecisionPlan plan = plan_decision(ctx, reciprocal);
    EXPECT_EQ(plan.channel, Channel::reciprocity);
    EXPECT_EQ(plan.pre_arrest, 0);
    RandomStream c({9, 0}, Purpose::decision, 2, 0);
    EXPECT_TRUE(decide(plan, c).arrested);
}

TEST(LegalBasis, TheConventionIsABasisOnlyForItsOwnOffences) {
    const World w = legal_basis_world();
    const Scenario s;
    const TreatyStatus t = everyone_in_force(3);
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, t, s, tables, 0};
    for_every_charge(0, 1, RequestKind::extradition, [&](const RequestFacts& f) {
        EXPECT_EQ(plan_decision(ctx, f).channel,
                  convention_offence(ctx, f) ? Channel::uncc : Channel::interpol)
            << offence_names[idx(f.offence)];
    });
}

TEST(LegalBasis, DefaultWorldPairsWithoutAnInstrumentFallBackOnTheRequestedStatesLaw) {
    const World& w = default_world();
    const Scenario s;
    const TreatyStatus none(w.states.size());
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, none, s, tables, 0};
    constexpr ChannelMask instruments = channel_bit(Channel::extradition_treaty) |
                                        regional_extradition_bit | channel_bit(Channel::budapest);
    int without_basis = 0, reciprocal = 0;
    for (StateId o = 0; o < w.states.size(); ++o) {
        for (StateId k = 0; k < w.states.size(); ++k) {
            if (o == k || (w.network.channels(o, k) & instruments)) continue;
            for_every_charge(o, k, RequestKind::extradition, [&](const RequestFacts& f) {
                if (f.offence != Offence::fraud && f.offence != Offence::content_speech) return;
                const DecisionPlan plan = plan_decision(ctx, f);
                if (w.relations.hostile(o, k, 0)) {
                    EXPECT_EQ(plan.channel, Channel::interpol);
                    EXPECT_TRUE(has_ground(plan, Reason::severed_relations));
                    EXPECT_EQ(plan.success_probability(), 0.0);
                } else if (w.states.treaty_required[k]) {
                    EXPECT_EQ(plan.channel, Channel::interpol);
                    EXPECT_EQ(plan.grant_probability(), 0.0);
                    ++without_basis;
                } else {
                    EXPECT_EQ(plan.channel, Channel::reciprocity);
                    ++reciprocal;
                }
            });
        }
    }
    EXPECT_GT(without_basis, 1000);
    EXPECT_GT(reciprocal, 1000);
}

// Where a pair is bound by another instrument, the convention's channel is
// never the one used: its entry into force, with or without the protocol,
// changes no grant probability.
TEST(DecisionPlan, TheConventionChangesNothingWhereAnotherInstrumentBinds) {
    const World& w = default_world();
    const Scenario s;
    const std::size_t n = w.states.size();
    const TreatyStatus none(n);
    const TreatyStatus convention = everyone_in_force(n, false);
    const TreatyStatus protocol = everyone_in_force(n, true);
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext without{w, none, s, tables, 10};
    constexpr ChannelMask evidence_instruments = channel_bit(Channel::regional) |
                                                 channel_bit(Channel::budapest) |
                                                 channel_bit(Channel::mlat);
    int evidence = 0, extradition = 0;
    for (const TreatyStatus* t : {&convention, &protocol}) {
        const DecisionContext with{w, *t, s, tables, 10};
        for_every_request(without, [&](const RequestFacts& f, const DecisionPlan& before) {
            if (f.kind == RequestKind::extradition) {
                if (before.channel != Channel::extradition_treaty &&
                    before.channel != Channel::regional && before.channel != Channel::budapest) {
                    return;
                }
                ++extradition;
            } else {
                if (!(open_channels(without, f) & evidence_instruments)) return;
                ++evidence;
            }
            const DecisionPlan after = plan_decision(with, f);
            EXPECT_EQ(after.channel, before.channel);
            EXPECT_EQ(after.grant_probability(), before.grant_probability())
                << w.states.iso3[f.origin] << " -> " << w.states.iso3[f.requested] << " "
                << request_kind_names[idx(f.kind)] << " " << offence_names[idx(f.offence)];
        });
    }
    EXPECT_GT(evidence, 10'000);
    EXPECT_GT(extradition, 10'000);
}

// A civil-law state that would extradite on reciprocity: the convention as
// the basis brings the same national law and non-refoulement, plus its own
// grounds; without the protocol it never makes surrender likelier.
TEST(DecisionPlan, TheConventionAsABasisNeverGrantsMoreThanReciprocity) {
    const World& w = default_world();
    const Scenario s;
    const std::size_t n = w.states.size();
    const TreatyStatus none(n);
    const TreatyStatus convention = everyone_in_force(n, false);
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext without{w, none, s, tables, 10};
    const DecisionContext with{w, convention, s, tables, 10};
    int compared = 0;
    for_every_request(without, [&](const RequestFacts& f, const DecisionPlan& before) {
        if (before.channel != Channel::reciprocity) return;
        const DecisionPlan after = plan_decision(with, f);
        if (after.channel != Channel::uncc) return;
        EXPECT_LE(after.grant_probability(), before.grant_probability())
            << w.states.iso3[f.origin] << " -> " << w.states.iso3[f.requested] << " "
            << offence_names[idx(f.offence)];
        ++compared;
    });
    EXPECT_GT(compared, 1000);
}

// National law and the convention's ground are one examination: deleting
// the treaty's ground leaves national law's part of it whole.
TEST(DecisionPlan, DeletingTheTreatyGroundLeavesNationalLawWhole) {
    const World& w = default_world();
    const TreatyStatus t = everyone_in_force(w.states.size());
    Scenario optional, mandatory, deleted;
    mandatory.safeguards.persecution_ground = PersecutionGround::mandatory;
    deleted.safeguards.persecution_ground = PersecutionGround::deleted;
    const DecisionTables tables = decision_tables(w, optional);
    const DecisionContext opt{w, t, optional, tables, 10};
    const DecisionContext del{w, t, deleted, tables, 10};
    const DecisionContext man{w, t, mandatory, tables, 10};
    int on_treaty = 0, treaty_adds = 0;
    for_every_request(opt, [&](const RequestFacts& f, const DecisionPlan& plan) {
        if (!plan.sent) return;
        const auto merged = persecution_test(plan);
        const auto gone = persecution_test(plan_decision(del, f));
        const auto strong = persecution_test(plan_decision(man, f));
        const double national = gone ? gone->first : 0.0;
        if (gone) EXPECT_EQ(gone->refuse, gone->first);  // national law alone
        EXPECT_EQ(merged ? merged->first : 0.0, national);
        EXPECT_EQ(strong ? strong->first : 0.0, national);
        EXPECT_GE(merged ? merged->refuse : 0.0, national);
        EXPECT_GE(strong ? strong->refuse : 0.0, merged ? merged->refuse : 0.0);
        if (merged) EXPECT_EQ(merged->also, Reason::persecution_ground);
        if (plan.channel != Channel::uncc) {
            // The treaty's ground applies on its own channel only.
            EXPECT_EQ(merged ? merged->refuse : 0.0, national);
            return;
        }
        ++on_treaty;
        treaty_adds += merged && merged->refuse > merged->first;
    });
    EXPECT_GT(on_treaty, 10'000);
    EXPECT_GT(treaty_adds, 1000);
}

// The merged examination, written out: a pretextual request from a
// repressive origin on the convention's channel; national law refuses
// mla_national_law * persecution_bar * j of evidence requests and
// persecution_bar * j of extraditions, the optional treaty ground
// detection * j * j; the test refuses the larger, national law first.
TEST(DecisionPlan, TheMergedPersecutionTestIsTheLargerOfItsTwoParts) {
    using testing::TinyState;
    const Scenario s;
    const auto& p = s.decision;
    for (double j : {0.3, 0.5, 0.8, 1.0}) {
        const World w = build_world(testing::make_states({
                                        TinyState{.iso3 = "ORI",
                                                  .region = Region::asia_pacific,
                                                  .fh_score = 10,
                                                  .rule_of_law = 0.2},
                                        TinyState{.iso3 = "HST", .fh_score = 90, .rule_of_law = j},
                                    }),
                                    Blocs{}, WorldParams{});
        const TreatyStatus t = everyone_in_force(2);
        const DecisionTables tables = decision_tables(w, s);
        const DecisionContext ctx{w, t, s, tables, 0};
        const double treaty = p.detection * j * j;
        for (RequestKind kind : {RequestKind::subscriber_data, RequestKind::extradition}) {
            const RequestFacts f{0, 1, kind, Offence::fraud, true, true, true};
            const DecisionPlan plan = plan_decision(ctx, f);
            ASSERT_EQ(plan.channel, Channel::uncc);
            const double national = (kind == RequestKind::extradition ? 1.0 : p.mla_national_law) *
                                    p.persecution_bar * j;
            const auto test = persecution_test(plan);
            ASSERT_TRUE(test);
            EXPECT_DOUBLE_EQ(test->first, national) << "j " << j;
            EXPECT_DOUBLE_EQ(test->refuse, std::max(national, treaty)) << "j " << j;
            EXPECT_EQ(test->also, Reason::persecution_ground);
        }
    }
}

TEST(Decide, AnOverlappingTestRefusesUnderTheFirstGroundBelowItsShare) {
    DecisionPlan plan;
    plan.sent = true;
    plan.channel = Channel::uncc;
    plan.add_overlapping(Reason::national_law, 0.3, Reason::persecution_ground, 0.5);
    int national = 0, treaty = 0;
    const int n = 100'000;
    for (int i = 0; i < n; ++i) {
        RandomStream rng({5, 0}, Purpose::decision, 0, static_cast<std::uint64_t>(i));
        const Decision d = decide(plan, rng);
        national += !d.granted && d.reason == Reason::national_law;
        treaty += !d.granted && d.reason == Reason::persecution_ground;
    }
    EXPECT_NEAR(national / double(n), 0.3, 5 * std::sqrt(0.3 * 0.7 / n));
    EXPECT_NEAR(treaty / double(n), 0.2, 5 * std::sqrt(0.2 * 0.8 / n));
    EXPECT_DOUBLE_EQ(plan.grant_probability(), 0.5);
}

// Common random numbers: the same stream decides a request under each
// option; whatever the deleted ground lets through refused, the optional
// ground refuses too, and a refusal by national law stays one.
TEST(Decide, WhatIsRefusedWithoutTheTreatyGroundIsRefusedWithIt) {
    const World& w = default_world();
    const TreatyStatus t = everyone_in_force(w.states.size());
    Scenario optional, deleted;
    deleted.safeguards.persecution_ground = PersecutionGround::deleted;
    const DecisionTables tables = decision_tables(w, optional);
    const DecisionContext opt_ctx{w, t, optional, tables, 10};
    const DecisionContext del_ctx{w, t, deleted, tables, 10};
    std::uint64_t serial = 0;
    int national_first = 0, national_refusals = 0, treaty_only = 0;
    for (StateId o = 0; o < w.states.size(); o += 5) {
        for (StateId k = 1; k < w.states.size(); k += 3) {
            if (o == k) continue;
            for (std::size_t kind = 0; kind < request_kind_count; ++kind) {
                for_every_charge(o, k, static_cast<RequestKind>(kind), [&](const RequestFacts& f) {
                    const DecisionPlan p_opt = plan_decision(opt_ctx, f);
                    if (!p_opt.sent || p_opt.channel != Channel::uncc) return;
                    const DecisionPlan p_del = plan_decision(del_ctx, f);
                    const auto test = persecution_test(p_opt);
                    const bool national_covers = !test || test->refuse == test->first;
                    for (std::uint64_t rep = 0; rep < 2; ++rep) {
                        RandomStream a({21, rep}, Purpose::decision, 0, serial);
                        RandomStream b({21, rep}, Purpose::decision, 0, serial);
                        ++serial;
                        const Decision d_opt = decide(p_opt, a);
                        const Decision d_del = decide(p_del, b);
                        if (!d_del.granted) EXPECT_FALSE(d_opt.granted);
                        if (!d_del.granted && d_del.reason == Reason::national_law) {
                            EXPECT_EQ(d_opt.reason, Reason::national_law);
                            ++national_refusals;
                        }
                        if (national_covers) {
                            // National law at least as strong: the same decision.
                            EXPECT_EQ(d_opt.granted, d_del.granted);
                            EXPECT_EQ(d_opt.reason, d_del.reason);
                            EXPECT_EQ(d_opt.arrested, d_del.arrested);
                            national_first +=
                                !d_opt.granted && d_opt.reason == Reason::national_law;
                        }
                        treaty_only += !d_opt.granted && d_opt.reason == Reason::persecution_ground;
                    }
                });
            }
        }
    }
    EXPECT_GT(national_first, 100);
    EXPECT_GT(national_refusals, 1000);
    EXPECT_GT(treaty_only, 100);  // the ground does refuse where it is kept
}

// Terrorism and extremism charges: crimes everywhere, serious, and not
// political offences (the exception and INTERPOL's Article 3 do not apply).
TEST(Terrorism, ChargesAreSeriousCrimesButNotPolitical) {
    EXPECT_FALSE(is_political(Offence::terrorism_extremism));
    EXPECT_TRUE(is_political(Offence::content_speech));
    const RequestParams p;
    const SafeguardParams safeguards;
    for (FreedomStatus st :
         {FreedomStatus::free, FreedomStatus::partly_free, FreedomStatus::not_free}) {
        EXPECT_GE(statutory_maximum_years(p, Offence::terrorism_extremism, st),
                  safeguards.serious_crime_years);
        EXPECT_GE(statutory_maximum_years(p, Offence::terrorism_extremism, st), 4.0);
    }
    for (double r : {0.0, 0.3, 1.0}) {
        EXPECT_EQ(crime_probability(Offence::terrorism_extremism, r), 1.0);
    }
}

TEST(Terrorism, ThePoliticalOffenceExceptionDoesNotRefuseThem) {
    using testing::TinyState;
    // A free origin (no persecution to suspect), a repressive one, and a
    // civil-law host whose courts are fully independent.
    const World w = build_world(
        testing::make_states({
            TinyState{.iso3 = "FRE", .fh_score = 100, .rule_of_law = 1.0},
            TinyState{
                .iso3 = "REP", .region = Region::asia_pacific, .fh_score = 10, .rule_of_law = 0.1},
            TinyState{.iso3 = "HST", .fh_score = 90, .rule_of_law = 1.0},
        }),
        Blocs{}, WorldParams{});
    const Scenario s;
    const TreatyStatus none(3);
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, none, s, tables, 0};
    const RequestFacts terror{
        0, 2, RequestKind::extradition, Offence::terrorism_extremism, true, true, false};
    const DecisionPlan plan = plan_decision(ctx, terror);
    EXPECT_EQ(plan.channel, Channel::reciprocity);
    EXPECT_FALSE(has_ground(plan, Reason::national_law));
    EXPECT_FALSE(has_ground(plan, Reason::channel_rules));  // INTERPOL's Article 3
    EXPECT_EQ(plan.pre_arrest, 0);
    EXPECT_GT(plan.grant_probability(), 0.0);
    // Control: the same charge of a speech offence meets the exception.
    RequestFacts speech = terror;
    speech.offence = Offence::content_speech;
    const DecisionPlan speech_plan = plan_decision(ctx, speech);
    ASSERT_TRUE(persecution_test(speech_plan));
    EXPECT_DOUBLE_EQ(persecution_test(speech_plan)->first, s.decision.political_exception);
    EXPECT_TRUE(has_ground(speech_plan, Reason::channel_rules));
    // A pretextual terrorism charge meets the persecution bar alone.
    RequestFacts pretext = terror;
    pretext.origin = 1;
    pretext.pretextual = true;
    const auto bar = persecution_test(plan_decision(ctx, pretext));
    ASSERT_TRUE(bar);
    EXPECT_DOUBLE_EQ(bar->first, s.decision.persecution_bar * 1.0);
    // Serious: inside the convention's scope for evidence.
    RequestFacts evidence = terror;
    evidence.kind = RequestKind::stored_content;
    evidence.serious =
        statutory_maximum_years(s.requests, Offence::terrorism_extremism, w.states.fh_status[0]) >=
        s.safeguards.serious_crime_years;
    EXPECT_TRUE(in_uncc_scope(ctx, evidence));
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
        persecution +=
            present.refused_by_reason[t * reason_count + idx(Reason::persecution_ground)];
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
    EXPECT_GT(uncc_political_grants(logged_run(s)),
              0);  // serious_crime: speech with long sentences
    s.safeguards.scope = Scope::narrow;
    EXPECT_EQ(uncc_political_grants(logged_run(s)), 0);
}

}  // namespace
}  // namespace havens
