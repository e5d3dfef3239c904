// What an experiment will need before it starts: runs, memory and disk, from
// its shape alone, so that a scenario that cannot fit is refused in one line
// instead of failing an hour in (docs/RELIABILITY.md). The per-item sizes are
// measured on the release build (bench/RESULTS.md, "Footprint"); a test
// checks the result size against a real run.
#pragma once

#include <cstdint>

#include "core/saturating.hpp"

namespace havens {

// The largest values the points of an experiment take.
struct ExperimentShape {
    std::uint64_t points = 1;
    std::uint64_t replicates_per_point = 1;  // replicates = "auto": replication.max
    std::uint64_t months = 1;
    std::uint64_t states = 1;
    std::uint64_t exiles = 0;
    std::uint64_t contacts = 0;              // per exile
    std::uint64_t legitimate_per_month = 0;  // requests.legitimate_rate
    std::uint64_t concurrent = 1;            // runs in flight at once: the threads
};

struct Footprint {
    std::uint64_t runs = 0;
    std::uint64_t runs_in_flight = 0;  // the threads, or the runs when fewer
    // Memory at the peak, by what drives it.
    std::uint64_t points_bytes = 0;     // the plan and the file's bookkeeping, per point
    std::uint64_t in_flight_bytes = 0;  // the exiles of the runs in flight, and ...
    std::uint64_t queue_bytes = 0;      // ... of that, their queues of legitimate requests
    std::uint64_t held_bytes = 0;       // one point's replicates, gathered to be written
    std::uint64_t fixed_bytes = 0;      // the world and the libraries
    // Disk at the peak: every run's checkpoint file, and the result file.
    std::uint64_t checkpoint_bytes = 0;
    std::uint64_t result_file_bytes = 0;

    std::uint64_t memory_bytes() const {
        return saturating_sum(saturating_sum(points_bytes, in_flight_bytes),
                              saturating_sum(held_bytes, fixed_bytes));
    }
    std::uint64_t disk_bytes() const { return saturating_sum(checkpoint_bytes, result_file_bytes); }
};

// Bytes of one run's result (every array of ReplicateResult, without the
// optional request log), as it sits in memory.
std::uint64_t result_bytes(std::uint64_t months, std::uint64_t states);

// Bytes of one run's checkpoint record (without the request log), and of
// its arrays in the result file as HDF5 stores them, compressed: an
// estimate for a run whose values differ from its neighbours' (a sweep
// whose points repeat values compresses further).
std::uint64_t checkpoint_record_bytes(std::uint64_t months, std::uint64_t states);
std::uint64_t stored_run_bytes(std::uint64_t months, std::uint64_t states);

// A point's share of the job's memory while it runs (its scenario, its
// identity, the result file's groups): measured 27 KB, rounded up.
inline constexpr std::uint64_t bytes_per_point = 32'000;

// The contact slots of all exiles are indexed by 32 bits (ExileId).
inline constexpr std::uint64_t max_contact_slots = 4'000'000'000;

Footprint footprint_of(const ExperimentShape& shape);

}  // namespace havens
