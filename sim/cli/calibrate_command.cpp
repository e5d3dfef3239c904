#include "cli/calibrate_command.hpp"

#include <tbb/global_control.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/progress.hpp"
#include "cli/terminal.hpp"
#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "io/load_world.hpp"
#include "io/posterior_csv.hpp"
#include "io/result_info.hpp"
#include "jobs/calibrate.hpp"
#include "jobs/intervention_check.hpp"
#include "jobs/output_path.hpp"
#include "jobs/size_check.hpp"

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

Posterior last_generation(const CalibrationProblem& problem, const CalibrationResult& result) {
    const Generation& last = result.generations.back();
    Posterior posterior;
    for (const auto& p : problem.parameters) posterior.keys.push_back(p.key);
    posterior.particles = last.particles;
    posterior.weights = last.weights;
    return posterior;
}

// What the file is and how it was made, without paths or dates: the same
// calibration gives the same bytes wherever and whenever it runs.
std::string posterior_comment(const LoadedCalibration& calibration,
                              const CalibrationResult& result) {
    const Generation& last = result.generations.back();
    const std::string file = std::filesystem::path(calibration.path).filename().string();
    char summary[256];
    std::snprintf(summary, sizeof summary,
                  "generation %zu, tolerance %.4g, %zu of %zu particles distinct, stopped by %s.",
                  result.generations.size() - 1, last.tolerance, last.unique_particles,
                  last.particles.size(), result.stopped.c_str());
    return "The posterior of " + file + " (havens calibrate, seed " +
           std::to_string(calibration.problem.settings.seed) +
           "): the last generation's particles, with their weights;\n" + summary +
           "\nMade by havens calibrate --posterior-csv (docs/CALIBRATION.md gives the "
           "command);\na scenario's posterior key names this file.";
}

}  // namespace

int calibrate_command(const CalibrateOptions& o, const std::string& command_line) {
    const LoadedCalibration calibration = load_calibration(o.calibration);
    const std::string output =
        o.output ? *o.output
                 : "results/" + std::filesystem::path(o.calibration).stem().string() + ".h5";
    check_output(output, o.overwrite);
    if (o.posterior_csv) {
        if (o.posterior_csv->empty()) throw InputError("--posterior-csv", 0, "", "empty path");
        check_output(*o.posterior_csv, o.overwrite);
    }
    const World world = load_world(calibration.scenario.scenario.world);
    check_calibration_fits(calibration, world.states.size(), o.threads);
    check_interventions(world, {calibration.scenario});
    make_output_folder(output);
    if (o.posterior_csv) make_output_folder(*o.posterior_csv);
    const OutputLock lock = OutputLock::acquire(output);
    std::optional<tbb::global_control> limit;
    if (o.threads > 0) {
        limit.emplace(tbb::global_control::max_allowed_parallelism,
                      static_cast<std::size_t>(o.threads));
    }

    const int most = calibration.problem.settings.max_generations;
    const auto started = std::chrono::steady_clock::now();
    // One bar over the whole calibration: the runs of the generations done,
    // of this one's batches (the first sample, then one per move step), and
    // of every generation still allowed at the average so far, so that the
    // time left is an honest upper bound from the start.
    std::optional<Progress> progress;
    std::size_t runs_before = 0, generations_finished = 0;
    std::size_t batches_before = 0, batch_total = 0;  // within this generation
    AbcHooks hooks;
    hooks.progress = [&](std::size_t done, std::size_t total) {
        if (o.quiet) return;
        if (!progress) progress.emplace(Progress::style_for_stderr(false));
        if (done == 0) {  // a new batch of this generation
            batches_before += batch_total;
            batch_total = total;
        }
        const std::size_t known = batches_before + total;
        const std::size_t per_generation =
            generations_finished > 0 ? runs_before / generations_finished : known;
        const std::size_t still_allowed =
            static_cast<std::size_t>(most) > generations_finished
                ? static_cast<std::size_t>(most) - generations_finished
                : 0;
        progress->update(
            runs_before + batches_before + done,
            runs_before + std::max(known, per_generation) + per_generation * still_allowed, true);
    };
    hooks.generation_done = [&](std::size_t g, const Generation& generation) {
        runs_before += batches_before + batch_total;
        batches_before = 0;
        batch_total = 0;
        ++generations_finished;
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
    const CalibrationResult result = run_calibration_job(
        CalibrationJob{calibration, world, output, o.resume, command_line}, hooks);
    if (o.posterior_csv) {
        write_atomically(*o.posterior_csv,
                         posterior_csv_text(last_generation(calibration.problem, result),
                                            posterior_comment(calibration, result)));
    }
    std::cout << for_terminal(describe_result_file(output));
    return exit_ok;
}

}  // namespace havens
