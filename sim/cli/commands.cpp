#include "cli/commands.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <filesystem>
#include <iostream>

#include "cli/progress.hpp"
#include "cli/terminal.hpp"
#include "core/clocks.hpp"
#include "core/errors.hpp"
#include "engine/mpi_split.hpp"
#include "io/load_world.hpp"
#include "io/result_info.hpp"
#include "io/scenario_file.hpp"
#include "jobs/intervention_check.hpp"
#include "jobs/output_path.hpp"
#include "jobs/posterior_runs.hpp"
#include "jobs/run_job.hpp"
#include "jobs/run_plan.hpp"
#include "jobs/scenario_set.hpp"
#include "jobs/size_check.hpp"
#include "scenario/sweep.hpp"

namespace havens {

namespace {

std::vector<LoadedScenario> load_with_flags(const RunOptions& o) {
    std::vector<std::string> overrides = o.overrides;
    if (o.replicates) overrides.push_back("replicates=" + std::to_string(*o.replicates));
    if (o.seed) overrides.push_back("seed=" + std::to_string(*o.seed));
    if (o.sweeps.empty() && (o.design || o.samples)) {
        throw InputError(o.design ? "--design" : "--samples", 0, "",
                         "makes a sweep only with --sweep KEY=VALUES");
    }
    // The flags' sweep is read before the files, so that its errors come first.
    const std::optional<SweepSpec> swept =
        o.sweeps.empty() ? std::nullopt
                         : std::optional<SweepSpec>(
                               sweep_from_flags(o.sweeps, o.design.value_or("grid"), o.samples));
    auto loaded = load_scenario_set(o.scenarios, overrides);
    if (swept) {
        for (auto& l : loaded) {
            if (l.sweep.design != SweepDesign::none) {
                throw InputError(l.path, line_of_key(l, "sweep"), "sweep",
                                 "the file has a [sweep] already: --sweep cannot make another "
                                 "(drop one of them)");
            }
            l.sweep = *swept;
        }
    }
    return loaded;
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
    const double wall_start = wall_seconds(), cpu_start = process_cpu_seconds();
    const auto loaded = load_with_flags(o);
    // Read and checked before anything is written: a bad posterior is one line.
    std::optional<PosteriorRuns> posterior;
    if (const auto chosen = chosen_posterior(o.posterior, loaded)) {
        posterior = load_posterior_runs(*chosen, loaded, o.posterior.has_value());
    }
    const std::string output =
        o.output ? *o.output : "results/" + loaded.front().scenario.name + ".h5";
    check_output(output, o.overwrite);
    const World world = load_world(loaded.front().scenario.world);
    const auto folder = std::filesystem::path(output).parent_path();
    check_fits(loaded, world.states.size(), concurrency(o),
               budget_of(o, folder.empty() ? "." : folder.string()));
    check_interventions(world, loaded);
    // Said once every check has passed: a refused job prints its one line only.
    if (posterior && ranks.rank() == 0) {
        if (const auto note = other_scenarios_note(*posterior, loaded); !note.empty()) {
            std::cerr << "havens: warning: " << one_line(note) << "\n";
        }
    }
    Plan plan = plan_points(loaded);
    plan.posterior = std::move(posterior);
    Provenance provenance = provenance_of(loaded, command_line);
    if (plan.posterior) provenance.posterior = posterior_identity(*plan.posterior);

    std::optional<tbb::global_control> limit;
    if (o.threads > 0) {
        limit.emplace(tbb::global_control::max_allowed_parallelism,
                      static_cast<std::size_t>(o.threads));
    }
    Progress progress(Progress::style_for_stderr(o.quiet));
    RunJobHooks hooks;
    hooks.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
    hooks.runs_done = [&] { progress.finish(); };
    make_output_folder(output);
    // Reading the scenarios, the posterior and the world, and every check.
    JobTimes times{
        concurrency(o),
        {PhaseTime{"loading", wall_seconds() - wall_start, process_cpu_seconds() - cpu_start}}};
    run_job(RunJob{loaded, world, plan, output, std::move(provenance), o.resume, times}, ranks,
            hooks);
    if (ranks.rank() != 0) return exit_ok;
    std::cout << for_terminal(describe_result_file(output));
    return exit_ok;
}

int validate_scenarios(const RunOptions& o, std::ostream& out) {
    for (const auto& l : load_with_flags(o)) {
        const World world = load_world(l.scenario.world);
        check_fits({l}, world.states.size(), concurrency(o), budget_of(o, std::nullopt));
        check_interventions(world, {l});
        const auto points = expand_sweep(l.scenario, l.sweep);
        const Footprint footprint =
            footprint_of(shape_of({l}, world.states.size(), concurrency(o)));
        out << l.path << ": ok: scenario " << l.scenario.name << ", " << world.states.size()
            << " states, " << boost::num_edges(world.network.graph)
            << " cooperation edges (besides INTERPOL), " << l.scenario.world.exiles << " exiles, "
            << points.size() << (points.size() == 1 ? " point, " : " points, ")
            << (l.scenario.replication.automatic ? "auto" : std::to_string(l.scenario.replicates))
            << " replicates x " << l.scenario.months << " months; " << describe_footprint(footprint)
            << "\n";
    }
    return exit_ok;
}

}  // namespace havens
