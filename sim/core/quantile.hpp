// The one quantile rule of havens: the inverse of the (weighted) empirical
// distribution, the smallest value whose cumulative weight reaches p. A
// median or an interval bound is therefore always a value some run produced
// (never a month between two runs' months), and an unweighted set of
// replicates and a calibration's weighted particles are summarised alike.
// NaN ("never", in the month outcomes) counts as later than every value: the
// median is NaN when at least half of the runs never reach the event.
#pragma once

#include <span>
#include <vector>

namespace havens {

// The level of every interval havens reports over replicates, posterior
// draws or particles: from the 5th to the 95th percentile.
inline constexpr double interval_level = 0.9;
inline constexpr double interval_low = (1.0 - interval_level) / 2.0;
inline constexpr double interval_high = 1.0 - interval_low;

// p in [0, 1]; NaN for no values or no weight.
double quantile(std::span<const double> values, std::span<const double> weights, double p);
double quantile(std::span<const double> values, double p);

struct Interval {
    double median = 0, low = 0, high = 0;
};
Interval median_interval(std::span<const double> values);
Interval median_interval(std::span<const double> values, std::span<const double> weights);

}  // namespace havens
