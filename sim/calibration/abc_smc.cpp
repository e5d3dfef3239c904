#include "calibration/abc_smc.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>

#include "core/distributions.hpp"
#include "core/random.hpp"

namespace havens {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// A particle as the sampler holds it: the parameters on the internal scale
// (prior.hpp) and what its replicates gave.
struct Particle {
    std::vector<double> internal;
    std::vector<std::vector<double>> statistics;  // [replicate][target]
    std::vector<double> distances;                // [replicate]
};

std::size_t within(const Particle& p, double tolerance) {
    return static_cast<std::size_t>(std::count_if(p.distances.begin(), p.distances.end(),
                                                  [&](double d) { return d <= tolerance; }));
}

double log_prior(const CalibrationProblem& problem, const std::vector<double>& internal) {
    double sum = 0;
    for (std::size_t k = 0; k < internal.size(); ++k) {
        sum += prior_log_density(problem.parameters[k].prior, internal[k]);
    }
    return sum;
}

std::vector<double> values_of(const CalibrationProblem& problem,
                              const std::vector<double>& internal) {
    std::vector<double> values(internal.size());
    for (std::size_t k = 0; k < internal.size(); ++k) {
        values[k] = from_internal(problem.parameters[k].prior, internal[k]);
    }
    return values;
}

double effective_sample_size(const std::vector<double>& weights) {
    double sum = 0, squares = 0;
    for (double w : weights) {
        sum += w;
        squares += w * w;
    }
    return squares > 0 ? sum * sum / squares : 0.0;
}

void normalise(std::vector<double>& weights) {
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    for (double& w : weights) w /= sum;
}

// The weights at tolerance `next`, from those at `previous` (equation 13 of
// the paper): each particle's share of replicates within the tolerance.
std::vector<double> reweighted(const std::vector<Particle>& particles,
                               const std::vector<double>& weights, double previous, double next) {
    std::vector<double> out(weights.size(), 0.0);
    for (std::size_t i = 0; i < particles.size(); ++i) {
        const std::size_t before = within(particles[i], previous);
        if (weights[i] > 0 && before > 0) {
            out[i] = weights[i] * static_cast<double>(within(particles[i], next)) /
                     static_cast<double>(before);
        }
    }
    return out;
}

// The smallest tolerance, among the distances the particles hold, that keeps
// `wanted` of effective sample size (the ESS only grows with the tolerance).
double next_tolerance(const std::vector<Particle>& particles, const std::vector<double>& weights,
                      double previous, double wanted) {
    std::vector<double> candidates;
    for (std::size_t i = 0; i < particles.size(); ++i) {
        if (weights[i] <= 0) continue;
        for (double d : particles[i].distances) {
            if (d <= previous) candidates.push_back(d);
        }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (candidates.empty()) return previous;
    std::size_t lo = 0, hi = candidates.size() - 1;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (effective_sample_size(reweighted(particles, weights, previous, candidates[mid])) >=
            wanted) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return candidates[lo];
}

// Systematic resampling: one uniform, N evenly spaced points on the weights.
std::vector<std::size_t> systematic_resample(const std::vector<double>& weights,
                                             RandomStream& rng) {
    const std::size_t n = weights.size();
    std::vector<std::size_t> chosen(n);
    const double u = rng.uniform();
    double cumulative = weights[0];
    std::size_t j = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double point = (static_cast<double>(i) + u) / static_cast<double>(n);
        while (point > cumulative && j + 1 < n) cumulative += weights[++j];
        chosen[i] = j;
    }
    return chosen;
}

// The random walk's Cholesky factor: `scale` times the weighted covariance
// of the particles on the internal scale, with a small ridge where the
// population has collapsed along an axis.
Eigen::MatrixXd kernel_factor(const std::vector<Particle>& particles,
                              const std::vector<double>& weights, double scale) {
    const std::size_t d = particles.front().internal.size();
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(d));
    for (std::size_t i = 0; i < particles.size(); ++i) {
        mean += weights[i] * Eigen::Map<const Eigen::VectorXd>(particles[i].internal.data(),
                                                               static_cast<Eigen::Index>(d));
    }
    Eigen::MatrixXd cov =
        Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d));
    for (std::size_t i = 0; i < particles.size(); ++i) {
        const Eigen::VectorXd x = Eigen::Map<const Eigen::VectorXd>(particles[i].internal.data(),
                                                                    static_cast<Eigen::Index>(d)) -
                                  mean;
        cov += weights[i] * x * x.transpose();
    }
    cov *= scale;
    for (Eigen::Index k = 0; k < cov.rows(); ++k) cov(k, k) += 1e-12 + 1e-9 * std::abs(cov(k, k));
    return Eigen::LLT<Eigen::MatrixXd>(cov).matrixL();
}

class Sampler {
public:
    Sampler(const CalibrationProblem& problem, const Simulator& simulate, const AbcHooks& hooks)
        : problem_(problem), simulate_(simulate), hooks_(hooks) {}

