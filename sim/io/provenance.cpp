#include "io/provenance.hpp"

#include <chrono>

#include "io/build_info.hpp"

namespace havens {

namespace {

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

}  // namespace

Provenance make_provenance(const std::string& command_line, const std::string& scenario_toml,
                           const std::string& config_json, std::uint64_t seed) {
    return Provenance{std::string(build_info::version),
                      std::string(build_info::git_revision),
                      utc_now(),
                      command_line,
                      scenario_toml,
                      config_json,
                      seed,
                      std::string(),
                      std::string()};
}

}  // namespace havens
