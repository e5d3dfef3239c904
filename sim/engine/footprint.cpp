#include "engine/footprint.hpp"

#include <algorithm>

#include "core/saturating.hpp"
#include "core/vocabulary.hpp"

namespace havens {

namespace {

// Measured on the release build (bench/RESULTS.md, "Footprint"):
// - a point costs about 27 KB while the experiment runs (bytes_per_point):
//   10 000 points of one run, 319 MB;
// - an exile costs 9 + 4k bytes in each run in flight (k contacts): 2 x 10^6
//   exiles, 49 MB at k = 4 and 268 MB at k = 32; the campaign cap's record
//   of when each exile was last targeted adds 6 bytes;
constexpr std::uint64_t bytes_per_exile = 16;
constexpr std::uint64_t bytes_per_contact = 4;
// - a legitimate request waits for its answer in the run's queue for up to
//   about 15 months and costs about 40 bytes for each month it may wait:
//   10^6 a month, 108 MB after 3 months, 211 MB after 6, 410 MB after 24;
//   2.5 x 10^5 a month, 131 MB after 12 months, 151 MB after 120;
constexpr std::uint64_t bytes_per_legitimate_month = 40;
constexpr std::uint64_t legitimate_wait_months = 15;
// - a replicate gathered for writing costs 1.57 times its result (the result
//   and the rows being written): 1.72 MB a replicate at 240 months;
constexpr double held_factor = 1.6;
// - the world, the libraries and the HDF5 library's caches: 27-33 MB;
constexpr std::uint64_t fixed = 64'000'000;
// - a run's checkpoint record holds its arrays as they are, but the two
//   counts per pair of states (grants and moves, int64, almost all zero) as
//   (index, value) pairs: 365 KB for 12 months and 829 KB for 240 months
//   of 193 states (bench_checkpoint_record), 370 KB and 829 KB here;
constexpr std::uint64_t checkpoint_header = 4'096;
// - the result file: the world and HDF5's own records, about 0.7 MB; a
//   sweep point's coordinates and summaries, about 1 KB; and each run's
//   arrays as stored (stored_run_bytes).
constexpr std::uint64_t file_fixed = 1'000'000;
constexpr std::uint64_t file_bytes_per_point = 2'000;

// A run's arrays by their shape. [month]: 2 int32, 4 flags, 12 int64
// counts, 4 doubles, and the counts by reason, channel and status.
constexpr std::uint64_t per_month =
    2 * 4 + 4 * 1 + 12 * 8 + 4 * 8 + 8 * (reason_count + 2 * channel_count + status_count);
// [state]: four months, the reservations, two int64 counts.
constexpr std::uint64_t per_state = 4 * sizeof(Month) + article_count + 2 * sizeof(std::int64_t);

std::uint64_t scaled(std::uint64_t bytes, double factor) {
    const double x = static_cast<double>(bytes) * factor;
    return x >= 1.8e19 ? saturated : static_cast<std::uint64_t>(x);
}

}  // namespace

std::uint64_t result_bytes(std::uint64_t months, std::uint64_t states) {
    // [month, state]: safe havens (int32) and risk by origin (float)
    const std::uint64_t per_month_state = 4 + 4;
    // [origin, host]: grants and moves (int64), grant probability (double), safe haven (flag)
    const std::uint64_t per_pair = 8 + 8 + 8 + 1;
    const std::uint64_t scalars = 5 * sizeof(Month) + 4 + 8;  // five months, votes, exiles
    std::uint64_t total = saturating_product(months, per_month);
    total = saturating_sum(total,
                           saturating_product(saturating_product(months, states), per_month_state));
    total = saturating_sum(total, saturating_product(states, per_state));
    total = saturating_sum(total, saturating_product(saturating_product(states, states), per_pair));
    return saturating_sum(total, scalars);
}

std::uint64_t checkpoint_record_bytes(std::uint64_t months, std::uint64_t states) {
    const std::uint64_t sparse_counts = saturating_product(saturating_product(states, states), 16);
    const std::uint64_t whole = result_bytes(months, states);
    return saturating_sum(whole > sparse_counts ? whole - sparse_counts : 0, checkpoint_header);
}

std::uint64_t stored_run_bytes(std::uint64_t months, std::uint64_t states) {
    // As HDF5 stores them (measured 2026-12-05, bench/RESULTS.md, "the disk
    // estimate"): the [month] and [state] arrays as they are; the [month,
    // origin] arrays deflated about tenfold; per pair, the grant probability
    // (float32) deflated about 1.5-fold where the runs differ, and the
    // safe-haven flag, a byte at most; the counts of grants and moves,
    // almost all zero, next to nothing.
    const std::uint64_t pairs = saturating_product(states, states);
    std::uint64_t total = saturating_product(months, per_month);
    total = saturating_sum(total, saturating_product(states, per_state));
    total = saturating_sum(total, scaled(saturating_product(months, states), 8 / 10.0));
    total = saturating_sum(total, scaled(pairs, 4 / 1.5));
    return saturating_sum(total, pairs);
}

Footprint footprint_of(const ExperimentShape& shape) {
    Footprint f;
    f.runs = saturating_product(shape.points, shape.replicates_per_point);
    const std::uint64_t one_result = result_bytes(shape.months, shape.states);
    f.points_bytes = saturating_product(shape.points, bytes_per_point);
    const std::uint64_t per_exile =
        saturating_sum(bytes_per_exile, saturating_product(shape.contacts, bytes_per_contact));
    const std::uint64_t queue = saturating_product(
        shape.legitimate_per_month,
        bytes_per_legitimate_month * std::min(shape.months, legitimate_wait_months));
    const std::uint64_t one_run = saturating_sum(
        saturating_sum(one_result, saturating_product(shape.exiles, per_exile)), queue);
    // No more runs are in flight than the job has.
    f.runs_in_flight = std::max<std::uint64_t>(1, std::min(shape.concurrent, f.runs));
    f.in_flight_bytes = saturating_product(f.runs_in_flight, one_run);
    f.queue_bytes = saturating_product(f.runs_in_flight, queue);
    f.held_bytes = scaled(saturating_product(shape.replicates_per_point, one_result), held_factor);
    f.fixed_bytes = fixed;
    f.checkpoint_bytes =
        saturating_product(f.runs, checkpoint_record_bytes(shape.months, shape.states));
    f.result_file_bytes = saturating_sum(
        saturating_sum(file_fixed, saturating_product(shape.points, file_bytes_per_point)),
        saturating_product(f.runs, stored_run_bytes(shape.months, shape.states)));
    return f;
}

}  // namespace havens
