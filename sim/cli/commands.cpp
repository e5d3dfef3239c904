#include "cli/commands.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/progress.hpp"
#include "core/errors.hpp"
#include "engine/experiment.hpp"
#include "engine/mpi_split.hpp"
#include "io/build_info.hpp"
#include "io/checkpoint.hpp"
#include "io/load_world.hpp"
#include "io/result_file.hpp"
#include "io/result_info.hpp"
#include "io/scenario_file.hpp"
#include "jobs/output_path.hpp"
#include "jobs/posterior_runs.hpp"
#include "jobs/size_check.hpp"

namespace havens {

namespace {

// The bytes of a world's data file (a few hundred kB at most).
std::string bytes_of(const std::string& path, const char* key) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw InputError(path, 0, key, "cannot read the file");
    return bytes.str();
}

// Whether two scenarios build the same world, their data files compared by
// what they hold: a copy of the default world in another folder is the same
// world, one with a changed file is not.
bool same_world_content(const WorldParams& a, WorldParams b) {
    const auto files_a = a.files();
    const auto files_b = b.files();
    for (std::size_t i = 0; i < files_a.size(); ++i) {
        const std::string& path_a = *files_a[i].first;
        std::string& path_b = *files_b[i].first;
        if (path_a != path_b &&
            bytes_of(path_a, files_a[i].second) == bytes_of(path_b, files_b[i].second)) {
            path_b = path_a;
        }
    }
    return same_world(a, b);
}

std::vector<LoadedScenario> load_with_flags(const RunOptions& o) {
    std::vector<std::string> overrides = o.overrides;
    if (o.replicates) overrides.push_back("replicates=" + std::to_string(*o.replicates));
    if (o.seed) overrides.push_back("seed=" + std::to_string(*o.seed));
    std::vector<LoadedScenario> loaded;
    for (const auto& path : o.scenarios) {
        loaded.push_back(load_scenario(path, overrides));
        for (std::size_t i = 0; i + 1 < loaded.size(); ++i) {
            if (loaded[i].scenario.name == loaded.back().scenario.name) {
                throw InputError(path, 0, "name",
                                 "scenario name '" + loaded.back().scenario.name +
                                     "' is already used by " + loaded[i].path);
            }
        }
        if (!same_world_content(loaded.front().scenario.world, loaded.back().scenario.world)) {
            throw InputError(
                path, 0, "world",
                "scenarios in one result file must share the world of " + loaded.front().path);
        }
    }
    return loaded;
}

// The provenance of several scenario files: their texts, each headed by its
// path, and their resolved configurations keyed by scenario name.
Provenance provenance_of(const std::vector<LoadedScenario>& loaded,
                         const std::string& command_line) {
    std::string text;
    nlohmann::json config = nlohmann::json::object();
    for (const auto& l : loaded) {
        if (loaded.size() > 1) text += "# --- " + l.path + "\n";
        text += l.text;
        config[l.scenario.name] = scenario_to_json(l.scenario);
    }
    return make_provenance(command_line, text,
                           (loaded.size() == 1 ? config.front() : config).dump(),
                           loaded.front().scenario.seed);
}

// Every point of every scenario file, in file order: a scenario without a
// sweep is one point.
struct Plan {
    std::vector<std::vector<SweepPoint>> points_of;  // per scenario file
    std::vector<Scenario> points;                    // all, flat
    std::vector<std::size_t> file_of;                // the file of each flat point
    std::vector<std::size_t> index_in_file;          // its place in points_of[file_of]
    std::optional<PosteriorRuns> posterior;          // --posterior: each replicate's parameters
};

Plan plan_points(const std::vector<LoadedScenario>& loaded) {
    Plan plan;
    for (std::size_t f = 0; f < loaded.size(); ++f) {
        plan.points_of.push_back(expand_sweep(loaded[f].scenario, loaded[f].sweep));
        const auto& points = plan.points_of.back();
        for (std::size_t i = 0; i < points.size(); ++i) {
            plan.points.push_back(points[i].scenario);
            plan.file_of.push_back(f);
            plan.index_in_file.push_back(i);
        }
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
        if (!names.insert(plan.points[i].name).second) {
            throw InputError(loaded[plan.file_of[i]].path, 0, "name",
                             "group name '" + plan.points[i].name + "' is used twice");
        }
    }
    return plan;
}

// What a resumed run must match: the build and every point's resolved
// configuration (threads, progress and the output path do not matter).
std::string manifest_of(const Plan& plan) {
    nlohmann::json m;
    m["havens_version"] = build_info::version;
    m["git_revision"] = build_info::git_revision;
    for (const auto& p : plan.points) m["points"].push_back(scenario_to_json(p));
    if (plan.posterior) m["posterior"] = posterior_identity(*plan.posterior);
    return m.dump(1);
}

// The file of rank k of an MPI run: NAME.rank-K.h5 beside NAME.h5.
std::string rank_file(const std::string& output, int rank) {
    const std::filesystem::path p(output);
    return (p.parent_path() /
            (p.stem().string() + ".rank-" + std::to_string(rank) + p.extension().string()))
        .string();
}

void add_sweeps(const std::vector<LoadedScenario>& loaded, const Plan& plan,
                ResultFileWriter& writer) {
    for (std::size_t f = 0; f < loaded.size(); ++f) {
        if (loaded[f].sweep.design != SweepDesign::none) {
            writer.add_sweep(
                SweepTable{loaded[f].scenario.name, loaded[f].sweep, plan.points_of[f]});
        }
    }
    std::vector<std::string> order;
    for (const auto& p : plan.points) order.push_back(p.name);
    writer.set_scenario_order(order);
}

// Writes a point's group from the runs saved in a checkpoint.
void write_point(const std::vector<LoadedScenario>& loaded, const Plan& plan, std::size_t flat,
                 const Checkpoint& checkpoint, std::size_t local, std::size_t replicates,
                 ResultFileWriter& writer) {
    const std::size_t f = plan.file_of[flat];
    const bool swept = loaded[f].sweep.design != SweepDesign::none;
    std::vector<ReplicateResult> results;
    for (std::uint64_t r = 0; r < replicates; ++r) results.push_back(checkpoint.load({local, r}));
    std::optional<PosteriorDraws> draws;
    if (plan.posterior) draws = draws_of(*plan.posterior, plan.points[flat], replicates);
    writer.add_scenario(
        ScenarioOutput{plan.points[flat], results, loaded[f].text,
                       swept ? &plan.points_of[f][plan.index_in_file[flat]] : nullptr,
                       loaded[f].scenario.name, draws ? &*draws : nullptr});
}

// The identities of the runs of the points `mine` (flat indices), in local order.
std::vector<PointIdentity> identities_of(const Plan& plan, const std::vector<std::size_t>& mine) {
    std::vector<PointIdentity> identities;
    for (std::size_t flat : mine) {
        const Scenario& p = plan.points[flat];
        // A run over a posterior is another run than one without, or over another.
        const std::string posterior =
            plan.posterior ? "\nposterior " + posterior_identity(*plan.posterior) : "";
        identities.push_back(
            PointIdentity{p.name, p.seed, config_hash(scenario_to_json(p).dump() + posterior)});
    }
    return identities;
}

std::string manifest_for(const Plan& plan, const Ranks& ranks, int rank) {
    nlohmann::json manifest = nlohmann::json::parse(manifest_of(plan));
    if (ranks.size() > 1) manifest["rank"] = {rank, ranks.size()};
    return manifest.dump(1);
}

// The flat indices of the points a rank owns.
std::vector<std::size_t> points_of_rank(const Plan& plan, const Ranks& ranks, int rank) {
    std::vector<std::size_t> mine;
    for (std::size_t flat = 0; flat < plan.points.size(); ++flat) {
        if (static_cast<int>(flat % static_cast<std::size_t>(ranks.size())) == rank)
            mine.push_back(flat);
    }
    return mine;
}

// Runs the points this rank owns, each run saved to the checkpoint as it
// finishes. `point_done(local, replicates)` is called (serialised) as soon
// as a point's last replicate is saved, or at the end for adaptive points,
// whose number of replicates is settled only then.
void run_points(const RunOptions& o, const World& world, const Plan& plan,
                const std::vector<std::size_t>& mine, const Checkpoint& checkpoint,
                bool progress_bar,
                const std::function<void(std::size_t, std::size_t)>& point_done) {
    std::vector<Scenario> points;
    points.reserve(mine.size());
    for (std::size_t flat : mine) points.push_back(plan.points[flat]);
    std::vector<std::size_t> saved(points.size(), 0);
    std::vector<bool> done(points.size(), false);
    auto note_saved = [&](std::size_t local) {
        const Scenario& s = points[local];
        if (++saved[local] == static_cast<std::size_t>(s.replicates) && !s.replication.automatic) {
            point_done(local, saved[local]);
            done[local] = true;
        }
    };
    Progress progress(progress_bar ? Progress::style_for_stderr(o.quiet) : Progress::Style::quiet);
    ExperimentHooks hooks;
    hooks.completed = [&](RunId id) -> std::optional<Outcomes> {
        if (!checkpoint.has(id)) return std::nullopt;
        const Outcomes outcomes = outcomes_of(checkpoint.load(id));
        note_saved(id.point);
        return outcomes;
    };
    hooks.finished = [&](RunId id, const ReplicateResult& r) {
        checkpoint.save(id, r);
        note_saved(id.point);
    };
    hooks.progress = [&](std::size_t n, std::size_t total) { progress.update(n, total); };
    if (plan.posterior) {
        hooks.scenario_of = [&](const Scenario& point, std::uint64_t replicate) {
            return replicate_scenario(*plan.posterior, point, replicate);
        };
    }
    const std::vector<std::size_t> replicates = run_experiment(world, points, hooks);
    progress.finish();
    for (std::size_t local = 0; local < points.size(); ++local) {
        if (!done[local]) point_done(local, replicates[local]);
    }
}

// One machine: groups are written while the remaining runs go on; the file
// grows inside the checkpoint folder, so that a killed run leaves nothing
// beside the output but that folder.
void run_alone(const RunOptions& o, const std::vector<LoadedScenario>& loaded, const World& world,
               const Plan& plan, const Ranks& ranks, const std::string& output,
               const Provenance& provenance) {
    const std::string manifest = manifest_for(plan, ranks, 0);
    const std::vector<std::size_t> mine = points_of_rank(plan, ranks, 0);
    auto identities = identities_of(plan, mine);
    const Checkpoint checkpoint = o.resume
                                      ? Checkpoint::resume(output, manifest, std::move(identities))
                                      : Checkpoint::start(output, manifest, std::move(identities));
    ResultFileWriter writer(output, provenance, world,
                            (checkpoint.folder() / "result.h5").string());
    run_points(o, world, plan, mine, checkpoint, true,
               [&](std::size_t local, std::size_t replicates) {
                   write_point(loaded, plan, mine[local], checkpoint, local, replicates, writer);
               });
    add_sweeps(loaded, plan, writer);
    writer.commit();
    checkpoint.discard();
}

// MPI ranks (a file system shared between them): each runs its share of the
// points into its own checkpoint, NAME.rank-K.h5.partial/; rank 0 then joins
// every rank's runs into the one result file and removes the checkpoints.
void run_across_ranks(const RunOptions& o, const std::vector<LoadedScenario>& loaded,
                      const World& world, const Plan& plan, const Ranks& ranks,
                      const std::string& output, const Provenance& provenance) {
    std::exception_ptr failure;  // every rank must reach the collectives below
    const std::string mine_output = rank_file(output, ranks.rank());
    // Every rank locks its checkpoint and rank 0 the result file too, before
    // any rank touches a checkpoint: one writer per path, and rank 0 holds
    // the result file's lock until it has joined every rank's runs.
    std::optional<OutputLock> lock, joined_lock;
    try {
        if (ranks.rank() == 0) joined_lock.emplace(OutputLock::acquire(output));
        lock.emplace(OutputLock::acquire(mine_output));
    } catch (...) {
        failure = std::current_exception();
    }
    if (!ranks.all(!failure)) {
        if (failure) std::rethrow_exception(failure);
        throw OutputError(output, "another rank failed; its error is above");
    }
    try {
        const std::string manifest = manifest_for(plan, ranks, ranks.rank());
        const auto mine = points_of_rank(plan, ranks, ranks.rank());
        auto identities = identities_of(plan, mine);
        const Checkpoint checkpoint =
            o.resume ? Checkpoint::resume(mine_output, manifest, std::move(identities))
                     : Checkpoint::start(mine_output, manifest, std::move(identities));
        run_points(o, world, plan, mine, checkpoint, ranks.rank() == 0,
                   [](std::size_t, std::size_t) {});
    } catch (...) {
        failure = std::current_exception();
    }
    if (!ranks.all(!failure)) {
        if (failure) std::rethrow_exception(failure);
        throw OutputError(output, "another rank failed; its error is above");
    }
    if (ranks.rank() != 0) return;
    ResultFileWriter writer(output, provenance, world);
    std::vector<Checkpoint> checkpoints;
    for (int k = 0; k < ranks.size(); ++k) {
        const auto mine = points_of_rank(plan, ranks, k);
        checkpoints.push_back(Checkpoint::resume(rank_file(output, k), manifest_for(plan, ranks, k),
                                                 identities_of(plan, mine)));
        for (std::size_t local = 0; local < mine.size(); ++local) {
            std::size_t replicates = 0;  // as many as were run: adaptive points vary
            while (checkpoints.back().has({local, replicates})) ++replicates;
            write_point(loaded, plan, mine[local], checkpoints.back(), local, replicates, writer);
        }
    }
    add_sweeps(loaded, plan, writer);
    writer.commit();
    for (const auto& c : checkpoints) c.discard();
}

// Runs in flight at once: the threads.
std::uint64_t concurrency(const RunOptions& o) {
    return static_cast<std::uint64_t>(o.threads > 0 ? o.threads : tbb::info::default_concurrency());
}

// The budget of a job writing in `folder` (none: validate, which writes nothing).
Budget budget_of(const RunOptions& o, const std::optional<std::string>& folder) {
    Budget b;
    b.memory_bytes = o.max_memory_bytes ? *o.max_memory_bytes : machine_memory_bytes();
    b.memory_source =
        o.max_memory_bytes ? "--max-memory" : "this machine's memory; --max-memory GB sets another";
    if (o.max_disk_bytes) {
        b.disk_bytes = o.max_disk_bytes;
        b.disk_source = "--max-disk";
    } else if (folder && !o.resume) {
        // A resumed job has its saved runs on disk already: not counted twice.
        b.disk_bytes = free_disk_bytes(*folder);
        b.disk_source = "free space in '" + *folder + "'; --max-disk GB sets another";
    }
    return b;
}

}  // namespace

