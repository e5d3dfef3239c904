// `havens info`: what a result file holds, in a few readable lines.
#pragma once

#include <string>

namespace havens {

// Throws OutputError naming the path if it is missing, not HDF5, or not a
// havens result file.
std::string describe_result_file(const std::string& path);

}  // namespace havens
