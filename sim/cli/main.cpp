// The havens command line: run a scenario, validate one, describe a result
// file, or list the scenario keys. Errors from anywhere arrive here as
// exceptions and leave as one line on stderr with a distinct exit code.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "engine/mpi_split.hpp"
#include "core/errors.hpp"
#include "io/parameter_table.hpp"
#include "io/result_info.hpp"

namespace {

using namespace havens;

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
    const Ranks ranks(argc, argv);  // MPI ranks under mpirun (havens-mpi); else one
    CLI::App app{"havens: transnational repression under the UN Convention against Cybercrime"};
    app.require_subcommand(1);
    RunOptions run_options, validate_options;
    std::string info_path;

    auto* run = app.add_subcommand("run", "run a scenario and write an HDF5 result file");
    add_scenario_options(*run, run_options);
    run->add_option("-o,--output", run_options.output, "result file (default results/NAME.h5)");
    run->add_option("--threads", run_options.threads, "worker threads (default: all cores)")
        ->check(CLI::Range(1, 1024));
    run->add_flag("--resume", run_options.resume,
                  "finish an interrupted run of the same arguments, reusing its completed runs");
    run->add_flag("--quiet", run_options.quiet, "no progress on stderr");

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
        if (*run) return run_command(run_options, join_arguments(argc, argv), ranks);
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
