// /sweeps/NAME (schema 4, docs/OUTPUT.md): a sweep as one group. Every
// variable of the output registry gains a leading `point` axis, the design
// is a set of coordinates on that axis (one per swept key), and the axes
// every point shares (months, states, categories) are written once. The
// arrays are made for every point before the first run ends, so that each
// point is written into its slots as soon as it is complete. Internal to io/.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "engine/output_registry.hpp"
#include "io/h5/file.hpp"
#include "io/result_file.hpp"
#include "io/streamed_array.hpp"

namespace havens::result_sections {

class SweepArrays {
public:
    SweepArrays(const h5::Location& sweeps, const World& world, const SweepTable& table);
    // Any thread, as soon as a run is done: its compressed arrays (per
    // origin, per pair) into their chunks (StreamedArray), each run once.
    // False for a sweep of adaptive points (written only at the end, whole).
    bool stream(std::size_t p, std::uint64_t replicate, const ReplicateResult& run) const;
    // Point p (its index in the design): its replicates into their slots,
    // and the chunks of the points so far stored. Points are written in the
    // order of the design (the event log is appended point by point); the
    // replicates' compressed arrays are not read (they were streamed).
    void write(std::size_t p, const ScenarioOutput& out);
    // Records how many replicates each point ran, then closes every
    // dataset, checked.
    void close();

private:
    struct Array {
        h5::Location dataset;
        const output::Variable* variable;
        h5::Shape shape;                          // [point, replicate, ...]
        std::unique_ptr<StreamedArray> streamed;  // a compressed array: filled run by run
    };
    void make_arrays(const SweepTable& table);
    void make_event_log();
    Array& derived(const char* name);
    void write_summary(std::size_t p, std::span<const ReplicateResult> reps);
    void append_events(std::size_t p, std::span<const ReplicateResult> reps);

    h5::Location group_;
    std::vector<Array> arrays_;
    std::vector<std::int64_t> replicates_run_;
    std::size_t replicates_ = 0;  // the slots along `replicate`: the most any point may run
    std::size_t months_ = 0;
    std::size_t states_ = 0;
    std::size_t parameters_ = 0;  // a run over a posterior: its keys
    bool events_ = false;
    bool streams_ = false;  // runs are streamed (no point is adaptive)
    std::size_t event_rows_ = 0;
    std::vector<h5::Location> event_columns_;
};

}  // namespace havens::result_sections
