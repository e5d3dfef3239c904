#include "io/scenario_file.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "core/errors.hpp"
#include "engine/outcomes.hpp"
#include "io/csv.hpp"
#include "io/data_folder.hpp"
#include "io/toml_reading.hpp"
#include "scenario/key_suggestion.hpp"
#include "scenario/key_variation.hpp"
#include "scenario/parameter_table.hpp"

namespace havens {

namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// Keys whose value lists states and blocs: a TOML list of names, or one
// string of names separated by spaces.
bool lists_targets(const std::string& key) {
    return key == "interventions.never_ratify" || key == "interventions.never_join_protocol";
}

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

// Why `name` cannot name a scenario, or "": it becomes an HDF5 group (and
// point groups NAME_pNNNN), where '/' separates groups and '.' is the group
// itself, and the default output file results/NAME.h5.
std::string name_problem(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        return "cannot contain '/' (it names a group in the result file), got '" + name + "'";
    }
    if (name == "." || name == "..") {
        return "cannot be '.' or '..' (it names a group in the result file), got '" + name + "'";
    }
    return "";
}

// Where each key was set: "treaty.threshold" and treaty.threshold (or a
// [treaty] table) are the same key, which TOML itself does not see.
using SeenKeys = std::map<std::string, int>;

void note_key(SeenKeys& seen, const std::string& file, int line, const std::string& key) {
    const auto [at, fresh] = seen.emplace(key, line);
    if (!fresh) {  // named at the later of the two lines (tables are read in key order)
        throw InputError(file, std::max(line, at->second), key,
                         "given twice (also at line " + std::to_string(std::min(line, at->second)) +
                             "; a quoted \"a.b\" and a dotted a.b are the same key)");
    }
}

void assign(Scenario& scenario, const std::string& file, int line, const std::string& key,
            const toml::node& node) {
    if (key == "replicates" && node.is_string() && node.as_string()->get() == "auto") {
        scenario.replication.automatic = true;
        return;
    }
    const ParameterSpec* spec = find_parameter(key);
    if (!spec)
        throw InputError(file, line, key, "unknown key" + did_you_mean(key, scenario_keys()));
    auto value = value_of(node);
    if (const auto* list = node.as_array(); list && lists_targets(key)) {
        std::string names;
        for (const auto& element : *list) {
            const auto* name = element.as_string();
            if (!name || name->get().find_first_of(" ,\t") != std::string::npos) {
                throw InputError(
                    file, line, key,
                    "expected a list of state codes and bloc names, got " + render(node));
            }
            names += (names.empty() ? "" : " ") + name->get();
        }
        value = ParameterValue(names);
    }
    if (!value) {
        // Arrays and tables never fit a key; a value of the wrong type draws the phrase.
        const bool wants_string =
            spec->kind == ParameterKind::text || spec->kind == ParameterKind::choice;
        const ParameterValue wrong =
            wants_string ? ParameterValue(std::int64_t{0}) : ParameterValue(std::string{});
        throw InputError(file, line, key, check_value(*spec, wrong) + ", got " + render(node));
    }
    if (auto problem = check_value(*spec, *value); !problem.empty()) {
        throw InputError(file, line, key, problem + ", got " + describe_value(*value));
    }
    if (key == "name") {
        if (auto problem = name_problem(std::get<std::string>(*value)); !problem.empty()) {
            throw InputError(file, line, key, problem);
        }
    }
    spec->set(scenario, *value);
}

// A [sweep.values] or [sweep.ranges] table, with quoted ("treaty.threshold")
// or nested (treaty.threshold) keys alike.
void collect_axes(const std::string& file, const toml::table& table, const std::string& prefix,
                  const std::string& where,
                  std::vector<std::pair<std::string, const toml::node*>>& out) {
    for (const auto& [name, node] : table) {
        const std::string key =
            prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
        if (const auto* sub = node.as_table()) {
            collect_axes(file, *sub, key, where, out);
            continue;
        }
        const ParameterSpec* spec = find_parameter(key);
        if (!spec) {
            throw InputError(file, line_of(node), where + "." + key,
                             "unknown key" + did_you_mean(key, scenario_keys()));
        }
        if (auto why = why_fixed(key, Variation::between_points); !why.empty()) {
            throw InputError(file, line_of(node), where + "." + key, why);
        }
        out.emplace_back(key, &node);
    }
}

