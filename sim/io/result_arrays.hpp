// What a scenario group (result_scenario.cpp) and a sweep's arrays
// (result_sweep.cpp) write alike: the replicates' members stacked into one
// array, the scenario's options as attributes, the coordinates of the
// categorical axes, and the columns of the request event log.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "engine/outcomes.hpp"
#include "engine/output_registry.hpp"
#include "engine/replicate_result.hpp"
#include "io/result_sections.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens::result_sections {

// One member of every replicate's result, stacked in replicate order and
// converted to the registry's type (rows of reservations are flattened).
template <typename T>
std::vector<T> stacked(std::span<const ReplicateResult> reps, std::string_view member) {
    std::vector<T> out;
    for (const auto& r : reps) {
        visit_fields(
            [&](std::string_view name, const auto& m) {
                if (name != member) return;
                using M = std::decay_t<decltype(m)>;
                if constexpr (std::is_arithmetic_v<M>) {
                    out.push_back(static_cast<T>(m));
                } else if constexpr (std::is_arithmetic_v<typename M::value_type>) {
                    for (auto x : m) out.push_back(static_cast<T>(x));
                } else if constexpr (requires { std::tuple_size<typename M::value_type>::value; }) {
                    for (const auto& row : m)
                        for (auto x : row) out.push_back(static_cast<T>(x));
                }
            },
            r);
    }
    return out;
}

// Calls `write.template operator()<T>()` with T the C++ type of the
// registry's type for the variable.
template <typename Write>
void with_type(output::Type type, Write&& write) {
    switch (type) {
        case output::Type::int32: write.template operator()<std::int32_t>(); break;
        case output::Type::int64: write.template operator()<std::int64_t>(); break;
        case output::Type::uint8: write.template operator()<std::uint8_t>(); break;
        case output::Type::uint16: write.template operator()<std::uint16_t>(); break;
        case output::Type::uint32: write.template operator()<std::uint32_t>(); break;
        case output::Type::float32: write.template operator()<float>(); break;
        case output::Type::float64: write.template operator()<double>(); break;
    }
}

// Whether the variable's arrays are large and mostly zeros (per origin, per
// pair): those are compressed.
bool compressed(const output::Variable& v);

// A run's values of `v` into the slice of a streamed array at `slot`.
void add_run(StreamedArray& array, std::span<const hsize_t> slot, const output::Variable& v,
             const ReplicateResult& run);

// Every option of the scenario as an attribute of `group` (strings and
// reals as they are, booleans and integers as int64), and the per-state
// interventions it names; the keys in `skip` left out.
void write_options(const h5::Location& group, const Scenario& scenario,
                   const std::vector<std::string>& skip = {});

// The coordinates of the replicate axis (0 .. replicates - 1).
void write_replicate_axis(const h5::Location& group, std::size_t replicates);
// reason, channel, status (with their human labels) and origin.
void write_category_axes(const h5::Location& group, const World& world);
// state and article.
void write_state_axes(const h5::Location& group, const World& world);
// host (the flows' second state axis).
void write_host_axis(const h5::Location& group, const World& world);
// The keys a run over a posterior draws, as the parameter axis.
void write_parameter_axis(const h5::Location& group, const std::vector<std::string>& keys);
// The long names of a run over a posterior's `draw` and `parameters`.
void describe_draws(const h5::Location& group);
// The outcome axis, with each outcome's long name and units.
void write_outcome_axis(const h5::Location& group);

// Each replicate's scalar outcomes, a row each ([replicate, outcome]), and
// their summary over the replicates.
struct OutcomeRows {
    std::vector<double> values;
    OutcomeSummary summary;
};
OutcomeRows outcome_rows(std::span<const ReplicateResult> reps);
// Calls put(name, row) for each summary variable, in the file's order.
template <typename Put>
void each_summary(const OutcomeSummary& s, Put&& put) {
    put("outcome_mean", s.mean);
    put("outcome_half_width", s.half_width);
    put("outcome_median", s.median);
    put("outcome_low", s.low);
    put("outcome_high", s.high);
}

// The request event log, a column per field, every replicate's rows in turn.
struct EventColumns {
    std::vector<std::int64_t> point;  // a sweep's log only
    std::vector<std::int32_t> replicate, sent, completed, arrested;
    std::vector<std::uint32_t> target;
    std::vector<std::uint16_t> origin, requested;
    std::vector<std::uint8_t> kind, offence, pretextual, dual_criminality, channel, outcome, reason;
    std::vector<float> penalty;

    void add(std::span<const ReplicateResult> reps);
    std::size_t rows() const { return replicate.size(); }
    // Calls column(name, values) for each column, in the file's order.
    template <typename Column>
    void each(Column&& column) const {
        if (!point.empty()) column("point", point);
        column("replicate", replicate);
        column("month_sent", sent);
        column("month_completed", completed);
        column("month_arrested", arrested);
        column("target", target);
        column("origin", origin);
        column("requested", requested);
        column("kind", kind);
        column("offence", offence);
        column("pretextual", pretextual);
        column("dual_criminality", dual_criminality);
        column("channel", channel);
        column("outcome", outcome);
        column("reason", reason);
        column("penalty_years", penalty);
    }
};

}  // namespace havens::result_sections
