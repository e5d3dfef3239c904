// The `calibrate` command: a calibration file to a result file with its
// /calibration group, with progress by generation on stderr.
#pragma once

#include <optional>
#include <string>

namespace havens {

struct CalibrateOptions {
    std::string calibration;                   // the calibration file (TOML)
    std::optional<std::string> output;         // -o; results/NAME.h5 when not given
    std::optional<std::string> posterior_csv;  // --posterior-csv: the posterior as CSV too
    int threads = 0;                           // 0: all cores
    bool resume = false;
    bool quiet = false;
    bool overwrite = false;  // replace a file at -o that havens did not write, or a link
};

int calibrate_command(const CalibrateOptions& options, const std::string& command_line);

}  // namespace havens
