#include "engine/experiment.hpp"

#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

#include "engine/run.hpp"

namespace havens {

namespace {

std::size_t outcome_index(const std::string& name) {
    for (std::size_t k = 0; k < outcome_count; ++k) {
        if (outcome_names[k] == name) return k;
    }
    return outcome_count;
}

// One replicate of a point, with the scenario the hooks give it. It keeps
// the point's seed whatever the hook returns: the streams are keyed by
// (seed, replicate), and common random numbers between points rest on it.
ReplicateResult run_one(const World& world, const Scenario& point, std::uint64_t replicate,
                        const ExperimentHooks& hooks) {
    if (!hooks.scenario_of) return run_replicate(world, point, replicate);
    Scenario scenario = hooks.scenario_of(point, replicate);
    scenario.seed = point.seed;
    return run_replicate(world, scenario, replicate);
}

// Runs `todo` in its order with as many workers as the arena allows: each
// worker takes the next run, so runs start in order.
void execute(const World& world, const std::vector<Scenario>& points,
             const std::vector<RunId>& todo, const ExperimentHooks& hooks,
             std::vector<std::vector<std::optional<Outcomes>>>& outcomes, std::size_t& done,
             std::size_t total) {
    std::atomic<std::size_t> next{0};
    std::mutex finishing;
    const int workers = std::max(
        1, std::min<int>(tbb::this_task_arena::max_concurrency(), static_cast<int>(todo.size())));
    tbb::task_group group;
    for (int w = 0; w < workers; ++w) {
        group.run([&] {
            for (std::size_t i = next++; i < todo.size(); i = next++) {
                const RunId id = todo[i];
                const ReplicateResult result =
                    run_one(world, points[id.point], id.replicate, hooks);
                const Outcomes o = outcomes_of(result);
                if (hooks.store) hooks.store(id, result);
                std::lock_guard lock(finishing);
                outcomes[id.point][id.replicate] = o;
                if (hooks.finished) hooks.finished(id, result);
                ++done;
                if (hooks.progress) hooks.progress(done, total);
            }
        });
    }
    group.wait();
}

}  // namespace

std::size_t replicates_wanted(const ReplicationParams& params, std::span<const Outcomes> runs) {
    const std::size_t current = runs.size();
    if (!params.automatic || current >= static_cast<std::size_t>(params.max)) return current;
    const OutcomeSummary s = summarise(runs);
    for (const auto& [name, target] : params.half_width) {
        const std::size_t k = outcome_index(name);
        if (k == outcome_count) continue;    // validated when the scenario was read
        if (!(s.half_width[k] <= target)) {  // NaN (too few runs) also asks for more
            return std::min<std::size_t>(current + static_cast<std::size_t>(params.round),
                                         static_cast<std::size_t>(params.max));
        }
    }
    return current;
}

std::vector<std::size_t> run_experiment(const World& world, const std::vector<Scenario>& points,
                                        const ExperimentHooks& hooks) {
    std::vector<std::size_t> wanted(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
        const auto& s = points[p];
        wanted[p] = static_cast<std::size_t>(s.replication.automatic ? s.replication.initial
                                                                     : s.replicates);
    }
    std::vector<std::vector<std::optional<Outcomes>>> outcomes(points.size());
    std::size_t done = 0;
    for (;;) {
        std::vector<RunId> todo;
        std::size_t total = 0;
        const std::size_t most = *std::max_element(wanted.begin(), wanted.end());
        for (std::size_t r = 0; r < most; ++r) {
            for (std::size_t p = 0; p < points.size(); ++p) {
                if (r >= wanted[p]) continue;
                ++total;
                if (outcomes[p].size() <= r) outcomes[p].resize(r + 1);
                if (outcomes[p][r]) continue;
                if (hooks.completed) outcomes[p][r] = hooks.completed({p, r});
                if (outcomes[p][r]) {
                    ++done;
                } else {
                    todo.push_back({p, r});
                }
            }
        }
        if (hooks.progress) hooks.progress(done, total);
        execute(world, points, todo, hooks, outcomes, done, total);

        bool more = false;
        for (std::size_t p = 0; p < points.size(); ++p) {
            std::vector<Outcomes> runs;
            for (std::size_t r = 0; r < wanted[p]; ++r) runs.push_back(*outcomes[p][r]);
            const std::size_t next = replicates_wanted(points[p].replication, runs);
            more |= next > wanted[p];
            wanted[p] = next;
        }
        if (!more) return wanted;
    }
}

}  // namespace havens
