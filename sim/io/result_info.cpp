#include "io/result_info.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/quantile.hpp"
#include "core/vocabulary.hpp"
#include "engine/output_registry.hpp"
#include "io/h5/file.hpp"
#include "io/h5/schema.hpp"
#include "io/result_info_calibration.hpp"
#include "io/result_info_posterior.hpp"
#include "io/result_point_labels.hpp"
#include "io/result_runs.hpp"

namespace havens {

namespace {

// "month 33 (median; 8/8 replicates)" by the one quantile rule, "never" last.
std::string median_month(const std::vector<std::int32_t>& months) {
    std::vector<double> values;
    std::size_t reached = 0;
    for (auto m : months) {
        values.push_back(m == never ? std::nan("") : m);
        reached += m == never ? 0 : 1;
    }
    const double median = quantile(values, 0.5);
    std::ostringstream out;
    if (std::isnan(median)) {
        out << "never (median";
    } else {
        out << "month " << median << " (median";
    }
    out << "; " << reached << "/" << months.size() << " replicates)";
    return out.str();
}

// "0.136 [0.120, 0.150]": the median and the 90% interval over replicates.
std::string spread(const std::vector<double>& values, int decimals) {
    const Interval i = median_interval(values);
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << i.median << " [" << i.low << ", " << i.high
        << "]";
    return out.str();
}

// The per-state interventions a scenario group records in its configuration,
// as "never_ratify USA eu; ratify.IND 18"; empty when it makes none.
std::string interventions_of(const h5::Location& group) {
    if (!group.has_attribute(schema::root_attr::config_json)) return "";
    const auto config = nlohmann::json::parse(
        group.string_attribute(schema::root_attr::config_json), nullptr, false);
    if (config.is_discarded() || !config.is_object() || !config.contains("interventions") ||
        !config["interventions"].is_object()) {
        return "";
    }
    std::string out;
    const auto add = [&](const std::string& key, const nlohmann::json& value) {
        if (value.is_string() && value.get<std::string>().empty()) return;
        out += (out.empty() ? "" : "; ") + key + " " +
               (value.is_string() ? value.get<std::string>() : value.dump());
    };
    for (const auto& [action, value] : config["interventions"].items()) {
        if (!value.is_object()) {
            add(action, value);
            continue;
        }
        for (const auto& [target, v] : value.items()) add(action + "." + target, v);
    }
    return out;
}

std::string within(const h5::Location& location, const std::string& name) {
    return location.path() == "/" ? "/" + name : location.path() + "/" + name;
}

// What `info` reads, checked before it is read: a file that is HDF5 but not a
// well-formed havens result (a newer schema, a dataset deleted or of the wrong
// rank, a garbled attribute) is bad input, named by the file and the object.
class Checker {
public:
    explicit Checker(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& object, const std::string& message) const {
        throw InputError(file_, 0, object, message + " (not a valid havens result file)");
    }

    h5::Location group(const h5::Location& parent, const std::string& name) const {
        if (kind(parent, name) != H5I_GROUP) {
            fail(within(parent, name), exists(parent, name) ? "not a group" : "missing group");
        }
        return parent.open_group(name);
    }

    enum class Values { numbers, strings, either };

    // A dataset of `rank` dimensions holding `values`; its shape.
    h5::Shape dataset(const h5::Location& parent, const std::string& name, int rank,
                      Values values = Values::numbers) const {
        const std::string where = within(parent, name);
        if (kind(parent, name) != H5I_DATASET) {
            fail(where, exists(parent, name) ? "not a dataset" : "missing dataset");
        }
        h5::Handle set(H5Dopen2(parent.id(), name.c_str(), H5P_DEFAULT), H5Dclose);
        if (!set) fail(where, "cannot be opened");
        h5::Handle space(H5Dget_space(set.id()), H5Sclose);
        h5::Handle type(H5Dget_type(set.id()), H5Tclose);
        const int ndims = space ? H5Sget_simple_extent_ndims(space.id()) : -1;
        if (ndims != rank) {
            fail(where, "expected " + std::to_string(rank) + " dimension" + (rank == 1 ? "" : "s") +
                            ", got " + std::to_string(ndims));
        }
        h5::Shape shape(static_cast<std::size_t>(rank));
        if (H5Sget_simple_extent_dims(space.id(), shape.data(), nullptr) < 0) {
            fail(where, "its shape cannot be read");
        }
        const H5T_class_t cls = type ? H5Tget_class(type.id()) : H5T_NO_CLASS;
        // A number's size comes from the file: one wider than 8 bytes is damage, and
        // reading it would make HDF5 allocate that many bytes per value.
        const std::size_t size = type ? H5Tget_size(type.id()) : 0;
        const bool number = (cls == H5T_INTEGER || cls == H5T_FLOAT) && size >= 1 && size <= 8;
        const bool string = cls == H5T_STRING;
        if (values == Values::numbers && !number) fail(where, "expected numbers");
        if (values == Values::strings && !string) fail(where, "expected strings");
        if (values == Values::either && !number && !string)
            fail(where, "expected numbers or strings");
        return shape;
    }

