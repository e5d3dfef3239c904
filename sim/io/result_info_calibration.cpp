#include "io/result_info_calibration.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "calibration/abc_smc.hpp"
#include "calibration/prior.hpp"
#include "core/errors.hpp"
#include "core/quantile.hpp"
#include "engine/output_registry.hpp"
#include "io/calibration_axes.hpp"
#include "io/h5/schema.hpp"

namespace havens {

namespace {

using output::Calibration;

// Reads the registry's variables of /calibration, each checked first for
// the kind and the shape the registry gives it along `axes`.
class CalibrationReader {
public:
    CalibrationReader(const h5::Location& group, std::string file)
        : group_(group), file_(std::move(file)) {}

    [[noreturn]] void fail(std::string_view name, const std::string& message) const {
        throw InputError(file_, 0, "/" + std::string(schema::calibration) + "/" + std::string(name),
                         message + " (not a valid havens calibration)");
    }

    template <typename T>
    std::vector<T> numbers(Calibration c) const {
        const std::string name(output::name_of(c));
        check(name, shape_of(output::variable(c), axes), false);
        return group_.read<T>(name);
    }
    std::vector<std::string> strings(Calibration c) const {
        const std::string name(output::name_of(c));
        check(name, shape_of(output::variable(c), axes), true);
        return group_.read_strings(name);
    }
    // A string coordinate of `length` labels.
    std::vector<std::string> labels(output::Dim d, hsize_t length) const {
        const std::string name(output::name_of(d));
        check(name, {length}, true);
        return group_.read_strings(name);
    }
    h5::Shape shape_of_dataset(std::string_view name, std::size_t rank) const {
        const std::string dataset(name);
        if (!group_.exists(dataset)) fail(name, "missing dataset");
        const h5::DatasetInfo info = group_.info(dataset);
        if (info.shape.size() != rank)
            fail(name, "expected " + std::to_string(rank) + " dimensions");
        return info.shape;
    }
    bool has(Calibration c) const { return group_.exists(std::string(output::name_of(c))); }

    CalibrationAxes axes;  // the lengths the file's particles and target axis give

private:
    void check(const std::string& name, const h5::Shape& shape, bool strings) const {
        if (!group_.exists(name)) fail(name, "missing dataset");
        const h5::DatasetInfo info = group_.info(name);
        if (info.shape != shape) fail(name, "unexpected shape");
        const bool is_string = info.type == "string";
        if (is_string != strings) fail(name, strings ? "expected strings" : "expected numbers");
    }

    const h5::Location& group_;
    std::string file_;
};

std::string number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", x);
    return text;
}

}  // namespace

