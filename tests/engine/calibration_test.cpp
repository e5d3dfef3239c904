// Regression: the default pace stays close to the UNTOC analogue it was
// calibrated against (docs/ODD.md, "Calibration"): 40th instrument at 30.6
// months, 100th party at 50.7. Medians over 32 replicates; the tolerances are
// wide enough for Monte Carlo noise and narrow enough to catch a change in
// the ratification rules or their defaults.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/ensemble.hpp"
#include "support/default_world.hpp"

namespace havens {
namespace {

double median_month_reaching(const std::vector<ReplicateResult>& reps, int parties) {
    std::vector<double> months;
    for (const auto& r : reps) {
        const auto it = std::find_if(r.parties.begin(), r.parties.end(),
                                     [&](int p) { return p >= parties; });
        months.push_back(it == r.parties.end() ? 1e9 : double(it - r.parties.begin()));
    }
    std::sort(months.begin(), months.end());
    return 0.5 * (months[months.size() / 2 - 1] + months[months.size() / 2]);
}

TEST(Calibration, DefaultPaceMatchesTheUntocAnalogue) {
    Scenario s;
    s.replicates = 32;
    const auto reps = run_ensemble(testing::default_world(), s);
    EXPECT_NEAR(median_month_reaching(reps, 40), 30.6, 4.0);
    EXPECT_NEAR(median_month_reaching(reps, 100), 50.7, 8.0);
}

}  // namespace
}  // namespace havens
