#include "jobs/calibrate.hpp"

#include <nlohmann/json.hpp>

#include "calibration/posterior.hpp"
#include "engine/run.hpp"
#include "io/build_info.hpp"
#include "io/checkpoint.hpp"
#include "io/provenance.hpp"
#include "io/result_file.hpp"
#include "jobs/evaluation_store.hpp"

namespace havens {

namespace {

// What a resumed calibration must match: the build, the calibration file
// and the base scenario as resolved.
std::string manifest_of(const LoadedCalibration& c) {
    nlohmann::json m;
    m["havens_version"] = build_info::version;
    m["git_revision"] = build_info::git_revision;
    m["calibration"] = c.text;
    m["scenario"] = scenario_to_json(c.scenario.scenario);
    return m.dump(1);
}

Provenance provenance_of(const LoadedCalibration& c, const std::string& command_line) {
    const std::string text =
        "# --- " + c.path + "\n" + c.text + "# --- " + c.scenario.path + "\n" + c.scenario.text;
    nlohmann::json config;
    config["scenario"] = scenario_to_json(c.scenario.scenario);
    return make_provenance(command_line, text, config.dump(), c.problem.settings.seed);
}

}  // namespace

std::vector<std::vector<double>> simulate_targets(const World& world, Scenario scenario,
                                                  const std::vector<Target>& targets,
                                                  std::uint64_t seed, int replicates) {
    for (const auto& t : targets) scenario.output.request_log |= t.statistic->needs_request_log;
    scenario.seed = seed;
    std::vector<std::vector<double>> stats;
    for (int m = 0; m < replicates; ++m) {
        const ReplicateResult r = run_replicate(world, scenario, static_cast<std::uint64_t>(m));
        std::vector<double> row;
        row.reserve(targets.size());
        for (const auto& t : targets) {
            row.push_back(compute_statistic(*t.statistic, t.argument, r, world, scenario));
        }
        stats.push_back(std::move(row));
    }
    return stats;
}

CalibrationResult run_calibration_job(const CalibrationJob& job, const AbcHooks& hooks) {
    const LoadedCalibration& c = job.calibration;
    const std::string manifest = manifest_of(c);
    const Checkpoint checkpoint = job.resume ? Checkpoint::resume(job.output, manifest, {})
                                             : Checkpoint::start(job.output, manifest, {});
    const EvaluationStore store(checkpoint.folder() / "evaluations");
    std::vector<std::string> keys;
    for (const auto& p : c.problem.parameters) keys.push_back(p.key);

    const Simulator simulate = [&](const std::vector<double>& values, std::uint64_t seed,
                                   SimulationId at) {
        const EvaluationIdentity id{at.generation, at.step, at.particle, seed, hash_values(values)};
        if (auto saved = store.load(id)) return *saved;
        auto stats =
            simulate_targets(job.world, with_parameters(c.scenario.scenario, keys, values, c.path),
                             c.problem.targets, seed, c.problem.settings.replicates);
        store.save(id, stats);
        return stats;
    };
    CalibrationResult result = run_abc_smc(c.problem, simulate, hooks);

    ResultFileWriter writer(job.output, provenance_of(c, job.command_line), job.world,
                            (checkpoint.folder() / "result.h5").string());
    writer.add_calibration(CalibrationOutput{c.problem, result, c.scenario.path});
    writer.commit();
    checkpoint.discard();
    return result;
}

}  // namespace havens
