// /calibration: every generation of a calibration (docs/CALIBRATION.md), each
// variable named, shaped and described (long_name, units, flags) by the
// output registry's calibration table.
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "io/calibration_axes.hpp"
#include "io/result_attributes.hpp"
#include "io/result_sections.hpp"

namespace havens::result_sections {

using h5::Location;
using output::Calibration;
using output::Dim;

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

std::vector<std::int64_t> indices(std::size_t n) {
    std::vector<std::int64_t> v(n);
    std::iota(v.begin(), v.end(), 0);
    return v;
}

// Writes the registry's variables of /calibration, each with its dimensions
// and attributes; a value type other than the registry's is a bug, refused.
class CalibrationWriter {
public:
    CalibrationWriter(const Location& group, const CalibrationAxes& axes)
        : group_(group), axes_(axes) {}

    template <typename T>
    void numbers(Calibration c, const std::vector<T>& data) const {
        const output::Variable& v = output::variable(c);
        if (v.text || v.type != output::type_of<T>())
            throw std::logic_error("calibration variable " + std::string(v.name) +
                                   " written with another type than the registry's");
        group_.write<T>(std::string(v.name), shape_of(v, axes_), view(data));
        finish(v);
    }

    void strings(Calibration c, const std::vector<std::string>& data) const {
        const output::Variable& v = output::variable(c);
        if (!v.text)
            throw std::logic_error("calibration variable " + std::string(v.name) +
                                   " written as strings, but the registry holds numbers");
        group_.write_strings(std::string(v.name), data);
        finish(v);
    }

private:
    void finish(const output::Variable& v) const {
        group_.attach_dimensions(std::string(v.name), dimension_names(v));
        describe(group_, v);
    }

    const Location& group_;
    CalibrationAxes axes_;
};

}  // namespace

void write_calibration(const Location& root, const CalibrationOutput& out) {
    namespace attr = schema::calibration_attr;
    using C = Calibration;
    const auto& problem = out.problem;
    const auto& result = out.result;
    Location group = root.create_group(schema::calibration);
    const std::size_t generations = result.generations.size();
    const auto particles = static_cast<std::size_t>(problem.settings.particles);
    const auto replicates = static_cast<std::size_t>(problem.settings.replicates);
    const std::size_t parameters = problem.parameters.size();
    const std::size_t targets = problem.targets.size();
    const CalibrationWriter write(group, {generations, particles, replicates, parameters, targets});

    const std::string generation_axis(output::name_of(Dim::generation)),
        particle_axis(output::name_of(Dim::particle)),
        replicate_axis(output::name_of(Dim::replicate)),
        parameter_axis(output::name_of(Dim::parameter)), target_axis(output::name_of(Dim::target));
    group.write_coordinate<std::int64_t>(generation_axis, view(indices(generations)));
    group.write_coordinate<std::int64_t>(particle_axis, view(indices(particles)));
    group.write_coordinate<std::int64_t>(replicate_axis, view(indices(replicates)));
    std::vector<std::string> keys, names;
    for (const auto& p : problem.parameters) keys.push_back(p.key);
    for (const auto& t : problem.targets) names.push_back(t.name);
    group.write_coordinate_strings(parameter_axis, keys);
    group.write_coordinate_strings(target_axis, names);
    describe_coordinate(group, generation_axis, "generation of the sampler");
    describe_coordinate(group, particle_axis, "particle of a generation");
    describe_coordinate(group, replicate_axis, "run of a particle");
    // Units differ by key: the keys' units are `havens params`'s.
    describe_coordinate(group, parameter_axis, "scenario key fitted");
    describe_coordinate(group, target_axis, "observation fitted or checked");

    write.numbers(C::particles, flatten(result, parameters,
                                        [](const Generation& g, std::size_t i, std::size_t k) {
                                            return g.particles[i][k];
                                        }));
    write.numbers(C::weights,
                  flatten(result, 1, [](const Generation& g, std::size_t i, std::size_t) {
                      return g.weights[i];
                  }));
    write.numbers(C::distances, flatten(result, replicates,
                                        [](const Generation& g, std::size_t i, std::size_t m) {
                                            return g.distances[i][m];
                                        }));
    write.numbers(C::simulated,
                  flatten(result, targets, [](const Generation& g, std::size_t i, std::size_t t) {
                      return g.simulated[i][t];
                  }));

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
    write.numbers(C::tolerances, tolerance);
    write.numbers(C::acceptance_rates, acceptance);
    write.numbers(C::effective_sample_sizes, ess);
    write.numbers(C::simulations, simulations);
    write.numbers(C::unique_particles, unique);
    write.numbers(C::moves, steps);

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
    write.strings(C::prior_kind, kinds);
    write.numbers(C::prior_low, low);
    write.numbers(C::prior_high, high);
    write.numbers(C::prior_mean, mean);
    write.numbers(C::prior_sd, sd);

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
    write.strings(C::target_statistic, statistic);
    write.strings(C::target_source, source);
    write.numbers(C::target_argument, argument);
    write.numbers(C::target_observed, observed);
    write.numbers(C::target_sd, target_sd);
    write.numbers(C::target_fitted, fitted);

    group.set_attribute(attr::method,
                        std::string("adaptive ABC-SMC with MCMC moves (Del Moral, Doucet & Jasra "
                                    "2012); distance: root mean square of standardised misses"));
    group.set_attribute(attr::seed, static_cast<std::int64_t>(problem.settings.seed));
    group.set_attribute(attr::particles, static_cast<std::int64_t>(particles));
    group.set_attribute(attr::replicates_per_particle, static_cast<std::int64_t>(replicates));
    group.set_attribute(attr::generations, static_cast<std::int64_t>(generations));
    group.set_attribute(attr::scenario, out.scenario_path);
    group.set_attribute(attr::stopped, result.stopped);
    group.close();
}

}  // namespace havens::result_sections
