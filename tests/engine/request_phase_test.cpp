// The parallel request loop against its serial twin, slot by slot.
#include "engine/request_phase.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <tbb/parallel_for.h>

#include "support/default_world.hpp"

namespace havens {
namespace {

TEST(RequestPhase, ParallelEqualsSerialForAnyThreadCount) {
    const World& w = testing::default_world();
    Scenario s;
    s.world.exiles = 50'000;
    s.requests.rate = 0.05;
    const StreamKey key{s.seed, 0};
    const ExileSetup setup = prepare_exiles(w, s.exiles, s.world.exiles);
    Exiles exiles = allocate_exiles(setup);
    for (ExileId i = 0; i < exiles.size(); ++i) draw_exile(setup, w.states, key, i, exiles);
    for (ExileId i = 0; i < exiles.size(); ++i) draw_contacts(setup, key, i, exiles);
    const PopulationState population = initial_population_state(exiles, w.states.size());
    TreatyStatus treaty(w.states.size());
    const DecisionTables tables = decision_tables(w, s);
    const DecisionContext ctx{w, treaty, s, tables, 7};
    const KindTable kinds = kind_table(s.requests);
    const auto serial = issue_requests(ctx, kinds, key, exiles, population, Execution::serial);
    ASSERT_GT(serial.size(), 1000u);
    for (std::size_t threads : {1u, 2u, 7u}) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        const auto parallel =
            issue_requests(ctx, kinds, key, exiles, population, Execution::parallel);
        ASSERT_EQ(parallel.size(), serial.size());
        for (std::size_t i = 0; i < serial.size(); ++i) {
            EXPECT_EQ(parallel[i].issued, serial[i].issued);
            EXPECT_EQ(parallel[i].serial, serial[i].serial);
            EXPECT_EQ(parallel[i].request.target, serial[i].request.target);
            EXPECT_EQ(parallel[i].request.facts.requested, serial[i].request.facts.requested);
            EXPECT_EQ(parallel[i].decision.granted, serial[i].decision.granted);
            EXPECT_EQ(parallel[i].decision.reason, serial[i].decision.reason);
        }
    }
}

TEST(RequestPhase, ExilePopulationIsTheSameWhateverTheSplit) {
    const World& w = testing::default_world();
    const ExileParams params;
    const ExileSetup setup = prepare_exiles(w, params, 30'000);
    Exiles a = allocate_exiles(setup), b = allocate_exiles(setup);
    const StreamKey key{9, 2};
    for (ExileId i = 0; i < a.size(); ++i) draw_exile(setup, w.states, key, i, a);
    tbb::parallel_for(ExileId{0}, static_cast<ExileId>(b.size()),
                      [&](ExileId i) { draw_exile(setup, w.states, key, i, b); });
    EXPECT_EQ(a.host, b.host);
    EXPECT_EQ(a.provider, b.provider);
    EXPECT_EQ(a.category, b.category);
}

}  // namespace
}  // namespace havens
