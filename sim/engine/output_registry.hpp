// Every variable the engine writes, described once: its group, its
// dimensions, its type, what it means and in which units, how "never" is
// marked and what its codes mean. Two tables: the scenario groups' (the
// HDF5 writer, the empty result the engine fills and `havens info` iterate
// it) and /calibration's (`havens calibrate`; its writer and readers name a
// variable by its enumerator). The writers copy each entry into the
// variable's attributes (CF conventions), from which the Python package,
// docs/OUTPUT.md and docs/CALIBRATION.md are checked. A member of
// ReplicateResult with no entry here fails the registry test.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace havens::output {

enum class Group : std::uint8_t { timeseries, states, flows, summary, events, calibration };
inline constexpr std::array<std::string_view, 6> group_names{"timeseries", "states", "flows",
                                                             "summary",    "events", "calibration"};

// The axes of the scenario groups (`replicate` is every group's first axis
// except the event log's), then those of /calibration, which also has a
// `replicate` axis: the runs of one particle.
enum class Dim : std::uint8_t {
    replicate,
    month,
    state,
    origin,
    host,
    reason,
    channel,
    status,
    article,
    outcome,
    request,
    generation,
    particle,
    parameter,
    target
};
inline constexpr std::array<std::string_view, 15> dim_names{
    "replicate", "month",   "state",   "origin",     "host",     "reason",    "channel", "status",
    "article",   "outcome", "request", "generation", "particle", "parameter", "target"};
constexpr std::string_view name_of(Dim d) { return dim_names[static_cast<std::size_t>(d)]; }

enum class Type : std::uint8_t { int32, int64, uint8, uint16, uint32, float32, float64 };
inline constexpr std::array<std::string_view, 7> type_names{"int32",  "int64",   "uint8",  "uint16",
                                                            "uint32", "float32", "float64"};

// How a variable's values are coded beyond its units.
enum class Coding : std::uint8_t {
    plain,
    never,         // -1: the event never happened (_FillValue)
    flag,          // 0/1 (flag_values, flag_meanings from `meanings`)
    request_kind,  // codes of core/vocabulary.hpp's lists (flag_values, flag_meanings)
    offence,
    channel,  // ... with channel_count meaning "none"
    reason,   // ... with reason_count meaning "none"
    request_outcome,
    no_exile,  // 4294967295: a legitimate-stream suspect (_FillValue)
};

inline constexpr std::size_t max_rank = 3;

struct Variable {
    Group group;
    std::string_view name;
    std::array<Dim, max_rank> dim_storage;
    std::size_t rank;
    Type type;
    std::string_view units;  // CF/udunits: "1" for shares, "count", "month", "year"; "" for codes
    std::string_view long_name;
    Coding coding = Coding::plain;
    std::string_view meanings = {};  // Coding::flag: "<meaning of 0> <meaning of 1>"
    std::string_view member = {};    // its ReplicateResult member, where named otherwise
    // Variable-length UTF-8 strings, for which `type` does not apply (a
    // flag rather than a Type, so that the scenario writer's switch over
    // the numeric types stays complete).
    bool text = false;

    std::span<const Dim> dims() const { return {dim_storage.data(), rank}; }
    std::string_view member_name() const { return member.empty() ? name : member; }
};

// The scenario groups' variables (timeseries to events), never /calibration's.
std::span<const Variable> variables();
// nullptr when the registry has no such variable.
const Variable* find(Group group, std::string_view name);
const Variable* find(std::string_view name);           // the first of that name, any group
const Variable* find_member(std::string_view member);  // by its ReplicateResult member

// The variables of /calibration, in the order of calibration_variables();
// the writer and the readers name each by its enumerator, so that a
// misspelt name is a compile error.
enum class Calibration : std::uint8_t {
    particles,
    weights,
    distances,
    simulated,
    tolerances,
    acceptance_rates,
    effective_sample_sizes,
    simulations,
    unique_particles,
    moves,
    prior_kind,
    prior_low,
    prior_high,
    prior_mean,
    prior_sd,
    target_statistic,
    target_source,
    target_argument,
    target_observed,
    target_sd,
    target_fitted
};
inline constexpr std::size_t calibration_count = 21;

std::span<const Variable> calibration_variables();
const Variable& variable(Calibration c);
inline std::string_view name_of(Calibration c) { return variable(c).name; }

// The registry's Type of a C++ number type.
template <typename T>
constexpr Type type_of() {
    if constexpr (std::is_same_v<T, std::int32_t>)
        return Type::int32;
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return Type::int64;
    else if constexpr (std::is_same_v<T, std::uint8_t>)
        return Type::uint8;
    else if constexpr (std::is_same_v<T, std::uint16_t>)
        return Type::uint16;
    else if constexpr (std::is_same_v<T, std::uint32_t>)
        return Type::uint32;
    else if constexpr (std::is_same_v<T, float>)
        return Type::float32;
    else {
        static_assert(std::is_same_v<T, double>, "no registry type for T");
        return Type::float64;
    }
}

// Whether the variable is a member of ReplicateResult (else it is derived
// from the members, as the outcomes, or a column of the event log).
bool is_member(const Variable& v);

// The length of an axis of a scenario group (0 for replicate and request,
// which vary by run, and for /calibration's axes).
std::size_t dim_size(Dim d, std::size_t months, std::size_t states);
// The size of one replicate's array (every axis but replicate).
std::size_t per_replicate_size(const Variable& v, std::size_t months, std::size_t states);

// CF flag attributes: the codes and their blank-separated meanings.
struct Flags {
    std::vector<std::int64_t> values;
    std::string meanings;
};
Flags flags_of(const Variable& v);

// The month axis: t = 0 is October 2025 (docs/SCENARIOS.md); the `date`
// coordinate holds each month's first day in days since then.
inline constexpr int calendar_start_year = 2025;
inline constexpr int calendar_start_month = 10;
inline constexpr std::string_view date_units = "days since 2025-10-01";
std::vector<std::int32_t> month_start_days(std::size_t months);

// Human labels of the categorical axes (the report's and `info`'s words), in
// the order of the codes.
std::vector<std::string> reason_labels();
std::vector<std::string> channel_labels();
std::vector<std::string> status_labels();
std::vector<std::string> article_labels();

}  // namespace havens::output