SweepSpec parse_sweep(const std::string& file, const toml::table& table) {
    SweepSpec spec;
    const toml::node* values = nullptr;
    const toml::node* ranges = nullptr;
    int samples_line = 0;
    for (const auto& [name, node] : table) {
        const std::string key(name.str());
        const int line = line_of(node);
        if (key == "design") {
            const auto* text = node.as_string();
            const auto design = text ? index_of(sweep_design_names, text->get()) : std::nullopt;
            if (!design) {
                std::string known;
                for (auto d : sweep_design_names) {
                    known += (known.empty() ? "\"" : ", \"") + std::string(d) + "\"";
                }
                throw InputError(file, line, "sweep.design",
                                 "expected one of " + known + ", got " + render(node));
            }
            spec.design = static_cast<SweepDesign>(*design + 1);
        } else if (key == "samples") {
            const auto* n = node.as_integer();
            if (!n || n->get() < 1 || n->get() > 1'000'000) {
                throw InputError(file, line, "sweep.samples",
                                 "expected an integer in [1, 1000000], got " + render(node));
            }
            spec.samples = n->get();
            samples_line = line;
        } else if (key == "values" && node.is_table()) {
            values = &node;
        } else if (key == "ranges" && node.is_table()) {
            ranges = &node;
        } else {
            throw InputError(
                file, line, "sweep." + key,
                "unknown key" + did_you_mean("sweep." + key, {"sweep.design", "sweep.samples",
                                                              "sweep.values", "sweep.ranges"}));
        }
    }
    const int line = static_cast<int>(table.source().begin.line);
    if (spec.design == SweepDesign::none) throw InputError(file, line, "sweep.design", "missing");
    const bool grid = takes_values(spec.design);  // lists of values, not ranges
    const bool table_design = spec.design == SweepDesign::table;
    if (grid && (ranges || !values)) {
        throw InputError(file, line, "sweep",
                         table_design ? "a table takes [sweep.values] (lists of one length: "
                                        "point i takes the i-th value of each), not ranges"
                                      : "a grid takes [sweep.values] (lists to cross), not ranges");
    }
    if (grid && samples_line > 0) {
        throw InputError(file, samples_line, "sweep.samples",
                         table_design
                             ? "a table takes no samples (its points are the lists' entries)"
                             : "a grid takes no samples (its points are every combination of "
                               "the lists)");
    }
    if (!grid && (values || !ranges)) {
        throw InputError(
            file, line, "sweep",
            "a sampling design takes [sweep.ranges] ([low, high] per key), not values");
    }
    if (!grid && spec.samples < (spec.design == SweepDesign::saltelli ? 2 : 1)) {
        throw InputError(file, line, "sweep.samples",
                         "a sampling design needs samples (Saltelli: at least 2)");
    }
    std::vector<std::pair<std::string, const toml::node*>> axes;
    collect_axes(file, *(grid ? values : ranges)->as_table(), "",
                 grid ? "sweep.values" : "sweep.ranges", axes);
    // TOML tables are unordered: keep the order of the file, so that the
    // first key written varies slowest.
    std::stable_sort(axes.begin(), axes.end(), [](const auto& a, const auto& b) {
        return a.second->source().begin < b.second->source().begin;
    });
    if (axes.empty()) throw InputError(file, line, "sweep", "no keys to sweep");
    SeenKeys seen;
    for (const auto& [key, node] : axes) {
        note_key(seen, file, line_of(*node), (grid ? "sweep.values." : "sweep.ranges.") + key);
    }
    for (const auto& [key, node] : axes) {
        const ParameterSpec& p = *find_parameter(key);
        const std::string where = (grid ? "sweep.values." : "sweep.ranges.") + key;
        const auto* array = node->as_array();
        if (!array || array->empty()) {
            throw InputError(file, line_of(*node), where,
                             grid ? "expected a non-empty list of values" : "expected [low, high]");
        }
        SweepAxis axis;
        axis.key = key;
        for (const auto& element : *array) {
            auto value = value_of(element);
            const std::string problem = value ? check_value(p, *value) : "expected a scalar";
            if (!problem.empty()) {
                throw InputError(file, line_of(element), where,
                                 problem + ", got " + render(element));
            }
            axis.values.push_back(*value);
        }
        if (!grid) {
            if (p.kind != ParameterKind::integer && p.kind != ParameterKind::real) {
                throw InputError(file, line_of(*node), where,
                                 "only numeric keys can be sampled over a range");
            }
            auto as_double = [](const ParameterValue& v) {
                return std::holds_alternative<double>(v)
                           ? std::get<double>(v)
                           : static_cast<double>(std::get<std::int64_t>(v));
            };
            if (axis.values.size() != 2 || as_double(axis.values[0]) > as_double(axis.values[1])) {
                throw InputError(file, line_of(*node), where,
                                 "expected [low, high] with low <= high");
            }
            axis.low = as_double(axis.values[0]);
            axis.high = as_double(axis.values[1]);
            axis.values.clear();
        }
        if (table_design && !spec.axes.empty() &&
            axis.values.size() != spec.axes.front().values.size()) {
            const auto& first = spec.axes.front();
            throw InputError(file, line_of(*node), where,
                             "has " + std::to_string(axis.values.size()) +
                                 (axis.values.size() == 1 ? " value" : " values") +
                                 ", but sweep.values." + first.key + " has " +
                                 std::to_string(first.values.size()) +
                                 " (a table's lists are of one length: point i takes the i-th "
                                 "value of each)");
        }
        spec.axes.push_back(std::move(axis));
    }
    return spec;
}

