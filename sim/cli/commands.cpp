#include "cli/commands.hpp"

#include <tbb/global_control.h>

#include <iostream>
#include <set>

#include "cli/progress.hpp"
#include "core/errors.hpp"
#include "engine/experiment.hpp"
#include "io/build_info.hpp"
#include "io/checkpoint.hpp"
#include "io/result_file.hpp"
#include "io/result_info.hpp"
#include "io/scenario_file.hpp"
#include "io/world_data.hpp"

namespace havens {

namespace {

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
        if (!same_world(loaded.front().scenario.world, loaded.back().scenario.world)) {
            throw InputError(path, 0, "world",
                             "scenarios in one result file must share the world of " +
                                 loaded.front().path);
        }
    }
    return loaded;
}

World load_world(const Scenario& s) {
    StateTable states =
        load_states(s.world.states, static_cast<std::size_t>(s.world.state_count));
    Blocs blocs = load_blocs(s.world.blocs, states);
    load_origin_incidents(s.world.origin_incidents, states);
    return build_world(std::move(states), std::move(blocs), s.world);
}

// The provenance of several scenario files: their texts, each headed by its
// path, and their resolved configurations keyed by scenario name.
Provenance provenance_of(const std::vector<LoadedScenario>& loaded, const std::string& command_line) {
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
};

Plan plan_points(const std::vector<LoadedScenario>& loaded) {
    Plan plan;
    for (std::size_t f = 0; f < loaded.size(); ++f) {
        plan.points_of.push_back(expand_sweep(loaded[f].scenario, loaded[f].sweep));
        for (const auto& p : plan.points_of.back()) {
            plan.points.push_back(p.scenario);
            plan.file_of.push_back(f);
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
    return m.dump(1);
}

}  // namespace

int run_command(const RunOptions& o, const std::string& command_line) {
    const auto loaded = load_with_flags(o);
    const World world = load_world(loaded.front().scenario);
    const Plan plan = plan_points(loaded);
    const std::string output =
        o.output.empty() ? "results/" + loaded.front().scenario.name + ".h5" : o.output;

    std::optional<tbb::global_control> limit;
    if (o.threads > 0) {
        limit.emplace(tbb::global_control::max_allowed_parallelism,
                      static_cast<std::size_t>(o.threads));
    }
    const std::string manifest = manifest_of(plan);
    const Checkpoint checkpoint =
        o.resume ? Checkpoint::resume(output, manifest) : Checkpoint::start(output, manifest);
    // The result file grows inside the checkpoint folder, so that a killed
    // run leaves nothing beside the output but that folder.
    ResultFileWriter writer(output, provenance_of(loaded, command_line), world,
                            (checkpoint.folder() / "result.h5").string());

    // A point's group is written as soon as its last replicate is saved, while
    // other runs go on: the file is assembled from the checkpoint, one point
    // at a time. Adaptive points wait until their number of replicates is settled.
    std::vector<std::size_t> saved(plan.points.size(), 0);
    std::vector<bool> written(plan.points.size(), false);
    std::vector<std::size_t> point_in_file(plan.points.size());
    for (std::size_t flat = 0, f = 0; f < loaded.size(); ++f) {
        for (std::size_t i = 0; i < plan.points_of[f].size(); ++i) point_in_file[flat++] = i;
    }
    auto write_point = [&](std::size_t flat, std::size_t replicates) {
        const std::size_t f = plan.file_of[flat];
        const bool swept = loaded[f].sweep.design != SweepDesign::none;
        std::vector<ReplicateResult> results;
        for (std::uint64_t r = 0; r < replicates; ++r) results.push_back(checkpoint.load({flat, r}));
        writer.add_scenario(ScenarioOutput{plan.points[flat], results, loaded[f].text,
                                           swept ? &plan.points_of[f][point_in_file[flat]] : nullptr,
                                           loaded[f].scenario.name});
        written[flat] = true;
    };
    auto note_saved = [&](std::size_t flat) {
        const Scenario& s = plan.points[flat];
        if (++saved[flat] == static_cast<std::size_t>(s.replicates) && !s.replication.automatic) {
            write_point(flat, saved[flat]);
        }
    };

    Progress progress(Progress::style_for_stderr(o.quiet));
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
    hooks.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
    const std::vector<std::size_t> replicates = run_experiment(world, plan.points, hooks);
    progress.finish();

    for (std::size_t flat = 0; flat < plan.points.size(); ++flat) {
        if (!written[flat]) write_point(flat, replicates[flat]);
    }
    for (std::size_t f = 0; f < loaded.size(); ++f) {
        if (loaded[f].sweep.design != SweepDesign::none) {
            writer.add_sweep(SweepTable{loaded[f].scenario.name, loaded[f].sweep, plan.points_of[f]});
        }
    }
    std::vector<std::string> order;
    for (const auto& p : plan.points) order.push_back(p.name);
    writer.set_scenario_order(order);
    writer.commit();
    checkpoint.discard();
    std::cout << describe_result_file(output);
    return exit_ok;
}

int validate_command(const RunOptions& o) {
    for (const auto& l : load_with_flags(o)) {
        const World world = load_world(l.scenario);
        const auto points = expand_sweep(l.scenario, l.sweep);
        std::cout << l.path << ": ok: scenario " << l.scenario.name << ", "
                  << world.states.size() << " states, " << boost::num_edges(world.network.graph)
                  << " cooperation edges (besides INTERPOL), " << l.scenario.world.exiles
                  << " exiles, " << points.size() << (points.size() == 1 ? " point, " : " points, ")
                  << (l.scenario.replication.automatic ? "auto" : std::to_string(l.scenario.replicates))
                  << " replicates x " << l.scenario.months << " months\n";
    }
    return exit_ok;
}

}  // namespace havens
