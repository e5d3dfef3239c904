#include "io/result_info_calibration.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "calibration/abc_smc.hpp"
#include "calibration/prior.hpp"
#include "core/errors.hpp"
#include "core/quantile.hpp"
#include "io/h5/schema.hpp"

namespace havens {

namespace {

class CalibrationReader {
public:
    CalibrationReader(const h5::Location& group, std::string file)
        : group_(group), file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& name, const std::string& message) const {
        throw InputError(file_, 0, "/calibration/" + name,
                         message + " (not a valid havens calibration)");
    }

    // A dataset's values after checking its kind and shape.
    template <typename T>
    std::vector<T> numbers(const std::string& name, const h5::Shape& shape) const {
        check(name, shape, false);
        return group_.read<T>(name);
    }
    std::vector<std::string> strings(const std::string& name, const h5::Shape& shape) const {
        check(name, shape, true);
        return group_.read_strings(name);
    }
    h5::Shape shape_of(const std::string& name, std::size_t rank) const {
        if (!group_.exists(name)) fail(name, "missing dataset");
        const h5::DatasetInfo info = group_.info(name);
        if (info.shape.size() != rank)
            fail(name, "expected " + std::to_string(rank) + " dimensions");
        return info.shape;
    }

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
    const CalibrationReader in(group, path);
    const h5::Shape particles_shape = in.shape_of("particles", 3);
    const hsize_t generations = particles_shape[0], particles = particles_shape[1],
                  parameters = particles_shape[2];
    if (generations == 0 || particles == 0) in.fail("particles", "empty");
    const auto keys = in.strings("parameter", {parameters});
    const auto values = in.numbers<double>("particles", particles_shape);
    const auto weights = in.numbers<double>("weights", {generations, particles});
    const auto tolerances = in.numbers<double>("tolerances", {generations});
    const auto acceptance = in.numbers<double>("acceptance_rates", {generations});
    const auto kinds = in.strings("prior_kind", {parameters});
    const auto low = in.numbers<double>("prior_low", {parameters});
    const auto high = in.numbers<double>("prior_high", {parameters});
    const auto mean = in.numbers<double>("prior_mean", {parameters});
    const auto sd = in.numbers<double>("prior_sd", {parameters});
    const hsize_t targets = in.shape_of("target", 1)[0];
    const auto target_names = in.strings("target", {targets});
    const auto observed = in.numbers<double>("target_observed", {targets});
    const auto target_sd = in.numbers<double>("target_sd", {targets});
    const auto fitted = in.numbers<std::uint8_t>("target_fitted", {targets});
    const auto simulated = in.numbers<double>("simulated", {generations, particles, targets});

    const std::size_t last = generations - 1;
    const std::vector<double> w(
        weights.begin() + static_cast<std::ptrdiff_t>(last * particles),
        weights.begin() + static_cast<std::ptrdiff_t>(generations * particles));
    double total = 0;
    for (double x : w) {
        if (!(x >= 0)) in.fail("weights", "a weight is negative or not a number");
        total += x;
    }
    if (std::abs(total - 1.0) > 1e-6)
        in.fail("weights", "the last generation's weights do not sum to one");

    std::ostringstream out;
    out << "  calibration: " << generations - 1 << " generations after the prior sample, "
        << particles << " particles; final tolerance " << number(tolerances[last])
        << ", last acceptance rate "
        << (std::isnan(acceptance[last]) ? std::string("-") : number(acceptance[last]));
    // Older files lack the sampler's diagnostics: they are left out, not refused.
    if (group.exists("unique_particles")) {
        const auto unique = in.numbers<std::int64_t>("unique_particles", {generations});
        out << ", " << unique[last] << " of " << particles << " particles distinct";
    }
    if (group.exists("moves")) {
        const auto moves = in.numbers<std::int64_t>("moves", {generations});
        out << " after " << moves[last] << (moves[last] == 1 ? " move" : " moves");
    }
    out << "; stopped by "
        << (group.has_attribute("stopped") ? group.string_attribute("stopped") : "?")
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
        if (!known) in.fail("prior_kind", "unknown prior '" + kinds[k] + "'");
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
