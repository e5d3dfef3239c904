// The sections of a result file, one writer each (result_world.cpp,
// result_scenario.cpp, result_calibration.cpp; a sweep's arrays in
// result_sweep.hpp), put together by ResultFileWriter.
// Internal to io/: the only place besides io/h5 that sees HDF5 locations.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/output_registry.hpp"
#include "io/h5/file.hpp"
#include "io/h5/schema.hpp"
#include "io/provenance.hpp"
#include "io/result_file.hpp"
#include "io/streamed_array.hpp"

namespace havens::result_sections {

template <typename T>
std::span<const T> view(const std::vector<T>& v) {
    return {v.data(), v.size()};
}

template <typename Names>
std::vector<std::string> labels(const Names& names) {
    return std::vector<std::string>(names.begin(), names.end());
}

// Root attributes: who made the file, from what, when.
void write_root(const h5::Location& root, const Provenance& provenance);
// /world: the states table and the cooperation edges.
void write_world(const h5::Location& root, const World& world);
// A named scenario's compressed arrays, filled run by run.
struct StreamedVariable {
    const output::Variable* variable;
    std::unique_ptr<StreamedArray> array;
};
using StreamedArrays = std::vector<StreamedVariable>;
// Those of a scenario that runs `scenario.replicates` replicates: one chunk
// per replicate.
StreamedArrays scenario_streams(const World& world, const Scenario& scenario);
void stream_run(const StreamedArrays& arrays, std::uint64_t replicate, const ReplicateResult& run);

// /scenarios/NAME: timeseries, states, flows, summary and the event log;
// the arrays in `streamed` from their chunks, not from the replicates.
void write_scenario(const h5::Location& scenarios, const World& world, const ScenarioOutput& out,
                    const StreamedArrays* streamed = nullptr);
// /calibration: every generation of a calibration (docs/CALIBRATION.md).
void write_calibration(const h5::Location& root, const CalibrationOutput& out);

}  // namespace havens::result_sections
