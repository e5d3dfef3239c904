#include "engine/outcomes.hpp"

#include "core/quantile.hpp"

#include <cmath>
#include <numeric>

namespace havens {

namespace {

double run_total(const std::vector<std::int64_t>& v) {
    return static_cast<double>(std::accumulate(v.begin(), v.end(), std::int64_t{0}));
}

}  // namespace

Outcomes outcomes_of(const ReplicateResult& r) {
    auto at_horizon = [&](ExileStatus s) {
        return r.exiles_by_status.empty()
                   ? 0.0
                   : static_cast<double>(
                         r.exiles_by_status[r.exiles_by_status.size() - status_count + idx(s)]);
    };
    const double extradited = at_horizon(ExileStatus::extradited);
    const double removed = at_horizon(ExileStatus::removed);
    const double detained = extradited + removed + at_horizon(ExileStatus::pending_extradition);
    const auto last = [](const std::vector<double>& v) { return v.empty() ? 0.0 : v.back(); };
    return {
        r.parties.empty() ? 0.0 : r.parties.back(),
        r.protocol_parties.empty() ? 0.0 : r.protocol_parties.back(),
        r.entry_into_force_month == never ? std::nan("") : r.entry_into_force_month,
        run_total(r.requests_issued),
        run_total(r.requests_sent),
        run_total(r.requests_granted),
        run_total(r.requests_refused),
        run_total(r.granted_pretextual),
        run_total(r.granted_legitimate),
        run_total(r.refused_pretextual),
        run_total(r.refused_legitimate),
        r.share_exiles_in_safe_haven.empty() ? 0.0 : r.share_exiles_in_safe_haven.back(),
        detained,
        extradited,
        last(r.exile_risk),
        last(r.exile_risk_data),
        last(r.exile_risk_bodily),
        removed,
    };
}

double t_quantile_975(std::size_t degrees) {
    // Exact to three decimals up to 30 degrees of freedom, then the normal
    // approximation with the first Cornish-Fisher correction.
    static constexpr double table[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                       2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                       2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                       2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (degrees == 0) return std::nan("");
    if (degrees <= 30) return table[degrees];
    const double z = 1.959964, n = static_cast<double>(degrees);
    return z + (z * z * z + z) / (4.0 * n);
}

OutcomeSummary summarise(std::span<const Outcomes> runs) {
    OutcomeSummary s;
    const std::size_t n = runs.size();
    for (std::size_t k = 0; k < outcome_count; ++k) {
        double sum = 0.0;
        for (const auto& r : runs) sum += r[k];
        const double mean = n ? sum / static_cast<double>(n) : std::nan("");
        double squares = 0.0;
        for (const auto& r : runs) squares += (r[k] - mean) * (r[k] - mean);
        s.mean[k] = mean;
        std::vector<double> column;
        for (const auto& r : runs) column.push_back(r[k]);
        const Interval spread = median_interval(column);
        s.median[k] = spread.median;
        s.low[k] = spread.low;
        s.high[k] = spread.high;
        s.half_width[k] =
            n < 2 ? std::nan("")
                  : t_quantile_975(n - 1) *
                        std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n));
    }
    return s;
}

}  // namespace havens
