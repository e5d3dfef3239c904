// The points of a result file's sweeps as a reader is shown them: each
// point's group by its values, NAME[threshold=20, dual_criminality=mandatory]
// (scenario/sweep.hpp, point_labels), read from the design tables /sweeps/NAME.
#pragma once

#include <map>
#include <string>

#include "io/h5/file.hpp"

namespace havens {

// Group name -> label for every point of every sweep under `root` (whose
// design tables describe_result_file has checked); empty without sweeps.
std::map<std::string, std::string> point_labels_in(const h5::Location& root);

// How `group` is named to a reader: "LABEL (GROUP)" for a point of a sweep,
// else the group name itself.
std::string shown_name(const std::map<std::string, std::string>& labels, const std::string& group);

}  // namespace havens
