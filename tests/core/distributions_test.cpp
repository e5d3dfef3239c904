// Statistical checks: each simulated mean must fall within 5 standard errors
// of its parameter (fixed seeds, so a pass is reproducible).
#include "core/distributions.hpp"

#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

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

TEST(Distributions, Uniform) {
    expect_mean(sample([](auto& r) { return r.uniform(); }), 0.5, 1.0 / 12);
}

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

// Poisson draws above mean 10 (PTRS) evaluate log k!; they run in parallel,
// so that must not write global state. std::lgamma writes `signgam`;
// lgamma_r does not and returns the same bits. The digests below are of the
// draws as std::lgamma gave them: the results are unchanged.
struct PoissonDigest {
    double mean;
    std::uint64_t fnv1a;  // over the 8 bytes of each of 20 000 draws
    std::uint64_t sum;
};

TEST(Distributions, PoissonDrawsAreUnchangedBitForBit) {
    const std::array<PoissonDigest, 6> expected{{
        {10, 478375544026650462ull, 200305ull},
        {12.5, 16025302144917752739ull, 250166ull},
        {30, 1815750051188891326ull, 599787ull},
        {250, 17963588139911351230ull, 4999636ull},
        {4000, 5657088530999211445ull, 79999414ull},
        {1e6, 3439028009349203514ull, 19999984906ull},
    }};
    for (const auto& e : expected) {
        std::uint64_t h = 1469598103934665603ull, sum = 0;
        for (std::uint64_t i = 0; i < 20000; ++i) {
            RandomStream rng({7, 3}, Purpose::request_count, 5, i);
            const std::uint64_t k = poisson(rng, e.mean);
            sum += k;
            for (int b = 0; b < 8; ++b) {
                h ^= (k >> (8 * b)) & 0xff;
                h *= 1099511628211ull;
            }
        }
        EXPECT_EQ(sum, e.sum) << "mean " << e.mean;
        EXPECT_EQ(h, e.fnv1a) << "mean " << e.mean;
    }
}

TEST(Distributions, PoissonLeavesSigngamAlone) {
    signgam = 12345;  // std::lgamma(k + 1) would set it to 1
    for (std::uint64_t i = 0; i < 1000; ++i) {
        RandomStream rng({1, 0}, Purpose::request_count, 0, i);
        poisson(rng, 50.0);
    }
    EXPECT_EQ(signgam, 12345);
}

TEST(Distributions, LgammaRIsStdLgammaBitForBit) {
    for (int k = 0; k < 100'000; ++k) {
        const double x = k + 1.0;
        int sign = 0;
        const double reentrant = lgamma_r(x, &sign);
        ASSERT_EQ(std::bit_cast<std::uint64_t>(reentrant),
                  std::bit_cast<std::uint64_t>(std::lgamma(x)))
            << x;
        ASSERT_EQ(sign, 1);
    }
}

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
