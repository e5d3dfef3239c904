// The runs of a `havens run` job: every point of every scenario file, which
// MPI rank owns which, and what a resumed job must find again (the manifest
// and each point's identity in the checkpoint).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "io/checkpoint.hpp"
#include "io/scenario_file.hpp"
#include "jobs/posterior_runs.hpp"
#include "scenario/sweep.hpp"

namespace havens {

// Every point of every scenario file, in file order: a scenario without a
// sweep is one point.
struct Plan {
    std::vector<std::vector<SweepPoint>> points_of;  // per scenario file
    std::vector<Scenario> points;                    // all, flat
    std::vector<std::size_t> file_of;                // the file of each flat point
    std::vector<std::size_t> index_in_file;          // its place in points_of[file_of]
    std::optional<PosteriorRuns> posterior;          // --posterior: each replicate's parameters
};

// Expands every file's sweep. InputError naming the file when two points
// would write the same group.
Plan plan_points(const std::vector<LoadedScenario>& loaded);

// The flat indices of the points rank `rank` of `ranks` owns: every
// `ranks`-th point, so that sweeps spread evenly.
std::vector<std::size_t> points_of_rank(const Plan& plan, int ranks, int rank);

// What a resumed job must match: the build and every point's resolved
// configuration (threads, progress and the output path do not matter), and
// with several ranks which rank of how many.
std::string manifest_for(const Plan& plan, int ranks, int rank);

// The identities of the runs of the points `mine` (flat indices), in local
// order: a run over a posterior is another run than one without, or over
// another posterior.
std::vector<PointIdentity> identities_of(const Plan& plan, const std::vector<std::size_t>& mine);

// The file of rank k of an MPI run: NAME.rank-K.h5 beside NAME.h5.
std::string rank_file(const std::string& output, int rank);

}  // namespace havens