    CalibrationResult run() {
        const auto& s = problem_.settings;
        const auto n = static_cast<std::size_t>(s.particles);
        std::vector<Particle> particles(n);
        std::vector<double> weights(n, 1.0 / static_cast<double>(n));
        double tolerance = infinity;

        // Generation 0: the prior.
        for (std::size_t i = 0; i < n; ++i) {
            RandomStream rng({s.seed, 0}, Purpose::calibration_prior, 0, i);
            for (const auto& p : problem_.parameters) {
                particles[i].internal.push_back(prior_sample(p.prior, rng));
            }
        }
        std::vector<std::size_t> all(n);
        std::iota(all.begin(), all.end(), 0);
        std::vector<Particle> evaluated = particles;
        simulate_all(0, 0, all, evaluated);
        particles = std::move(evaluated);
        record(particles, weights, tolerance, std::nan(""), static_cast<std::int64_t>(n), 0);

        for (int g = 1; g <= s.max_generations; ++g) {
            const auto gen = static_cast<std::uint64_t>(g);
            const double wanted = s.ess_fraction * effective_sample_size(weights);
            double next = next_tolerance(particles, weights, tolerance, wanted);
            bool last = false;
            if (s.final_tolerance > 0 && next <= s.final_tolerance) {
                next = s.final_tolerance;
                last = true;
            }
            weights = reweighted(particles, weights, tolerance, next);
            normalise(weights);
            tolerance = next;
            if (effective_sample_size(weights) < 0.5 * static_cast<double>(n)) {
                RandomStream rng({s.seed, gen}, Purpose::calibration_resample, 0, 0);
                const auto chosen = systematic_resample(weights, rng);
                std::vector<Particle> copies;
                copies.reserve(n);
                for (std::size_t i : chosen) copies.push_back(particles[i]);
                particles = std::move(copies);
                std::fill(weights.begin(), weights.end(), 1.0 / static_cast<double>(n));
            }
            MoveCount total;
            int steps = s.moves;
            for (int step = 0; step < steps; ++step) {
                const MoveCount c = move(g, step, particles, weights, tolerance);
                total.accepted += c.accepted;
                total.moved += c.moved;
                total.simulations += c.simulations;
                if (step == 0 && s.move_probability > 0) steps = adaptive_steps(c);
            }
            const auto [accepted, moved, simulations] = total;
            record(
                particles, weights, tolerance,
                moved ? static_cast<double>(accepted) / static_cast<double>(moved) : std::nan(""),
                simulations, steps);
            if (last) {
                result_.stopped = "tolerance";
                return std::move(result_);
            }
            if (moved &&
                static_cast<double>(accepted) / static_cast<double>(moved) < s.min_acceptance) {
                result_.stopped = "acceptance";
                return std::move(result_);
            }
        }
        result_.stopped = "generations";
        return std::move(result_);
    }

private:
    struct MoveCount {
        std::size_t accepted = 0, moved = 0;
        std::int64_t simulations = 0;
    };

    // The steps that give a particle probability `move_probability` of moving
    // at least once when each is accepted as often as the first step was
    // (1 - (1 - a)^R >= p; Drovandi & Pettitt 2011, Biometrics 67:225-233),
    // between `moves` and `max_moves`.
    int adaptive_steps(const MoveCount& first) const {
        const auto& s = problem_.settings;
        const int most = std::max(s.moves, s.max_moves);
        if (first.moved == 0) return s.moves;
        const double a = static_cast<double>(first.accepted) / static_cast<double>(first.moved);
        if (a <= 0) return most;
        if (a >= 1) return s.moves;
        const double wanted = std::ceil(std::log1p(-s.move_probability) / std::log1p(-a));
        return static_cast<int>(
            std::clamp(wanted, static_cast<double>(s.moves), static_cast<double>(most)));
    }

