// The output path of a job, checked before any work: refused in one line if
// the final rename would fail or the path is not a file havens may replace.
#pragma once

#include <string>

namespace havens {

// An empty path, a folder, a device, pipe or socket, a folder that does not
// exist or cannot be written are refused (InputError or OutputError); when
// the path was not `given` (the default results/NAME.h5), its folder is
// created.
void check_output(const std::string& output, bool given);

}  // namespace havens
