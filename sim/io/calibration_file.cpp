#include "io/calibration_file.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/errors.hpp"
#include "io/toml_reading.hpp"
#include "scenario/key_suggestion.hpp"
#include "scenario/key_variation.hpp"
#include "scenario/parameter_table.hpp"

namespace havens {

namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// A table's keys, each checked against those the section allows.
void check_keys(const toml::table& table, const std::string& file, const std::string& section,
                const std::set<std::string>& allowed) {
    for (const auto& [name, node] : table) {
        const std::string key(name.str());
        if (!allowed.contains(key)) {
            const auto full = [&](const std::string& k) {
                return section.empty() ? k : section + "." + k;
            };
            std::vector<std::string> known;
            known.reserve(allowed.size());
            for (const auto& k : allowed) known.push_back(full(k));
            throw InputError(file, line_of(node), full(key),
                             "unknown key" + did_you_mean(full(key), known));
        }
    }
}

class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    double number(const toml::table& t, const std::string& section, const std::string& name,
                  std::optional<double> fallback) const {
        const toml::node* node = t.get(name);
        const std::string key = section + "." + name;
        if (!node) {
            if (fallback) return *fallback;
            throw InputError(file_, line_of(t), key, "missing (expected a number)");
        }
        double x = 0;
        if (auto v = node->as_floating_point()) {
            x = v->get();
        } else if (auto i = node->as_integer()) {
            x = static_cast<double>(i->get());
        } else {
            throw InputError(file_, line_of(*node), key, "expected a number");
        }
        if (!std::isfinite(x))
            throw InputError(file_, line_of(*node), key, "expected a finite number");
        return x;
    }

    std::int64_t integer(const toml::table& t, const std::string& section, const std::string& name,
                         std::int64_t fallback, std::int64_t low, std::int64_t high) const {
        const toml::node* node = t.get(name);
        const std::string key = section.empty() ? name : section + "." + name;
        if (!node) return fallback;
        const auto v = node->as_integer();
        if (!v || v->get() < low || v->get() > high) {
            throw InputError(file_, line_of(*node), key,
                             "expected an integer in [" + std::to_string(low) + ", " +
                                 std::to_string(high) + "]");
        }
        return v->get();
    }

    std::string text(const toml::table& t, const std::string& section, const std::string& name,
                     std::optional<std::string> fallback) const {
        const toml::node* node = t.get(name);
        const std::string key = section.empty() ? name : section + "." + name;
        if (!node) {
            if (fallback) return *fallback;
            throw InputError(file_, line_of(t), key, "missing (expected a string)");
        }
        const auto v = node->as_string();
        if (!v || v->get().empty()) {
            throw InputError(file_, line_of(*node), key, "expected a non-empty string");
        }
        return v->get();
    }

    const std::string& file() const { return file_; }

private:
    std::string file_;
};

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

