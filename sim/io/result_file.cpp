#include "io/result_file.hpp"

#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/errors.hpp"
#include "io/h5/file.hpp"
#include "io/h5/schema.hpp"
#include "io/result_arrays.hpp"
#include "io/result_sections.hpp"
#include "io/result_sweep.hpp"

namespace havens {

using h5::Location;

struct ResultFileWriter::Open {
    Open(Location r, Location s) : root(std::move(r)), scenarios(std::move(s)) {}
    Location root;
    Location scenarios;
    nlohmann::json order = nlohmann::json::array();  // groups in the order given
    bool order_given = false;                        // by set_scenario_order
    std::map<std::string, result_sections::SweepArrays> sweeps;
    std::map<std::string, result_sections::StreamedArrays> streamed;  // named scenarios
    nlohmann::json times;
};

ResultFileWriter::ResultFileWriter(const std::string& path, const Provenance& provenance,
                                   const World& world, std::string temporary)
    : path_(path),
      partial_(temporary.empty() ? path + ".partial-" + std::to_string(::getpid())
                                 : std::move(temporary)),
      world_(world) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (target.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        if (ec) throw OutputError(path, "cannot create its folder: " + ec.message());
    }
    try {
        Location root = h5::create_file(partial_);
        result_sections::write_root(root, provenance);
        result_sections::write_world(root, world);
        Location scenarios = root.create_group(schema::scenarios);
        open_ = std::make_unique<Open>(std::move(root), std::move(scenarios));
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(partial_, ignored);
        throw;
    }
}

ResultFileWriter::~ResultFileWriter() {
    if (committed_) return;
    open_.reset();  // quietly: this is the error path (never throws)
    std::error_code ignored;
    std::filesystem::remove(partial_, ignored);
}

void ResultFileWriter::add_scenario(const ScenarioOutput& scenario) {
    if (scenario.point) {
        const auto sweep = open_->sweeps.find(scenario.sweep);
        if (sweep == open_->sweeps.end()) {
            throw std::logic_error("sweep " + scenario.sweep + " written before it was added");
        }
        sweep->second.write(scenario.point->index, scenario);
        return;
    }
    const auto streamed = open_->streamed.find(scenario.scenario.name);
    result_sections::write_scenario(
        open_->scenarios, world_, scenario,
        streamed == open_->streamed.end() ? nullptr : &streamed->second);
    if (streamed != open_->streamed.end()) open_->streamed.erase(streamed);
    if (!open_->order_given) open_->order.push_back(scenario.scenario.name);
}

void ResultFileWriter::add_sweep(const SweepTable& sweep) {
    if (!open_->root.exists(schema::sweeps)) open_->root.create_group(schema::sweeps).close();
    Location sweeps = open_->root.open_group(schema::sweeps);
    open_->sweeps.try_emplace(sweep.name, sweeps, world_, sweep);
    sweeps.close();
}

void ResultFileWriter::expect_runs(const Scenario& scenario) {
    open_->streamed.insert_or_assign(scenario.name,
                                     result_sections::scenario_streams(world_, scenario));
}

bool ResultFileWriter::stream(const RunPlace& place, std::uint64_t replicate,
                              const ReplicateResult& run) const {
    if (place.point) {
        const auto sweep = open_->sweeps.find(place.name);
        if (sweep == open_->sweeps.end()) return false;
        return sweep->second.stream(place.point->index, replicate, run);
    }
    const auto streamed = open_->streamed.find(place.name);
    if (streamed == open_->streamed.end()) return false;
    result_sections::stream_run(streamed->second, replicate, run);
    return true;
}

ReplicateResult without_streamed_arrays(const ReplicateResult& run) {
    ReplicateResult rest = run;
    visit_fields(
        [](std::string_view name, auto& member) {
            if constexpr (requires { member.clear(); }) {
                const output::Variable* v = output::find_member(name);
                if (v && result_sections::compressed(*v)) {
                    std::remove_reference_t<decltype(member)>().swap(member);
                }
            }
        },
        rest);
    return rest;
}

void ResultFileWriter::set_times(const JobTimes& times) {
    nlohmann::json phases = nlohmann::json::array();
    for (const auto& p : times.phases) {
        phases.push_back(
            {{"phase", p.phase}, {"wall_seconds", p.wall_seconds}, {"cpu_seconds", p.cpu_seconds}});
    }
    open_->times = {{"threads", times.threads}, {"phases", phases}};
}

void ResultFileWriter::add_calibration(const CalibrationOutput& calibration) {
    result_sections::write_calibration(open_->root, calibration);
}

void ResultFileWriter::set_scenario_order(const std::vector<std::string>& names) {
    open_->order = names;
    open_->order_given = true;
}

void ResultFileWriter::commit() {
    // HDF5 lists groups alphabetically; readers restore the order given.
    open_->root.set_attribute(schema::root_attr::scenario_order, open_->order.dump());
    if (!open_->times.is_null()) {
        open_->root.set_attribute(schema::root_attr::phase_times, open_->times.dump());
    }
    for (auto& [name, sweep] : open_->sweeps) sweep.close();
    // Closed, flushed and checked before the rename: a file HDF5 could not
    // finish (a full disk) is an error and never moved into place; the
    // destructor then removes it.
    open_->scenarios.close();
    open_->root.close();
    open_.reset();
    std::error_code ec;
    std::filesystem::rename(partial_, path_, ec);
    if (ec) throw OutputError(path_, "cannot move the finished file into place: " + ec.message());
    committed_ = true;
}

void write_result_file(const std::string& path, const Provenance& provenance, const World& world,
                       const std::vector<ScenarioOutput>& scenarios) {
    ResultFileWriter writer(path, provenance, world);
    for (const auto& s : scenarios) writer.add_scenario(s);
    writer.commit();
}

}  // namespace havens