// [replication.half_width]: a target per named outcome.
void parse_half_widths(Scenario& scenario, const std::string& file, const toml::table& table,
                       SeenKeys& seen) {
    for (const auto& [name, node] : table) {
        const std::string key(name.str());
        const std::string where = "replication.half_width." + key;
        note_key(seen, file, line_of(node), where);
        if (!index_of(outcome_names, key)) {
            std::vector<std::string> known(outcome_names.begin(), outcome_names.end());
            std::string list;
            for (const auto& n : known) list += (list.empty() ? "" : ", ") + n;
            const std::string nearest = did_you_mean(key, known);
            throw InputError(
                file, line_of(node), where,
                "unknown outcome" + (nearest.empty() ? " (known: " + list + ")" : nearest));
        }
        auto value = value_of(node);
        double target = 0;
        if (value && std::holds_alternative<double>(*value)) target = std::get<double>(*value);
        if (value && std::holds_alternative<std::int64_t>(*value))
            target = static_cast<double>(std::get<std::int64_t>(*value));
        if (!(target > 0))
            throw InputError(file, line_of(node), where,
                             "expected a positive number, got " + render(node));
        scenario.replication.half_width.emplace_back(key, target);
    }
}

void assign_table(Scenario& scenario, SweepSpec& sweep, const std::string& file,
                  const toml::table& table, const std::string& prefix, SeenKeys& seen) {
    for (const auto& [name, node] : table) {
        const std::string key =
            prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
        if (const auto* sub = node.as_table()) {
            if (key == "sweep") {
                sweep = parse_sweep(file, *sub);
                continue;
            }
            if (key == "replication.half_width") {
                parse_half_widths(scenario, file, *sub, seen);
                continue;
            }
            bool known = false;
            for (const auto& spec : parameter_table()) {
                if (spec.key.rfind(key + ".", 0) == 0) known = true;
            }
            // [interventions.ACTION] tables name states: interventions.ratify.IND.
            if (!known && prefix == "interventions") known = true;
            if (!known || (!prefix.empty() && prefix != "interventions"))
                throw InputError(
                    file, line_of(node), key,
                    "unknown section" +
                        did_you_mean(key, prefix.empty() ? scenario_sections() : scenario_keys()));
            assign_table(scenario, sweep, file, *sub, key, seen);
        } else {
            note_key(seen, file, line_of(node), key);
            assign(scenario, file, line_of(node), key, node);
        }
    }
}

// Every key of the file with its line, so that a check made after loading
// (the footprint, say) can still point at the line.
void record_lines(const toml::table& table, const std::string& prefix,
                  std::map<std::string, int>& lines) {
    for (const auto& [name, node] : table) {
        const std::string key =
            prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
        lines.emplace(key, line_of(node));
        if (const auto* sub = node.as_table()) record_lines(*sub, key, lines);
    }
}