FittedParameter read_parameter(const Reader& in, const std::string& key, const toml::table& t) {
    const std::string section = "parameters." + key;
    const ParameterSpec* spec = find_parameter(key);
    if (!spec) {
        throw InputError(in.file(), line_of(t), section,
                         "unknown scenario key" + did_you_mean(key, scenario_keys()));
    }
    if (spec->kind != ParameterKind::real && spec->kind != ParameterKind::integer) {
        throw InputError(in.file(), line_of(t), section,
                         "only numeric keys can be calibrated; this one is not");
    }
    // A particle's parameters are a replicate's: refused here, before any work.
    if (auto why = why_fixed(key, Variation::between_replicates); !why.empty()) {
        throw InputError(in.file(), line_of(t), section, why);
    }
    check_keys(t, in.file(), section, {"prior", "low", "high", "mean", "sd"});
    FittedParameter p;
    p.key = key;
    const std::string kind = in.text(t, section, "prior", std::nullopt);
    bool known = false;
    for (std::size_t k = 0; k < prior_kind_names.size(); ++k) {
        if (prior_kind_names[k] == kind) {
            p.prior.kind = static_cast<PriorKind>(k);
            known = true;
        }
    }
    const int line = line_of(*t.get("prior"));
    if (!known) {
        throw InputError(in.file(), line, section + ".prior",
                         "expected one of \"uniform\", \"log_uniform\", \"normal\", "
                         "\"truncated_normal\", got \"" +
                             kind + "\"");
    }
    const bool normal =
        p.prior.kind == PriorKind::normal || p.prior.kind == PriorKind::truncated_normal;
    const bool bounds_required = p.prior.kind != PriorKind::normal;
    p.prior.low = in.number(t, section, "low",
                            bounds_required ? std::nullopt : std::optional<double>(spec->min));
    p.prior.high = in.number(t, section, "high",
                             bounds_required ? std::nullopt : std::optional<double>(spec->max));
    const auto range = "the key's range [" + describe_value(ParameterValue(spec->min)) + ", " +
                       describe_value(ParameterValue(spec->max)) + "]";
    if (!(p.prior.low < p.prior.high)) {
        throw InputError(in.file(), line, section + ".low", "must be below high");
    }
    if (p.prior.low < spec->min || p.prior.high > spec->max) {
        throw InputError(in.file(), line, section, "the prior's support leaves " + range);
    }
    if (p.prior.kind == PriorKind::log_uniform && p.prior.low <= 0) {
        throw InputError(in.file(), line, section + ".low", "a log-uniform prior needs low > 0");
    }
    if (normal) {
        p.prior.mean = in.number(t, section, "mean", std::nullopt);
        p.prior.sd = in.number(t, section, "sd", std::nullopt);
        if (p.prior.sd <= 0) throw InputError(in.file(), line, section + ".sd", "must be positive");
        const double mass = normal_cdf((p.prior.high - p.prior.mean) / p.prior.sd) -
                            normal_cdf((p.prior.low - p.prior.mean) / p.prior.sd);
        if (mass < 1e-6) {
            throw InputError(in.file(), line, section,
                             "the normal prior puts almost no mass inside [low, high]");
        }
    } else if (t.get("mean") || t.get("sd")) {
        throw InputError(in.file(), line, section, "mean and sd belong to normal priors only");
    }
    return p;
}

// [parameters] holds one table per key: quoted ("treaty.threshold") or
// dotted (treaty.threshold), which TOML reads as nested tables.
void collect_parameters(const Reader& in, const toml::table& t, const std::string& prefix,
                        std::vector<FittedParameter>& out) {
    for (const auto& [name, node] : t) {
        const std::string key =
            prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
        const auto* sub = node.as_table();
        if (!sub) {
            throw InputError(in.file(), line_of(node), "parameters." + key,
                             "expected a table with prior = ...");
        }
        if (sub->get("prior")) {
            for (const auto& earlier : out) {
                if (earlier.key == key) {
                    throw InputError(in.file(), line_of(node), "parameters." + key,
                                     "given twice (a quoted \"a.b\" and a dotted a.b are the "
                                     "same key)");
                }
            }
            out.push_back(read_parameter(in, key, *sub));
        } else {
            collect_parameters(in, *sub, key, out);
        }
    }
}

// A target's name becomes a coordinate of the result file, where a NUL ends
// it (two names that differ after one collide); it and the source are shown
// one a line, which a newline or an escape sequence would break.
std::string control_character_in(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            char code[8];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
            return std::string("cannot contain a control character (") + code + " at byte " +
                   std::to_string(i) + ")";
        }
    }
    return "";
}

