// The scenario files of one job: loaded with the same overrides, names
// distinct, and one world between them, so that their groups can share one
// result file and be compared run by run.
#pragma once

#include <string>
#include <vector>

#include "io/provenance.hpp"
#include "io/scenario_file.hpp"

namespace havens {

// Loads every file with `overrides` applied. InputError naming the file and
// key when two scenarios share a name or build different worlds; data files
// are compared by what they hold, so a copy of the default world in another
// folder is the same world.
std::vector<LoadedScenario> load_scenario_set(const std::vector<std::string>& paths,
                                              const std::vector<std::string>& overrides);

// Whether two scenarios' worlds are the same: their parameters equal, and
// their data files equal byte for byte wherever their paths differ.
bool same_world_content(const WorldParams& a, WorldParams b);

// Each data file of a world with its fingerprint, as JSON: the provenance of
// the data a run read, by content.
std::string world_data_json(const WorldParams& world);

// The provenance of the set: the files' texts, each headed by its path when
// there are several, and their resolved configurations keyed by scenario name.
Provenance provenance_of(const std::vector<LoadedScenario>& loaded,
                         const std::string& command_line);

}  // namespace havens
