// The havens command line: run a scenario, validate one, describe a result
// file, or list the scenario keys. Errors from anywhere arrive here as
// exceptions and leave as one line on stderr with a distinct exit code.
#include <CLI/CLI.hpp>
#include <tbb/global_control.h>

#include <iostream>
#include <optional>

#include "core/errors.hpp"
#include "engine/ensemble.hpp"
#include "io/parameter_table.hpp"
#include "io/result_file.hpp"
#include "io/result_info.hpp"
#include "io/scenario_file.hpp"
#include "io/world_data.hpp"

namespace {

using namespace havens;

struct RunOptions {
    std::vector<std::string> scenarios;
    std::string output;
    std::optional<int> replicates;
    std::optional<std::uint64_t> seed;
    int threads = 0;  // 0: all cores
    std::vector<std::string> overrides;
};

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

int run_command(const RunOptions& o, const std::string& command_line) {
    const auto loaded = load_with_flags(o);
    const World world = load_world(loaded.front().scenario);
    const std::string output =
        o.output.empty() ? "results/" + loaded.front().scenario.name + ".h5" : o.output;

    std::optional<tbb::global_control> limit;
    if (o.threads > 0) {
        limit.emplace(tbb::global_control::max_allowed_parallelism,
                      static_cast<std::size_t>(o.threads));
    }
    std::vector<std::vector<ReplicateResult>> results;
    std::vector<ScenarioOutput> outputs;
    for (const auto& l : loaded) results.push_back(run_ensemble(world, l.scenario));
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        outputs.push_back(ScenarioOutput{loaded[i].scenario, results[i], loaded[i].text});
    }
    write_result_file(output, provenance_of(loaded, command_line), world, outputs);
    std::cout << describe_result_file(output);
    return exit_ok;
}

int validate_command(const RunOptions& o) {
    for (const auto& l : load_with_flags(o)) {
        const World world = load_world(l.scenario);
        std::cout << l.path << ": ok: scenario " << l.scenario.name << ", "
                  << world.states.size() << " states, " << boost::num_edges(world.network.graph)
                  << " cooperation edges (besides INTERPOL), " << l.scenario.world.exiles
                  << " exiles, " << l.scenario.replicates << " replicates x "
                  << l.scenario.months << " months\n";
    }
    return exit_ok;
}

std::string join_arguments(int argc, char** argv) {
    std::string out;
    for (int i = 0; i < argc; ++i) out += (i ? " " : "") + std::string(argv[i]);
    return out;
}

void add_scenario_options(CLI::App& cmd, RunOptions& o) {
    cmd.add_option("scenario", o.scenarios, "scenario files (TOML); each becomes a group")
        ->required();
    cmd.add_option("--set", o.overrides, "override a key: --set treaty.threshold=60")
        ->allow_extra_args(false);
    cmd.add_option("--replicates", o.replicates, "replicates (overrides the file)")
        ->check(CLI::Range(1, 100000));
    cmd.add_option("--seed", o.seed, "seed (overrides the file)");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"havens: transnational repression under the UN Convention against Cybercrime"};
    app.require_subcommand(1);
    RunOptions run_options, validate_options;
    std::string info_path;

    auto* run = app.add_subcommand("run", "run a scenario and write an HDF5 result file");
    add_scenario_options(*run, run_options);
    run->add_option("-o,--output", run_options.output, "result file (default results/NAME.h5)");
    run->add_option("--threads", run_options.threads, "worker threads (default: all cores)")
        ->check(CLI::Range(1, 1024));

    auto* validate = app.add_subcommand("validate", "check a scenario and its data files");
    add_scenario_options(*validate, validate_options);

    auto* info = app.add_subcommand("info", "describe a result file");
    info->add_option("file", info_path, "result file (HDF5)")->required();

    auto* params = app.add_subcommand("params", "list every scenario key (Markdown)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        if (*run) return run_command(run_options, join_arguments(argc, argv));
        if (*validate) return validate_command(validate_options);
        if (*info) {
            std::cout << describe_result_file(info_path);
            return exit_ok;
        }
        if (*params) {
            std::cout << parameter_reference_markdown();
            return exit_ok;
        }
    } catch (const InputError& e) {
        std::cerr << "havens: error: " << e.what() << "\n";
        return exit_input;
    } catch (const OutputError& e) {
        std::cerr << "havens: error: " << e.what() << "\n";
        return exit_output;
    } catch (const std::exception& e) {
        std::cerr << "havens: internal error: " << e.what() << "\n";
        return exit_internal;
    }
    return exit_ok;
}
