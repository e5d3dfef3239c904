#include <nlohmann/json.hpp>
#include <numeric>

#include "io/result_attributes.hpp"
#include "io/result_sections.hpp"
#include "scenario/parameter_table.hpp"

namespace havens::result_sections {

namespace dim = schema::dim;
using h5::Location;

void write_sweep(const Location& sweeps, const SweepTable& table) {
    Location group = sweeps.create_group(table.name);
    const hsize_t n = table.points.size();
    std::vector<std::int64_t> point(n);
    std::iota(point.begin(), point.end(), 0);
    group.write_coordinate<std::int64_t>(dim::point, view(point));
    std::vector<std::string> names;
    for (const auto& p : table.points) names.push_back(p.scenario.name);
    group.write_strings("scenario", names);
    group.attach_dimensions("scenario", {dim::point});
    nlohmann::json keys = nlohmann::json::array();
    for (std::size_t a = 0; a < table.spec.axes.size(); ++a) {
        const std::string& key = table.spec.axes[a].key;
        keys.push_back(key);
        const ParameterValue& first = table.points.front().values[a];
        if (std::holds_alternative<std::string>(first)) {
            std::vector<std::string> v;
            for (const auto& p : table.points) v.push_back(std::get<std::string>(p.values[a]));
            group.write_strings(key, v);
        } else if (std::holds_alternative<bool>(first)) {
            std::vector<std::uint8_t> v;
            for (const auto& p : table.points) v.push_back(std::get<bool>(p.values[a]));
            group.write<std::uint8_t>(key, {n}, view(v));
        } else if (std::holds_alternative<std::int64_t>(first)) {
            std::vector<std::int64_t> v;
            for (const auto& p : table.points) v.push_back(std::get<std::int64_t>(p.values[a]));
            group.write<std::int64_t>(key, {n}, view(v));
        } else {
            std::vector<double> v;
            for (const auto& p : table.points) v.push_back(std::get<double>(p.values[a]));
            group.write<double>(key, {n}, view(v));
        }
        group.attach_dimensions(key, {dim::point});
        const ParameterSpec* spec = find_parameter(key);
        describe_coordinate(group, key, spec ? spec->meaning : key,
                            spec && spec->kind != ParameterKind::choice ? spec->unit : "");
    }
    describe_coordinate(group, dim::point, "point of the sweep's design");
    describe_coordinate(group, "scenario", "scenario group of the point (/scenarios/NAME)");
    group.set_attribute(
        "design", std::string(sweep_design_names[static_cast<std::size_t>(table.spec.design) - 1]));
    group.set_attribute("keys", keys.dump());
    if (table.spec.design == SweepDesign::saltelli) {
        group.set_attribute("base_samples", table.spec.samples);
        std::vector<std::string> matrix;
        std::vector<std::int32_t> column, row;
        for (const auto& p : table.points) {
            matrix.push_back(p.saltelli_matrix == 'X' ? "AB" : std::string(1, p.saltelli_matrix));
            column.push_back(p.saltelli_column);
            row.push_back(p.saltelli_row);
        }
        group.write_strings("saltelli_matrix", matrix);
        group.write<std::int32_t>("saltelli_column", {n}, view(column));
        group.write<std::int32_t>("saltelli_row", {n}, view(row));
        for (const char* name : {"saltelli_matrix", "saltelli_column", "saltelli_row"}) {
            group.attach_dimensions(name, {dim::point});
        }
        describe_coordinate(group, "saltelli_matrix", "Saltelli matrix of the point (A, B, AB)");
        describe_coordinate(group, "saltelli_column", "column of B swapped into A (AB points)");
        describe_coordinate(group, "saltelli_row", "row of the base samples");
    }
    group.close();  // checked: the destructor closes quietly
}

}  // namespace havens::result_sections
