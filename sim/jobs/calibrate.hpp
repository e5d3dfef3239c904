// `havens calibrate` below the command line: fits a calibration file's
// parameters to its targets with the sampler (calibration/abc_smc.hpp),
// every simulation saved as it finishes (jobs/evaluation_store.hpp), and
// writes the result file with its /calibration group.
#pragma once

#include <string>

#include "calibration/abc_smc.hpp"
#include "io/calibration_file.hpp"
#include "model/world.hpp"

namespace havens {

struct CalibrationJob {
    const LoadedCalibration& calibration;
    const World& world;
    std::string output;
    bool resume = false;  // continue the interrupted calibration of `output`
    std::string command_line;
};

// The statistics of every target in `replicates` runs of `scenario` seeded
// `seed`: [replicate][target]. The request log is switched on when a target
// needs it.
std::vector<std::vector<double>> simulate_targets(const World& world, Scenario scenario,
                                                  const std::vector<Target>& targets,
                                                  std::uint64_t seed, int replicates);

CalibrationResult run_calibration_job(const CalibrationJob& job, const AbcHooks& hooks);

}  // namespace havens
