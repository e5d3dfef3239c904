// The sampler on a model whose posterior is known: one statistic x = theta +
// N(0, 1), observed once. With a uniform prior wide enough, the posterior of
// theta given x is N(x, 1); a second parameter the statistic never sees must
// keep its prior.
#include "calibration/abc_smc.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <numeric>

#include "core/distributions.hpp"
#include "core/quantile.hpp"

namespace havens {
namespace {

CalibrationProblem normal_mean_problem(double observed, std::uint64_t seed, int particles = 300) {
    CalibrationProblem p;
    p.parameters.push_back({"theta", Prior{PriorKind::uniform, -10, 10}});
    p.parameters.push_back({"unseen", Prior{PriorKind::uniform, 0, 1}});
    Target t;
    t.name = "x";
    t.observed = observed;
    t.sd = 1.0;
    p.targets.push_back(t);
    p.settings.particles = particles;
    p.settings.max_generations = 12;
    p.settings.moves = 3;
    p.settings.final_tolerance = 0.1;
    p.settings.seed = seed;
    return p;
}

// x = theta + N(0, 1), from the simulation's own seed.
std::vector<std::vector<double>> noisy_theta(const std::vector<double>& values, std::uint64_t seed,
                                             SimulationId) {
    RandomStream rng({seed, 0}, Purpose::request_draw, 0, 0);
    return {{values[0] + standard_normal(rng)}};
}

std::vector<double> column(const Generation& g, std::size_t k) {
    std::vector<double> out;
    for (const auto& p : g.particles) out.push_back(p[k]);
    return out;
}

TEST(AbcSmc, EveryGenerationsWeightsSumToOne) {
    const auto result = run_abc_smc(normal_mean_problem(1.0, 3), noisy_theta);
    ASSERT_GE(result.generations.size(), 3u);
    for (const auto& g : result.generations) {
        EXPECT_NEAR(std::accumulate(g.weights.begin(), g.weights.end(), 0.0), 1.0, 1e-12);
        for (double w : g.weights) EXPECT_GE(w, 0.0);
    }
}

TEST(AbcSmc, TolerancesShrinkAndTheFinalOneIsReached) {
    const auto result = run_abc_smc(normal_mean_problem(1.0, 4), noisy_theta);
    EXPECT_EQ(result.stopped, "tolerance");
    EXPECT_TRUE(std::isinf(result.generations.front().tolerance));
    for (std::size_t g = 2; g < result.generations.size(); ++g) {
        EXPECT_LT(result.generations[g].tolerance, result.generations[g - 1].tolerance);
    }
    EXPECT_DOUBLE_EQ(result.generations.back().tolerance, 0.1);
    // Every particle that carries weight is within the tolerance.
    const auto& last = result.generations.back();
    for (std::size_t i = 0; i < last.weights.size(); ++i) {
        if (last.weights[i] > 0) EXPECT_LE(last.distances[i][0], 0.1);
    }
}

TEST(AbcSmc, TheSamePosteriorForAnyThreadCount) {
    std::vector<CalibrationResult> results;
    for (int threads : {1, 2, 4}) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
        results.push_back(run_abc_smc(normal_mean_problem(1.0, 5), noisy_theta));
    }
    for (std::size_t k = 1; k < results.size(); ++k) {
        ASSERT_EQ(results[k].generations.size(), results[0].generations.size());
        for (std::size_t g = 0; g < results[0].generations.size(); ++g) {
            EXPECT_EQ(results[k].generations[g].particles, results[0].generations[g].particles);
            EXPECT_EQ(results[k].generations[g].weights, results[0].generations[g].weights);
            EXPECT_EQ(results[k].generations[g].tolerance, results[0].generations[g].tolerance);
        }
    }
}

TEST(AbcSmc, AnIdentifiedParameterNarrowsAndAnUnseenOneKeepsItsPrior) {
    const auto result = run_abc_smc(normal_mean_problem(1.0, 6, 500), noisy_theta);
    const auto& last = result.generations.back();
    const auto theta = column(last, 0), unseen = column(last, 1);
    const double theta_width =
        quantile(theta, last.weights, 0.95) - quantile(theta, last.weights, 0.05);
    // The exact posterior N(1, 1) has a 90 % width of 3.29; the prior's is 18.
    EXPECT_GT(theta_width, 2.5);
    EXPECT_LT(theta_width, 4.5) << result.stopped << " at tolerance " << last.tolerance << " after "
                                << result.generations.size() << " generations";
    EXPECT_NEAR(quantile(theta, last.weights, 0.5), 1.0, 0.4);
    const double unseen_width =
        quantile(unseen, last.weights, 0.95) - quantile(unseen, last.weights, 0.05);
    EXPECT_NEAR(unseen_width, 0.9, 0.12);  // the prior's 90 % width
}

// Synthetic truth: a true theta, one observation of it, a calibration; over
// many seeds the truth falls inside the 90 % posterior interval about 90 %
// of the time (40 seeds: 36 expected, fewer than 30 has chance below 1 %).
TEST(AbcSmc, NinetyPercentIntervalsCoverTheTruthAtAboutTheNominalRate) {
    int covered = 0;
    const int seeds = 40;
    for (int s = 0; s < seeds; ++s) {
        RandomStream rng({1000 + static_cast<std::uint64_t>(s), 0}, Purpose::sweep_design, 0, 0);
        const double truth = -5 + 10 * rng.uniform();
        const double observed = truth + standard_normal(rng);
        const auto result = run_abc_smc(
            normal_mean_problem(observed, static_cast<std::uint64_t>(s), 200), noisy_theta);
        const auto& last = result.generations.back();
        const auto theta = column(last, 0);
        covered += truth >= quantile(theta, last.weights, 0.05) &&
                   truth <= quantile(theta, last.weights, 0.95);
    }
    EXPECT_GE(covered, 30);
    EXPECT_LE(covered, 40);
}

TEST(AbcSmc, AMissingAcceptanceStopsTheSampler) {
    auto problem = normal_mean_problem(1.0, 7, 100);
    problem.settings.final_tolerance = 0;
    problem.settings.min_acceptance = 0.99;  // no generation accepts that many moves
    problem.settings.max_generations = 10;
    const auto result = run_abc_smc(problem, noisy_theta);
    EXPECT_EQ(result.stopped, "acceptance");
    EXPECT_EQ(result.generations.size(), 2u);
}

// Adaptive moves (Drovandi & Pettitt 2011): a generation whose first step
// is accepted at rate a takes ceil(log(1 - p) / log(1 - a)) steps, within
// [moves, max_moves], and the particles end more distinct than with one step.
TEST(AbcSmc, AdaptiveMovesTakeTheStepsThatMoveAParticleWithTheWantedProbability) {
    auto fixed = normal_mean_problem(1.0, 8, 200);
    fixed.settings.moves = 1;
    fixed.settings.final_tolerance = 0.2;
    auto adaptive = fixed;
    adaptive.settings.move_probability = 0.9;
    adaptive.settings.max_moves = 20;
    const auto one = run_abc_smc(fixed, noisy_theta);
    const auto many = run_abc_smc(adaptive, noisy_theta);
    ASSERT_GE(many.generations.size(), 3u);
    EXPECT_EQ(many.generations.front().steps, 0);
    bool above_minimum = false;
    for (std::size_t g = 1; g < many.generations.size(); ++g) {
        const Generation& gen = many.generations[g];
        EXPECT_GE(gen.steps, 1);
        EXPECT_LE(gen.steps, 20);
        above_minimum |= gen.steps > 1;
        // Every step simulates at most one proposal per particle.
        EXPECT_LE(gen.simulations, static_cast<std::int64_t>(gen.steps) * 200);
    }
    EXPECT_TRUE(above_minimum);
    for (const auto& g : one.generations) EXPECT_LE(g.steps, 1);
    EXPECT_GT(many.generations.back().unique_particles, one.generations.back().unique_particles);
    EXPECT_GE(many.generations.back().unique_particles, 100u);
}

TEST(Distance, RootMeanSquareOverTheFittedTargetsThatAreDefined) {
    std::vector<Target> targets(3);
    targets[0].observed = 0;
    targets[0].sd = 1;
    targets[1].observed = 10;
    targets[1].sd = 2;
    targets[2].fitted = false;  // a check: never in the distance
    EXPECT_DOUBLE_EQ(distance_to_targets(targets, {3, 14, 100}), std::sqrt((9.0 + 4.0) / 2));
    EXPECT_DOUBLE_EQ(distance_to_targets(targets, {3, std::nan(""), 100}), 3.0);
    EXPECT_TRUE(std::isinf(distance_to_targets(targets, {std::nan(""), std::nan(""), 1})));
}

}  // namespace
}  // namespace havens
