// `havens info`: what a result file holds, in a few readable lines.
#pragma once

#include <string>

namespace havens {

// Throws OutputError naming the path if it is missing or not HDF5 (exit 3),
// and InputError naming the path and the dataset or attribute if it is HDF5
// but not a havens result this version reads: no schema_version or
// /scenarios, a newer schema, a missing or misshapen dataset, a garbled
// attribute (exit 2, bad input). Everything it reads is checked first.
std::string describe_result_file(const std::string& path);

}  // namespace havens
