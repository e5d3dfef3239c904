// Drawing a replicate's parameters from a posterior: deterministic, by
// weight, and checked against the keys' ranges.
#include "calibration/posterior.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

Posterior four_particles() {
    Posterior p;
    p.source = "calibration.h5";
    p.keys = {"ratification.base_hazard"};
    p.particles = {{0.001}, {0.002}, {0.003}, {0.004}, {0.005}};
    p.weights = {0.1, 0.2, 0.0, 0.3, 0.4};
    return p;
}

TEST(PosteriorDraw, IsAFunctionOfSeedAndReplicateAlone) {
    const Posterior p = four_particles();
    std::vector<std::size_t> forward, backward(64);
    for (std::uint64_t r = 0; r < 64; ++r) forward.push_back(posterior_draw(p, 7, r));
    for (std::uint64_t r = 64; r-- > 0;) backward[r] = posterior_draw(p, 7, r);
    EXPECT_EQ(forward, backward);
    std::vector<std::size_t> other_seed;
    for (std::uint64_t r = 0; r < 64; ++r) other_seed.push_back(posterior_draw(p, 8, r));
    EXPECT_NE(forward, other_seed);
}

TEST(PosteriorDraw, FrequenciesFollowTheWeights) {
    const Posterior p = four_particles();
    const std::uint64_t n = 40'000;
    std::vector<double> counts(p.weights.size(), 0.0);
    for (std::uint64_t r = 0; r < n; ++r) counts[posterior_draw(p, 3, r)] += 1;
    EXPECT_EQ(counts[2], 0.0) << "a particle of weight zero was drawn";
    // Pearson's chi-square over the particles of positive weight (3 degrees
    // of freedom): 21.1 is its 0.9999 quantile. The draws are fixed by the
    // seed, so this cannot flake; it fails if the draw ignores the weights.
    double chi_square = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (p.weights[i] == 0) continue;
        const double expected = p.weights[i] * static_cast<double>(n);
        chi_square += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    EXPECT_LT(chi_square, 21.1);
}

TEST(PosteriorDraw, WeightsShortOfOneByRoundingNeverDrawAZeroWeight) {
    Posterior p = four_particles();
    p.weights = {0.5, 0.5 - 1e-10, 0.0};  // sums just short of one
    p.particles.resize(3);
    for (std::uint64_t r = 0; r < 20'000; ++r) EXPECT_NE(posterior_draw(p, 1, r), 2u);
}

TEST(WithParameters, SetsRealKeysAndRoundsIntegerKeys) {
    const Scenario base;
    const Scenario s = with_parameters(base, {"ratification.base_hazard", "treaty.threshold"},
                                       {0.0125, 44.6}, "c.h5");
    EXPECT_EQ(s.ratification.base_hazard, 0.0125);
    EXPECT_EQ(s.treaty.threshold, 45);
    EXPECT_EQ(s.seed, base.seed);
    EXPECT_EQ(s.months, base.months);
}

TEST(WithParameters, RefusesKeysAndValuesItCannotSetInOneLine) {
    const Scenario base;
    const std::pair<std::vector<std::string>, std::vector<double>> bad[] = {
        {{"ratification.base_hazrd"}, {0.01}},   // misspelt
        {{"ratification.base_hazard"}, {11.0}},  // range [0, 10]
        {{"ratification.base_hazard"}, {-0.5}},
        {{"treaty.threshold"}, {1e300}},  // no llround of this
        {{"treaty.threshold"}, {0.2}},    // rounds to 0, below 1
        {{"seed"}, {3}},                  // fixed per run
        {{"months"}, {12}},
        {{"world.exiles"}, {100}},
        {{"ratification.model"}, {1}},  // not a number
    };
    for (const auto& [keys, values] : bad) {
        SCOPED_TRACE(keys.front());
        testing::expect_error_mentions<InputError>(
            [&] { with_parameters(base, keys, values, "c.h5"); }, {"c.h5: ", keys.front()});
    }
}

}  // namespace
}  // namespace havens