    // A dataset whose shape must be `expected` (rank and every extent).
    void dataset_of_shape(const h5::Location& parent, const std::string& name,
                          const h5::Shape& expected, const std::string& axes,
                          Values values = Values::numbers) const {
        const h5::Shape shape = dataset(parent, name, static_cast<int>(expected.size()), values);
        if (shape != expected) {
            fail(within(parent, name),
                 "expected shape " + text(expected) + " " + axes + ", got " + text(shape));
        }
    }

    std::string string_attribute(const h5::Location& location, const std::string& name) const {
        scalar_attribute(location, name, H5T_STRING, "a string");
        return location.string_attribute(name);
    }
    std::int64_t integer_attribute(const h5::Location& location, const std::string& name) const {
        scalar_attribute(location, name, H5T_INTEGER, "an integer");
        return location.integer_attribute(name);
    }

    static std::string text(const h5::Shape& shape) {
        std::string out = "(";
        for (std::size_t i = 0; i < shape.size(); ++i) {
            out += (i ? ", " : "") + std::to_string(shape[i]);
        }
        return out + ")";
    }

private:
    static bool exists(const h5::Location& parent, const std::string& name) {
        return H5Lexists(parent.id(), name.c_str(), H5P_DEFAULT) > 0;
    }
    static H5I_type_t kind(const h5::Location& parent, const std::string& name) {
        if (!exists(parent, name)) return H5I_BADID;
        const h5::Handle object(H5Oopen(parent.id(), name.c_str(), H5P_DEFAULT), H5Oclose);
        if (!object) {
            H5Eclear2(H5E_DEFAULT);
            return H5I_BADID;
        }
        return H5Iget_type(object.id());
    }
    void scalar_attribute(const h5::Location& location, const std::string& name,
                          H5T_class_t expected, const char* what) const {
        const std::string where = "attribute " + name + " of " + location.path();
        if (H5Aexists(location.id(), name.c_str()) <= 0) fail(where, "missing");
        h5::Handle attribute(H5Aopen(location.id(), name.c_str(), H5P_DEFAULT), H5Aclose);
        if (!attribute) fail(where, "cannot be opened");
        h5::Handle type(H5Aget_type(attribute.id()), H5Tclose);
        h5::Handle space(H5Aget_space(attribute.id()), H5Sclose);
        if (!type || H5Tget_class(type.id()) != expected || !space ||
            H5Sget_simple_extent_npoints(space.id()) != 1) {
            fail(where, std::string("expected ") + what);
        }
    }

