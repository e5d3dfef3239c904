// The point defaults of the fitted keys are the shipped posterior's medians
// (tests/python/test_published_numbers.py checks that the documented command
// makes scenarios/data/posterior.csv again, byte for byte).
#include <gtest/gtest.h>

#include <cmath>

#include "core/quantile.hpp"
#include "io/posterior_csv.hpp"
#include "scenario/parameter_table.hpp"

namespace havens {
namespace {

const std::string shipped = HAVENS_SOURCE_DIR "/scenarios/data/posterior.csv";

// A point run (--posterior none, or a scenario without a posterior) stands at
// the posterior's weighted median of every fitted key, to 3 significant digits.
TEST(CalibrationShipped, ThePointDefaultsAreThePosteriorMedians) {
    const Posterior p = read_posterior_csv(shipped);
    const Scenario defaults;
    ASSERT_GE(p.keys.size(), 10u);
    for (std::size_t k = 0; k < p.keys.size(); ++k) {
        std::vector<double> column;
        for (const auto& particle : p.particles) column.push_back(particle[k]);
        const double median = quantile(column, p.weights, 0.5);
        const ParameterSpec* spec = find_parameter(p.keys[k]);
        ASSERT_NE(spec, nullptr) << p.keys[k];
        const auto value = spec->get(defaults);
        const double point = std::holds_alternative<double>(value)
                                 ? std::get<double>(value)
                                 : static_cast<double>(std::get<std::int64_t>(value));
        const double digit = std::pow(10.0, std::floor(std::log10(std::abs(median))) - 2);
        EXPECT_LE(std::abs(point - median), 0.5 * digit + 1e-12)
            << p.keys[k] << ": default " << point << ", posterior median " << median;
    }
}

}  // namespace
}  // namespace havens
