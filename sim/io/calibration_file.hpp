// Reading a calibration file (docs/CALIBRATION.md, "The calibration file"):
// the base scenario and its overrides, the parameters with their priors, the
// targets with their real values and sources, and the sampler's budget.
// Every error is one line naming the file, line and key.
#pragma once

#include <string>

#include "calibration/problem.hpp"
#include "core/errors.hpp"
#include "io/scenario_file.hpp"

namespace havens {

struct LoadedCalibration {
    std::string path;
    std::string text;  // the file as read, kept as provenance
    CalibrationProblem problem;
    LoadedScenario scenario;  // the base scenario with the file's overrides applied
    int set_line = 0;         // the line of the file's `set` (0: none)
};

LoadedCalibration load_calibration(const std::string& path);

// An error about a key of the calibration's `set` (reported by the scenario's
// checks as --set), named where the file sets it: "FILE:LINE: set: KEY: ...".
InputError as_set_error(const LoadedCalibration& calibration, const InputError& e);

// Whether the TOML file at `path` is a calibration file rather than a
// scenario: it has a top-level parameters, targets or scenario key (no
// scenario has one). False for a file that cannot be read or parsed, which
// the scenario loader then reports.
bool is_calibration_file(const std::string& path);

}  // namespace havens
