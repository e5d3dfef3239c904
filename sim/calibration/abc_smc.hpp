// The sampler: adaptive ABC-SMC with MCMC moves (Del Moral, Doucet & Jasra
// 2012, "An adaptive sequential Monte Carlo method for approximate Bayesian
// computation", Statistics and Computing 22:1009-1020). Every generation
// costs at most one simulation per particle, so a calibration's time is
// known before it starts. Every random choice comes from a stream keyed by
// (seed, generation) and the particle, and particles are simulated in
// parallel into fixed slots: the same problem and seed give the same
// posterior for any thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "calibration/problem.hpp"

namespace havens {

// Which simulation the sampler asks for: the generation (0: the prior
// sample), the Metropolis-Hastings step within it and the particle.
struct SimulationId {
    std::size_t generation = 0;
    std::size_t step = 0;
    std::size_t particle = 0;
};

// The statistics of the model's replicates at parameter values `values`
// (value scale, one per parameter): [replicate][target]. `seed` is the
// simulation's own seed; `id` names it, for a caller that saves or reuses
// it. Called from several threads at once.
using Simulator = std::function<std::vector<std::vector<double>>(
    const std::vector<double>& values, std::uint64_t seed, SimulationId id)>;

struct Generation {
    std::vector<std::vector<double>> particles;  // [particle][parameter], value scale
    std::vector<double> weights;                 // sum to one
    std::vector<std::vector<double>> distances;  // [particle][replicate]
    std::vector<std::vector<double>> simulated;  // [particle][target]: mean over replicates
    double tolerance = 0;                        // infinite for the prior sample
    double acceptance_rate = 0;                  // NaN for the prior sample
    std::size_t unique_particles = 0;            // distinct parameter sets among the particles
    double effective_sample_size = 0;
    std::int64_t simulations = 0;
    int steps = 0;  // Metropolis-Hastings steps taken (0 for the prior sample)
};

struct CalibrationResult {
    std::vector<Generation> generations;
    std::string stopped;  // "generations", "tolerance" or "acceptance"
};

struct AbcHooks {
    std::function<void(std::size_t index, const Generation&)> generation_done;
    // Simulations finished in the current generation and its total.
    std::function<void(std::size_t done, std::size_t total)> progress;
};

CalibrationResult run_abc_smc(const CalibrationProblem& problem, const Simulator& simulate,
                              const AbcHooks& hooks = {});

// The distance of one replicate's statistics from the targets: the root mean
// square of (simulated - observed) / sd over the fitted targets the
// replicate defines; infinite if it defines none.
double distance_to_targets(const std::vector<Target>& targets,
                           const std::vector<double>& statistics);

}  // namespace havens
