#include "calibration/prior.hpp"

#include <cmath>
#include <limits>

#include "core/distributions.hpp"

namespace havens {

namespace {

constexpr double minus_infinity = -std::numeric_limits<double>::infinity();

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// The standard normal quantile by bisection on erfc: slow but exact to the
// last bits, and only used for reporting.
double normal_quantile(double p) {
    double lo = -40, hi = 40;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (normal_cdf(mid) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace

double to_internal(const Prior& prior, double value) {
    return prior.kind == PriorKind::log_uniform ? std::log(value) : value;
}

double from_internal(const Prior& prior, double internal) {
    return prior.kind == PriorKind::log_uniform ? std::exp(internal) : internal;
}

double prior_log_density(const Prior& prior, double internal) {
    if (std::isnan(internal)) return minus_infinity;
    const double value = from_internal(prior, internal);
    if (value < prior.low || value > prior.high) return minus_infinity;
    switch (prior.kind) {
        case PriorKind::uniform:
        case PriorKind::log_uniform: return 0.0;
        case PriorKind::normal:
        case PriorKind::truncated_normal: {
            const double z = (value - prior.mean) / prior.sd;
            return -0.5 * z * z;
        }
    }
    return minus_infinity;
}

double prior_sample(const Prior& prior, RandomStream& rng) {
    switch (prior.kind) {
        case PriorKind::uniform: return prior.low + rng.uniform() * (prior.high - prior.low);
        case PriorKind::log_uniform: {
            const double a = std::log(prior.low), b = std::log(prior.high);
            return a + rng.uniform() * (b - a);
        }
        case PriorKind::normal:
        case PriorKind::truncated_normal: {
            // Rejection within the support; the reader refuses supports that
            // hold almost none of the normal's mass, so this ends quickly.
            for (;;) {
                const double x = prior.mean + prior.sd * standard_normal(rng);
                if (x >= prior.low && x <= prior.high) return x;
            }
        }
    }
    return prior.low;
}

double prior_quantile(const Prior& prior, double p) {
    switch (prior.kind) {
        case PriorKind::uniform: return prior.low + p * (prior.high - prior.low);
        case PriorKind::log_uniform:
            return std::exp(std::log(prior.low) + p * (std::log(prior.high) - std::log(prior.low)));
        case PriorKind::normal:
        case PriorKind::truncated_normal: {
            const double a = normal_cdf((prior.low - prior.mean) / prior.sd);
            const double b = normal_cdf((prior.high - prior.mean) / prior.sd);
            return prior.mean + prior.sd * normal_quantile(a + p * (b - a));
        }
    }
    return prior.low;
}

}  // namespace havens
