#include "engine/request_phase.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <optional>

#include "core/distributions.hpp"

namespace havens {

namespace {

// A target among the origin's exiles, preferring exposed contacts; the
// detained are out of reach, so a draw that finds one is retried a few times.
std::optional<ExileId> choose_target(const Exiles& exiles, const PopulationState& population,
                                     StateId origin, double priority_share, RandomStream& rng) {
    constexpr int attempts = 4;
    const auto& pool = population.priority_pool[origin];
    const std::uint64_t size = exiles.of_origin(origin);
    for (int attempt = 0; attempt < attempts; ++attempt) {
        // Both draws are always taken, so that the stream stays aligned across arms.
        const bool prioritise = rng.uniform() < priority_share;
        const std::uint64_t pick = rng.next_u64();
        const ExileId target =
            prioritise && !pool.empty()
                ? pool[index_from_bits(pick, pool.size())]
                : exiles.origin_begin[origin] + static_cast<ExileId>(index_from_bits(pick, size));
        if (!is_detained(exiles.status[target])) return target;
    }
    return std::nullopt;
}

IssuedRequest issue_one(const DecisionContext& ctx, const KindTable& kinds, StreamKey key,
                        const Exiles& exiles, const PopulationState& population, StateId origin,
                        std::uint32_t serial) {
    const auto month = static_cast<std::uint32_t>(ctx.month);
    RandomStream draws(key, Purpose::request_draw, month, origin, serial);
    IssuedRequest out;
    out.serial = serial;
    const auto target =
        choose_target(exiles, population, origin, ctx.scenario.requests.priority_share, draws);
    if (!target) return out;
    out.issued = true;
    out.request = draw_request(ctx.scenario.requests, ctx.scenario.safeguards, kinds,
                               ctx.world.states, exiles, *target, draws);
    RandomStream decision(key, Purpose::decision, month, origin, serial);
    out.decision = decide(plan_decision(ctx, out.request.facts), decision);
    return out;
}

// Runs `issue(origin, serial)` for every request of the month, in parallel
// or not, each into its own slot, in (origin, serial) order.
template <typename Issue>
std::vector<IssuedRequest> issue_all(const std::vector<std::size_t>& offset, Execution execution,
                                     Issue issue) {
    const std::size_t n = offset.size() - 1;
    std::vector<IssuedRequest> out(offset[n]);
    auto body = [&](std::size_t begin, std::size_t end) {
        StateId o = static_cast<StateId>(std::upper_bound(offset.begin(), offset.end(), begin) -
                                         offset.begin() - 1);
        for (std::size_t g = begin; g < end; ++g) {
            while (g >= offset[o + 1]) ++o;
            out[g] = issue(o, static_cast<std::uint32_t>(g - offset[o]));
        }
    };
    if (execution == Execution::serial) {
        body(0, out.size());
    } else {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, out.size(), 512),
                          [&](const auto& range) { body(range.begin(), range.end()); });
    }
    return out;
}

}  // namespace

std::vector<IssuedRequest> issue_requests(const DecisionContext& ctx, const KindTable& kinds,
                                          StreamKey key, const Exiles& exiles,
                                          const PopulationState& population, Execution execution) {
    const std::size_t n = ctx.world.states.size();
    std::vector<std::size_t> offset(n + 1, 0);
    for (StateId o = 0; o < n; ++o) {
        RandomStream rng(key, Purpose::request_count, static_cast<std::uint32_t>(ctx.month), o);
        const double mean = population.active[o] == 0 ? 0.0
                                                      : request_rate(ctx.scenario.requests,
                                                                     ctx.world.states.repression[o],
                                                                     population.active[o]);
        offset[o + 1] = offset[o] + poisson(rng, mean);
    }
    return issue_all(offset, execution, [&](StateId origin, std::uint32_t serial) {
        return issue_one(ctx, kinds, key, exiles, population, origin, serial);
    });
}

std::vector<IssuedRequest> issue_legitimate_requests(const DecisionContext& ctx,
                                                     const KindTable& kinds, StreamKey key,
                                                     const ExileSetup& setup,
                                                     const std::vector<double>& shares,
                                                     Execution execution) {
    const std::size_t n = ctx.world.states.size();
    const auto month = static_cast<std::uint32_t>(ctx.month);
    std::vector<std::size_t> offset(n + 1, 0);
    for (StateId o = 0; o < n; ++o) {
        RandomStream rng(key, Purpose::legitimate_count, month, o);
        offset[o + 1] = offset[o] + poisson(rng, ctx.scenario.requests.legitimate_rate * shares[o]);
    }
    return issue_all(offset, execution, [&](StateId origin, std::uint32_t serial) {
        RandomStream draws(key, Purpose::legitimate_draw, month, origin, serial);
        IssuedRequest out;
        out.serial = serial;
        out.issued = true;
        out.request = draw_legitimate_request(ctx.scenario.requests, ctx.scenario.safeguards, kinds,
                                              ctx.world.states, setup, origin, draws);
        RandomStream decision(key, Purpose::legitimate_decision, month, origin, serial);
        out.decision = decide(plan_decision(ctx, out.request.facts), decision);
        return out;
    });
}

}  // namespace havens