std::string describe_calibration(const h5::Location& root, const std::string& path) {
    const h5::Location group = root.open_group(schema::calibration);
    using C = Calibration;
    CalibrationReader in(group, path);
    const h5::Shape particles_shape = in.shape_of_dataset(output::name_of(C::particles), 3);
    in.axes.generation = particles_shape[0];
    in.axes.particle = particles_shape[1];
    in.axes.parameter = particles_shape[2];
    const hsize_t generations = in.axes.generation, particles = in.axes.particle,
                  parameters = in.axes.parameter;
    if (generations == 0 || particles == 0) in.fail(output::name_of(C::particles), "empty");
    in.axes.target = in.shape_of_dataset(output::name_of(output::Dim::target), 1)[0];
    const hsize_t targets = in.axes.target;
    const auto keys = in.labels(output::Dim::parameter, parameters);
    const auto values = in.numbers<double>(C::particles);
    const auto weights = in.numbers<double>(C::weights);
    const auto tolerances = in.numbers<double>(C::tolerances);
    const auto acceptance = in.numbers<double>(C::acceptance_rates);
    const auto kinds = in.strings(C::prior_kind);
    const auto low = in.numbers<double>(C::prior_low);
    const auto high = in.numbers<double>(C::prior_high);
    const auto mean = in.numbers<double>(C::prior_mean);
    const auto sd = in.numbers<double>(C::prior_sd);
    const auto target_names = in.labels(output::Dim::target, targets);
    const auto observed = in.numbers<double>(C::target_observed);
    const auto target_sd = in.numbers<double>(C::target_sd);
    const auto fitted = in.numbers<std::uint8_t>(C::target_fitted);
    const auto simulated = in.numbers<double>(C::simulated);

    const std::size_t last = generations - 1;
    const std::vector<double> w(
        weights.begin() + static_cast<std::ptrdiff_t>(last * particles),
        weights.begin() + static_cast<std::ptrdiff_t>(generations * particles));
    double total = 0;
    for (double x : w) {
        if (!(x >= 0)) in.fail(output::name_of(C::weights), "a weight is negative or not a number");
        total += x;
    }
    if (std::abs(total - 1.0) > 1e-6)
        in.fail(output::name_of(C::weights), "the last generation's weights do not sum to one");

    std::ostringstream out;
    out << "  calibration: " << generations - 1 << " generations after the prior sample, "
        << particles << " particles; final tolerance " << number(tolerances[last])
        << ", last acceptance rate "
        << (std::isnan(acceptance[last]) ? std::string("-") : number(acceptance[last]));
    // Older files lack the sampler's diagnostics: they are left out, not refused.
    if (in.has(C::unique_particles)) {
        const auto unique = in.numbers<std::int64_t>(C::unique_particles);
        out << ", " << unique[last] << " of " << particles << " particles distinct";
    }
    if (in.has(C::moves)) {
        const auto moves = in.numbers<std::int64_t>(C::moves);
        out << " after " << moves[last] << (moves[last] == 1 ? " move" : " moves");
    }
    out << "; stopped by "
        << (group.has_attribute(schema::calibration_attr::stopped)
                ? group.string_attribute(schema::calibration_attr::stopped)
                : "?")
        << "\n    parameter: posterior median [90% interval] (prior's 90% interval)\n";
    for (hsize_t k = 0; k < parameters; ++k) {
        std::vector<double> column;
        for (hsize_t i = 0; i < particles; ++i)
            column.push_back(values[(last * particles + i) * parameters + k]);
        Prior prior;
        bool known = false;
        for (std::size_t c = 0; c < prior_kind_names.size(); ++c) {
            if (prior_kind_names[c] == kinds[k]) {
                prior.kind = static_cast<PriorKind>(c);
                known = true;
            }
        }
        if (!known) in.fail(output::name_of(C::prior_kind), "unknown prior '" + kinds[k] + "'");
        prior.low = low[k];
        prior.high = high[k];
        prior.mean = mean[k];
        prior.sd = sd[k];
        out << "      " << keys[k] << ": " << number(quantile(column, w, 0.5)) << " ["
            << number(quantile(column, w, 0.05)) << ", " << number(quantile(column, w, 0.95))
            << "] (prior " << number(prior_quantile(prior, 0.05)) << " to "
            << number(prior_quantile(prior, 0.95)) << ")\n";
    }
    out << "    target: observed +- sd; posterior simulated median [90% interval]\n";
    for (hsize_t t = 0; t < targets; ++t) {
        std::vector<double> column, column_weights;
        for (hsize_t i = 0; i < particles; ++i) {
            const double v = simulated[(last * particles + i) * targets + t];
            if (std::isnan(v)) continue;
            column.push_back(v);
            column_weights.push_back(w[i]);
        }
        out << "      " << target_names[t] << (fitted[t] ? "" : " (check)") << ": "
            << number(observed[t]) << " +- " << number(target_sd[t]) << "; ";
        if (column.empty()) {
            out << "undefined in every particle\n";
        } else {
            out << number(quantile(column, column_weights, 0.5)) << " ["
                << number(quantile(column, column_weights, 0.05)) << ", "
                << number(quantile(column, column_weights, 0.95)) << "]\n";
        }
    }
    return out.str();
}

}  // namespace havens
