// Fuzzing the scenario reader, the size check and sweep expansion. The input
// is a scenario file up to its first NUL byte; after it come the --set
// overrides, one a line, or, when a second NUL follows, one per NUL-ended
// part, so that a value can span lines as a shell's quotes let it. The file
// is written to a scratch folder whose data/ links to the shipped data files,
// so that a scenario that parses passes the world-file checks and reaches
// sweep expansion (the world itself is not loaded).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/saturating.hpp"
#include "engine/footprint.hpp"
#include "fuzz_support.hpp"
#include "io/scenario_file.hpp"
#include "jobs/size_check.hpp"
#include "model/interventions.hpp"
#include "scenario/sweep.hpp"
#include "shipped_world.hpp"

namespace {

using namespace havens;

// A grid of a few long lists, or a large `samples`, is legitimate input that
// expands into millions of points and so runs out of memory; size limits
// checked before expansion are the loader's job (not there yet). Until then
// the harness counts the points without expanding and skips larger sweeps,
// so that libFuzzer does not report such input as an out-of-memory finding.
constexpr std::size_t max_points = 10000;

// The number of points `spec` expands into, or max_points + 1 if more.
std::size_t point_count(const SweepSpec& spec) {
    const std::size_t too_many = max_points + 1;
    const std::size_t d = spec.axes.size();
    switch (spec.design) {
        case SweepDesign::none: return 1;
        case SweepDesign::grid: {
            std::size_t n = 1;
            for (const auto& axis : spec.axes) {
                if (axis.values.size() > too_many) return too_many;
                n *= axis.values.size();
                if (n > too_many) return too_many;
            }
            return n;
        }
        case SweepDesign::table:
            return spec.axes.empty() ? 0 : std::min(too_many, spec.axes.front().values.size());
        case SweepDesign::latin_hypercube:
            return spec.samples < 0 || static_cast<std::uint64_t>(spec.samples) > too_many
                       ? too_many
                       : static_cast<std::size_t>(spec.samples);
        case SweepDesign::saltelli:
            if (spec.samples < 0 || static_cast<std::uint64_t>(spec.samples) > too_many ||
                d > too_many) {
                return too_many;
            }
            return std::min(too_many, static_cast<std::size_t>(spec.samples) * (d + 2));
    }
    return too_many;
}

const fuzz::ScratchDir& scratch() {
    static const fuzz::ScratchDir dir;
    static const bool linked = [] {
        std::filesystem::create_directory_symlink(HAVENS_SOURCE_DIR "/scenarios/data",
                                                  dir.path() / "data");
        return true;
    }();
    (void)linked;
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    const std::size_t nul = input.find('\0');
    std::vector<std::string> overrides;
    if (nul != std::string_view::npos) {
        std::string_view rest = input.substr(nul + 1);
        const char separator = rest.find('\0') != std::string_view::npos ? '\0' : '\n';
        while (!rest.empty()) {
            const std::size_t end = std::min(rest.find(separator), rest.size());
            overrides.emplace_back(rest.substr(0, end));
            rest.remove_prefix(std::min(end + 1, rest.size()));
        }
    }
    const std::string path = scratch().write("fuzz.toml", input.substr(0, nul));
    fuzz::expect_clean([&] {
        const LoadedScenario loaded = load_scenario(path, overrides);
        (void)scenario_to_json(loaded.scenario).dump();
        // The size check sees the sweep, not its points: with no memory or
        // disk budget only the contact-index limit applies, and a job it
        // lets through must hold no point beyond that limit.
        check_fits({loaded}, 193, 1, Budget{saturated, "none", std::nullopt, ""});
        if (point_count(loaded.sweep) > max_points) return;
        const auto points = expand_sweep(loaded.scenario, loaded.sweep);
        if (points.size() != point_count(loaded.sweep)) __builtin_trap();
        for (const auto& p : points) {
            if (p.values.size() != loaded.sweep.axes.size()) __builtin_trap();
            const auto slots =
                saturating_product(static_cast<std::uint64_t>(p.scenario.world.exiles),
                                   static_cast<std::uint64_t>(p.scenario.exiles.contacts));
            if (slots > max_contact_slots) __builtin_trap();
            (void)intervention_problems(fuzz::shipped_world(), p.scenario);
        }
        (void)scenario_to_json(points.back().scenario).dump();
    });
    return 0;
}
