// Where the data havens ships lies: beside an installed binary
// (PREFIX/share/havens/scenarios/data for PREFIX/bin/havens), else in the
// source tree it was built from. A scenario saved anywhere reads it for every
// data file it does not name.
#pragma once

#include <string>

namespace havens {

// The folder, or an empty string when neither place holds it.
std::string shipped_data_folder();

// A 64-bit fingerprint of a file's bytes, as 16 hexadecimal digits: what the
// provenance records of each data file a run read.
std::string file_fingerprint(const std::string& path);

}  // namespace havens
