#include "io/result_point_labels.hpp"

#include <nlohmann/json.hpp>

#include "io/h5/schema.hpp"
#include "scenario/sweep.hpp"

namespace havens {

namespace {

// One key's values, one per point, as value_text writes them; booleans are
// stored as 0 and 1, with units "true/false".
std::vector<std::string> column_of(const h5::Location& sweep, const std::string& key) {
    std::vector<std::string> out;
    const std::string type = sweep.info(key).type;
    if (type == "string") return sweep.read_strings(key);
    if (type == "int") {
        const h5::Location dataset = sweep.open_dataset(key);
        const bool boolean =
            dataset.has_attribute("units") && dataset.string_attribute("units") == "true/false";
        for (const auto v : sweep.read<std::int64_t>(key)) {
            out.push_back(boolean ? value_text(ParameterValue(v != 0)) : std::to_string(v));
        }
        return out;
    }
    for (const double v : sweep.read<double>(key)) out.push_back(value_text(ParameterValue(v)));
    return out;
}

}  // namespace

std::map<std::string, std::string> point_labels_in(const h5::Location& root) {
    std::map<std::string, std::string> labels;
    if (!root.exists(schema::sweeps)) return labels;
    const h5::Location sweeps = root.open_group(schema::sweeps);
    for (const auto& name : sweeps.children()) {
        const h5::Location sweep = sweeps.open_group(name);
        const auto keys_json = nlohmann::json::parse(sweep.string_attribute("keys"));
        std::vector<std::string> keys;
        std::vector<std::vector<std::string>> columns;
        for (const auto& key : keys_json) {
            keys.push_back(key.get<std::string>());
            columns.push_back(column_of(sweep, keys.back()));
        }
        const auto groups = sweep.read_strings("scenario");
        const auto shown = point_labels(name, keys, columns, groups);
        for (std::size_t p = 0; p < groups.size(); ++p) labels[groups[p]] = shown[p];
    }
    return labels;
}

std::string shown_name(const std::map<std::string, std::string>& labels, const std::string& group) {
    const auto found = labels.find(group);
    if (found == labels.end()) return group;
    // A label two points share names its group already.
    const std::string suffix = " (" + group + ")";
    return found->second.ends_with(suffix) ? found->second : found->second + suffix;
}

}  // namespace havens
