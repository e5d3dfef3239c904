// What a calibration fits and to what: the parameters with their priors,
// the targets with their real values, and the sampler's budget. Read from a
// calibration file (io/calibration_file.hpp); free of I/O itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "calibration/prior.hpp"
#include "calibration/statistics.hpp"

namespace havens {

struct FittedParameter {
    std::string key;  // a scenario key (scenario/parameter_table.hpp)
    Prior prior;
};

struct Target {
    std::string name;
    const StatisticSpec* statistic = nullptr;
    double argument = 0;  // the statistic's month or count, if it takes one
    double observed = 0;
    double sd = 1;       // the scale of its term in the distance
    bool fitted = true;  // false: a check, reported with the posterior, not in the distance
    std::string source;
};

// Adaptive ABC-SMC (Del Moral, Doucet & Jasra 2012): each generation keeps a
// share `ess_fraction` of the previous effective sample size, resamples when
// it falls below half the particles, and moves every particle by `moves` (or
// adaptively more) Metropolis-Hastings steps of a Gaussian random walk scaled
// to the population.
struct AbcSettings {
    int particles = 500;
    int replicates = 1;       // model runs per particle (M of the paper)
    int max_generations = 8;  // after the prior sample
    int moves = 1;            // Metropolis-Hastings steps per particle and generation
    // Adaptive steps (Drovandi & Pettitt 2011): when positive, a generation
    // takes as many steps as give each particle this probability of moving
    // at least once, judged by its first step's acceptance rate, between
    // `moves` and `max_moves`.
    double move_probability = 0;
    int max_moves = 0;             // 0: `moves`
    double final_tolerance = 0;    // stop once reached (0: no such target)
    double ess_fraction = 0.5;     // alpha of the paper
    double min_acceptance = 0.02;  // stop when fewer moves than this are accepted
    // The random walk's covariance: this times the population's; 0: 2.38^2 / d,
    // the scale that is optimal for a random walk on a Gaussian target in d
    // dimensions (Roberts, Gelman & Gilks 1997), about 23 % of moves accepted.
    double kernel_scale = 0;
    std::uint64_t seed = 1;
};

struct CalibrationProblem {
    std::vector<FittedParameter> parameters;
    std::vector<Target> targets;
    AbcSettings settings;
};

}  // namespace havens
