// Every HDF5 name havens writes, defined once (docs/OUTPUT.md).
// The Python package havens_analysis mirrors these names. Renaming any of
// them is a schema change: bump schema_version.
#pragma once

#include <cstdint>
#include <string_view>

namespace havens::schema {

// 2: status "detained" split into extradited and pending_extradition.
// 3: CF attributes on every variable (long_name, units, _FillValue for
//    "never", flag_values/flag_meanings for codes, which replace the event
//    log's *_codes group attributes), a `date` coordinate, root attributes
//    Conventions/title/institution/source/references, summary/outcome_median,
//    _low and _high, outcome entry_into_force_month NaN if never, and
//    summary/exiles as int64.
// 4: a sweep is one group, /sweeps/NAME, whose variables gain a leading
//    `point` axis (the design's keys are coordinates on it, replicates_run
//    counts each point's runs), with no /scenarios group per point; the
//    root's scenario_order lists scenarios and sweeps; root phase_times.
inline constexpr std::int64_t version = 4;

namespace root_attr {
inline constexpr const char* havens_version = "havens_version";
inline constexpr const char* schema_version = "schema_version";
inline constexpr const char* git_revision = "git_revision";
inline constexpr const char* created_utc = "created_utc";
inline constexpr const char* command_line = "command_line";
inline constexpr const char* scenario_toml = "scenario_toml";
inline constexpr const char* config_json = "config_json";
inline constexpr const char* seed = "seed";
inline constexpr const char* scenario_order = "scenario_order";  // JSON list: scenarios, sweeps
inline constexpr const char* phase_times = "phase_times";  // JSON: threads, wall and CPU by phase
inline constexpr const char* posterior = "posterior";      // havens run --posterior: the file
inline constexpr const char* world_data = "world_data";  // JSON: each data file and its fingerprint
inline constexpr const char* conventions = "Conventions";  // CF
inline constexpr const char* title = "title";
inline constexpr const char* institution = "institution";
inline constexpr const char* source = "source";
inline constexpr const char* references = "references";
}  // namespace root_attr

inline constexpr const char* world = "world";
inline constexpr const char* world_states = "states";
inline constexpr const char* world_edges = "edges";
inline constexpr const char* scenarios = "scenarios";
inline constexpr const char* timeseries = "timeseries";
inline constexpr const char* states = "states";
inline constexpr const char* flows = "flows";
inline constexpr const char* summary = "summary";
inline constexpr const char* events = "events";
inline constexpr const char* posterior = "posterior";  // a run over a posterior: its draws
inline constexpr const char* sweeps = "sweeps";
inline constexpr const char* calibration = "calibration";  // havens calibrate (docs/CALIBRATION.md)

namespace dim {
inline constexpr const char* replicate = "replicate";
inline constexpr const char* month = "month";
inline constexpr const char* state = "state";
inline constexpr const char* origin = "origin";
inline constexpr const char* host = "host";
inline constexpr const char* reason = "reason";
inline constexpr const char* channel = "channel";
inline constexpr const char* status = "status";
inline constexpr const char* article = "article";
inline constexpr const char* edge = "edge";
inline constexpr const char* outcome = "outcome";
inline constexpr const char* point = "point";
inline constexpr const char* parameter = "parameter";  // a posterior's scenario keys
}  // namespace dim

// Attributes of /calibration; its axes and variables are the output
// registry's (engine/output_registry.hpp, output::Calibration).
namespace calibration_attr {
inline constexpr const char* method = "method";
inline constexpr const char* seed = "seed";
inline constexpr const char* particles = "particles";
inline constexpr const char* replicates_per_particle = "replicates_per_particle";
inline constexpr const char* generations = "generations";
inline constexpr const char* scenario = "scenario";  // the base scenario's path
inline constexpr const char* stopped = "stopped";    // generations, tolerance or acceptance
}  // namespace calibration_attr

}  // namespace havens::schema
