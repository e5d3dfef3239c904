#include "model/ratification.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "engine/run.hpp"
#include "support/default_world.hpp"
#include "support/tiny_world.hpp"

namespace havens {
namespace {

TEST(EntryIntoForce, ExactlyTheDelayAfterTheThresholdthInstrument) {
    const World w = testing::uniform_world(50);
    Scenario s = testing::everyone_ratifies_at_once();
    s.treaty.threshold = 40;
    const ReplicateResult r = run_replicate(w, s, 0);
    EXPECT_EQ(r.parties[0], 50);
    EXPECT_EQ(r.entry_into_force_month, 3);
    EXPECT_EQ(r.treaty_in_force[2], 0);
    EXPECT_EQ(r.treaty_in_force[3], 1);
    for (Month m : r.treaty_in_force_month) EXPECT_EQ(m, 3);
}

TEST(EntryIntoForce, HoldsInEveryReplicateOfTheDefaultWorld) {
    const World& w = testing::default_world();
    Scenario s;
    s.months = 120;
    for (int threshold : {20, 40, 80}) {
        s.treaty.threshold = threshold;
        for (std::uint64_t rep = 0; rep < 6; ++rep) {
            const ReplicateResult r = run_replicate(w, s, rep);
            const auto reached = std::find_if(r.parties.begin(), r.parties.end(),
                                              [&](int p) { return p >= threshold; });
            ASSERT_NE(reached, r.parties.end()) << "threshold " << threshold;
            const Month threshold_month = static_cast<Month>(reached - r.parties.begin());
            EXPECT_EQ(r.entry_into_force_month, threshold_month + 3);
            for (Month t = 0; t < s.months; ++t) {
                EXPECT_EQ(r.treaty_in_force[t], t >= threshold_month + 3 ? 1 : 0);
            }
            // Later parties: 30 days after their deposit, never before the convention.
            for (StateId i = 0; i < w.states.size(); ++i) {
                const Month deposit = r.ratified_month[i];
                if (deposit == never) {
                    EXPECT_EQ(r.treaty_in_force_month[i], never);
                } else if (deposit > threshold_month) {
                    EXPECT_EQ(r.treaty_in_force_month[i],
                              std::max(threshold_month + 3, deposit + 1));
                } else {
                    EXPECT_EQ(r.treaty_in_force_month[i], threshold_month + 3);
                }
            }
        }
    }
}

TEST(EntryIntoForce, NeverWhenTheThresholdExceedsTheStatesThatEverRatify) {
    const World w = testing::uniform_world(10);
    Scenario s = testing::everyone_ratifies_at_once();
    s.treaty.threshold = 11;
    const ReplicateResult r = run_replicate(w, s, 0);
    EXPECT_EQ(r.parties.back(), 10);
    EXPECT_EQ(r.entry_into_force_month, never);
    EXPECT_EQ(std::accumulate(r.treaty_in_force.begin(), r.treaty_in_force.end(), 0), 0);
    for (Month m : r.treaty_in_force_month) EXPECT_EQ(m, never);
    s.treaty.threshold = 10;
    EXPECT_EQ(run_replicate(w, s, 0).entry_into_force_month, 3);
}

TEST(Ratification, NoTreatyMeansNoParties) {
    Scenario s;
    s.treaty.enabled = false;
    s.months = 60;
    const ReplicateResult r = run_replicate(testing::default_world(), s, 0);
    EXPECT_EQ(r.parties.back(), 0);
    EXPECT_EQ(r.entry_into_force_month, never);
}

TEST(Ratification, ObservedDepositIsAppliedInItsMonth) {
    const World& w = testing::default_world();
    const auto qatar =
        std::find(w.states.iso3.begin(), w.states.iso3.end(), "QAT") - w.states.iso3.begin();
    Scenario s;
    s.months = 12;
    s.ratification.base_hazard = 0.0;  // nothing but the documented deposits
    const ReplicateResult r = run_replicate(w, s, 0);
    EXPECT_EQ(r.ratified_month[qatar], 4);
    EXPECT_EQ(r.parties[3], 0);
    EXPECT_EQ(r.parties[4], 1);
    EXPECT_EQ(r.parties[6], 1);
    EXPECT_EQ(r.parties[7], 3);  // Azerbaijan and Viet Nam, May 2026
    EXPECT_EQ(r.parties.back(), 3);
    s.treaty.observed_deposits = false;
    EXPECT_EQ(run_replicate(w, s, 0).parties.back(), 0);
}

TEST(Ratification, HigherPeerPressureRaisesTheDepositProbability) {
    const World& w = testing::default_world();
    const RatificationParams p;
    const auto none = Engagement::none;
    EXPECT_LT(decision_probability(w, p, 0, none, 0.0, 0.0),
              decision_probability(w, p, 0, none, 0.5, 0.0));
    EXPECT_LT(decision_probability(w, p, 0, none, 0.0, 0.0),
              decision_probability(w, p, 0, none, 0.0, 0.5));
    EXPECT_LT(decision_probability(w, p, 0, none, 0.0, 0.0),
              decision_probability(w, p, 0, Engagement::signed_, 0.0, 0.0));
    EXPECT_LT(decision_probability(w, p, 0, Engagement::declined, 0.0, 0.0),
              decision_probability(w, p, 0, none, 0.0, 0.0));
}

TEST(Ratification, ThresholdVariantRatifiesOnlyAbovePeerThresholds) {
    const World& w = testing::default_world();
    Scenario s;
    s.months = 240;
    s.ratification.model = RatificationModel::threshold;
    const ReplicateResult r = run_replicate(w, s, 1);
    EXPECT_GT(r.parties.back(), 1);  // the cascade starts from the observed deposit
    // With thresholds above any possible peer share, only the documented deposits happen.
    s.ratification.theta_max = 1.0;
    s.ratification.theta_signatory_factor = 1.0;
    s.ratification.threshold_pace = 0.0;
    const auto documented =
        std::count_if(w.states.observed_deposit_month.begin(),
                      w.states.observed_deposit_month.end(), [](Month m) { return m != never; });
    EXPECT_EQ(run_replicate(w, s, 1).parties.back(), documented);
}

TEST(DomesticProcedure, LagsAreNeverBelowTheMinimumAndHaveTheStatedMedian) {
    RatificationParams p;
    p.lag_min_months = 3;
    p.lag_median_months = 12;
    p.lag_sigma = 0.8;
    std::vector<int> lags;
    for (std::uint64_t i = 0; i < 20000; ++i) {
        RandomStream rng(StreamKey{1, 0}, Purpose::ratification_lag, 0, i);
        lags.push_back(draw_procedure_lag(p, rng));
    }
    EXPECT_GE(*std::min_element(lags.begin(), lags.end()), 3);
    std::nth_element(lags.begin(), lags.begin() + 10000, lags.end());
    EXPECT_EQ(lags[10000], 12);  // round(12 e^{0.8 Z}) at the median Z
    p.lag_sigma = 0.0;
    RandomStream rng(StreamKey{1, 0}, Purpose::ratification_lag, 0, 0);
    EXPECT_EQ(draw_procedure_lag(p, rng), 12);
}

// Every replicate of the default world keeps the law of signature and the
// domestic procedure: no deposit before signature plus the minimum lag for a
// signatory; no signature after it closes (a later depositor accedes); no
// deposit the documented record rules out.
TEST(DomesticProcedure, SignatureAccessionAndTheRecordHoldInTheDefaultWorld) {
    const World& w = testing::default_world();
    Scenario s;
    s.months = 240;
    s.world.exiles = 0;
    const Month close = s.treaty.signature_close_month;
    int accessions = 0, signed_in_run = 0;
    for (std::uint64_t rep = 0; rep < 12; ++rep) {
        const ReplicateResult r = run_replicate(w, s, rep);
        for (StateId i = 0; i < w.states.size(); ++i) {
            const Month signed_at = r.signed_month[i], deposit = r.ratified_month[i];
            if (signed_at != never) EXPECT_LE(signed_at, std::max(close, w.states.signed_month[i]));
            signed_in_run += signed_at != never && w.states.signed_month[i] == never;
            if (deposit == never || w.states.observed_deposit_month[i] != never) continue;
            EXPECT_GT(deposit, w.states.record_through) << w.states.iso3[i];
            if (signed_at != never) {
                EXPECT_GE(deposit, signed_at + s.ratification.lag_min_months) << w.states.iso3[i];
            } else {
                ++accessions;
                EXPECT_GT(deposit, close - s.ratification.lag_min_months);
            }
        }
    }
    EXPECT_GT(accessions, 0);  // the rules were exercised, not vacuous
    EXPECT_GT(signed_in_run, 0);
}

TEST(DomesticProcedure, ADepositFallsDueAfterTheDecisionPlusTheLag) {
    const World w = testing::uniform_world(5);
    Scenario s = testing::everyone_ratifies_at_once(24);
    s.ratification.lag_min_months = 6;
    s.ratification.lag_median_months = 6;
    s.ratification.lag_sigma = 0.0;
    const ReplicateResult r = run_replicate(w, s, 0);
    EXPECT_EQ(r.parties[5], 0);
    EXPECT_EQ(r.parties[6], 5);
    for (Month m : r.signed_month) EXPECT_EQ(m, 0);  // decided before the close: they sign
    s.treaty.signature_close_month = -1;             // signature already closed: accession
    for (Month m : run_replicate(w, s, 0).signed_month) EXPECT_EQ(m, never);
}

TEST(Denunciation, TakesEffectAfterTheDelayAndEndsBothInstruments) {
    World w = testing::uniform_world(3);
    w.states.observed_deposit_month = {0, 0, 0};
    w.states.observed_denunciation_month = {never, 5, never};
    Scenario s;
    s.months = 24;
    s.ratification.base_hazard = 0.0;
    s.treaty.threshold = 3;
    s.treaty.denunciation_delay_months = 12;
    const ReplicateResult r = run_replicate(w, s, 0);
    EXPECT_EQ(r.parties[16], 3);
    EXPECT_EQ(r.parties[17], 2);
    EXPECT_EQ(r.parties.back(), 2);
    EXPECT_EQ(r.entry_into_force_month, 3);  // the instruments counted stay counted
}

TEST(Reservations, NoneRecordedWhenProhibited) {
    const World& w = testing::default_world();
    Scenario s;
    s.months = 240;
    s.treaty.reservations = ReservationPolicy::prohibited;
    for (std::uint64_t rep = 0; rep < 4; ++rep) {
        const ReplicateResult r = run_replicate(w, s, rep);
        ASSERT_GT(r.parties.back(), 100);
        for (const auto& row : r.reservations) {
            for (auto flag : row) EXPECT_EQ(flag, 0);
        }
    }
}

TEST(Reservations, PropensitiesSumToTheReportedVotes) {
    const World& w = testing::default_world();
    const TreatyParams params;
    const auto p = reservation_propensity(w.states, params);
    const std::array<double, 3> targets{23, 11, 25};
    for (std::size_t a = 0; a < article_count; ++a) {
        double sum = 0;
        for (const auto& row : p) sum += row[a];
        EXPECT_NEAR(sum, targets[a], 1e-6);
    }
    // Only states with a positive score (not a 'no' vote, some repression) may reserve.
    for (StateId s = 0; s < w.states.size(); ++s) {
        if (w.states.stance[s] == Stance::no) {
            EXPECT_EQ(p[s][0], 0.0);
        }
    }
}

TEST(Reservations, RecordedOnlyForParties) {
    const World& w = testing::default_world();
    Scenario s;
    s.months = 36;
    const ReplicateResult r = run_replicate(w, s, 2);
    int reserving = 0;
    for (StateId i = 0; i < w.states.size(); ++i) {
        const int any = r.reservations[i][0] + r.reservations[i][1] + r.reservations[i][2];
        if (r.ratified_month[i] == never) {
            EXPECT_EQ(any, 0);
        }
        reserving += any > 0;
    }
    EXPECT_GT(reserving, 0);
}

}  // namespace
}  // namespace havens
