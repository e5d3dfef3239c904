#include "calibration/prior.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace havens {
namespace {

TEST(Prior, DrawsStayInsideTheSupportAndFollowTheShape) {
    const Prior log_uniform{PriorKind::log_uniform, 0.001, 0.1};
    const Prior truncated{PriorKind::truncated_normal, 0, 1, 0.9, 0.5};
    int below_middle = 0, truncated_above = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        RandomStream rng({1, static_cast<std::uint64_t>(i)}, Purpose::calibration_prior, 0, 0);
        const double x = from_internal(log_uniform, prior_sample(log_uniform, rng));
        ASSERT_GE(x, 0.001);
        ASSERT_LE(x, 0.1);
        below_middle += x < 0.01;  // the geometric middle: half the mass below
        const double y = prior_sample(truncated, rng);
        ASSERT_GE(y, 0.0);
        ASSERT_LE(y, 1.0);
        truncated_above += y > 0.9;
    }
    EXPECT_NEAR(below_middle / double(n), 0.5, 0.02);
    // Above the mean of a normal cut at 1 = mean + 0.2 sd: P(0.9<y<=1)/P(0<=y<=1).
    const auto cdf = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
    const double expected = (cdf(0.2) - cdf(0)) / (cdf(0.2) - cdf(-1.8));
    EXPECT_NEAR(truncated_above / double(n), expected, 0.02);
}

TEST(Prior, DensityIsZeroOutsideTheSupport) {
    const Prior uniform{PriorKind::uniform, -1, 2};
    EXPECT_EQ(prior_log_density(uniform, 0.5), 0.0);
    EXPECT_TRUE(std::isinf(prior_log_density(uniform, 2.5)));
    EXPECT_TRUE(std::isinf(prior_log_density(uniform, std::nan(""))));
    const Prior log_uniform{PriorKind::log_uniform, 0.01, 1};
    EXPECT_EQ(prior_log_density(log_uniform, std::log(0.1)), 0.0);
    EXPECT_TRUE(std::isinf(prior_log_density(log_uniform, std::log(2.0))));
    const Prior normal{PriorKind::normal, -100, 100, 1, 2};
    EXPECT_DOUBLE_EQ(prior_log_density(normal, 3), -0.5);
}

TEST(Prior, QuantilesInvertTheDistribution) {
    EXPECT_DOUBLE_EQ(prior_quantile(Prior{PriorKind::uniform, 0, 10}, 0.05), 0.5);
    EXPECT_NEAR(prior_quantile(Prior{PriorKind::log_uniform, 0.001, 0.1}, 0.5), 0.01, 1e-12);
    EXPECT_NEAR(prior_quantile(Prior{PriorKind::normal, -1e9, 1e9, 2, 3}, 0.95), 2 + 3 * 1.644854,
                1e-5);
}

}  // namespace
}  // namespace havens
