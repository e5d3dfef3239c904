// Statistical checks: each simulated mean must fall within 5 standard errors
// of its parameter (fixed seeds, so a pass is reproducible).
#include "core/distributions.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

namespace havens {
namespace {

constexpr int draws = 200'000;

struct Moments {
    double mean = 0, variance = 0;
};

template <typename Draw>
Moments sample(Draw draw) {
    double sum = 0, sum2 = 0;
    for (int i = 0; i < draws; ++i) {
        RandomStream rng({42, 0}, Purpose::request_draw, 0, static_cast<std::uint64_t>(i));
        const double x = draw(rng);
        sum += x;
        sum2 += x * x;
    }
    const double mean = sum / draws;
    return {mean, sum2 / draws - mean * mean};
}

void expect_mean(const Moments& m, double mean, double variance) {
    EXPECT_NEAR(m.mean, mean, 5.0 * std::sqrt(variance / draws));
    EXPECT_NEAR(m.variance, variance, 0.05 * variance);
}

TEST(Distributions, Uniform) { expect_mean(sample([](auto& r) { return r.uniform(); }), 0.5, 1.0 / 12); }

TEST(Distributions, Bernoulli) {
    expect_mean(sample([](auto& r) { return bernoulli(r, 0.3) ? 1.0 : 0.0; }), 0.3, 0.21);
}

TEST(Distributions, Exponential) {
    expect_mean(sample([](auto& r) { return exponential(r, 2.5); }), 2.5, 6.25);
}

TEST(Distributions, StandardNormal) {
    expect_mean(sample([](auto& r) { return standard_normal(r); }), 0.0, 1.0);
}

class PoissonMean : public ::testing::TestWithParam<double> {};

TEST_P(PoissonMean, MatchesMeanAndVariance) {
    const double lambda = GetParam();
    expect_mean(sample([&](auto& r) { return static_cast<double>(poisson(r, lambda)); }), lambda,
                lambda);
}

// Both algorithms: inversion below 10, PTRS from 10.
INSTANTIATE_TEST_SUITE_P(SmallAndLarge, PoissonMean,
                         ::testing::Values(0.2, 3.0, 9.9, 10.0, 47.0, 1500.0));

TEST(Distributions, PoissonOfZeroIsZero) {
    RandomStream r({1, 0}, Purpose::request_count, 0, 0);
    EXPECT_EQ(poisson(r, 0.0), 0u);
}

TEST(Distributions, CategoricalFollowsTheWeights) {
    const std::array<double, 4> cumulative{1.0, 1.0, 4.0, 10.0};  // weights 1, 0, 3, 6
    std::array<int, 4> counts{};
    for (int i = 0; i < draws; ++i) {
        RandomStream r({5, 0}, Purpose::target_choice, 0, static_cast<std::uint64_t>(i));
        ++counts[categorical(r, cumulative)];
    }
    EXPECT_EQ(counts[1], 0);
    const std::array<double, 4> p{0.1, 0.0, 0.3, 0.6};
    for (int k : {0, 2, 3}) {
        EXPECT_NEAR(counts[k] / double(draws), p[k], 5.0 * std::sqrt(p[k] * (1 - p[k]) / draws));
    }
}

TEST(Distributions, UniformIndexCoversTheRangeEvenly) {
    std::array<int, 7> counts{};
    for (int i = 0; i < 70'000; ++i) {
        RandomStream r({5, 0}, Purpose::target_choice, 1, static_cast<std::uint64_t>(i));
        ++counts[uniform_index(r, 7)];
    }
    for (int c : counts) EXPECT_NEAR(c, 10'000, 5.0 * std::sqrt(10'000 * 6.0 / 7.0));
}

}  // namespace
}  // namespace havens
