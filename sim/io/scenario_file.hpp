// Reading a scenario: a TOML file (toml++) checked key by key against the
// parameter table, then --set overrides with the same checks. Every error is
// one line naming the file, line and key.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/parameters.hpp"
#include "scenario/sweep.hpp"

namespace havens {

struct LoadedScenario {
    Scenario scenario;  // world paths resolved against the scenario's folder
    std::string path;
    std::string text;                      // the file as read, kept as provenance
    std::vector<std::string> overrides;    // the --set arguments, in order
    SweepSpec sweep;                       // design none: a single point
    std::map<std::string, int> key_lines;  // "section.key" -> its line in the file
};

// The line of `key` in the scenario's file; 0 when the file leaves it out.
int line_of_key(const LoadedScenario& loaded, const std::string& key);

// Whether a --set override gives `key`.
bool set_by_flag(const LoadedScenario& loaded, const std::string& key);

// An InputError about `key` named where its value came from: --set when an
// override gives it, else the file and the key's line.
[[noreturn]] void refuse_key(const LoadedScenario& loaded, const std::string& key,
                             const std::string& message);

// refuse_key for a check between two keys: names the one set last (by
// --set, else on the later line).
[[noreturn]] void refuse_pair(const LoadedScenario& loaded, const std::string& a,
                              const std::string& b, const std::string& message);

// `overrides` are "section.key=value" strings; the value is read as a TOML
// value, or as a bare string when it is not one (--set safeguards.scope=narrow).
LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides);

// "shipped" names the posterior havens ships (in its data folder); any
// other path is returned as it is.
std::string resolve_shipped(const std::string& posterior);

// The sweep that --sweep KEY=VALUES flags make, read by the scenario file's
// own [sweep] parser, so that it is checked alike: `design` as in the file;
// a grid or a table takes KEY=V1,V2,... (values read as --set reads them), a
// sampling design KEY=LOW:HIGH and `samples`. The first flag varies slowest.
// InputError naming --sweep and the key (or --design, --samples), no line.
SweepSpec sweep_from_flags(const std::vector<std::string>& sweeps, const std::string& design,
                           std::optional<std::int64_t> samples);

// Whether two scenarios build the same world (same files and derivation).
bool same_world(const WorldParams& a, const WorldParams& b);

// The resolved configuration: every key with its value, nested by section.
nlohmann::json scenario_to_json(const Scenario& scenario);

}  // namespace havens
