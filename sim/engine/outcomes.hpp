// Scalar outcomes of a run, by name: what adaptive replication targets and
// what every scenario's summary reports with its Monte Carlo error. Counts
// of requests are totals over the run; stocks are their value at the horizon.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "engine/replicate_result.hpp"

namespace havens {

inline constexpr std::array<std::string_view, 18> outcome_names{
    "parties",                 // at the horizon
    "protocol_parties",        // at the horizon
    "entry_into_force_month",  // NaN if never (the one "never" of havens)
    "requests_issued",         // totals over the run ...
    "requests_sent",
    "requests_granted",
    "requests_refused",
    "granted_pretextual",
    "granted_legitimate",
    "refused_pretextual",
    "refused_legitimate",          // ... to here
    "share_exiles_in_safe_haven",  // at the horizon
    "detained",           // exiles in custody at the horizon (arrested, extradited, removed)
    "extradited",         // exiles extradited by the horizon
    "exile_risk",         // at the horizon (docs/ODD.md, "Exile risk")
    "exile_risk_data",    // its data part, at the horizon
    "exile_risk_bodily",  // its bodily part, at the horizon
    "removed",            // exiles removed outside the law by the horizon
};
// What each outcome is, in words and in CF units, for the file and every tool.
inline constexpr std::array<std::string_view, 18> outcome_long_names{
    "parties to the convention at the horizon",
    "parties to the protocol at the horizon",
    "month the convention entered into force",
    "requests issued over the run",
    "requests sent over the run",
    "requests granted over the run",
    "requests refused over the run",
    "pretextual requests granted over the run",
    "legitimate requests granted over the run",
    "pretextual requests refused over the run",
    "legitimate requests refused over the run",
    "share of exiles in a safe haven at the horizon (a threshold measure)",
    "exiles in custody at the horizon",
    "exiles extradited by the horizon",
    "exile risk at the horizon",
    "data part of the exile risk at the horizon",
    "bodily part of the exile risk at the horizon",
    "exiles removed outside the law by the horizon",
};
inline constexpr std::array<std::string_view, 18> outcome_units{
    "count", "count", "month", "count", "count", "count", "count", "count", "count",
    "count", "count", "1",     "count", "count", "1",     "1",     "1",     "count"};
inline constexpr std::size_t outcome_count = outcome_names.size();

using Outcomes = std::array<double, outcome_count>;

Outcomes outcomes_of(const ReplicateResult& r);

// The mean and its Monte Carlo error (what adaptive replication targets),
// and the median with the 90% interval over replicates (what every table
// reports), by the one quantile rule of core/quantile.hpp. A month outcome's
// mean is NaN when a replicate never reaches it; its median is not.
struct OutcomeSummary {
    Outcomes mean{};
    Outcomes half_width{};  // of the 95% interval of the mean (t quantile); NaN below 2 runs
    Outcomes median{};
    Outcomes low{};   // 5th percentile
    Outcomes high{};  // 95th percentile
};
inline constexpr double mean_confidence_level = 0.95;

OutcomeSummary summarise(std::span<const Outcomes> runs);

// Student's t quantile at 0.975 for `degrees` degrees of freedom.
double t_quantile_975(std::size_t degrees);

}  // namespace havens
