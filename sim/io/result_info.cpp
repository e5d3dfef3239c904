#include "io/result_info.hpp"

#include <algorithm>
#include <iomanip>
#include <numeric>
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
    if (root.exists(schema::sweeps)) {
        const h5::Location sweeps = root.open_group(schema::sweeps);
        for (const auto& name : sweeps.children()) {
            const h5::Location sweep = sweeps.open_group(name);
            out << "  sweep " << name << ": " << sweep.info(schema::dim::point).shape[0] << " points, "
                << sweep.string_attribute("design") << " over " << sweep.string_attribute("keys") << "\n";
        }
    }
    const auto names = scenarios.children();
    std::size_t shown = 0;
    for (const auto& name : names) {
        // Of a large sweep, the first few points stand for the rest.
        if (++shown > 6 && names.size() > 8) {
            if (shown == 7) out << "  ... and " << names.size() - 6 << " more scenario groups\n";
            continue;
        }
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
            << "; protocol adopted " << median_month(summary.read<std::int32_t>("protocol_adopted_month"));
        if (summary.exists("cosp_first_month")) {
            out << "; first Conference session "
                << median_month(summary.read<std::int32_t>("cosp_first_month")) << "; protocol draft "
                << median_month(summary.read<std::int32_t>("protocol_draft_month"));
        }
        out << "\n";
        if (series.exists("requests_issued")) {
            auto total = [&](const char* dataset) {
                const auto v = series.read<std::int64_t>(dataset);
                return static_cast<double>(std::accumulate(v.begin(), v.end(), std::int64_t{0})) /
                       static_cast<double>(shape[0]);
            };
            // The mean over replicates of a [replicate, month] series' last month.
            auto at_horizon = [&](const char* dataset) {
                const auto v = series.read<double>(dataset);
                double sum = 0.0;
                for (hsize_t r = 0; r < shape[0]; ++r) sum += v[(r + 1) * shape[1] - 1];
                return sum / static_cast<double>(shape[0]);
            };
            out << std::fixed << std::setprecision(0) << "    requests per replicate: "
                << total("requests_issued") << " issued, " << total("requests_sent") << " sent; granted "
                << total("granted_pretextual") << " pretextual, " << total("granted_legitimate")
                << " legitimate; refused " << total("refused_pretextual") << " pretextual, "
                << total("refused_legitimate") << " legitimate\n"
                << std::setprecision(3);
            if (series.exists("exile_risk")) {
                out << "    exile risk at the horizon: " << at_horizon("exile_risk")
                    << " (mean: the chance that a typical pretextual request against an exile is granted)\n";
            }
            out << "    exiles in a safe haven at the horizon: " << at_horizon("share_exiles_in_safe_haven")
                << " (mean share; a threshold measure, decision.safe_haven_epsilon)\n";
            out.unsetf(std::ios::fixed);
        }
    }
    return out.str();
}

}  // namespace havens
