// The decision kernel: routing, the chain of refusal grounds and the draws,
// over a realistic mix of requests in the default world with the convention
// in force for every party. items_per_second = request decisions per second
// on one core (the benchmark is single-threaded).
#include <benchmark/benchmark.h>

#include "engine/request_phase.hpp"
#include "model/decision.hpp"
#include "support/default_world.hpp"

namespace havens {
namespace {

struct Fixture {
    const World& world = testing::default_world();
    Scenario scenario;
    TreatyStatus treaty{world.states.size()};
    DecisionTables tables;
    std::vector<RequestFacts> requests;

    Fixture() {
        for (StateId s = 0; s < world.states.size(); ++s) {
            treaty.ratified_month[s] = 0;
            treaty.in_force_month[s] = s % 4 == 0 ? never : 0;  // most, not all, in force
        }
        treaty.entry_into_force_month = 0;
        tables = decision_tables(world, scenario);
        // Requests as the engine draws them, from the default exile population.
        const ExileSetup setup = prepare_exiles(world, scenario.exiles, 20'000);
        Exiles exiles = allocate_exiles(setup);
        const StreamKey key{1, 0};
        for (ExileId i = 0; i < exiles.size(); ++i) draw_exile(setup, world.states, key, i, exiles);
        const KindTable kinds = kind_table(scenario.requests);
        for (ExileId i = 0; i < exiles.size(); ++i) {
            RandomStream rng(key, Purpose::request_draw, 0, i);
            requests.push_back(draw_request(scenario.requests, scenario.safeguards, kinds,
                                            world.states, exiles, i, rng)
                                   .facts);
        }
    }
};

void decision_kernel(benchmark::State& state) {
    static const Fixture f;
    const DecisionContext ctx{f.world, f.treaty, f.scenario, f.tables, 10};
    std::uint64_t i = 0;
    int granted = 0;
    for (auto _ : state) {
        const RequestFacts& facts = f.requests[i % f.requests.size()];
        RandomStream rng({1, 0}, Purpose::decision, 10, facts.origin, i);
        granted += decide(plan_decision(ctx, facts), rng).granted;
        ++i;
    }
    benchmark::DoNotOptimize(granted);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(decision_kernel);

// The whole monthly request phase (target choice, attribute draws, routing,
// decision) for one month of a 10^6-exile world, single-threaded.
void request_phase(benchmark::State& state) {
    static const Fixture f;
    Scenario s = f.scenario;
    s.world.exiles = 1'000'000;
    const StreamKey key{1, 0};
    static const Exiles exiles = [&] {
        const ExileSetup setup = prepare_exiles(f.world, s.exiles, s.world.exiles);
        Exiles e = allocate_exiles(setup);
        for (ExileId i = 0; i < e.size(); ++i) draw_exile(setup, f.world.states, key, i, e);
        for (ExileId i = 0; i < e.size(); ++i) draw_contacts(setup, key, i, e);
        return e;
    }();
    const PopulationState population = initial_population_state(exiles, f.world.states.size());
    const DecisionContext ctx{f.world, f.treaty, s, f.tables, 10};
    const KindTable kinds = kind_table(s.requests);
    std::int64_t requests = 0;
    for (auto _ : state) {
        const auto issued = issue_requests(ctx, kinds, key, exiles, population, Execution::serial);
        requests += static_cast<std::int64_t>(issued.size());
        benchmark::DoNotOptimize(issued.data());
    }
    state.SetItemsProcessed(requests);
}
BENCHMARK(request_phase)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace havens
