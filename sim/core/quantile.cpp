#include "core/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace havens {

double quantile(std::span<const double> values, std::span<const double> weights, double p) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    // NaN last, so that "never" sorts after every month.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (std::isnan(values[b])) return !std::isnan(values[a]);
        return !std::isnan(values[a]) && values[a] < values[b];
    });
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (order.empty() || !(total > 0)) return std::nan("");
    double cumulative = 0;
    for (std::size_t i : order) {
        cumulative += weights[i] / total;
        // The tolerance keeps p = k/n on the k-th value despite rounding.
        if (cumulative >= p - 1e-12) return values[i];
    }
    return values[order.back()];
}

double quantile(std::span<const double> values, double p) {
    const std::vector<double> equal(values.size(), 1.0);
    return quantile(values, equal, p);
}

Interval median_interval(std::span<const double> values, std::span<const double> weights) {
    return {quantile(values, weights, 0.5), quantile(values, weights, interval_low),
            quantile(values, weights, interval_high)};
}

Interval median_interval(std::span<const double> values) {
    const std::vector<double> equal(values.size(), 1.0);
    return median_interval(values, equal);
}

}  // namespace havens
