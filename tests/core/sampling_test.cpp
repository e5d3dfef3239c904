#include "core/sampling.hpp"

#include <gtest/gtest.h>

#include <set>

namespace havens {
namespace {

TEST(LatinHypercube, OnePointPerStratumInEveryDimension) {
    const std::size_t n = 50, d = 4;
    const UnitPoints points = latin_hypercube(n, d, {7, 0});
    ASSERT_EQ(points.size(), n);
    for (std::size_t j = 0; j < d; ++j) {
        std::set<std::size_t> strata;
        for (const auto& p : points) {
            ASSERT_GE(p[j], 0.0);
            ASSERT_LT(p[j], 1.0);
            strata.insert(static_cast<std::size_t>(p[j] * n));
        }
        EXPECT_EQ(strata.size(), n) << "dimension " << j;
    }
    EXPECT_EQ(latin_hypercube(n, d, {7, 0}), points);  // reproducible
    EXPECT_NE(latin_hypercube(n, d, {8, 0}), points);
}

TEST(Sobol, FillsTheCubeEvenly) {
    const UnitPoints points = sobol_points(1024, 3);
    for (std::size_t j = 0; j < 3; ++j) {
        int low = 0;
        for (const auto& p : points) low += p[j] < 0.5;
        EXPECT_NEAR(low, 512, 2);  // a (t, s)-sequence: halves are balanced
    }
}

TEST(Saltelli, BlocksAreAThenBThenEachABj) {
    const std::size_t n = 8, d = 3;
    const SaltelliDesign s = saltelli(n, d);
    ASSERT_EQ(s.points.size(), n * (d + 2));
    for (std::size_t i = 0; i < n; ++i) {
        const auto& a = s.points[i];
        const auto& b = s.points[n + i];
        EXPECT_EQ(s.matrix[i], 'A');
        EXPECT_EQ(s.matrix[n + i], 'B');
        for (std::size_t j = 0; j < d; ++j) {
            const std::size_t k = (2 + j) * n + i;
            EXPECT_EQ(s.matrix[k], 'X');
            EXPECT_EQ(s.column[k], static_cast<int>(j));
            EXPECT_EQ(s.row[k], static_cast<int>(i));
            for (std::size_t c = 0; c < d; ++c) {
                EXPECT_EQ(s.points[k][c], c == j ? b[c] : a[c]);
            }
        }
    }
}

}  // namespace
}  // namespace havens
