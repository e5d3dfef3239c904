// Every variable of a scenario's result, described once: its group, its
// dimensions, its type, what it means and in which units, how "never" is
// marked and what its codes mean. The HDF5 writer, the empty result the
// engine fills and `havens info` iterate this table; the writer copies it
// into each variable's attributes (CF conventions), from which the Python
// package and docs/OUTPUT.md are checked. A member of ReplicateResult with
// no entry here fails the registry test.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace havens::output {

enum class Group : std::uint8_t { timeseries, states, flows, summary, events };
inline constexpr std::array<std::string_view, 5> group_names{"timeseries", "states", "flows",
                                                             "summary", "events"};

// The axes of the scenario groups; `replicate` is every group's first axis
// except the event log's.
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
    request
};
inline constexpr std::array<std::string_view, 11> dim_names{
    "replicate", "month",  "state",   "origin",  "host",   "reason",
    "channel",   "status", "article", "outcome", "request"};

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

    std::span<const Dim> dims() const { return {dim_storage.data(), rank}; }
    std::string_view member_name() const { return member.empty() ? name : member; }
};

std::span<const Variable> variables();
// nullptr when the registry has no such variable.
const Variable* find(Group group, std::string_view name);
const Variable* find(std::string_view name);           // the first of that name, any group
const Variable* find_member(std::string_view member);  // by its ReplicateResult member

// Whether the variable is a member of ReplicateResult (else it is derived
// from the members, as the outcomes, or a column of the event log).
bool is_member(const Variable& v);

// The length of an axis (0 for replicate and request, which vary by run).
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
