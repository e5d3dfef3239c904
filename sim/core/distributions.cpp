#include "core/distributions.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace havens {

double exponential(RandomStream& rng, double mean) { return -mean * std::log1p(-rng.uniform()); }

double standard_normal(RandomStream& rng) {
    const double u1 = 1.0 - rng.uniform();  // (0, 1]: log is finite
    const double u2 = rng.uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

namespace {

// log(k!) = lgamma(k + 1) without the global `signgam` that std::lgamma
// writes: poisson() runs on many threads at once. glibc's lgamma_r is the
// same computation (std::lgamma calls it), so the results are bit-identical.
double log_factorial(double k) {
    int sign = 0;
    return ::lgamma_r(k + 1.0, &sign);
}

std::uint64_t poisson_by_inversion(RandomStream& rng, double mean) {
    const double u = rng.uniform();
    double p = std::exp(-mean);
    double cumulative = p;
    std::uint64_t k = 0;
    while (u >= cumulative && p > 0.0) {
        ++k;
        p *= mean / static_cast<double>(k);
        cumulative += p;
    }
    return k;
}

std::uint64_t poisson_ptrs(RandomStream& rng, double mean) {
    const double slam = std::sqrt(mean);
    const double loglam = std::log(mean);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = rng.uniform() - 0.5;
        const double v = rng.uniform();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
        if (k < 0.0 || (us < 0.013 && v > us)) continue;
        const double log_accept = std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b);
        if (log_accept <= -mean + k * loglam - log_factorial(k)) {
            return static_cast<std::uint64_t>(k);
        }
    }
}

}  // namespace

std::uint64_t poisson(RandomStream& rng, double mean) {
    assert(mean >= 0.0);
    if (mean <= 0.0) return 0;
    return mean < 10.0 ? poisson_by_inversion(rng, mean) : poisson_ptrs(rng, mean);
}

std::size_t categorical(RandomStream& rng, std::span<const double> cumulative) {
    assert(!cumulative.empty() && cumulative.back() > 0.0);
    const double target = rng.uniform() * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()),
                                 cumulative.size() - 1);
}

}  // namespace havens
