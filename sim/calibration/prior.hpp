// Priors of calibrated parameters. The sampler works on an internal scale
// where each prior is easy to move on: the logarithm for a log-uniform prior,
// the value itself otherwise. Densities are on that scale, so that a
// symmetric random walk there needs no Jacobian in the acceptance ratio.
#pragma once

#include <array>
#include <string_view>

#include "core/random.hpp"

namespace havens {

enum class PriorKind { uniform, log_uniform, normal, truncated_normal };
inline constexpr std::array<std::string_view, 4> prior_kind_names{"uniform", "log_uniform",
                                                                  "normal", "truncated_normal"};

struct Prior {
    PriorKind kind = PriorKind::uniform;
    double low = 0, high = 1;  // the support: the bounds given, or the key's range
    double mean = 0, sd = 1;   // normal and truncated normal
};

// Log density on the internal scale, up to a constant; -inf outside the support.
double prior_log_density(const Prior& prior, double internal);

// A draw from the prior, on the internal scale.
double prior_sample(const Prior& prior, RandomStream& rng);

double to_internal(const Prior& prior, double value);
double from_internal(const Prior& prior, double internal);

// The prior's quantile at p in (0, 1), on the value scale (for the prior
// widths docs/CALIBRATION.md compares posteriors with).
double prior_quantile(const Prior& prior, double p);

}  // namespace havens