void apply_override(Scenario& scenario, const std::string& text) {
    // "name=\"a\"\nmonths=3" parsed as TOML is two keys, of which only the
    // first would be read: one --set is one key on one line.
    if (const auto newline = text.find_first_of("\n\r"); newline != std::string::npos) {
        throw InputError("--set", 0, text.substr(0, std::min(newline, text.find('='))),
                         "a --set value is one line (give each key its own --set)");
    }
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw InputError("--set", 0, text, "expected KEY=VALUE");
    }
    const std::string key = text.substr(0, eq);
    const std::string raw = text.substr(eq + 1);
    toml::table parsed;
    check_nesting("value = " + raw, "--set", false);
    try {
        parsed = toml::parse("value = " + raw);
    } catch (const toml::parse_error&) {
        // A bare word: read it as a string, which must be text (it may name
        // a scenario, and everything written to the result file is UTF-8).
        if (invalid_utf8_at(raw) != std::string::npos) {
            throw InputError("--set", 0, key, "the value is not UTF-8 text");
        }
        parsed = toml::table{{"value", raw}};
    }
    const ParameterSpec* spec = find_parameter(key);
    if (!spec)
        throw InputError("--set", 0, key, "unknown key" + did_you_mean(key, scenario_keys()));
    assign(scenario, "--set", 0, key, *parsed.get("value"));
}

// One value of a --sweep list or range, as TOML text: a TOML scalar as
// toml++ writes it back, or a bare word as a string (as --set reads values).
std::string sweep_flag_value(const std::string& key, const std::string& raw) {
    if (raw.find_first_of("\n\r") != std::string::npos) {
        throw InputError("--sweep", 0, key, "a --sweep value is one line");
    }
    check_nesting("value = " + raw, "--sweep", false);
    toml::table parsed;
    try {
        parsed = toml::parse("value = " + raw);
    } catch (const toml::parse_error&) {
        if (raw.empty()) throw InputError("--sweep", 0, key, "an empty value");
        if (invalid_utf8_at(raw) != std::string::npos) {
            throw InputError("--sweep", 0, key, "a value is not UTF-8 text");
        }
        parsed = toml::table{{"value", raw}};
    }
    const toml::node& node = *parsed.get("value");
    if (node.is_array() || node.is_table()) {
        throw InputError("--sweep", 0, key,
                         "expected values separated by commas (KEY=V1,V2,...), got " + raw);
    }
    return render(node);
}

// An error of the sweep parser about the TOML text flags_sweep wrote, as the
// flag it comes from: --sweep KEY, --design or --samples, without a line.
InputError as_flag_error(const InputError& e) {
    std::string message = e.what();
    std::string located = e.file();
    if (e.line() > 0) located += ":" + std::to_string(e.line());
    if (!e.key().empty()) located += ": " + e.key();
    message = message.substr(std::min(message.size(), located.size() + 2));
    for (const std::string table : {"sweep.values.", "sweep.ranges."}) {
        for (auto at = message.find(table); at != std::string::npos; at = message.find(table)) {
            message.erase(at, table.size());
        }
    }
    const std::string& key = e.key();
    if (key.rfind("sweep.values.", 0) == 0 || key.rfind("sweep.ranges.", 0) == 0) {
        return InputError("--sweep", 0, key.substr(13), message);
    }
    if (key == "sweep.design") return InputError("--design", 0, "", message);
    if (key == "sweep.samples") return InputError("--samples", 0, "", message);
    return InputError("--sweep", 0, "", message);
}

std::string resolve_against(const std::filesystem::path& folder, const std::string& file) {
    const std::filesystem::path p(file);
    return p.is_absolute() ? file : (folder / p).lexically_normal().string();
}

}  // namespace

std::string resolve_shipped(const std::string& posterior) {
    if (posterior != "shipped") return posterior;
    const std::string data = shipped_data_folder();
    return data.empty() ? posterior : (std::filesystem::path(data) / "posterior.csv").string();
}

