// Who made a result file, from what, and when: stamped on its root so that a
// figure in a paper can be traced to the exact code, scenario and command.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace havens {

struct Provenance {
    std::string havens_version;
    std::string git_revision;
    std::string created_utc;    // ISO 8601, seconds
    std::string command_line;   // as typed, arguments joined by spaces
    std::string scenario_toml;  // the scenario file's text
    std::string config_json;    // the resolved configuration
    std::uint64_t seed = 0;
    std::string posterior;  // a run over a posterior: the file and its fingerprint; else empty
    // The data the world was built from, by content: JSON {key: {file, fingerprint}}.
    std::string world_data;
};

// Where a job's time went, recorded on the file's root (phase_times) and
// printed by `havens info`: wall and CPU seconds by phase, and the threads.
struct PhaseTime {
    std::string phase;
    double wall_seconds = 0;
    double cpu_seconds = 0;
};
struct JobTimes {
    std::uint64_t threads = 0;
    std::vector<PhaseTime> phases;
};

// Version and revision from the build, the current UTC time.
Provenance make_provenance(const std::string& command_line, const std::string& scenario_toml,
                           const std::string& config_json, std::uint64_t seed);

}  // namespace havens
