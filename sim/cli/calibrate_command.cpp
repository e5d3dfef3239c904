#include "cli/calibrate_command.hpp"

#include <tbb/global_control.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/progress.hpp"
#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "io/load_world.hpp"
#include "io/result_info.hpp"
#include "jobs/calibrate.hpp"
#include "jobs/output_path.hpp"

namespace havens {

namespace {

std::string minutes(double seconds) {
    char text[32];
    if (seconds < 90) {
        std::snprintf(text, sizeof text, "%.0f s", seconds);
    } else {
        std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
    }
    return text;
}

}  // namespace

int calibrate_command(const CalibrateOptions& o, const std::string& command_line) {
    const LoadedCalibration calibration = load_calibration(o.calibration);
    const std::string output =
        o.output ? *o.output
                 : "results/" + std::filesystem::path(o.calibration).stem().string() + ".h5";
    check_output(output, o.output.has_value());
    const World world = load_world(calibration.scenario.scenario.world);
    const OutputLock lock = OutputLock::acquire(output);
    std::optional<tbb::global_control> limit;
    if (o.threads > 0) {
        limit.emplace(tbb::global_control::max_allowed_parallelism,
                      static_cast<std::size_t>(o.threads));
    }

    const int most = calibration.problem.settings.max_generations;
    const auto started = std::chrono::steady_clock::now();
    std::optional<Progress> progress;
    AbcHooks hooks;
    hooks.progress = [&](std::size_t done, std::size_t total) {
        if (o.quiet) return;
        if (!progress) progress.emplace(Progress::style_for_stderr(false));
        progress->update(done, total);
    };
    hooks.generation_done = [&](std::size_t g, const Generation& generation) {
        if (progress) {
            progress->finish();
            progress.reset();
        }
        if (o.quiet) return;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double left = static_cast<double>(most) - static_cast<double>(g);
        std::fprintf(
            stderr,
            "havens: generation %zu of at most %d: tolerance %.4g, acceptance %s, "
            "effective sample %.0f, %zu distinct particles; %s so far, at most %s left\n",
            g, most, generation.tolerance,
            std::isnan(generation.acceptance_rate)
                ? "-"
                : (std::to_string(static_cast<int>(std::lround(100 * generation.acceptance_rate))) +
                   "%")
                      .c_str(),
            generation.effective_sample_size, generation.unique_particles, minutes(elapsed).c_str(),
            minutes(elapsed / static_cast<double>(g + 1) * left).c_str());
    };
    run_calibration_job(CalibrationJob{calibration, world, output, o.resume, command_line}, hooks);
    std::cout << describe_result_file(output);
    return exit_ok;
}

}  // namespace havens