SweepSpec sweep_from_flags(const std::vector<std::string>& sweeps, const std::string& design,
                           std::optional<std::int64_t> samples) {
    const auto named = index_of(sweep_design_names, design);
    if (!named) {
        std::string known;
        for (auto d : sweep_design_names) known += (known.empty() ? "" : ", ") + std::string(d);
        throw InputError("--design", 0, "", "expected one of " + known + ", got '" + design + "'");
    }
    const auto kind = static_cast<SweepDesign>(*named + 1);
    const bool lists = takes_values(kind);
    if (samples && lists) {
        throw InputError("--samples", 0, "",
                         "only for --design latin_hypercube or saltelli (a " + design +
                             " takes its points from the lists)");
    }
    // The [sweep] table the flags stand for, written as TOML with a key a
    // line, so that the file's parser keeps the flags' order.
    std::string text = "design = \"" + design + "\"\n";
    if (samples) text += "samples = " + std::to_string(*samples) + "\n";
    text += lists ? "[values]\n" : "[ranges]\n";
    std::vector<std::string> keys;
    for (const auto& flag : sweeps) {
        const auto eq = flag.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw InputError("--sweep", 0, flag,
                             lists ? "expected KEY=V1,V2,..." : "expected KEY=LOW:HIGH");
        }
        const std::string key = flag.substr(0, eq);
        const std::string values = flag.substr(eq + 1);
        if (key.find_first_not_of(
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") !=
                std::string::npos ||
            !find_parameter(key)) {
            throw InputError("--sweep", 0, key, "unknown key" + did_you_mean(key, scenario_keys()));
        }
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
            throw InputError("--sweep", 0, key, "given twice");
        }
        keys.push_back(key);
        std::vector<std::string> parts;
        if (lists) {
            for (std::size_t start = 0;;) {
                const auto comma = values.find(',', start);
                parts.push_back(values.substr(start, comma - start));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            if (parts.size() == 1 && values.find(':') != std::string::npos &&
                values.find_first_of("\"'") == std::string::npos) {
                throw InputError("--sweep", 0, key,
                                 "a " + design +
                                     " takes values (KEY=V1,V2,...); a range LOW:HIGH is for "
                                     "--design latin_hypercube or saltelli");
            }
        } else {
            const auto colon = values.find(':');
            if (colon == std::string::npos || values.find(':', colon + 1) != std::string::npos) {
                throw InputError(
                    "--sweep", 0, key,
                    "a " + design + " takes a range KEY=LOW:HIGH, got '" + values + "'");
            }
            parts = {values.substr(0, colon), values.substr(colon + 1)};
        }
        text += "\"" + key + "\" = [";
        for (std::size_t i = 0; i < parts.size(); ++i) {
            text += (i ? ", " : "") + sweep_flag_value(key, parts[i]);
        }
        text += "]\n";
    }
    try {
        return parse_sweep("--sweep", toml::parse(text));
    } catch (const InputError& e) {
        throw as_flag_error(e);
    } catch (const toml::parse_error& e) {
        throw InputError("--sweep", 0, "", std::string("cannot be read: ") + e.what());
    }
}

int line_of_key(const LoadedScenario& loaded, const std::string& key) {
    const auto found = loaded.key_lines.find(key);
    return found == loaded.key_lines.end() ? 0 : found->second;
}

bool set_by_flag(const LoadedScenario& loaded, const std::string& key) {
    return std::any_of(loaded.overrides.begin(), loaded.overrides.end(),
                       [&](const std::string& o) { return o.rfind(key + "=", 0) == 0; });
}

void refuse_key(const LoadedScenario& loaded, const std::string& key, const std::string& message) {
    if (set_by_flag(loaded, key)) throw InputError("--set", 0, key, message);
    throw InputError(loaded.path, line_of_key(loaded, key), key, message);
}

void refuse_pair(const LoadedScenario& loaded, const std::string& a, const std::string& b,
                 const std::string& message) {
    // The key set last is the one that made the pair wrong: a --set, else
    // the later line; a key left at its default has no line and yields.
    const auto rank = [&](const std::string& key) {
        return set_by_flag(loaded, key) ? std::numeric_limits<int>::max()
                                        : line_of_key(loaded, key);
    };
    refuse_key(loaded, rank(b) > rank(a) ? b : a, message);
}

LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
    LoadedScenario loaded;
    loaded.path = path;
    loaded.text = read_text_file(path, "the scenario file");
    loaded.overrides = overrides;
    loaded.scenario.name = std::filesystem::path(path).stem().string();
    const toml::table table = parse_toml(loaded.text, path);
    SeenKeys seen;
    assign_table(loaded.scenario, loaded.sweep, path, table, "", seen);
    record_lines(table, "", loaded.key_lines);
    for (const auto& o : overrides) apply_override(loaded.scenario, o);
    // A name given in the file or by --set was checked as it was read: one
    // still wrong comes from the file's own name (a file called ..toml).
    if (auto problem = name_problem(loaded.scenario.name); !problem.empty()) {
        throw InputError(path, 0, "name",
                         "the file's name gives a scenario name that " + problem +
                             "; set name = \"...\" in the file");
    }
    const auto& treaty = loaded.scenario.treaty;
    if (treaty.cosp_first_min_months > treaty.cosp_first_max_months) {
        refuse_pair(loaded, "treaty.cosp_first_min_months", "treaty.cosp_first_max_months",
                    "treaty.cosp_first_min_months (" +
                        std::to_string(treaty.cosp_first_min_months) +
                        ") is later than treaty.cosp_first_max_months (" +
                        std::to_string(treaty.cosp_first_max_months) + ")");
    }
    auto& replication = loaded.scenario.replication;
    if (replication.automatic) {
        if (replication.half_width.empty()) {
            refuse_key(loaded, "replicates",
                       "replicates = \"auto\" needs a target half-width for at least one "
                       "outcome (replication.half_width)");
        }
        if (replication.initial > replication.max) {
            refuse_pair(loaded, "replication.initial", "replication.max",
                        "replication.initial (" + std::to_string(replication.initial) +
                            ") is more than replication.max (" + std::to_string(replication.max) +
                            ")");
        }
        loaded.scenario.replicates = replication.initial;
    }

    const auto folder = std::filesystem::path(path).parent_path();
    if (auto& posterior = loaded.scenario.posterior; !posterior.empty()) {
        posterior = resolve_shipped(posterior);
        posterior = resolve_against(folder, posterior);
        std::error_code error;
        if (!std::filesystem::is_regular_file(posterior, error)) {
            const auto* node = table.get("posterior");
            throw InputError(
                path, node ? line_of(*node) : 0, "posterior",
                "no such file '" + posterior + "'" + (error ? " (" + error.message() + ")" : ""));
        }
    }
    auto& world = loaded.scenario.world;
    const auto named = [&](const std::string& key) {
        return line_of_key(loaded, key) > 0 || set_by_flag(loaded, key);
    };
    // The data folder: the one named, else data/ beside the file if it
    // holds the states file, else the shipped data.
    if (named("world.data")) {
        world.data = resolve_against(folder, world.data);
        if (std::error_code e; !std::filesystem::is_directory(world.data, e)) {
            refuse_key(loaded, "world.data", "no such folder '" + world.data + "'");
        }
    } else if (std::error_code e;
               std::filesystem::is_regular_file(folder / "data" / "states.csv", e)) {
        world.data = resolve_against(folder, "data");
    } else {
        world.data = shipped_data_folder();
        if (world.data.empty()) {
            throw InputError(path, 0, "world.data",
                             "no data folder: none beside the scenario file, and none shipped "
                             "with this havens; set world.data");
        }
    }
    for (auto [file, key] : world.files()) {
        *file = resolve_against(named(key) ? folder : std::filesystem::path(world.data), *file);
        // The non-throwing form: a symbolic-link loop or an unreadable folder
        // is bad input naming the key, not an internal error.
        std::error_code error;
        if (!std::filesystem::is_regular_file(*file, error)) {
            const auto* node = table.at_path(key).node();
            const std::string why = error ? " (" + error.message() + ")" : "";
            throw InputError(path, node ? line_of(*node) : 0, key,
                             "no such file '" + *file + "'" + why);
        }
    }
    return loaded;
}

bool same_world(const WorldParams& a, const WorldParams& b) {
    const auto files_a = a.files(), files_b = b.files();
    for (std::size_t i = 0; i < files_a.size(); ++i) {
        if (*files_a[i].first != *files_b[i].first) return false;
    }
    return a.state_count == b.state_count && a.peer_min_rule_of_law == b.peer_min_rule_of_law &&
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
    // interventions.ACTION.STATE, nested as the file nests them.
    for (const auto& entry : intervention_entries(scenario)) {
        const std::string& key = entry.first;
        const auto first = key.find('.'), second = key.find('.', first + 1);
        auto& action = out[key.substr(0, first)][key.substr(first + 1, second - first - 1)];
        const std::string target = key.substr(second + 1);
        std::visit([&](const auto& v) { action[target] = v; }, entry.second);
    }
    return out;
}

}  // namespace havens
