// The havens command line: run a scenario, validate one, describe a result
// file, or list the scenario keys. Errors from anywhere, the command line's
// own included, arrive here as exceptions and leave as one line on stderr
// with a distinct exit code (core/errors.hpp); only --help and --version
// print to stdout without running anything.
#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>

#include "cli/calibrate_command.hpp"
#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "core/errors.hpp"
#include "engine/mpi_split.hpp"
#include "io/build_info.hpp"
#include "io/result_info.hpp"
#include "scenario/parameter_table.hpp"

namespace {

using namespace havens;

std::string join_arguments(int argc, char** argv) {
    std::string out;
    for (int i = 0; i < argc; ++i) out += (i ? " " : "") + std::string(argv[i]);
    return out;
}

// The numeric flags as typed: CLI11 takes them as text, so that every
// problem with them is ours to word (whole_number below).
struct NumericFlags {
    std::string replicates, seed, threads, max_memory, max_disk, samples;
};

void add_scenario_options(CLI::App& cmd, RunOptions& o, NumericFlags& numbers) {
    cmd.add_option("scenario", o.scenarios, "scenario files (TOML); each becomes a group")
        ->required();
    cmd.add_option("--set", o.overrides, "override a key: --set treaty.threshold=60")
        ->allow_extra_args(false);
    cmd.add_option("--sweep", o.sweeps,
                   "sweep a key: --sweep treaty.threshold=20,40,60 (a grid crosses every "
                   "--sweep, the first varying slowest); KEY=LOW:HIGH for a sampling design")
        ->allow_extra_args(false);
    cmd.add_option("--design", o.design,
                   "the design of the --sweep flags: grid (default), table (lists of one length, "
                   "point i the i-th value of each), latin_hypercube or saltelli (with --samples)");
    cmd.add_option("--samples", numbers.samples,
                   "points of a latin_hypercube, base samples of a saltelli design");
    cmd.add_option("--replicates", numbers.replicates, "replicates (overrides the file)");
    cmd.add_option("--seed", numbers.seed, "seed in [0, 2^53-1] (overrides the file)");
    cmd.add_option("--threads", numbers.threads,
                   "worker threads in [1, 1024] (default: all cores); each holds a run");
    cmd.add_option("--max-memory", numbers.max_memory,
                   "memory budget in GB (default: this machine's memory)");
    cmd.add_option("--max-disk", numbers.max_disk,
                   "disk budget in GB (default: free space where the result goes)");
}

// A size in GB given to `flag`, as bytes: a positive number.
std::uint64_t gigabytes_flag(const std::string& flag, const std::string& text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || !(value > 0) ||
        value > 1e9) {
        throw InputError(flag, 0, "", "expected a size in GB in (0, 1e9], got '" + text + "'");
    }
    return static_cast<std::uint64_t>(value * 1e9);
}

// A whole number given to `flag`, in [min, max]; InputError naming the flag otherwise.
std::int64_t whole_number(const std::string& flag, const std::string& text, std::int64_t min,
                          std::int64_t max) {
    std::int64_t value = 0;
    const char* first = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    const bool digits = first != last && end == last;
    if (!digits || (error != std::errc{} && error != std::errc::result_out_of_range)) {
        throw InputError(flag, 0, "", "expected a whole number, got '" + text + "'");
    }
    // Out of range of 64 bits, the value is untouched: the sign says which end.
    const bool too_big = error == std::errc::result_out_of_range ? text[0] != '-' : value > max;
    const bool too_small = error == std::errc::result_out_of_range ? text[0] == '-' : value < min;
    if (too_small) {
        throw InputError(flag, 0, "",
                         "must be at least " + std::to_string(min) + " (got " + text + ")");
    }
    if (too_big) {
        throw InputError(flag, 0, "",
                         "must be at most " + std::to_string(max) + " (got " + text + ")");
    }
    return value;
}

// The bounds of a scenario key that a flag also sets.
std::int64_t bound_of(const char* key, bool upper) {
    const ParameterSpec& spec = *find_parameter(key);
    return static_cast<std::int64_t>(upper ? spec.max : spec.min);
}

void read_numbers(RunOptions& o, const NumericFlags& numbers, const CLI::App& cmd) {
    if (cmd.count("--replicates")) {
        o.replicates = static_cast<int>(whole_number("--replicates", numbers.replicates,
                                                     bound_of("replicates", false),
                                                     bound_of("replicates", true)));
    }
    if (cmd.count("--seed")) {
        o.seed = static_cast<std::uint64_t>(
            whole_number("--seed", numbers.seed, bound_of("seed", false), bound_of("seed", true)));
    }
    if (cmd.count("--max-memory"))
        o.max_memory_bytes = gigabytes_flag("--max-memory", numbers.max_memory);
    if (cmd.count("--max-disk")) o.max_disk_bytes = gigabytes_flag("--max-disk", numbers.max_disk);
    if (cmd.count("--samples"))
        o.samples = whole_number("--samples", numbers.samples, 1, 1'000'000);
    if (const auto* t = cmd.get_option_no_throw("--threads"); t && t->count())
        o.threads = static_cast<int>(whole_number("--threads", numbers.threads, 1, 1024));
}

// After every --help, so that scripts need not look the codes up
// (core/errors.hpp; README.md explains each at length).
constexpr const char* exit_codes_help =
    "Exit codes:\n"
    "  0  done (also --help and --version)\n"
    "  1  internal error (a bug: please report it)\n"
    "  2  bad input or usage: a scenario, data file, flag or argument; a job too big\n"
    "     for its memory or disk budget; a damaged result file (or one without a\n"
    "     checksum, or not HDF5) given to info or --posterior\n"
    "  3  output problem: the result file or its checkpoint cannot be written, or\n"
    "     libhdf5 cannot open a result file whose checksum matches";

}  // namespace

