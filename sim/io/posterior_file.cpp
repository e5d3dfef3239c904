#include "io/posterior_file.hpp"

#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "core/errors.hpp"
#include "engine/output_registry.hpp"
#include "io/h5/file.hpp"
#include "io/h5/schema.hpp"
#include "io/posterior_csv.hpp"

namespace havens {

namespace {

// A posterior larger than this many values is taken for damage: reading it
// would allocate that many doubles (a damaged shape can claim any size).
constexpr double most_values = 5e7;

// A value as it would be typed: 17 significant digits, so that a weight of
// 1e-12 is not shown as 0.
std::string number(double x) {
    std::ostringstream out;
    out.precision(17);
    out << x;
    return out.str();
}

// What a posterior file must hold, checked before anything is read.
class PosteriorReader {
public:
    explicit PosteriorReader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& object, const std::string& message) const {
        throw InputError(path_, 0, object, message + " (not a calibration's posterior)");
    }

    // `f()`, with a failure of the HDF5 layer (an OutputError) turned into
    // bad input naming `object`: the file is the user's input here.
    template <typename F>
    auto guarded(const std::string& object, F f) const {
        try {
            return f();
        } catch (const OutputError& e) {
            std::string message = e.what();
            const std::string prefix = e.path() + ": ";
            if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
            throw InputError(path_, 0, object, message);
        }
    }

    // A dataset of `rank` dimensions holding `type` ("float", "string"); its shape.
    h5::Shape dataset(const h5::Location& group, const std::string& name, std::size_t rank,
                      const std::string& type) const {
        const std::string object = group.path() + "/" + name;
        if (!guarded(object, [&] { return group.exists(name); })) fail(object, "missing dataset");
        const h5::DatasetInfo info = guarded(object, [&] { return group.info(name); });
        if (info.shape.size() != rank) {
            fail(object, "expected " + std::to_string(rank) + " dimension" +
                             (rank == 1 ? "" : "s") + ", got " + std::to_string(info.shape.size()));
        }
        if (info.type != type) fail(object, "expected " + type + " values, got " + info.type);
        double values = 1;
        for (hsize_t n : info.shape) {
            if (n == 0) fail(object, "is empty");
            values *= static_cast<double>(n);
        }
        if (values > most_values)
            fail(object, "implausibly large (" + shape_text(info.shape) + ")");
        return info.shape;
    }

    static std::string shape_text(const h5::Shape& shape) {
        std::string out = "(";
        for (std::size_t i = 0; i < shape.size(); ++i) {
            out += (i ? ", " : "") + std::to_string(shape[i]);
        }
        return out + ")";
    }

    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace

Posterior read_posterior(const std::string& path) {
    if (std::filesystem::path(path).extension() == ".csv") return read_posterior_csv(path);
    const PosteriorReader check(path);
    const h5::Location root = check.guarded("", [&] { return h5::open_file(path); });
    const std::string group_name = schema::calibration;
    const std::string where = "/" + group_name;
    if (!check.guarded(where, [&] { return root.exists(group_name); })) {
        check.fail(where, "missing group (the file holds no calibration)");
    }
    const h5::Location calibration =
        check.guarded(where, [&] { return root.open_group(group_name); });

    // The names of the calibration's layout are the output registry's.
    const std::string parameter_axis(output::name_of(output::Dim::parameter)),
        particles_name(output::name_of(output::Calibration::particles)),
        weights_name(output::name_of(output::Calibration::weights));
    const std::string keys_object = where + "/" + parameter_axis,
                      particles_object = where + "/" + particles_name,
                      weights_object = where + "/" + weights_name;
    const h5::Shape keys_shape = check.dataset(calibration, parameter_axis, 1, "string");
    const h5::Shape particles_shape = check.dataset(calibration, particles_name, 3, "float");
    const h5::Shape weights_shape = check.dataset(calibration, weights_name, 2, "float");
    const hsize_t generations = particles_shape[0], particles = particles_shape[1],
                  parameters = particles_shape[2];
    if (parameters != keys_shape[0]) {
        check.fail(particles_object, "expected " + std::to_string(keys_shape[0]) +
                                         " parameters (the length of " + keys_object +
                                         "), got shape " +
                                         PosteriorReader::shape_text(particles_shape));
    }
    if (weights_shape != h5::Shape{generations, particles}) {
        check.fail(weights_object, "expected shape " +
                                       PosteriorReader::shape_text({generations, particles}) +
                                       " [generation, particle] as " + particles_object + ", got " +
                                       PosteriorReader::shape_text(weights_shape));
    }

    Posterior posterior;
    posterior.source = path;
    const std::string scenario_attribute = schema::calibration_attr::scenario;
    if (check.guarded(where, [&] { return calibration.has_attribute(scenario_attribute); })) {
        posterior.fitted_to =
            check.guarded(where, [&] { return calibration.string_attribute(scenario_attribute); });
    }
    posterior.keys =
        check.guarded(keys_object, [&] { return calibration.read_strings(parameter_axis); });
    std::set<std::string> seen;
    for (const auto& key : posterior.keys) {
        if (key.empty()) check.fail(keys_object, "an empty key");
        if (!seen.insert(key).second) check.fail(keys_object, "'" + key + "' twice");
    }
    const auto all_particles =
        check.guarded(particles_object, [&] { return calibration.read<double>(particles_name); });
    const auto all_weights =
        check.guarded(weights_object, [&] { return calibration.read<double>(weights_name); });

    // The posterior is the last generation.
    const std::size_t last = static_cast<std::size_t>(generations - 1);
    posterior.weights.assign(all_weights.begin() + static_cast<std::ptrdiff_t>(last * particles),
                             all_weights.end());
    double sum = 0.0;
    for (std::size_t i = 0; i < posterior.weights.size(); ++i) {
        const double w = posterior.weights[i];
        if (!(w >= 0.0) || !std::isfinite(w)) {
            check.fail(weights_object, "particle " + std::to_string(i) +
                                           " of the last generation has the weight " + number(w) +
                                           " (expected finite, >= 0)");
        }
        sum += w;
    }
    if (!(std::abs(sum - 1.0) <= 1e-9)) {
        check.fail(weights_object, "the last generation's weights sum to " + number(sum) +
                                       ", not to 1 (within 1e-9)");
    }
    const std::size_t first = last * static_cast<std::size_t>(particles * parameters);
    for (std::size_t i = 0; i < particles; ++i) {
        std::vector<double> values(
            all_particles.begin() + static_cast<std::ptrdiff_t>(first + i * parameters),
            all_particles.begin() + static_cast<std::ptrdiff_t>(first + (i + 1) * parameters));
        for (std::size_t k = 0; k < values.size(); ++k) {
            if (!std::isfinite(values[k])) {
                check.fail(particles_object, "particle " + std::to_string(i) +
                                                 " of the last generation has " +
                                                 posterior.keys[k] + " = " + number(values[k]) +
                                                 " (expected a finite number)");
            }
        }
        posterior.particles.push_back(std::move(values));
    }
    return posterior;
}

}  // namespace havens
