#include "calibration/posterior.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "core/random.hpp"
#include "scenario/key_suggestion.hpp"
#include "scenario/key_variation.hpp"
#include "scenario/parameter_table.hpp"

namespace havens {

std::size_t posterior_draw(const Posterior& posterior, std::uint64_t seed,
                           std::uint64_t replicate) {
    // Keyed by (seed, replicate) alone: the same particle for every arm of
    // an experiment and for any number of threads or ranks.
    RandomStream stream({seed, replicate}, Purpose::posterior_draw, 0, 0);
    const double u = stream.uniform();
    // Inverse CDF over the running sum of the weights. The sum may fall a
    // rounding error short of one: a u beyond it takes the last particle
    // with a positive weight, never one of weight zero.
    double cumulative = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t i = 0; i < posterior.weights.size(); ++i) {
        if (posterior.weights[i] <= 0.0) continue;
        cumulative += posterior.weights[i];
        last_positive = i;
        if (u < cumulative) return i;
    }
    return last_positive;
}

Scenario with_parameters(Scenario scenario, const std::vector<std::string>& keys,
                         const std::vector<double>& values, const std::string& source) {
    if (keys.size() != values.size()) {
        throw InputError(source, 0, "",
                         "a particle holds " + std::to_string(values.size()) + " values for " +
                             std::to_string(keys.size()) + " parameters");
    }
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const std::string& key = keys[k];
        const ParameterSpec* spec = find_parameter(key);
        if (!spec) {
            const std::string nearest = did_you_mean(key, scenario_keys());
            throw InputError(
                source, 0, key,
                "no such scenario key" + (nearest.empty() ? " (see havens params)" : nearest));
        }
        if (auto why = why_fixed(key, Variation::between_replicates); !why.empty()) {
            throw InputError(source, 0, key, why);
        }
        const double x = values[k];
        ParameterValue value;
        if (spec->kind == ParameterKind::integer) {
            // Out of range before rounding: std::llround of a huge value is undefined.
            if (!std::isfinite(x) || x < spec->min - 0.5 || x > spec->max + 0.5) {
                value = x;  // check_value words the error
            } else {
                value = static_cast<std::int64_t>(std::llround(x));
            }
        } else if (spec->kind == ParameterKind::real) {
            value = x;
        } else {
            throw InputError(source, 0, key, "is not a numeric key: a posterior sets numbers only");
        }
        if (const std::string problem = check_value(*spec, value); !problem.empty()) {
            throw InputError(source, 0, key,
                             problem + ", got " + describe_value(ParameterValue(x)));
        }
        spec->set(scenario, value);
    }
    return scenario;
}

}  // namespace havens
