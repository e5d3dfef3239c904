// The incremental caches of a run against full recomputations: the safe-haven
// map and the exile risk, updated month by month as the treaty and its
// protocol enter into force, equal fresh ones computed from scratch.
#include "model/safe_havens.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/distributions.hpp"
#include "model/contagion.hpp"
#include "model/exile_risk.hpp"
#include "model/ratification.hpp"
#include "model/treaty_step.hpp"
#include "support/default_world.hpp"

namespace havens {
namespace {

// The treaty month by month, advanced as the run does.
class TreatyReplay {
public:
    TreatyReplay(const World& world, const Scenario& scenario, StreamKey key)
        : world_(world),
          scenario_(scenario),
          key_(key),
          propensity_(reservation_propensity(world.states, scenario.treaty)),
          status_(initial_treaty_status(world, scenario, key)) {}

    void advance(Month t) { advance_treaty(world_, scenario_, propensity_, key_, t, status_); }

    const TreatyStatus& status() const { return status_; }

private:
    const World& world_;
    const Scenario& scenario_;
    StreamKey key_;
    ReservationPropensity propensity_;
    TreatyStatus status_;
};

// Ratifications spread over the run, and a protocol that passes and enters
// into force within it, so that pairs change signature in many months.
Scenario spread_out_treaty() {
    Scenario s;
    s.months = 96;
    s.ratification.base_hazard = 0.004;
    s.ratification.protocol_base_hazard = 0.05;
    s.ratification.vote_intercept = 3.0;
    s.treaty.protocol_draft_month = 0;  // the protocol passes at the first session
    return s;
}

TEST(SafeHavenMap, IncrementalUpdatesEqualAFullRecomputationEveryMonth) {
    const World& w = testing::default_world();
    const std::size_t n = w.states.size();
    const Scenario s = spread_out_treaty();
    const DecisionTables tables = decision_tables(w, s);
    TreatyReplay replay(w, s, {3, 0});
    SafeHavenMap incremental(n);
    std::vector<std::uint8_t> previous;
    int months_changed = 0;
    for (Month t = 0; t < s.months; ++t) {
        replay.advance(t);
        const DecisionContext ctx{w, replay.status(), s, tables, t};
        incremental.update(ctx);
        SafeHavenMap fresh(n);
        fresh.update(ctx);
        ASSERT_EQ(incremental.matrix(), fresh.matrix()) << "month " << t;
        for (StateId o = 0; o < n; ++o) {
            ASSERT_EQ(incremental.havens_of(o), fresh.havens_of(o)) << "month " << t;
            ASSERT_EQ(incremental.list_of(o), fresh.list_of(o)) << "month " << t;
            EXPECT_FALSE(incremental.is_haven(o, o));
        }
        months_changed += !previous.empty() && previous != incremental.matrix();
        previous = incremental.matrix();
    }
    // The run moved what the map caches: both instruments entered into
    // force, and the map changed in several months.
    const TreatyStatus& end = replay.status();
    EXPECT_NE(end.entry_into_force_month, never);
    EXPECT_NE(end.protocol_entry_into_force_month, never);
    EXPECT_GE(months_changed, 10);
}

// Moves a few exiles each month as the run's outcomes do: provisional
// arrests, then release (with relocation to a current haven) or surrender.
class Disturbance {
public:
    Disturbance(StreamKey key, RelocationChoice choice) : key_(key), choice_(std::move(choice)) {}

    void apply(Month t, const SafeHavenMap& havens, Exiles& exiles, PopulationState& population) {
        RandomStream rng(key_, Purpose::contagion, static_cast<std::uint32_t>(t), 0);
        for (int i = 0; i < 8; ++i) {
            const auto target = static_cast<ExileId>(uniform_index(rng, exiles.size()));
            if (auto before = apply_arrest(target, exiles, population)) {
                held_.emplace_back(target, *before);
            }
        }
        ContagionParams move;
        move.relocation_probability = 1.0;
        std::vector<std::pair<ExileId, ExileStatus>> still;
        for (const auto& [target, before] : held_) {
            const double u = rng.uniform();
            if (u < 0.4) {
                apply_release(target, before, move,
                              {havens.list_of(exiles.origin[target]), choice_}, rng, exiles,
                              population);
            } else if (u < 0.5) {
                apply_surrender(target, exiles, population);
            } else {
                still.emplace_back(target, before);
            }
        }
        held_ = std::move(still);
    }

private:
    StreamKey key_;
    RelocationChoice choice_;
    std::vector<std::pair<ExileId, ExileStatus>> held_;
};

TEST(ExileRiskTracker, IncrementalUpdatesEqualAFreshTrackerEveryMonth) {
    const World& w = testing::default_world();
    const std::size_t n = w.states.size();
    const Scenario s = spread_out_treaty();
    const DecisionTables tables = decision_tables(w, s);
    const StreamKey key{4, 0};
    const ExileSetup setup = prepare_exiles(w, s.exiles, 5000);
    Exiles exiles = allocate_exiles(setup);
    for (ExileId i = 0; i < exiles.size(); ++i) draw_exile(setup, w.states, key, i, exiles);
    PopulationState population = initial_population_state(exiles, n);
    TreatyReplay replay(w, s, key);
    SafeHavenMap havens(n);
    Disturbance disturbance(key, relocation_choice(w, setup, s.contagion));
    ExileRiskTracker incremental(n, s.requests);
    const std::int64_t everyone = static_cast<std::int64_t>(exiles.size());
    double first_overall = -1.0;
    bool overall_moved = false;
    for (Month t = 0; t < s.months; ++t) {
        replay.advance(t);
        const DecisionContext ctx{w, replay.status(), s, tables, t};
        havens.update(ctx);
        disturbance.apply(t, havens, exiles, population);
        PopulationState copy = population;
        const ExileRisk got = incremental.update(ctx, population);
        const ExileRisk want = ExileRiskTracker(n, s.requests).update(ctx, copy);
        for (std::uint8_t m : population.moved) ASSERT_EQ(m, 0) << "month " << t;
        ASSERT_EQ(got.overall, want.overall) << "month " << t;
        for (StateId o = 0; o < n; ++o) {
            if (std::isnan(want.by_origin[o])) {
                ASSERT_TRUE(std::isnan(got.by_origin[o])) << w.states.iso3[o] << " month " << t;
            } else {
                ASSERT_EQ(got.by_origin[o], want.by_origin[o])
                    << w.states.iso3[o] << " month " << t;
            }
        }
        if (first_overall < 0) first_overall = got.overall;
        overall_moved = overall_moved || got.overall != first_overall;
    }
    // The disturbance did move exiles, and the treaty moved the risk.
    EXPECT_LT(population.by_status[idx(ExileStatus::safe)], everyone);
    EXPECT_GT(population.by_status[idx(ExileStatus::relocated)], 0);
    EXPECT_GT(population.by_status[idx(ExileStatus::extradited)], 0);
    EXPECT_TRUE(overall_moved);
}

}  // namespace
}  // namespace havens
