// Refusing, before any work, an experiment that cannot fit: its runs, memory
// and disk worked out from the scenarios' shape (engine/footprint.hpp) and
// compared with a budget: by default the machine's memory and the free space
// where the result goes; --max-memory and --max-disk set others.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/footprint.hpp"
#include "io/calibration_file.hpp"
#include "io/scenario_file.hpp"

namespace havens {

struct Budget {
    std::uint64_t memory_bytes = 0;
    std::string memory_source;                // how the figure was found, for the message
    std::optional<std::uint64_t> disk_bytes;  // none: not checked (validate writes nothing)
    std::string disk_source;
};

// The machine's memory: physical memory, or the control group's limit when
// that is lower (a container, a batch job).
std::uint64_t machine_memory_bytes();

// Free space for an unprivileged writer in `folder`; none when it cannot be read.
std::optional<std::uint64_t> free_disk_bytes(const std::string& folder);

// The shape of a job of these scenarios (one world), with `concurrent` runs in flight.
ExperimentShape shape_of(const std::vector<LoadedScenario>& loaded, std::uint64_t states,
                         std::uint64_t concurrent);

// Throws InputError naming the file, line and key that drive what does not
// fit: the 32-bit contact index, the memory or the disk budget.
void check_fits(const std::vector<LoadedScenario>& loaded, std::uint64_t states,
                std::uint64_t concurrent, const Budget& budget);

// check_fits for a calibration: a run in flight on each of `threads` (0: all
// cores), each at the top of its prior for a fitted key that scales memory;
// the machine's memory is the budget.
void check_calibration_fits(const LoadedCalibration& calibration, std::uint64_t states,
                            int threads);

// "1408 runs; about 86 MB of memory and 2 GB of disk"
std::string describe_footprint(const Footprint& footprint);

// Bytes as "32 KB", "86 MB" or "2.1 GB" (decimal units, as disks and --max-memory count them).
std::string readable_size(std::uint64_t bytes);

}  // namespace havens
