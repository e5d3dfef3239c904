// Fuzzing the calibration-file reader: what `havens validate` and `havens
// calibrate` check before any work (the file, its base scenario with the
// file's overrides, the priors, targets and sampler settings, then the
// interventions against the world). No calibration is run. The input is the
// calibration file up to its first NUL byte; the rest, if any, is written
// beside it as scenario.toml, a base scenario the file can name. The shipped
// scenarios and data/ are linked into the same folder, so that the shipped
// calibration, which names baseline.toml, reaches its parameters and targets.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_support.hpp"
#include "io/calibration_file.hpp"
#include "jobs/intervention_check.hpp"
#include "shipped_world.hpp"

namespace {

using namespace havens;

const fuzz::ScratchDir& scratch() {
    static const fuzz::ScratchDir dir;
    static const bool linked = [] {
        const std::filesystem::path shipped = HAVENS_SOURCE_DIR "/scenarios";
        for (const auto& entry : std::filesystem::directory_iterator(shipped)) {
            const auto name = entry.path().filename();
            if (name == "calibration.toml") continue;
            if (entry.is_directory()) {
                std::filesystem::create_directory_symlink(entry.path(), dir.path() / name);
            } else {
                std::filesystem::create_symlink(entry.path(), dir.path() / name);
            }
        }
        return true;
    }();
    (void)linked;
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)scratch();
    (void)fuzz::shipped_world();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    const std::size_t nul = input.find('\0');
    const std::string scenario_path = (scratch().path() / "scenario.toml").string();
    if (nul != std::string_view::npos) {
        (void)scratch().write("scenario.toml", input.substr(nul + 1));
    } else {
        // An earlier input's scenario must not answer this one's name.
        std::error_code ignored;
        std::filesystem::remove(scenario_path, ignored);
    }
    const std::string path = scratch().write("calibration.toml", input.substr(0, nul));
    fuzz::expect_clean([&] {
        const LoadedCalibration loaded = load_calibration(path);
        const CalibrationProblem& problem = loaded.problem;
        if (problem.parameters.empty() || problem.targets.empty()) __builtin_trap();
        for (const auto& p : problem.parameters) {
            if (!(p.prior.low < p.prior.high)) __builtin_trap();
        }
        // A target's name is a coordinate of the result file and a line of
        // havens info: a control character there is a finding.
        const auto control = [](const std::string& text) {
            return std::any_of(text.begin(), text.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
            });
        };
        for (const auto& t : problem.targets) {
            if (!(t.sd > 0) || !t.statistic || t.name.empty()) __builtin_trap();
            if (control(t.name) || control(t.source)) __builtin_trap();
        }
        check_interventions(fuzz::shipped_world(), {loaded.scenario});
        (void)scenario_to_json(loaded.scenario.scenario).dump();
    });
    return 0;
}
