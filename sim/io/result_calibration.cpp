#include <cmath>
#include <numeric>

#include "io/result_attributes.hpp"
#include "io/result_sections.hpp"

namespace havens::result_sections {

using h5::Location;

namespace {

// The rows of a [generation][particle][...] table, flattened row-major.
template <typename Get>
std::vector<double> flatten(const CalibrationResult& result, std::size_t width, Get&& get) {
    std::vector<double> out;
    for (const auto& g : result.generations) {
        for (std::size_t i = 0; i < g.weights.size(); ++i) {
            for (std::size_t k = 0; k < width; ++k) out.push_back(get(g, i, k));
        }
    }
    return out;
}

template <typename T>
std::vector<std::int64_t> indices(std::size_t n) {
    std::vector<std::int64_t> v(n);
    std::iota(v.begin(), v.end(), 0);
    return v;
}

}  // namespace

void write_calibration(const Location& root, const CalibrationOutput& out) {
    namespace dim = schema::calibration_dim;
    const auto& problem = out.problem;
    const auto& result = out.result;
    Location group = root.create_group(schema::calibration);
    const std::size_t generations = result.generations.size();
    const auto particles = static_cast<std::size_t>(problem.settings.particles);
    const auto replicates = static_cast<std::size_t>(problem.settings.replicates);
    const std::size_t parameters = problem.parameters.size();
    const std::size_t targets = problem.targets.size();

    group.write_coordinate<std::int64_t>(dim::generation, view(indices<std::int64_t>(generations)));
    group.write_coordinate<std::int64_t>(dim::particle, view(indices<std::int64_t>(particles)));
    group.write_coordinate<std::int64_t>(dim::replicate, view(indices<std::int64_t>(replicates)));
    std::vector<std::string> keys, names;
    for (const auto& p : problem.parameters) keys.push_back(p.key);
    for (const auto& t : problem.targets) names.push_back(t.name);
    group.write_coordinate_strings(dim::parameter, keys);
    group.write_coordinate_strings(dim::target, names);

    auto write_table = [&](const char* name, const h5::Shape& shape,
                           const std::vector<double>& data, const std::vector<std::string>& dims) {
        group.write<double>(name, shape, view(data));
        group.attach_dimensions(name, dims);
    };
    write_table("particles", {generations, particles, parameters},
                flatten(result, parameters,
                        [](const Generation& g, std::size_t i, std::size_t k) {
                            return g.particles[i][k];
                        }),
                {dim::generation, dim::particle, dim::parameter});
    write_table(
        "weights", {generations, particles},
        flatten(result, 1,
                [](const Generation& g, std::size_t i, std::size_t) { return g.weights[i]; }),
        {dim::generation, dim::particle});
    write_table("distances", {generations, particles, replicates},
                flatten(result, replicates,
                        [](const Generation& g, std::size_t i, std::size_t m) {
                            return g.distances[i][m];
                        }),
                {dim::generation, dim::particle, dim::replicate});
    write_table("simulated", {generations, particles, targets},
                flatten(result, targets,
                        [](const Generation& g, std::size_t i, std::size_t t) {
                            return g.simulated[i][t];
                        }),
                {dim::generation, dim::particle, dim::target});

    std::vector<double> tolerance, acceptance, ess;
    std::vector<std::int64_t> simulations, unique, steps;
    for (const auto& g : result.generations) {
        unique.push_back(static_cast<std::int64_t>(g.unique_particles));
        steps.push_back(g.steps);
        tolerance.push_back(g.tolerance);
        acceptance.push_back(g.acceptance_rate);
        ess.push_back(g.effective_sample_size);
        simulations.push_back(g.simulations);
    }
    write_table("tolerances", {generations}, tolerance, {dim::generation});
    write_table("acceptance_rates", {generations}, acceptance, {dim::generation});
    write_table("effective_sample_sizes", {generations}, ess, {dim::generation});
    group.write<std::int64_t>("simulations", {generations}, view(simulations));
    group.attach_dimensions("simulations", {dim::generation});
    group.write<std::int64_t>("unique_particles", {generations}, view(unique));
    group.attach_dimensions("unique_particles", {dim::generation});
    group.write<std::int64_t>("moves", {generations}, view(steps));
    group.attach_dimensions("moves", {dim::generation});

    std::vector<std::string> kinds;
    std::vector<double> low, high, mean, sd;
    for (const auto& p : problem.parameters) {
        const bool normal =
            p.prior.kind == PriorKind::normal || p.prior.kind == PriorKind::truncated_normal;
        kinds.emplace_back(prior_kind_names[static_cast<std::size_t>(p.prior.kind)]);
        low.push_back(p.prior.low);
        high.push_back(p.prior.high);
        mean.push_back(normal ? p.prior.mean : std::nan(""));
        sd.push_back(normal ? p.prior.sd : std::nan(""));
    }
    group.write_strings("prior_kind", kinds);
    group.attach_dimensions("prior_kind", {dim::parameter});
    write_table("prior_low", {parameters}, low, {dim::parameter});
    write_table("prior_high", {parameters}, high, {dim::parameter});
    write_table("prior_mean", {parameters}, mean, {dim::parameter});
    write_table("prior_sd", {parameters}, sd, {dim::parameter});

    std::vector<std::string> statistic, source;
    std::vector<double> argument, observed, target_sd;
    std::vector<std::uint8_t> fitted;
    for (const auto& t : problem.targets) {
        statistic.emplace_back(t.statistic->name);
        source.push_back(t.source);
        argument.push_back(t.statistic->argument == StatisticArgument::none ? std::nan("")
                                                                            : t.argument);
        observed.push_back(t.observed);
        target_sd.push_back(t.sd);
        fitted.push_back(t.fitted ? 1 : 0);
    }
    group.write_strings("target_statistic", statistic);
    group.attach_dimensions("target_statistic", {dim::target});
    group.write_strings("target_source", source);
    group.attach_dimensions("target_source", {dim::target});
    write_table("target_argument", {targets}, argument, {dim::target});
    write_table("target_observed", {targets}, observed, {dim::target});
    write_table("target_sd", {targets}, target_sd, {dim::target});
    group.write<std::uint8_t>("target_fitted", {targets}, view(fitted));
    group.attach_dimensions("target_fitted", {dim::target});

    // Units differ by parameter and target: the keys' units are `havens params`'s.
    for (const auto& [name, long_name, units] :
         std::initializer_list<std::tuple<const char*, const char*, const char*>>{
             {dim::generation, "generation of the sampler", ""},
             {dim::particle, "particle of a generation", ""},
             {dim::replicate, "run of a particle", ""},
             {dim::parameter, "scenario key fitted", ""},
             {dim::target, "observation fitted or checked", ""},
             {"particles", "each particle's value of each key", ""},
             {"weights", "importance weight of each particle (sums to one)", "1"},
             {"distances", "root mean square of (simulated - observed) / sd over fitted targets",
              "1"},
             {"simulated", "each particle's simulated value of each target (NaN: undefined)", ""},
             {"tolerances", "tolerance of the generation", "1"},
             {"acceptance_rates", "share of moves accepted", "1"},
             {"effective_sample_sizes", "effective sample size of the weights", "count"},
             {"simulations", "model runs made in the generation", "count"},
             {"unique_particles", "distinct particles in the generation", "count"},
             {"moves", "Metropolis-Hastings steps per particle in the generation", "count"},
             {"prior_kind", "prior distribution", ""},
             {"prior_low", "prior's lower bound", ""},
             {"prior_high", "prior's upper bound", ""},
             {"prior_mean", "normal prior's mean (NaN: not normal)", ""},
             {"prior_sd", "normal prior's standard deviation (NaN: not normal)", ""},
             {"target_statistic", "statistic of the target (docs/CALIBRATION.md)", ""},
             {"target_source", "where the observation comes from", ""},
             {"target_argument", "month, count or population the statistic takes (NaN: none)", ""},
             {"target_observed", "observed value", ""},
             {"target_sd", "standard deviation of the observation's error", ""},
             {"target_fitted", "fitted (1) or only checked (0)", ""}}) {
        if (group.exists(name)) describe_coordinate(group, name, long_name, units);
    }

    group.set_attribute("method",
                        std::string("adaptive ABC-SMC with MCMC moves (Del Moral, Doucet & Jasra "
                                    "2012); distance: root mean square of standardised misses"));
    group.set_attribute("seed", static_cast<std::int64_t>(problem.settings.seed));
    group.set_attribute("particles", static_cast<std::int64_t>(particles));
    group.set_attribute("replicates_per_particle", static_cast<std::int64_t>(replicates));
    group.set_attribute("generations", static_cast<std::int64_t>(generations));
    group.set_attribute("scenario", out.scenario_path);
    group.set_attribute("stopped", result.stopped);
    group.close();
}

}  // namespace havens::result_sections
