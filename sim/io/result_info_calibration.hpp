// `havens info` on a calibration: the posterior median and 90 % interval of
// every parameter beside its prior's, and each target's real value beside
// the posterior's simulated one. Everything read is checked first.
#pragma once

#include <string>

#include "io/h5/file.hpp"

namespace havens {

// The lines describing /calibration of `root` (file `path`); InputError
// naming the object if it is not a well-formed calibration group.
std::string describe_calibration(const h5::Location& root, const std::string& path);

}  // namespace havens