    std::string file_;
};

// The root's scenario_order: a JSON list of the groups of /scenarios, in the
// order of the command line that made the file; empty when there is none.
std::vector<std::string> check_scenario_order(const Checker& check, const h5::Location& root,
                                              const h5::Location& scenarios,
                                              const h5::Location* sweeps) {
    namespace a = schema::root_attr;
    if (!root.has_attribute(a::scenario_order)) return {};  // not in every schema-1 file
    const std::string text = check.string_attribute(root, a::scenario_order);
    const std::string where = "attribute " + std::string(a::scenario_order) + " of /";
    const auto order = nlohmann::json::parse(text, nullptr, false);
    if (order.is_discarded() || !order.is_array()) {
        check.fail(where, "expected a JSON list of scenario groups");
    }
    std::vector<std::string> groups;
    for (const auto& name : order) {
        if (!name.is_string()) check.fail(where, "expected a JSON list of scenario groups");
        const std::string group = name.get<std::string>();
        const bool named = !group.empty() && group.find('/') == std::string::npos;
        if (!named || (!scenarios.exists(group) && !(sweeps && sweeps->exists(group)))) {
            check.fail(where, "names '" + group + "', which is no group of /scenarios" +
                                  (sweeps ? " or /sweeps" : ""));
        }
        groups.push_back(group);
    }
    return groups;
}

// `listed` (as HDF5 lists them: alphabetically) in the recorded `order`,
// then any group the record leaves out, alphabetically.
std::vector<std::string> in_order(const std::vector<std::string>& order,
                                  const std::vector<std::string>& listed) {
    std::vector<std::string> out;
    for (const auto& name : order) {
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    for (const auto& name : listed) {
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

// The design of /sweeps/NAME, in every schema: the point axis, the design
// and its keys, each key and the points' names along the axis; the number
// of points.
hsize_t check_design(const Checker& check, const h5::Location& sweep) {
    const hsize_t points = check.dataset(sweep, schema::dim::point, 1)[0];
    check.string_attribute(sweep, "design");
    const auto keys = nlohmann::json::parse(check.string_attribute(sweep, "keys"), nullptr, false);
    if (keys.is_discarded() || !keys.is_array()) {
        check.fail("attribute keys of " + sweep.path(), "expected a JSON list of scenario keys");
    }
    for (const auto& key : keys) {
        if (!key.is_string()) {
            check.fail("attribute keys of " + sweep.path(),
                       "expected a JSON list of scenario keys");
        }
        check.dataset_of_shape(sweep, key.get<std::string>(), {points}, "[point]",
                               Checker::Values::either);
    }
    check.dataset_of_shape(sweep, "scenario", {points}, "[point]", Checker::Values::strings);
    return points;
}

// /sweeps/NAME before schema 4: the design table, whose points are groups
// of /scenarios; the number of points.
hsize_t check_sweep(const Checker& check, const h5::Location& sweep,
                    const h5::Location& scenarios) {
    const hsize_t points = check_design(check, sweep);
    for (const auto& group : sweep.read_strings("scenario")) {
        if (group.empty() || group.find('/') != std::string::npos || !scenarios.exists(group)) {
            check.fail(within(sweep, "scenario"),
                       "names '" + group + "', which is no group of /scenarios");
        }
    }
    return points;
}

// /sweeps/NAME in schema 4: the design on the point axis and every
// variable of the registry with the point axis first, its replicate axis
// as long as the replicate slots and its month axis as the months. The
// number of replicates each point ran.
std::vector<hsize_t> check_sweep_arrays(const Checker& check, const h5::Location& sweep) {
    const hsize_t points = check_design(check, sweep);
    if (points == 0) check.fail(within(sweep, schema::dim::point), "expected at least one point");
    const hsize_t slots = check.dataset(sweep, schema::dim::replicate, 1)[0];
    const hsize_t months = check.dataset(sweep, schema::dim::month, 1)[0];
    if (slots == 0 || months == 0) {
        check.fail(sweep.path(), "expected at least one replicate and one month");
    }
    check.dataset_of_shape(sweep, "replicates_run", {points}, "[point]");
    std::vector<hsize_t> runs;
    for (const auto n : sweep.read<std::int64_t>("replicates_run")) {
        if (n < 1 || static_cast<hsize_t>(n) > slots) {
            check.fail(within(sweep, "replicates_run"), "expected 1 to " + std::to_string(slots) +
                                                            " replicates per point, got " +
                                                            std::to_string(n));
        }
        runs.push_back(static_cast<hsize_t>(n));
    }
    for (const auto& v : output::variables()) {
        if (v.group == output::Group::events) continue;
        const std::string name(v.name);
        if (v.group == output::Group::flows && !sweep.exists(name)) continue;
        const h5::Shape shape = check.dataset(sweep, name, static_cast<int>(v.rank) + 1);
        for (std::size_t k = 0; k <= v.rank; ++k) {
            const output::Dim d = k == 0 ? output::Dim::replicate : v.dims()[k - 1];
            const hsize_t expected = k == 0                        ? points
                                     : d == output::Dim::replicate ? slots
                                     : d == output::Dim::month     ? months
                                                                   : shape[k];
            if (shape[k] != expected) {
                const std::string axis =
                    k == 0 ? std::string(schema::dim::point)
                           : std::string(output::dim_names[static_cast<std::size_t>(d)]);
                check.fail(within(sweep, name), "expected " + std::to_string(expected) +
                                                    " along its " + axis + " axis, got shape " +
                                                    Checker::text(shape));
            }
        }
    }
    return runs;
}

// A scenario group's structure; its replicates and months.
// Schema 3 and later: every variable of the output registry is there, with
// its rank, and its replicate and month axes as long as the group's.
void check_registry(const Checker& check, const h5::Location& group, hsize_t replicates,
                    hsize_t months) {
    for (const auto& v : output::variables()) {
        const std::string section(output::group_names[static_cast<std::size_t>(v.group)]);
        const bool optional = v.group == output::Group::flows || v.group == output::Group::events;
        if (optional && !group.exists(section)) continue;
        const h5::Location location = check.group(group, section);
        const std::string name(v.name);
        const h5::Shape shape = check.dataset(location, name, static_cast<int>(v.rank));
        for (std::size_t k = 0; k < v.rank; ++k) {
            const hsize_t expected = v.dims()[k] == output::Dim::replicate ? replicates
                                     : v.dims()[k] == output::Dim::month   ? months
                                                                           : shape[k];
            if (shape[k] != expected) {
                check.fail(
                    within(location, name),
                    "expected " + std::to_string(expected) + " along its " +
                        std::string(output::dim_names[static_cast<std::size_t>(v.dims()[k])]) +
                        " axis, got shape " + Checker::text(shape));
            }
        }
    }
}

std::pair<hsize_t, hsize_t> check_scenario(const Checker& check, const h5::Location& root,
                                           const h5::Location& group, std::int64_t version) {
    if (group.has_attribute("sweep")) {
        const std::string sweep = check.string_attribute(group, "sweep");
        const h5::Location sweeps = check.group(root, schema::sweeps);
        if (sweep.empty() || sweep.find('/') != std::string::npos || !sweeps.exists(sweep)) {
            check.fail("attribute sweep of " + group.path(),
                       "names '" + sweep + "', but there is no design table /sweeps/" + sweep);
        }
    }
    const h5::Location series = check.group(group, schema::timeseries);
    const h5::Shape shape = check.dataset(series, "parties", 2);
    const std::string axes = "[replicate, month]";
    if (shape[0] == 0 || shape[1] == 0) {
        check.fail(
            within(series, "parties"),
            "expected at least one replicate and one month, got shape " + Checker::text(shape));
    }
    check.dataset_of_shape(series, schema::dim::replicate, {shape[0]}, "[replicate]");
    check.dataset_of_shape(series, schema::dim::month, {shape[1]}, "[month]");
    const h5::Location summary = check.group(group, schema::summary);
    std::vector<const char*> per_replicate = {"entry_into_force_month", "protocol_adopted_month"};
    if (summary.exists("cosp_first_month")) {
        per_replicate.push_back("cosp_first_month");
        per_replicate.push_back("protocol_draft_month");
    }
    for (const char* name : per_replicate) {
        check.dataset_of_shape(summary, name, {shape[0]}, "[replicate]");
    }
    if (series.exists("requests_issued")) {
        for (const char* name :
             {"requests_issued", "requests_sent", "granted_pretextual", "granted_legitimate",
              "refused_pretextual", "refused_legitimate", "share_exiles_in_safe_haven"}) {
            check.dataset_of_shape(series, name, shape, axes);
        }
        if (series.exists("exile_risk")) check.dataset_of_shape(series, "exile_risk", shape, axes);
    }
    if (version >= 3) check_registry(check, group, shape[0], shape[1]);
    return {shape[0], shape[1]};
}

}  // namespace

namespace {

// "time on 2 threads: loading 0.1 s; runs 70.8 s (CPU 50.7 s); ...".
std::string describe_times(const Checker& check, const h5::Location& root) {
    namespace a = schema::root_attr;
    if (!root.has_attribute(a::phase_times)) return "";  // files before schema 4
    const auto times =
        nlohmann::json::parse(check.string_attribute(root, a::phase_times), nullptr, false);
    const auto bad = [&] {
        check.fail(std::string("attribute ") + a::phase_times + " of /",
                   "expected JSON {threads, phases: [{phase, wall_seconds, cpu_seconds}]}");
    };
    if (times.is_discarded() || !times.is_object() || !times.contains("threads") ||
        !times["threads"].is_number_unsigned() || !times.contains("phases") ||
        !times["phases"].is_array()) {
        bad();
    }
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << "  time on "
        << times["threads"].get<std::uint64_t>() << " thread"
        << (times["threads"].get<std::uint64_t>() == 1 ? "" : "s") << ":";
    const char* separator = " ";
    for (const auto& phase : times["phases"]) {
        if (!phase.is_object() || !phase.contains("phase") || !phase["phase"].is_string() ||
            !phase.contains("wall_seconds") || !phase["wall_seconds"].is_number() ||
            !phase.contains("cpu_seconds") || !phase["cpu_seconds"].is_number()) {
            bad();
        }
        out << separator << phase["phase"].get<std::string>() << " "
            << phase["wall_seconds"].get<double>() << " s (CPU "
            << phase["cpu_seconds"].get<double>() << " s)";
        separator = "; ";
    }
    out << "\n";
    return out.str();
}

// One scenario or sweep point, described: its runs' key figures.
void describe_runs(std::ostream& out, const std::string& shown, const RunsOf& runs) {
    const char* timeseries = schema::timeseries;
    const char* summary = schema::summary;
    const auto shape = runs.shape(timeseries, "parties");
    const auto parties = runs.read<std::int32_t>(timeseries, "parties");
    // The value of a [replicate, month] series in the last month, per replicate.
    auto at_horizon = [&](const std::vector<double>& v) {
        std::vector<double> last;
        for (hsize_t r = 0; r < shape[0]; ++r) last.push_back(v[(r + 1) * shape[1] - 1]);
        return last;
    };
    out << "  scenario " << shown << ": " << shape[0] << " replicates x " << shape[1]
        << " months; in force "
        << median_month(runs.read<std::int32_t>(summary, "entry_into_force_month"))
        << "; parties at the horizon "
        << spread(at_horizon(std::vector<double>(parties.begin(), parties.end())), 0)
        << "; protocol adopted "
        << median_month(runs.read<std::int32_t>(summary, "protocol_adopted_month"));
    if (runs.has(summary, "cosp_first_month")) {
        out << "; first Conference session "
            << median_month(runs.read<std::int32_t>(summary, "cosp_first_month"))
            << "; protocol draft "
            << median_month(runs.read<std::int32_t>(summary, "protocol_draft_month"));
    }
    out << "\n";
    if (const std::string made = interventions_of(runs.location()); !made.empty()) {
        out << "    interventions: " << made << "\n";
    }
    if (!runs.has(timeseries, "requests_issued")) return;
    auto total = [&](const char* dataset) {
        const auto v = runs.read<std::int64_t>(timeseries, dataset);
        return static_cast<double>(std::accumulate(v.begin(), v.end(), std::int64_t{0})) /
               static_cast<double>(shape[0]);
    };
    out << std::fixed << std::setprecision(0)
        << "    requests per replicate (mean): " << total("requests_issued") << " issued, "
        << total("requests_sent") << " sent; granted " << total("granted_pretextual")
        << " pretextual, " << total("granted_legitimate") << " legitimate; refused "
        << total("refused_pretextual") << " pretextual, " << total("refused_legitimate")
        << " legitimate\n";
    out.unsetf(std::ios::fixed);
    if (runs.has(timeseries, "exile_risk")) {
        out << "    exile risk at the horizon: "
            << spread(at_horizon(runs.read<double>(timeseries, "exile_risk")), 3)
            << " (median [90% interval]: the chance that a typical pretextual request "
               "against an exile is granted)\n";
        if (runs.has(timeseries, "exile_risk_data") && runs.has(timeseries, "exile_risk_bodily")) {
            out << "      of which data "
                << spread(at_horizon(runs.read<double>(timeseries, "exile_risk_data")), 3)
                << " (evidence requests), bodily "
                << spread(at_horizon(runs.read<double>(timeseries, "exile_risk_bodily")), 3)
                << " (surrender or removal)\n";
        }
    }
    out << "    exiles in a safe haven at the horizon: "
        << spread(at_horizon(runs.read<double>(timeseries, "share_exiles_in_safe_haven")), 3)
        << " (median share [90% interval]; a threshold measure, "
           "decision.safe_haven_epsilon)\n";
}

}  // namespace

std::string describe_result_file(const std::string& path) {
    const h5::Location root = h5::open_file(path);
    const Checker check(path);
    namespace a = schema::root_attr;
    if (!root.has_attribute(a::schema_version) || !root.exists(schema::scenarios)) {
        check.fail("/", "no schema_version attribute or no /scenarios group");
    }
    const std::int64_t version = check.integer_attribute(root, a::schema_version);
    if (version < 1 || version > schema::version) {
        check.fail("attribute schema_version of /",
                   "schema " + std::to_string(version) + " is not one this havens reads (1 to " +
                       std::to_string(schema::version) + ")" +
                       (version > schema::version ? ": a newer havens wrote it" : ""));
    }
    const bool arrays = version >= 4;  // a sweep is one group of arrays
    std::ostringstream out;
    out << path << ": havens " << check.string_attribute(root, a::havens_version) << " (revision "
        << check.string_attribute(root, a::git_revision) << "), schema " << version << ", written "
        << check.string_attribute(root, a::created_utc) << ", seed "
        << check.integer_attribute(root, a::seed)
        << "\n  command: " << check.string_attribute(root, a::command_line) << "\n";
    const std::string times = describe_times(check, root);
    const h5::Location world = check.group(check.group(root, schema::world), schema::world_states);
    out << "  world: " << check.dataset(world, schema::dim::state, 1, Checker::Values::strings)[0]
        << " states\n";
    const h5::Location scenarios = check.group(root, schema::scenarios);
    std::optional<h5::Location> sweeps;
    if (root.exists(schema::sweeps)) sweeps.emplace(check.group(root, schema::sweeps));
    auto names = scenarios.children();
    const std::vector<std::string> sweep_names =
        sweeps ? sweeps->children() : std::vector<std::string>{};
    const bool calibration = root.exists(schema::calibration);
    if (names.empty() && !calibration && !(arrays && !sweep_names.empty())) {
        check.fail("/scenarios", arrays ? "no scenario group and no sweep" : "no scenario group");
    }
    if (calibration) out << describe_calibration(root, path);
    // Scenarios and sweeps in the order of the command line that made the
    // file, as the report shows them; alphabetically in files without it.
    const auto order =
        check_scenario_order(check, root, scenarios, arrays && sweeps ? &*sweeps : nullptr);
    if (arrays) {
        for (const auto& sweep : sweep_names) names.push_back(sweep);
        std::sort(names.begin(), names.end());
    }
    names = in_order(order, names);
    // Every scenario and sweep point, in that order, by its name (then by
    // the name it is shown, once the sweeps are checked).
    std::vector<std::pair<std::string, RunsOf>> entries;
    std::vector<std::pair<std::size_t, std::string>> sweep_lines;  // (first point's place, line)
    // Every group is checked before any is described: a damaged file gives
    // one line, not a partial description.
    for (const auto& name : names) {
        if (arrays && sweeps && sweeps->exists(name) && !scenarios.exists(name)) {
            const auto sweep = std::make_shared<const h5::Location>(check.group(*sweeps, name));
            const std::vector<hsize_t> runs = check_sweep_arrays(check, *sweep);
            std::ostringstream line;
            line << "  sweep " << name << ": " << runs.size() << " points, "
                 << sweep->string_attribute("design") << " over " << sweep->string_attribute("keys")
                 << "\n";
            sweep_lines.emplace_back(entries.size(), line.str());
            const auto groups = sweep->read_strings("scenario");
            for (std::size_t p = 0; p < runs.size(); ++p) {
                entries.emplace_back(groups[p], RunsOf::point(sweep, p, runs[p]));
            }
            continue;
        }
        h5::Location group = check.group(scenarios, name);
        check_scenario(check, root, group, version);
        entries.emplace_back(name, RunsOf::scenario(std::move(group)));
    }
    if (!arrays && sweeps) {
        for (const auto& name : sweep_names) {
            const h5::Location sweep = check.group(*sweeps, name);
            const hsize_t points = check_sweep(check, sweep, scenarios);
            const auto groups = sweep.read_strings("scenario");
            const auto first = groups.empty()
                                   ? names.end()
                                   : std::find(names.begin(), names.end(), groups.front());
            std::ostringstream line;
            line << "  sweep " << name << ": " << points << " points, "
                 << sweep.string_attribute("design") << " over " << sweep.string_attribute("keys")
                 << "\n";
            sweep_lines.emplace_back(static_cast<std::size_t>(first - names.begin()), line.str());
        }
    }
    const auto labels = point_labels_in(root);
    for (auto& entry : entries) entry.first = shown_name(labels, entry.first);
    std::stable_sort(sweep_lines.begin(), sweep_lines.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [place, line] : sweep_lines) out << line;
    // Of a large sweep, the first few points stand for the rest.
    const std::size_t shown = entries.size() > 8 ? 6 : entries.size();
    for (std::size_t i = 0; i < shown; ++i) describe_runs(out, entries[i].first, entries[i].second);
    if (shown < entries.size()) {
        out << "  ... and " << entries.size() - shown << " more scenario"
            << (arrays ? "s and sweep points\n" : " groups\n");
    }
    out << describe_posterior_runs(path, entries);
    out << times;
    return out.str();
}

}  // namespace havens