int main(int argc, char** argv) {
    const Ranks ranks(argc, argv);  // MPI ranks under mpirun (havens-mpi); else one
    CLI::App app{"havens: transnational repression under the UN Convention against Cybercrime"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(build_info::version),
                         "print the version and exit");
    RunOptions run_options, validate_options;
    NumericFlags run_numbers, validate_numbers;
    std::string info_path, output;

    auto* run = app.add_subcommand("run", "run a scenario and write an HDF5 result file");
    add_scenario_options(*run, run_options, run_numbers);
    run->add_option("-o,--output", output, "result file (default results/NAME.h5)");
    run->add_flag("--resume", run_options.resume,
                  "finish an interrupted run of the same arguments, reusing its completed runs");
    run->add_flag("--quiet", run_options.quiet, "no progress on stderr");
    run->add_flag("--overwrite", run_options.overwrite,
                  "replace what is at the output path even if it is not a havens file, or is "
                  "a symbolic link");
    std::string posterior;
    run->add_option("--posterior", posterior,
                    "a posterior (CSV, or a calibration's result file) each replicate draws its "
                    "parameters from, shipped for the one havens ships, or none for a point "
                    "run (default: the scenarios' "
                    "posterior key)");

    auto* validate = app.add_subcommand(
        "validate", "check scenario and calibration files (or folders of them) and their data");
    add_scenario_options(*validate, validate_options, validate_numbers);
    validate->get_option("scenario")
        ->description(
            "scenario or calibration files (TOML), folders (their *.toml files) or quoted "
            "patterns; with more than one file, a line for each");

    auto* info = app.add_subcommand("info", "describe a result file");
    info->add_option("file", info_path, "result file (HDF5)")->required();

    auto* params = app.add_subcommand("params", "list every scenario key (Markdown)");

    CalibrateOptions calibrate_options;
    std::string calibrate_threads, calibrate_output;
    auto* calibrate = app.add_subcommand(
        "calibrate", "fit parameters to observed targets (ABC-SMC) and write the posterior");
    calibrate->add_option("calibration", calibrate_options.calibration, "calibration file (TOML)")
        ->required();
    calibrate->add_option("-o,--output", calibrate_output, "result file (default results/NAME.h5)");
    calibrate->add_option("--threads", calibrate_threads,
                          "worker threads in [1, 1024] (default: all cores)");
    calibrate->add_flag("--resume", calibrate_options.resume,
                        "finish an interrupted calibration of the same file, reusing its "
                        "simulations");
    calibrate->add_flag("--quiet", calibrate_options.quiet, "no progress on stderr");
    calibrate->add_flag("--overwrite", calibrate_options.overwrite,
                        "replace what is at the output paths even if it is not a havens file, "
                        "or is a symbolic link");
    std::string posterior_csv;
    calibrate->add_option("--posterior-csv", posterior_csv,
                          "also write the posterior (the last generation) as CSV, the form a "
                          "scenario's posterior key reads");

    app.footer(exit_codes_help);
    for (auto* command : app.get_subcommands({})) command->footer(exit_codes_help);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version: on stdout
        // Before a command, CLI11 would only say that one is required.
        const char* expected = "expected run, validate, calibrate, info or params";
        if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-') {
            std::cerr << "havens: error: unknown command '" << one_line(argv[1]) << "' ("
                      << expected << "; see havens --help)\n";
        } else if (app.get_subcommands().empty() && argc > 1) {
            std::cerr << "havens: error: unknown option '" << one_line(argv[1]) << "' (" << expected
                      << "; see havens --help)\n";
        } else {
            std::cerr << "havens: error: " << one_line(e.what()) << " (see havens --help)\n";
        }
        return exit_input;
    }
    try {
        if (*run) {
            read_numbers(run_options, run_numbers, *run);
            if (run->count("--output")) run_options.output = output;
            if (run->count("--posterior")) run_options.posterior = posterior;
        }
        if (*validate) read_numbers(validate_options, validate_numbers, *validate);
        if (*calibrate) {
            if (calibrate->count("--output")) calibrate_options.output = calibrate_output;
            if (calibrate->count("--posterior-csv"))
                calibrate_options.posterior_csv = posterior_csv;
            if (calibrate->count("--threads")) {
                calibrate_options.threads =
                    static_cast<int>(whole_number("--threads", calibrate_threads, 1, 1024));
            }
            return calibrate_command(calibrate_options, join_arguments(argc, argv));
        }
        if (*run) return run_command(run_options, join_arguments(argc, argv), ranks);
        if (*validate) return validate_command(validate_options);
        if (*info) {
            std::cout << for_terminal(describe_result_file(info_path));
            return exit_ok;
        }
        if (*params) {
            std::cout << parameter_reference_markdown();
            return exit_ok;
        }
    } catch (const InputError& e) {
        std::cerr << "havens: error: " << one_line(e.what()) << "\n";
        return exit_input;
    } catch (const OutputError& e) {
        std::cerr << "havens: error: " << one_line(e.what()) << "\n";
        return exit_output;
    } catch (const std::exception& e) {
        std::cerr << "havens: internal error: " << one_line(e.what()) << "\n";
        return exit_internal;
    }
    return exit_ok;
}
