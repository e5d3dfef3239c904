// The default world's data files by scenario key: what a scenario written in
// a temporary folder needs beside it, or points at.
#pragma once

#include <array>
#include <string>
#include <utility>

namespace havens::testing {

inline constexpr std::array<std::pair<const char*, const char*>, 18> world_files{{
    {"states", "states.csv"},
    {"blocs", "blocs.csv"},
    {"origin_incidents", "tnr_origin_weights.csv"},
    {"protection_treaties", "protection_treaties.csv"},
    {"legal_systems", "legal_systems.csv"},
    {"extradition_treaties", "extradition_treaties.csv"},
    {"bloc_instruments", "bloc_instruments.csv"},
    {"migrant_stock", "migrant_stock.csv"},
    {"refugees", "refugees.csv"},
    {"request_volumes", "request_volumes.csv"},
    {"treaty_events", "treaty_events.csv"},
    {"speech_reservations", "speech_reservations.csv"},
    {"mla_treaties", "mla_treaties.csv"},
    {"provider_disclosure", "provider_disclosure.csv"},
    {"platform_shares", "platform_shares.csv"},
    {"hostile_relations", "hostile_relations.csv"},
    {"interpol_measures", "interpol_measures.csv"},
    {"visa_access", "visa_access.csv"},
}};

// Lines of a [world] table pointing every file key at the shipped data.
inline std::string shipped_world_keys() {
    std::string lines;
    for (auto [key, file] : world_files) {
        lines += std::string(key) + " = \"" + HAVENS_SCENARIOS_DIR + "/data/" + file + "\"\n";
    }
    return lines;
}

}  // namespace havens::testing