    // Simulates the particles `which` of `slots` (their parameters set) in
    // parallel, each into its own slot.
    void simulate_all(int generation, int step, const std::vector<std::size_t>& which,
                      std::vector<Particle>& slots) {
        std::atomic<std::size_t> done{0};
        std::mutex reporting;
        if (hooks_.progress) hooks_.progress(0, which.size());
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, which.size(), 1), [&](const auto& r) {
            for (std::size_t k = r.begin(); k != r.end(); ++k) {
                const std::size_t i = which[k];
                const auto gen = static_cast<std::uint64_t>(generation);
                RandomStream seed_rng({problem_.settings.seed, gen}, Purpose::calibration_seed,
                                      static_cast<std::uint32_t>(step), i);
                const std::uint64_t seed = seed_rng.next_u64() >> 11;  // a scenario's seed range
                Particle& p = slots[i];
                p.statistics = simulate_(values_of(problem_, p.internal), seed,
                                         SimulationId{static_cast<std::size_t>(generation),
                                                      static_cast<std::size_t>(step), i});
                p.distances.clear();
                for (const auto& stats : p.statistics) {
                    p.distances.push_back(distance_to_targets(problem_.targets, stats));
                }
                const std::size_t now = ++done;
                if (hooks_.progress) {
                    std::lock_guard lock(reporting);
                    hooks_.progress(now, which.size());
                }
            }
        });
    }

    // One Metropolis-Hastings step for every living particle; the proposal
    // and the acceptance uniform of particle i come from its own stream.
    MoveCount move(int generation, int step, std::vector<Particle>& particles,
                   const std::vector<double>& weights, double tolerance) {
        const auto& s = problem_.settings;
        const auto gen = static_cast<std::uint64_t>(generation);
        const double scale = s.kernel_scale > 0
                                 ? s.kernel_scale
                                 : 2.38 * 2.38 / static_cast<double>(problem_.parameters.size());
        const Eigen::MatrixXd factor = kernel_factor(particles, weights, scale);
        const auto d = static_cast<Eigen::Index>(problem_.parameters.size());
        std::vector<Particle> proposals(particles.size());
        std::vector<double> uniforms(particles.size());
        std::vector<std::size_t> to_simulate;
        MoveCount count;
        for (std::size_t i = 0; i < particles.size(); ++i) {
            if (weights[i] <= 0) continue;
            ++count.moved;
            RandomStream rng({s.seed, gen}, Purpose::calibration_move,
                             static_cast<std::uint32_t>(step), i);
            Eigen::VectorXd z(d);
            for (Eigen::Index k = 0; k < d; ++k) z(k) = standard_normal(rng);
            const Eigen::VectorXd jump = factor * z;
            proposals[i].internal = particles[i].internal;
            for (Eigen::Index k = 0; k < d; ++k) {
                proposals[i].internal[static_cast<std::size_t>(k)] += jump(k);
            }
            uniforms[i] = rng.uniform();
            // Outside the prior's support the move is refused unsimulated.
            if (std::isfinite(log_prior(problem_, proposals[i].internal))) to_simulate.push_back(i);
        }
        simulate_all(generation, step, to_simulate, proposals);
        count.simulations = static_cast<std::int64_t>(to_simulate.size());
        for (std::size_t i : to_simulate) {
            const double now = static_cast<double>(within(particles[i], tolerance));
            const double proposed = static_cast<double>(within(proposals[i], tolerance));
            const double ratio = std::exp(log_prior(problem_, proposals[i].internal) -
                                          log_prior(problem_, particles[i].internal)) *
                                 proposed / now;
            if (uniforms[i] < ratio) {
                particles[i] = std::move(proposals[i]);
                ++count.accepted;
            }
        }
        return count;
    }

    void record(const std::vector<Particle>& particles, const std::vector<double>& weights,
                double tolerance, double acceptance, std::int64_t simulations, int steps) {
        Generation g;
        for (const auto& p : particles) {
            g.particles.push_back(values_of(problem_, p.internal));
            g.distances.push_back(p.distances);
            std::vector<double> mean(problem_.targets.size(), std::nan(""));
            for (std::size_t t = 0; t < mean.size(); ++t) {
                double sum = 0;
                int defined = 0;
                for (const auto& stats : p.statistics) {
                    if (!std::isnan(stats[t])) {
                        sum += stats[t];
                        ++defined;
                    }
                }
                if (defined) mean[t] = sum / defined;
            }
            g.simulated.push_back(std::move(mean));
        }
        std::vector<std::vector<double>> distinct = g.particles;
        std::sort(distinct.begin(), distinct.end());
        g.unique_particles = static_cast<std::size_t>(
            std::unique(distinct.begin(), distinct.end()) - distinct.begin());
        g.weights = weights;
        g.tolerance = tolerance;
        g.acceptance_rate = acceptance;
        g.effective_sample_size = effective_sample_size(weights);
        g.simulations = simulations;
        g.steps = steps;
        result_.generations.push_back(std::move(g));
        if (hooks_.generation_done) {
            hooks_.generation_done(result_.generations.size() - 1, result_.generations.back());
        }
    }

    const CalibrationProblem& problem_;
    const Simulator& simulate_;
    const AbcHooks& hooks_;
    CalibrationResult result_;
};

}  // namespace

double distance_to_targets(const std::vector<Target>& targets,
                           const std::vector<double>& statistics) {
    double sum = 0;
    int terms = 0;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        if (!targets[t].fitted || std::isnan(statistics[t])) continue;
        const double z = (statistics[t] - targets[t].observed) / targets[t].sd;
        sum += z * z;
        ++terms;
    }
    return terms ? std::sqrt(sum / terms) : infinity;
}

CalibrationResult run_abc_smc(const CalibrationProblem& problem, const Simulator& simulate,
                              const AbcHooks& hooks) {
    return Sampler(problem, simulate, hooks).run();
}

}  // namespace havens
