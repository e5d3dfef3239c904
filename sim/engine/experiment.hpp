// An experiment: every (point, replicate) run of one or more scenarios or
// sweep points, executed as parallel oneTBB tasks. Runs start in a fixed
// order, replicate-major (replicate 0 of every point, then replicate 1, ...),
// so that an interrupted experiment is a balanced sample. Completed runs are
// handed to the caller one at a time (for a checkpoint); runs the caller
// already holds are not run again. With adaptive replication, rounds of
// replicates are added to the points whose outcomes are not yet precise.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "engine/outcomes.hpp"
#include "engine/replicate_result.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

struct RunId {
    std::size_t point = 0;
    std::uint64_t replicate = 0;
};

struct ExperimentHooks {
    // The outcomes of a run completed earlier (a resumed experiment), if any.
    std::function<std::optional<Outcomes>(RunId)> completed;
    // A finished run, from the worker that ran it, before `finished`;
    // calls run at once on several workers (saving the run, say).
    std::function<void(RunId, const ReplicateResult&)> store;
    // A finished run; calls are serialised (never two at once).
    std::function<void(RunId, const ReplicateResult&)> finished;
    // Runs done and known so far (the total can grow with adaptive rounds).
    std::function<void(std::size_t done, std::size_t total)> progress;
    // The scenario a replicate of a point runs with (a parameter set drawn
    // for it, say); none: the point itself. Called from worker threads, in
    // no fixed order, so it must be a pure function of its arguments. The
    // replicate keeps the point's seed, so that common random numbers hold
    // between points.
    std::function<Scenario(const Scenario& point, std::uint64_t replicate)> scenario_of;
};

// The replicates each point ended with.
std::vector<std::size_t> run_experiment(const World& world, const std::vector<Scenario>& points,
                                        const ExperimentHooks& hooks);

// The number of replicates adaptive replication wants for a point, given the
// outcomes of the runs it has: `current` when every target is met or the cap
// is reached, else one more round.
std::size_t replicates_wanted(const ReplicationParams& params, std::span<const Outcomes> runs);

}  // namespace havens