Target read_target(const Reader& in, const std::string& name, const toml::table& t,
                   const Scenario& scenario, std::size_t states) {
    const std::string section = "targets." + name;
    if (name.empty()) throw InputError(in.file(), line_of(t), "targets", "a target needs a name");
    if (auto why = control_character_in(name); !why.empty()) {
        throw InputError(in.file(), line_of(t), "targets", "a target's name " + why);
    }
    check_keys(t, in.file(), section,
               {"statistic", "month", "count", "population", "observed", "sd", "fit", "source"});
    Target target;
    target.name = name;
    const std::string statistic = in.text(t, section, "statistic", std::nullopt);
    target.statistic = find_statistic(statistic);
    if (!target.statistic) {
        std::string known;
        for (const auto& s : statistic_table())
            known += (known.empty() ? "" : ", ") + std::string(s.name);
        throw InputError(in.file(), line_of(*t.get("statistic")), section + ".statistic",
                         "unknown statistic '" + statistic + "' (known: " + known + ")");
    }
    const auto argument = target.statistic->argument;
    for (const char* other : {"month", "count", "population"}) {
        const bool wanted =
            (argument == StatisticArgument::month && std::string(other) == "month") ||
            (argument == StatisticArgument::count && std::string(other) == "count") ||
            (argument == StatisticArgument::population && std::string(other) == "population");
        if (!wanted && t.get(other)) {
            throw InputError(in.file(), line_of(*t.get(other)), section + "." + other,
                             "statistic '" + statistic + "' takes no " + other);
        }
    }
    if (argument == StatisticArgument::month) {
        target.argument =
            static_cast<double>(in.integer(t, section, "month", -1, 0, scenario.months - 1));
        if (target.argument < 0) {
            throw InputError(
                in.file(), line_of(t), section + ".month",
                "missing (the month, 0 to " + std::to_string(scenario.months - 1) + ")");
        }
    } else if (argument == StatisticArgument::count) {
        target.argument = static_cast<double>(
            in.integer(t, section, "count", 0, 1, static_cast<std::int64_t>(states)));
        if (target.argument < 1) {
            throw InputError(in.file(), line_of(t), section + ".count",
                             "missing (a number of parties)");
        }
    } else if (argument == StatisticArgument::population) {
        if (!t.get("population")) {
            throw InputError(in.file(), line_of(t), section + ".population",
                             "missing (the number of people the model's exiles stand for)");
        }
        target.argument = in.number(t, section, "population", std::nullopt);
        if (!(target.argument > 0)) {
            throw InputError(in.file(), line_of(*t.get("population")), section + ".population",
                             "must be positive");
        }
    }
    target.observed = in.number(t, section, "observed", std::nullopt);
    target.sd = in.number(t, section, "sd", std::nullopt);
    if (target.sd <= 0) {
        throw InputError(in.file(), line_of(*t.get("sd")), section + ".sd", "must be positive");
    }
    if (const auto* fit = t.get("fit")) {
        const auto v = fit->as_boolean();
        if (!v)
            throw InputError(in.file(), line_of(*fit), section + ".fit", "expected true or false");
        target.fitted = v->get();
    }
    target.source = in.text(t, section, "source", std::nullopt);
    if (auto why = control_character_in(target.source); !why.empty()) {
        throw InputError(in.file(), line_of(*t.get("source")), section + ".source", why);
    }
    return target;
}

AbcSettings read_sampler(const Reader& in, const toml::table& t) {
    check_keys(
        t, in.file(), "sampler",
        {"particles", "replicates", "max_generations", "moves", "final_tolerance", "ess_fraction",
         "min_acceptance", "kernel_scale", "move_probability", "max_moves", "seed"});
    AbcSettings s;
    s.particles = static_cast<int>(in.integer(t, "sampler", "particles", s.particles, 2, 1000000));
    s.replicates = static_cast<int>(in.integer(t, "sampler", "replicates", s.replicates, 1, 1000));
    s.max_generations =
        static_cast<int>(in.integer(t, "sampler", "max_generations", s.max_generations, 0, 1000));
    s.moves = static_cast<int>(in.integer(t, "sampler", "moves", s.moves, 1, 100));
    s.max_moves = static_cast<int>(in.integer(t, "sampler", "max_moves", s.moves, 1, 100));
    if (s.max_moves < s.moves) {
        throw InputError(in.file(), line_of(*t.get("max_moves")), "sampler.max_moves",
                         "fewer than sampler.moves (" + std::to_string(s.moves) + ")");
    }
    s.seed = static_cast<std::uint64_t>(
        in.integer(t, "sampler", "seed", 1, 0, (std::int64_t{1} << 53) - 1));
    auto in_range = [&](const char* name, double value, double low, double high, bool open_low) {
        if (value < low || value > high || (open_low && value == low)) {
            throw InputError(in.file(), line_of(*t.get(name)), std::string("sampler.") + name,
                             "expected a number in " + std::string(open_low ? "(" : "[") +
                                 describe_value(ParameterValue(low)) + ", " +
                                 describe_value(ParameterValue(high)) + "]");
        }
        return value;
    };
    if (t.get("final_tolerance")) {
        s.final_tolerance =
            in_range("final_tolerance", in.number(t, "sampler", "final_tolerance", std::nullopt), 0,
                     1e300, false);
    }
    if (t.get("ess_fraction")) {
        s.ess_fraction =
            in_range("ess_fraction", in.number(t, "sampler", "ess_fraction", {}), 0, 0.99, true);
    }
    if (t.get("min_acceptance")) {
        s.min_acceptance =
            in_range("min_acceptance", in.number(t, "sampler", "min_acceptance", {}), 0, 1, false);
    }
    if (t.get("move_probability")) {
        s.move_probability = in_range(
            "move_probability", in.number(t, "sampler", "move_probability", {}), 0, 0.999, false);
    }
    if (t.get("kernel_scale")) {
        s.kernel_scale =
            in_range("kernel_scale", in.number(t, "sampler", "kernel_scale", {}), 0, 100, true);
    }
    return s;
}

}  // namespace

