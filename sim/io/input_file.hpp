// The one way havens opens a file a user names for reading (a scenario, a
// calibration, a data file): it must be a regular file no larger than the
// limit for its kind, checked before a byte is read. A folder, a device
// (/dev/zero never ends) or a pipe (which blocks) is refused up front.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

namespace havens {

// Limits, in bytes. A scenario or calibration of the largest table sweep
// havens accepts (10 000 points of a few keys) is well under 1 MiB; the
// largest shipped data file is 0.4 MiB.
constexpr std::uintmax_t max_settings_file_bytes = std::uintmax_t{16} << 20;
constexpr std::uintmax_t max_data_file_bytes = std::uintmax_t{256} << 20;

// An open stream of `path` (binary), or InputError naming `path` and saying
// why: no such file, not a regular file, larger than `max_bytes`, unreadable.
// `what` names the file's role in the message ("the scenario file").
std::ifstream open_input_file(const std::string& path, const std::string& what,
                              std::uintmax_t max_bytes);

// The whole file, through open_input_file.
std::string read_input_file(const std::string& path, const std::string& what,
                            std::uintmax_t max_bytes);

}  // namespace havens
