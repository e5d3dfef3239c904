#include "io/result_info.hpp"

#include <algorithm>
#include <sstream>

#include "core/errors.hpp"
#include "io/h5/file.hpp"
#include "io/h5/schema.hpp"

namespace havens {

namespace {

std::string median_month(std::vector<std::int32_t> months) {
    std::vector<std::int32_t> reached;
    for (auto m : months) if (m >= 0) reached.push_back(m);
    if (reached.empty()) return "never";
    std::sort(reached.begin(), reached.end());
    std::ostringstream out;
    out << "month " << reached[reached.size() / 2] << " (median; " << reached.size() << "/"
        << months.size() << " replicates)";
    return out.str();
}

}  // namespace

std::string describe_result_file(const std::string& path) {
    const h5::Location root = h5::open_file(path);
    namespace a = schema::root_attr;
    if (!root.has_attribute(a::schema_version) || !root.exists(schema::scenarios)) {
        throw OutputError(path, "not a havens result file (no schema_version or /scenarios)");
    }
    std::ostringstream out;
    out << path << ": havens " << root.string_attribute(a::havens_version) << " (revision "
        << root.string_attribute(a::git_revision) << "), schema "
        << root.integer_attribute(a::schema_version) << ", written "
        << root.string_attribute(a::created_utc) << ", seed " << root.integer_attribute(a::seed)
        << "\n  command: " << root.string_attribute(a::command_line) << "\n";
    const h5::Location world = root.open_group(schema::world).open_group(schema::world_states);
    out << "  world: " << world.info(schema::dim::state).shape[0] << " states\n";
    const h5::Location scenarios = root.open_group(schema::scenarios);
    for (const auto& name : scenarios.children()) {
        const h5::Location group = scenarios.open_group(name);
        const h5::Location series = group.open_group(schema::timeseries);
        const auto shape = series.info("parties").shape;
        const auto parties = series.read<std::int32_t>("parties");
        std::vector<std::int32_t> final_parties;
        for (hsize_t r = 0; r < shape[0]; ++r) final_parties.push_back(parties[(r + 1) * shape[1] - 1]);
        std::sort(final_parties.begin(), final_parties.end());
        const h5::Location summary = group.open_group(schema::summary);
        out << "  scenario " << name << ": " << shape[0] << " replicates x " << shape[1]
            << " months; in force " << median_month(summary.read<std::int32_t>("entry_into_force_month"))
            << "; parties at the horizon " << final_parties[final_parties.size() / 2]
            << " (median, range " << final_parties.front() << "-" << final_parties.back() << ")"
            << "; protocol adopted " << median_month(summary.read<std::int32_t>("protocol_adopted_month"))
            << "\n";
    }
    return out.str();
}

}  // namespace havens
