// Writing a result file (docs/OUTPUT.md): provenance on the root, the world, and
// one group per scenario with its replicates. The file is written under a
// temporary name beside the target and renamed only when complete, so a
// failed or killed run never leaves a half-written file at the output path.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "calibration/abc_smc.hpp"
#include "engine/replicate_result.hpp"
#include "io/provenance.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"
#include "scenario/sweep.hpp"

namespace havens {

// The parameter sets of a run over a posterior (havens run --posterior),
// written to the group's posterior/: each replicate's particle and values.
struct PosteriorDraws {
    std::string source;              // the posterior file
    std::vector<std::string> keys;   // the scenario keys, one per parameter
    std::vector<std::int64_t> draw;  // [replicate]: the particle index
    std::vector<double> parameters;  // [replicate, parameter], row-major
};

struct ScenarioOutput {
    const Scenario& scenario;
    std::span<const ReplicateResult> replicates;
    std::string scenario_toml;                  // the file it came from, kept on its group
    const SweepPoint* point = nullptr;          // for a sweep point: its place in the design
    std::string sweep;                          // ... and the sweep's name
    const PosteriorDraws* posterior = nullptr;  // a run over a posterior: its draws
};

// Where a run's results go: a named scenario's group, or a point of a sweep.
struct RunPlace {
    std::string name;                   // the scenario's, or the sweep's
    const SweepPoint* point = nullptr;  // the sweep's point
};

// A sweep, written to /sweeps/NAME: its design along a `point` axis and
// every point's results in arrays on that axis.
struct SweepTable {
    std::string name;
    const SweepSpec& spec;
    std::span<const SweepPoint> points;
    const Scenario& base;       // the sweep's scenario, before the design sets its keys
    std::string scenario_toml;  // the file it came from
    // A run over a posterior: the keys each replicate draws, and the file.
    std::vector<std::string> posterior_keys;
    std::string posterior_source;
};

// A calibration, written to /calibration.
struct CalibrationOutput {
    const CalibrationProblem& problem;
    const CalibrationResult& result;
    std::string scenario_path;  // the base scenario
};

// Writes a result file group by group, so that a large experiment need not
// hold every replicate in memory. Nothing appears at `path` until commit().
class ResultFileWriter {
public:
    // `temporary` is where the file grows until commit() renames it to `path`
    // (the same file system); by default beside `path`.
    ResultFileWriter(const std::string& path, const Provenance& provenance, const World& world,
                     std::string temporary = "");
    ~ResultFileWriter();  // removes the temporary file unless committed
    ResultFileWriter(const ResultFileWriter&) = delete;
    ResultFileWriter& operator=(const ResultFileWriter&) = delete;

    // A scenario's group, or a sweep point's slots (its sweep added first,
    // its points in the design's order).
    void add_scenario(const ScenarioOutput& scenario);
    // A sweep's design and its arrays, made for every point: before its points.
    void add_sweep(const SweepTable& sweep);
    // Before any run: a named scenario whose runs will be streamed (its
    // replicates fixed, not adaptive).
    void expect_runs(const Scenario& scenario);
    // Any thread, once the sweeps and the expected scenarios are added: the
    // run's compressed arrays (per origin, per pair) are chunked and
    // compressed on the calling thread, so that add_scenario has only to
    // store them; it then reads no compressed array of the replicates it is
    // given. False when the place streams nothing (a scenario not
    // expected): add_scenario then writes every array from the replicates.
    bool stream(const RunPlace& place, std::uint64_t replicate, const ReplicateResult& run) const;
    void add_calibration(const CalibrationOutput& calibration);
    // The order readers should list the scenarios and sweeps in (default:
    // the scenarios as added).
    void set_scenario_order(const std::vector<std::string>& names);
    // Where the job's time went (root attribute phase_times).
    void set_times(const JobTimes& times);
    // Closes the file (flushed, checked) and moves it to `path`; OutputError,
    // and nothing moved, if HDF5 cannot finish writing it (a full disk).
    void commit();

private:
    struct Open;  // the HDF5 handles: only io/h5 code sees hdf5.h
    std::string path_;
    std::string partial_;
    const World& world_;
    std::unique_ptr<Open> open_;
    bool committed_ = false;
};

// The run without the arrays stream() takes (left empty): what a writer
// still needs of a streamed run.
ReplicateResult without_streamed_arrays(const ReplicateResult& run);

void write_result_file(const std::string& path, const Provenance& provenance, const World& world,
                       const std::vector<ScenarioOutput>& scenarios);

}  // namespace havens
