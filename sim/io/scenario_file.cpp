#include "io/scenario_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "core/errors.hpp"
#include "io/parameter_table.hpp"

namespace havens {

namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::optional<ParameterValue> value_of(const toml::node& node) {
    if (auto v = node.as_integer()) return ParameterValue(v->get());
    if (auto v = node.as_floating_point()) return ParameterValue(v->get());
    if (auto v = node.as_boolean()) return ParameterValue(v->get());
    if (auto v = node.as_string()) return ParameterValue(v->get());
    return std::nullopt;
}

std::string render(const toml::node& node) {
    std::ostringstream out;
    node.visit([&](const auto& n) { out << n; });
    return out.str();
}

void assign(Scenario& scenario, const std::string& file, int line, const std::string& key,
            const toml::node& node) {
    const ParameterSpec* spec = find_parameter(key);
    if (!spec) throw InputError(file, line, key, "unknown key");
    auto value = value_of(node);
    if (!value) {
        // Arrays and tables never fit a key; a value of the wrong type draws the phrase.
        const bool wants_string =
            spec->kind == ParameterKind::text || spec->kind == ParameterKind::choice;
        const ParameterValue wrong = wants_string ? ParameterValue(std::int64_t{0})
                                                  : ParameterValue(std::string{});
        throw InputError(file, line, key, check_value(*spec, wrong) + ", got " + render(node));
    }
    if (auto problem = check_value(*spec, *value); !problem.empty()) {
        throw InputError(file, line, key, problem + ", got " + describe_value(*value));
    }
    spec->set(scenario, *value);
}

void assign_table(Scenario& scenario, const std::string& file, const toml::table& table,
                  const std::string& prefix) {
    for (const auto& [name, node] : table) {
        const std::string key = prefix.empty() ? std::string(name.str())
                                               : prefix + "." + std::string(name.str());
        if (const auto* sub = node.as_table()) {
            if (!prefix.empty()) throw InputError(file, line_of(node), key, "unknown section");
            bool known = false;
            for (const auto& spec : parameter_table()) {
                if (spec.key.rfind(key + ".", 0) == 0) known = true;
            }
            if (!known) throw InputError(file, line_of(node), key, "unknown section");
            assign_table(scenario, file, *sub, key);
        } else {
            assign(scenario, file, line_of(node), key, node);
        }
    }
}

void apply_override(Scenario& scenario, const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw InputError("--set", 0, text, "expected KEY=VALUE");
    }
    const std::string key = text.substr(0, eq);
    const std::string raw = text.substr(eq + 1);
    toml::table parsed;
    try {
        parsed = toml::parse("value = " + raw);
    } catch (const toml::parse_error&) {
        parsed = toml::table{{"value", raw}};  // a bare word: read it as a string
    }
    const ParameterSpec* spec = find_parameter(key);
    if (!spec) throw InputError("--set", 0, key, "unknown key");
    assign(scenario, "--set", 0, key, *parsed.get("value"));
}

std::string resolve_against(const std::filesystem::path& folder, const std::string& file) {
    const std::filesystem::path p(file);
    return p.is_absolute() ? file : (folder / p).lexically_normal().string();
}

}  // namespace

LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, "", "cannot open the scenario file");
    std::ostringstream buffer;
    buffer << in.rdbuf();

    LoadedScenario loaded;
    loaded.path = path;
    loaded.text = buffer.str();
    loaded.overrides = overrides;
    loaded.scenario.name = std::filesystem::path(path).stem().string();

    toml::table table;
    try {
        table = toml::parse(loaded.text, path);
    } catch (const toml::parse_error& e) {
        throw InputError(path, static_cast<int>(e.source().begin.line), "",
                         std::string(e.description()));
    }
    assign_table(loaded.scenario, path, table, "");
    for (const auto& o : overrides) apply_override(loaded.scenario, o);

    const auto folder = std::filesystem::path(path).parent_path();
    auto& world = loaded.scenario.world;
    const std::pair<std::string*, const char*> files[] = {
        {&world.states, "world.states"},
        {&world.blocs, "world.blocs"},
        {&world.origin_incidents, "world.origin_incidents"}};
    for (auto [file, key] : files) {
        *file = resolve_against(folder, *file);
        if (!std::filesystem::is_regular_file(*file)) {
            const auto* node = table.at_path(key).node();
            throw InputError(path, node ? line_of(*node) : 0, key, "no such file '" + *file + "'");
        }
    }
    return loaded;
}

bool same_world(const WorldParams& a, const WorldParams& b) {
    return a.states == b.states && a.blocs == b.blocs && a.origin_incidents == b.origin_incidents &&
           a.state_count == b.state_count && a.mlat_min_rule_of_law == b.mlat_min_rule_of_law &&
           a.alignment_vote_weight == b.alignment_vote_weight;
}

nlohmann::json scenario_to_json(const Scenario& scenario) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& spec : parameter_table()) {
        nlohmann::json* target = &out;
        std::string leaf = spec.key;
        if (const auto dot = spec.key.find('.'); dot != std::string::npos) {
            target = &out[spec.key.substr(0, dot)];
            leaf = spec.key.substr(dot + 1);
        }
        std::visit([&](const auto& v) { (*target)[leaf] = v; }, spec.get(scenario));
    }
    return out;
}

}  // namespace havens
