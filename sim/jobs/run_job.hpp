// `havens run` below the command line: runs a plan's points, every run
// saved to a checkpoint as it finishes, and writes the one result file, on
// one machine or across MPI ranks that share a file system. The command
// line (cli/commands.cpp) keeps the flags, the budget check, the progress
// display and the messages.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "engine/mpi_split.hpp"
#include "io/provenance.hpp"
#include "io/scenario_file.hpp"
#include "jobs/run_plan.hpp"
#include "model/world.hpp"

namespace havens {

struct RunJob {
    const std::vector<LoadedScenario>& loaded;
    const World& world;
    const Plan& plan;
    std::string output;
    Provenance provenance;
    bool resume = false;  // continue the interrupted job of `output`
    // The threads and the phases before the runs (loading); the job adds its own.
    JobTimes times = {};
};

struct RunJobHooks {
    // Runs done and known so far; called on rank 0 only (the total can grow
    // with adaptive rounds).
    std::function<void(std::size_t done, std::size_t total)> progress;
    // Every run of this rank is done; called on rank 0 only.
    std::function<void()> runs_done;
};

// Runs the job and writes `output`. One writer per output path: the path
// is locked while the job runs (OutputError if another job holds it).
// Alone, points are written on a thread of their own while the remaining
// runs go on, and the file grows inside the checkpoint folder, so that a killed job leaves nothing
// beside the output but that folder. Across ranks each runs its share of
// the points into its own checkpoint, NAME.rank-K.h5.partial/, and rank 0
// then joins them into the result file; a failure on any rank stops all.
void run_job(const RunJob& job, const Ranks& ranks, const RunJobHooks& hooks);

}  // namespace havens
