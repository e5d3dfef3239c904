// The `run` and `validate` commands: from flags to a result file (or a
// verdict). main.cpp parses the command line and maps errors to exit codes;
// these check the job against the budget, show its progress and print what
// the file holds; the job itself runs below the command line
// (jobs/run_job.hpp).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace havens {

class Ranks;

struct RunOptions {
    std::vector<std::string> scenarios;
    std::optional<std::string> output;  // -o; results/NAME.h5 when not given
    std::optional<int> replicates;
    std::optional<std::uint64_t> seed;
    int threads = 0;  // 0: all cores
    std::vector<std::string> overrides;
    // --sweep KEY=VALUES..., --design, --samples: a sweep made on the command
    // line (io/scenario_file.hpp, sweep_from_flags); empty: the files' own.
    std::vector<std::string> sweeps;
    std::optional<std::string> design;
    std::optional<std::int64_t> samples;
    // A calibration's result file: each replicate runs with a parameter set
    // drawn from its posterior (jobs/posterior_runs.hpp).
    std::optional<std::string> posterior;
    bool resume = false;
    bool quiet = false;
    bool overwrite = false;  // replace a file at -o that havens did not write, or a link
    // The budget a job must fit (jobs/size_check.hpp); none: the machine's
    // memory and the free space where the result goes.
    std::optional<std::uint64_t> max_memory_bytes;
    std::optional<std::uint64_t> max_disk_bytes;
};

// Runs every point of every scenario, saving each run as it finishes, and
// writes the result file; prints what it holds.
// Across MPI ranks each runs its share of the points (engine/mpi_split.hpp).
int run_command(const RunOptions& options, const std::string& command_line, const Ranks& ranks);

// Loads scenarios and their data, checks that each fits the budget, expands
// sweeps, and prints to `out` a summary with the runs, memory and disk it needs.
int validate_scenarios(const RunOptions& options, std::ostream& out);

// `havens validate`: each path of options.scenarios (a folder: its *.toml
// files, sorted; a quoted pattern: the files it matches) checked as the kind
// of file it is, a scenario or a calibration file (cli/validate_command.cpp).
// One file: validate_scenarios' summary, or an InputError. Several: a line
// per file ("PATH: scenario ok", "PATH: calibration ok" or its error), and
// exit_input unless every file is ok.
int validate_command(const RunOptions& options);

}  // namespace havens