bool is_calibration_file(const std::string& path) {
    try {
        const toml::table table = parse_toml(read_text_file(path, "the file"), path);
        return table.contains("parameters") || table.contains("targets") ||
               table.contains("scenario");
    } catch (const InputError&) {
        return false;
    }
}

InputError as_set_error(const LoadedCalibration& calibration, const InputError& e) {
    const std::string what = e.what();
    const std::string tail = what.substr(what.find(": ", what.find(e.key())) + 2);
    return {calibration.path, calibration.set_line, "set", e.key() + ": " + tail};
}

LoadedCalibration load_calibration(const std::string& path) {
    LoadedCalibration loaded;
    loaded.path = path;
    loaded.text = read_text_file(path, "the calibration file");
    const toml::table table = parse_toml(loaded.text, path);
    check_keys(table, path, "", {"scenario", "set", "sampler", "parameters", "targets"});
    const Reader in(path);

    // The base scenario, relative to this file, with the file's overrides.
    const std::string scenario = in.text(table, "", "scenario", std::nullopt);
    const auto folder = std::filesystem::path(path).parent_path();
    const std::string scenario_path =
        std::filesystem::path(scenario).is_absolute() ? scenario : (folder / scenario).string();
    std::vector<std::string> overrides;
    int set_line = 0;
    if (const auto* set = table.get("set")) {
        set_line = line_of(*set);
        loaded.set_line = set_line;
        const auto* array = set->as_array();
        if (!array) throw InputError(path, set_line, "set", "expected an array of \"KEY=VALUE\"");
        for (const auto& item : *array) {
            const auto v = item.as_string();
            if (!v) throw InputError(path, set_line, "set", "expected an array of \"KEY=VALUE\"");
            overrides.push_back(v->get());
        }
    }
    // The calibration makes a posterior; it never draws from one, its base
    // scenario's included (every particle runs at its own values), and the
    // posterior it makes need not exist yet.
    overrides.insert(overrides.begin(), "posterior=\"\"");
    try {
        loaded.scenario = load_scenario(scenario_path, overrides);
    } catch (const InputError& e) {
        if (e.file() != "--set") throw;
        throw as_set_error(loaded, e);
    }
    if (loaded.scenario.sweep.design != SweepDesign::none) {
        throw InputError(path, line_of(*table.get("scenario")), "scenario",
                         "a calibration's scenario cannot have a [sweep]");
    }

    if (const auto* sampler = table.get("sampler")) {
        if (!sampler->as_table())
            throw InputError(path, line_of(*sampler), "sampler", "expected a table");
        loaded.problem.settings = read_sampler(in, *sampler->as_table());
    }
    const auto* parameters = table.get("parameters");
    if (!parameters || !parameters->as_table() || parameters->as_table()->empty()) {
        throw InputError(path, parameters ? line_of(*parameters) : 0, "parameters",
                         "missing (at least one [parameters.\"KEY\"] with a prior)");
    }
    collect_parameters(in, *parameters->as_table(), "", loaded.problem.parameters);
    std::set<std::string> keys;
    for (const auto& p : loaded.problem.parameters) keys.insert(p.key);

    const auto* targets = table.get("targets");
    if (!targets || !targets->as_table() || targets->as_table()->empty()) {
        throw InputError(path, targets ? line_of(*targets) : 0, "targets",
                         "missing (at least one [targets.NAME] with a statistic)");
    }
    // The number of states is known only with the world; the count is
    // bounded by the largest world havens reads (its states file's rows).
    constexpr std::size_t most_states = 1000;
    for (const auto& [name, node] : *targets->as_table()) {
        const auto* t = node.as_table();
        if (!t) {
            throw InputError(path, line_of(node), "targets." + std::string(name.str()),
                             "expected a table");
        }
        loaded.problem.targets.push_back(
            read_target(in, std::string(name.str()), *t, loaded.scenario.scenario, most_states));
    }
    bool any_fitted = false;
    for (const auto& t : loaded.problem.targets) any_fitted |= t.fitted;
    if (!any_fitted) {
        throw InputError(path, line_of(*targets), "targets",
                         "every target is a check (fit = false): nothing to fit");
    }
    return loaded;
}

}  // namespace havens
