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

inline constexpr std::array<std::string_view, 15> outcome_names{
    "parties",                 // at the horizon
    "protocol_parties",        // at the horizon
    "entry_into_force_month",  // the horizon if never (censored)
    "requests_issued",         // totals over the run ...
    "requests_sent",
    "requests_granted",
    "requests_refused",
    "granted_pretextual",
    "granted_legitimate",
    "refused_pretextual",
    "refused_legitimate",          // ... to here
    "share_exiles_in_safe_haven",  // at the horizon
    "detained",                    // exiles in custody at the horizon (arrested or extradited)
    "extradited",                  // exiles extradited by the horizon
    "exile_risk",                  // at the horizon (docs/ODD.md, "Exile risk")
};
inline constexpr std::size_t outcome_count = outcome_names.size();

using Outcomes = std::array<double, outcome_count>;

Outcomes outcomes_of(const ReplicateResult& r);

struct OutcomeSummary {
    Outcomes mean{};
    Outcomes half_width{};  // of the 95% interval of the mean (t quantile); NaN below 2 runs
};

OutcomeSummary summarise(std::span<const Outcomes> runs);

// Student's t quantile at 0.975 for `degrees` degrees of freedom.
double t_quantile_975(std::size_t degrees);

}  // namespace havens