int run_command(const RunOptions& o, const std::string& command_line, const Ranks& ranks) {
    const auto loaded = load_with_flags(o);
    // Read and checked before anything is written: a bad posterior is one line.
    std::optional<PosteriorRuns> posterior;
    if (o.posterior) posterior = load_posterior_runs(*o.posterior, loaded);
    const std::string output =
        o.output ? *o.output : "results/" + loaded.front().scenario.name + ".h5";
    check_output(output, o.output.has_value());
    const World world = load_world(loaded.front().scenario.world);
    const auto folder = std::filesystem::path(output).parent_path();
    check_fits(loaded, world.states.size(), concurrency(o),
               budget_of(o, folder.empty() ? "." : folder.string()));
    // One writer per output path, held until the file is in place; across
    // MPI ranks each rank locks its own checkpoint (run_across_ranks).
    std::optional<OutputLock> lock;
    if (ranks.size() == 1) lock.emplace(OutputLock::acquire(output));
    Plan plan = plan_points(loaded);
    plan.posterior = std::move(posterior);
    Provenance provenance = provenance_of(loaded, command_line);
    if (plan.posterior) provenance.posterior = posterior_identity(*plan.posterior);

    std::optional<tbb::global_control> limit;
    if (o.threads > 0) {
        limit.emplace(tbb::global_control::max_allowed_parallelism,
                      static_cast<std::size_t>(o.threads));
    }
    if (ranks.size() == 1) {
        run_alone(o, loaded, world, plan, ranks, output, provenance);
    } else {
        run_across_ranks(o, loaded, world, plan, ranks, output, provenance);
        if (ranks.rank() != 0) return exit_ok;
    }
    std::cout << describe_result_file(output);
    return exit_ok;
}

int validate_command(const RunOptions& o) {
    for (const auto& l : load_with_flags(o)) {
        const World world = load_world(l.scenario.world);
        check_fits({l}, world.states.size(), concurrency(o), budget_of(o, std::nullopt));
        const auto points = expand_sweep(l.scenario, l.sweep);
        const Footprint footprint =
            footprint_of(shape_of({l}, world.states.size(), concurrency(o)));
        std::cout << l.path << ": ok: scenario " << l.scenario.name << ", " << world.states.size()
                  << " states, " << boost::num_edges(world.network.graph)
                  << " cooperation edges (besides INTERPOL), " << l.scenario.world.exiles
                  << " exiles, " << points.size() << (points.size() == 1 ? " point, " : " points, ")
                  << (l.scenario.replication.automatic ? "auto"
                                                       : std::to_string(l.scenario.replicates))
                  << " replicates x " << l.scenario.months << " months; "
                  << describe_footprint(footprint) << "\n";
    }
    return exit_ok;
}

}  // namespace havens
