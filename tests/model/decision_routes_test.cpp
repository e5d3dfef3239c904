// The routes outside a treaty (docs/ODD.md 7.8, 7.9): the origin's own
// platform, a global platform's direct disclosure, assistance under the
// requested state's own law (comity) and removals outside the law. Each rule
// is checked exactly on the plans of the default world and by draws.
#include <gtest/gtest.h>

#include <cmath>

#include "model/decision.hpp"
#include "support/charges.hpp"
#include "support/default_world.hpp"
#include "support/tiny_world.hpp"
#include "support/treaty_fixtures.hpp"

namespace havens {
namespace {

using testing::default_world;

constexpr RequestKind evidence_kinds[] = {
    RequestKind::preservation, RequestKind::subscriber_data, RequestKind::stored_content,
    RequestKind::real_time_traffic, RequestKind::interception};

using testing::state_of;

using testing::for_every_charge;

struct NoTreaty {
    const World& w = default_world();
    Scenario s;
    TreatyStatus none{default_world().states.size()};
    DecisionTables tables = decision_tables(w, s);
    DecisionContext ctx{w, none, s, tables, 0};
};

// Without the convention every evidence request has a route, and the one it
// takes follows the documented order.
TEST(Routes, EveryEvidenceRequestIsSentOnTheFirstRouteThatApplies) {
    const NoTreaty n;
    const std::size_t states = n.w.states.size();
    const StateId usa = state_of(n.w, "USA"), irl = state_of(n.w, "IRL");
    const StateId gbr = state_of(n.w, "GBR"), aus = state_of(n.w, "AUS");
    int comity = 0, direct = 0;
    for (StateId o = 0; o < states; o += 5) {
        for (StateId k = 0; k < states; k += 3) {
            constexpr ChannelMask instruments = channel_bit(Channel::regional) |
                                                channel_bit(Channel::budapest) |
                                                channel_bit(Channel::mlat);
            for (RequestKind kind : evidence_kinds) {
                for_every_charge(o, k, kind, [&](const RequestFacts& f) {
                    const ChannelMask open = open_channels(n.ctx, f);
                    const DecisionPlan plan = plan_decision(n.ctx, f);
                    ASSERT_TRUE(plan.sent);
                    const bool content = kind == RequestKind::stored_content ||
                                         kind == RequestKind::real_time_traffic;
                    const bool platform =
                        (k == usa || k == irl) && (kind == RequestKind::preservation ||
                                                   kind == RequestKind::subscriber_data ||
                                                   (content && (o == gbr || o == aus)));
                    if (o == k) {
                        EXPECT_EQ(plan.channel, Channel::domestic);
                    } else if (platform) {
                        EXPECT_EQ(plan.channel, Channel::provider);
                        ++direct;
                    } else if (open & instruments) {
                        EXPECT_TRUE(plan.channel == Channel::regional ||
                                    plan.channel == Channel::budapest ||
                                    plan.channel == Channel::mlat)
                            << channel_names[idx(plan.channel)] << " " << n.w.states.iso3[o] << "->"
                            << n.w.states.iso3[k];
                    } else {
                        EXPECT_EQ(plan.channel, Channel::comity);
                        ++comity;
                    }
                });
            }
        }
    }
    EXPECT_GT(comity, 1000);
    EXPECT_GT(direct, 100);
}

// A platform gives content directly only to a state with a CLOUD Act
// agreement; interception is never a platform's to give.
TEST(Routes, ContentGoesDirectOnlyUnderACloudActAgreement) {
    const NoTreaty n;
    const StateId usa = state_of(n.w, "USA");
    for (const char* requester : {"GBR", "AUS", "DEU", "TUR", "CHN"}) {
        const StateId o = state_of(n.w, requester);
        const bool agreement = std::string(requester) == "GBR" || std::string(requester) == "AUS";
        for (RequestKind kind : {RequestKind::stored_content, RequestKind::real_time_traffic}) {
            for_every_charge(o, usa, kind, [&](const RequestFacts& f) {
                EXPECT_EQ(plan_decision(n.ctx, f).channel == Channel::provider, agreement)
                    << requester;
            });
        }
        for_every_charge(o, usa, RequestKind::interception, [&](const RequestFacts& f) {
            EXPECT_NE(plan_decision(n.ctx, f).channel, Channel::provider);
        });
    }
}

// The convention changes nothing on the routes it does not govern: the
// origin's own platform and a platform's direct answers.
TEST(Routes, TheConventionLeavesDomesticAndDirectAnswersAlone) {
    const NoTreaty n;
    TreatyStatus everyone(n.w.states.size());
    for (StateId s = 0; s < n.w.states.size(); ++s) everyone.in_force_month[s] = 0;
    everyone.entry_into_force_month = 0;
    const DecisionContext in_force{n.w, everyone, n.s, n.tables, 5};
    const StateId usa = state_of(n.w, "USA");
    for (StateId o = 0; o < n.w.states.size(); o += 7) {
        for (StateId k : {o, usa}) {
            for (RequestKind kind : {RequestKind::preservation, RequestKind::subscriber_data}) {
                for_every_charge(o, k, kind, [&](const RequestFacts& f) {
                    const DecisionPlan before = plan_decision(n.ctx, f);
                    const DecisionPlan after = plan_decision(in_force, f);
                    EXPECT_EQ(before.channel, after.channel);
                    EXPECT_EQ(before.grant_probability(), after.grant_probability());
                });
            }
        }
    }
}

TEST(Routes, TheOriginsOwnPlatformAlwaysAnswersIt) {
    const NoTreaty n;
    for (StateId o = 0; o < n.w.states.size(); o += 4) {
        for (RequestKind kind : {RequestKind::subscriber_data, RequestKind::stored_content}) {
            for_every_charge(o, o, kind, [&](const RequestFacts& f) {
                const DecisionPlan plan = plan_decision(n.ctx, f);
                EXPECT_EQ(plan.channel, Channel::domestic);
                EXPECT_EQ(plan.grant_probability(), 1.0);
            });
        }
    }
}

// A direct request meets one test, the platform's record with the
// requesting state, whatever the charge.
TEST(Routes, ADirectRequestIsGrantedAtTheRequestersDisclosureRate) {
    const NoTreaty n;
    const StateId usa = state_of(n.w, "USA");
    for (StateId o = 0; o < n.w.states.size(); o += 3) {
        if (o == usa || n.w.relations.hostile(o, usa, 0)) continue;  // hostile: their own test
        for_every_charge(o, usa, RequestKind::subscriber_data, [&](const RequestFacts& f) {
            const DecisionPlan plan = plan_decision(n.ctx, f);
            ASSERT_EQ(plan.ground_count, 1);
            EXPECT_EQ(plan.grounds[0].reason, Reason::provider_policy);
            EXPECT_NEAR(plan.grant_probability(), n.tables.provider_disclosure[o], 1e-12);
        });
    }
}

// The disclosure rate: the fit's prior for a state off the record, rising
// with its freedom; for a state on record, between its prior and its own
// share, and closer to its share the more requests it has.
TEST(ProviderDisclosure, ShrinksEachRecordTowardsTheRuleByItsSize) {
    using testing::TinyState;
    StateTable t = testing::make_states(
        {TinyState{.iso3 = "LOW", .fh_score = 10}, TinyState{.iso3 = "HIG", .fh_score = 90},
         TinyState{.iso3 = "FEW", .fh_score = 90}, TinyState{.iso3 = "MNY", .fh_score = 90}});
    t.disclosure_requests = {std::nan(""), std::nan(""), 5, 5000};
    t.disclosure_provided = {std::nan(""), std::nan(""), 5, 5000};
    const DecisionParams p;
    const double low = provider_disclosure_probability(t, p, 0);
    const double high = provider_disclosure_probability(t, p, 1);
    EXPECT_DOUBLE_EQ(low,
                     1.0 / (1.0 + std::exp(-(p.provider_intercept + 0.1 * p.provider_freedom))));
    EXPECT_LT(low, high);
    const double few = provider_disclosure_probability(t, p, 2);
    const double many = provider_disclosure_probability(t, p, 3);
    EXPECT_GT(few, high);
    EXPECT_LT(few, 1.0);
    EXPECT_GT(many, few);
    EXPECT_NEAR(many, 1.0, 1e-3);
}

// Comity: slower, less readily granted than the same request under a
// treaty, and never where a treaty binds the pair.
TEST(Comity, GrantsNoMoreThanAnMlatWouldAndWaitsLonger) {
    using testing::TinyState;
    const auto world = [](bool treaty) {
        PairData pairs;
        if (treaty) pairs.mla_treaties = {{0, 1}};
        return build_world(testing::make_states({TinyState{.iso3 = "ORI", .fh_score = 20},
                                                 TinyState{.iso3 = "HST", .fh_score = 60}}),
                           Blocs{}, WorldParams{}, std::move(pairs));
    };
    const World with = world(true), without = world(false);
    const Scenario s;
    const TreatyStatus none(2);
    const DecisionTables tw = decision_tables(with, s), to = decision_tables(without, s);
    const DecisionContext cw{with, none, s, tw, 0}, co{without, none, s, to, 0};
    for (RequestKind kind : evidence_kinds) {
        for_every_charge(0, 1, kind, [&](const RequestFacts& f) {
            const DecisionPlan mlat = plan_decision(cw, f), comity = plan_decision(co, f);
            EXPECT_EQ(mlat.channel, Channel::mlat);
            EXPECT_EQ(comity.channel, Channel::comity);
            EXPECT_LE(comity.grant_probability(), mlat.grant_probability() + 1e-15);
            if (kind != RequestKind::preservation) {
                EXPECT_EQ(comity.delay_months, s.decision.delay_comity);
            }
        });
    }
}

// Removal: rises with alignment, falls with the host's rule of law, is
// never a state's own, and the draws follow the plan.
TEST(Removal, RisesWithAlignmentFallsWithTheRuleOfLaw) {
    const World& w = default_world();
    const Scenario s;
    const DecisionTables t = decision_tables(w, s);
    const std::size_t n = w.states.size();
    for (std::size_t o = 0; o < n; o += 3) {
        EXPECT_EQ(t.removal[o * n + o], 0.0);
        for (std::size_t k = 0; k < n; k += 2) {
            if (o == k) continue;
            const double expected = s.decision.removal_scale * w.network.alignment(o, k) *
                                    (1.0 - w.states.rule_of_law[k]);
            EXPECT_DOUBLE_EQ(t.removal[o * n + k], expected);
        }
    }
    Scenario none = s;
    none.decision.removal_scale = 0;
    const DecisionTables zero = decision_tables(w, none);
    for (double q : zero.removal) EXPECT_EQ(q, 0.0);
}

TEST(Removal, IsDrawnFirstAndAtItsPlanProbability) {
    DecisionPlan plan;
    plan.sent = true;
    plan.extradition = true;
    plan.channel = Channel::reciprocity;
    plan.removal = 0.2;
    plan.add(Reason::discretion, 0.5);
    plan.pre_arrest = 0;
    int removed = 0, granted = 0;
    const int n = 100'000;
    for (int i = 0; i < n; ++i) {
        RandomStream rng({4, 0}, Purpose::decision, 0, static_cast<std::uint64_t>(i));
        const Decision d = decide(plan, rng);
        if (d.removed) {
            ++removed;
            EXPECT_EQ(d.channel, Channel::removal);
            EXPECT_FALSE(d.granted);
            EXPECT_FALSE(d.arrested);
        }
        granted += d.granted;
    }
    EXPECT_NEAR(removed / double(n), 0.2, 5 * std::sqrt(0.2 * 0.8 / n));
    EXPECT_NEAR(granted / double(n), 0.4, 5 * std::sqrt(0.4 * 0.6 / n));
    EXPECT_DOUBLE_EQ(plan.success_probability(), 0.2 + 0.8 * 0.5);
}

// The safeguards act on the legal path only: a removal is the same under
// every option, and the convention in force does not change it.
TEST(Removal, NoSafeguardReachesIt) {
    const World& w = default_world();
    TreatyStatus everyone(w.states.size());
    for (StateId s = 0; s < w.states.size(); ++s) everyone.in_force_month[s] = 0;
    Scenario strong;
    strong.safeguards.persecution_ground = PersecutionGround::mandatory;
    strong.safeguards.dual_criminality = DualCriminality::mandatory;
    const Scenario adopted;
    const TreatyStatus none(w.states.size());
    const DecisionTables ts = decision_tables(w, strong), ta = decision_tables(w, adopted);
    const DecisionContext a{w, none, adopted, ta, 0}, b{w, everyone, strong, ts, 5};
    for (StateId o = 0; o < w.states.size(); o += 9) {
        for (StateId k = 1; k < w.states.size(); k += 11) {
            if (o == k) continue;
            for_every_charge(o, k, RequestKind::extradition, [&](const RequestFacts& f) {
                EXPECT_EQ(plan_decision(a, f).removal, plan_decision(b, f).removal);
            });
        }
    }
}

}  // namespace
}  // namespace havens
