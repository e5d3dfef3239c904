// The output path of a job, checked before any work: refused in one line if
// the final rename would fail or the path is not a file havens may replace.
#pragma once

#include <string>

namespace havens {

// An empty path, a folder, a device, pipe or socket, or a path whose
// nearest existing folder is not one or cannot be written are refused
// (InputError or OutputError). Unless `overwrite`, so are a symbolic link and
// a file havens did not write (an HDF5 result or a posterior CSV; an empty
// file is taken too): a mistyped -o must not replace a scenario or a
// notebook. Nothing is made here, so that a job refused later leaves
// nothing behind.
void check_output(const std::string& output, bool overwrite);

// Makes the output's missing folders (results/ by default, or those of -o),
// once every check has passed and the job starts writing.
void make_output_folder(const std::string& output);

}  // namespace havens
