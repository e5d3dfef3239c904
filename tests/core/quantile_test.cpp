// The one quantile rule: the inverse of the empirical distribution, NaN
// ("never") after every value, the same for replicates and weighted particles.
#include "core/quantile.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace havens {
namespace {

TEST(Quantile, TheMedianOfAnEvenCountIsTheLowerMiddleValueNotAnAverage) {
    const std::vector<double> months{30, 36, 24, 33};
    EXPECT_EQ(quantile(months, 0.5), 30.0);  // a month some replicate hit
    EXPECT_EQ(quantile(months, 0.0), 24.0);
    EXPECT_EQ(quantile(months, 1.0), 36.0);
    EXPECT_EQ(quantile(months, 0.75), 33.0);
}

TEST(Quantile, NeverCountsAsLaterThanEveryMonth) {
    const double never = std::nan("");
    EXPECT_EQ(quantile(std::vector<double>{40, never, 35}, 0.5), 40.0);
    EXPECT_TRUE(std::isnan(quantile(std::vector<double>{never, 20, never, never}, 0.5)));
    EXPECT_EQ(quantile(std::vector<double>{never, 20, never, never}, 0.25), 20.0);
}

TEST(Quantile, WeightsShiftTheMedianAndEqualWeightsGiveTheUnweightedRule) {
    const std::vector<double> values{1, 2, 3};
    EXPECT_EQ(quantile(values, std::vector<double>{0.1, 0.1, 0.8}, 0.5), 3.0);
    EXPECT_EQ(quantile(values, std::vector<double>{0.6, 0.2, 0.2}, 0.5), 1.0);
    EXPECT_EQ(quantile(values, std::vector<double>{2, 2, 2}, 0.5), quantile(values, 0.5));
}

TEST(Quantile, TheIntervalIsTheCentralNinetyPercent) {
    std::vector<double> values;
    for (int i = 1; i <= 100; ++i) values.push_back(i);
    const Interval i = median_interval(values);
    EXPECT_EQ(i.median, 50.0);
    EXPECT_EQ(i.low, 5.0);
    EXPECT_EQ(i.high, 95.0);
    EXPECT_DOUBLE_EQ(interval_level, 0.9);
}

TEST(Quantile, IsTheInverseOfTheWeightedDistribution) {
    const std::vector<double> values{3, 1, 2, 4};
    const std::vector<double> equal{0.25, 0.25, 0.25, 0.25};
    EXPECT_EQ(quantile(values, equal, 0.5), 2);
    EXPECT_EQ(quantile(values, equal, 0.51), 3);
    EXPECT_EQ(quantile(values, std::vector<double>{0.7, 0.1, 0.1, 0.1}, 0.5), 3);
    EXPECT_EQ(quantile(values, std::vector<double>{0, 1, 0, 0}, 0.99), 1);
}

TEST(Quantile, NoValuesGiveNaN) {
    EXPECT_TRUE(std::isnan(quantile(std::vector<double>{}, 0.5)));
    EXPECT_TRUE(std::isnan(quantile(std::vector<double>{1.0}, std::vector<double>{0.0}, 0.5)));
}

}  // namespace
}  // namespace havens
