#include "io/result_info_posterior.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "core/errors.hpp"
#include "core/quantile.hpp"
#include "io/h5/schema.hpp"

namespace havens {

namespace {

// The outcomes summarised (summary/outcome_value), how they read, and
// which way is better (0: neither; shown as a difference only).
struct KeyOutcome {
    const char* name;
    const char* label;
    int decimals;
    int better;  // -1: lower is better, +1: higher is better, 0: no direction
};
constexpr std::array<KeyOutcome, 5> key_outcomes{{
    {"exile_risk", "exile risk", 3, -1},
    {"share_exiles_in_safe_haven", "exiles in a safe haven", 3, +1},
    {"parties", "parties", 1, 0},
    {"entry_into_force_month", "entry into force month (the horizon if never)", 1, 0},
    {"extradited", "extradited", 1, 0},
}};

std::string fixed(double x, int decimals, bool sign = false) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, sign ? "%+.*f" : "%.*f", decimals, x);
    return buffer;
}

// "0.136 [0.120, 0.150]": the median and the 90 % interval (core/quantile.hpp).
std::string spread(const std::vector<double>& values, int decimals, bool sign = false) {
    const Interval i = median_interval(values);
    return fixed(i.median, decimals, sign) + " [" + fixed(i.low, decimals, sign) + ", " +
           fixed(i.high, decimals, sign) + "]";
}

// A scenario group of a posterior run, read and checked.
struct PosteriorGroup {
    std::string name;
    std::string source;
    std::vector<std::int64_t> draw;                              // [replicate]
    std::array<std::optional<std::vector<double>>, 5> outcomes;  // per key outcome, [replicate]
};

[[noreturn]] void fail(const std::string& path, const std::string& object,
                       const std::string& message) {
    throw InputError(path, 0, object, message + " (not a valid havens result file)");
}

// The numeric variable `name` of `section` with `rank` axes and the leading
// extent `replicates`; its shape. Failures of the HDF5 layer become bad input.
h5::Shape numeric(const std::string& path, const RunsOf& runs, const char* section,
                  const std::string& name, std::size_t rank, hsize_t replicates,
                  const std::string& type) {
    const std::string object = runs.where(section, name);
    if (!runs.has(section, name)) fail(path, object, "missing dataset");
    h5::Shape shape;
    std::string got;
    try {
        shape = runs.shape(section, name);
        got = runs.is_point() ? runs.location().info(name).type
                              : runs.location().open_group(section).info(name).type;
    } catch (const OutputError&) {
        fail(path, object, "not a readable dataset");
    }
    if (shape.size() != rank || got != type) {
        fail(path, object,
             "expected " + std::to_string(rank) + "-D " + type + " values, got " +
                 std::to_string(shape.size()) + "-D " + got);
    }
    if (shape[0] != replicates) {
        fail(path, object,
             "expected " + std::to_string(replicates) + " replicates (as the draws), got " +
                 std::to_string(shape[0]));
    }
    return shape;
}

PosteriorGroup read_group(const std::string& path, const std::string& name, const RunsOf& runs) {
    PosteriorGroup out;
    out.name = name;
    const char* posterior = schema::posterior;
    const char* summary = schema::summary;
    try {
        const std::string draw_object = runs.where(posterior, "draw");
        if (!runs.has(posterior, "draw")) fail(path, draw_object, "missing dataset");
        const h5::Shape draw = runs.shape(posterior, "draw");
        if (draw.size() != 1 || draw[0] == 0)
            fail(path, draw_object, "expected an integer array over at least one replicate");
        const hsize_t replicates = draw[0];
        numeric(path, runs, posterior, "draw", 1, replicates, "int");
        out.draw = runs.read<std::int64_t>(posterior, "draw");
        numeric(path, runs, posterior, "parameters", 2, replicates, "float");
        const h5::Location source = runs.is_point() ? runs.location().open_dataset("draw")
                                                    : runs.location().open_group(posterior);
        if (!source.has_attribute("source"))
            fail(path, "attribute source of " + source.path(), "missing");
        out.source = source.string_attribute("source");

        const std::string labels_object = runs.where(summary, schema::dim::outcome);
        if (!runs.has(summary, schema::dim::outcome)) {
            fail(path, labels_object, "expected the outcome names");
        }
        std::vector<std::string> labels;
        try {
            labels = runs.labels(summary, schema::dim::outcome);
        } catch (const OutputError&) {
            fail(path, labels_object, "expected the outcome names");
        }
        const h5::Shape shape =
            numeric(path, runs, summary, "outcome_value", 2, replicates, "float");
        if (shape[1] != labels.size()) {
            fail(path, runs.where(summary, "outcome_value"),
                 "expected " + std::to_string(labels.size()) + " outcomes, got " +
                     std::to_string(shape[1]));
        }
        const auto values = runs.read<double>(summary, "outcome_value");
        for (std::size_t k = 0; k < key_outcomes.size(); ++k) {
            const auto at = std::find(labels.begin(), labels.end(), key_outcomes[k].name);
            if (at == labels.end()) continue;  // an older file: not summarised
            const auto column = static_cast<std::size_t>(at - labels.begin());
            std::vector<double> v;
            for (hsize_t r = 0; r < replicates; ++r) v.push_back(values[r * shape[1] + column]);
            out.outcomes[k] = std::move(v);
        }
    } catch (const OutputError& e) {
        fail(path, runs.location().path(), std::string("cannot be read: ") + e.what());
    }
    return out;
}

std::string describe_arm(const PosteriorGroup& arm) {
    std::string out = "    scenario " + arm.name + ", " + std::to_string(arm.draw.size()) +
                      " draws: median [5-95 %]";
    for (std::size_t k = 0; k < key_outcomes.size(); ++k) {
        if (!arm.outcomes[k]) continue;
        std::vector<double> defined;
        for (double x : *arm.outcomes[k])
            if (!std::isnan(x)) defined.push_back(x);
        if (defined.empty()) continue;
        out += "; " + std::string(key_outcomes[k].label) + " " +
               spread(defined, key_outcomes[k].decimals);
    }
    return out + "\n";
}

// The arm against the baseline, replicate by replicate: each pair ran with
// the same parameters (the same draw) and the same random numbers.
std::string describe_difference(const PosteriorGroup& arm, const PosteriorGroup& baseline) {
    const std::size_t n = std::min(arm.draw.size(), baseline.draw.size());
    std::string out = "    " + arm.name + " vs " + baseline.name;
    if (!std::equal(arm.draw.begin(), arm.draw.begin() + static_cast<std::ptrdiff_t>(n),
                    baseline.draw.begin())) {
        return out + ": not paired (other draws: another seed), no difference shown\n";
    }
    bool first = true;
    for (std::size_t k = 0; k < key_outcomes.size(); ++k) {
        const KeyOutcome& key = key_outcomes[k];
        if (!arm.outcomes[k] || !baseline.outcomes[k]) continue;
        std::vector<double> difference;  // over the pairs where both are defined
        std::size_t higher = 0, lower = 0;
        for (std::size_t r = 0; r < n; ++r) {
            const double d = (*arm.outcomes[k])[r] - (*baseline.outcomes[k])[r];
            if (std::isnan(d)) continue;
            difference.push_back(d);
            higher += d > 0;
            lower += d < 0;
        }
        if (difference.empty()) continue;
        out += first ? ": " : "; ";
        first = false;
        out += key.label;
        if (key.better == 0) {
            out += " " + spread(difference, key.decimals, true);
            continue;
        }
        // The direction most draws take (ties count for neither), and
        // whether it is the better one; percent rounded half up.
        const bool up = higher >= lower;
        const std::size_t count = up ? higher : lower;
        const long percent = std::lround(100.0 * static_cast<double>(count) /
                                         static_cast<double>(difference.size()));
        if (count == 0) {
            out += " the same in every draw";
        } else {
            out += std::string(up ? " higher" : " lower") +
                   ((up ? +1 : -1) == key.better ? " (better)" : " (worse)") + " in " +
                   std::to_string(percent) + "% of draws";
        }
        out += " (" + spread(difference, key.decimals, true) + ")";
    }
    return out + "\n";
}

}  // namespace

std::string describe_posterior_runs(const std::string& path,
                                    const std::vector<std::pair<std::string, RunsOf>>& entries) {
    std::vector<const std::pair<std::string, RunsOf>*> drawn;
    for (const auto& entry : entries) {
        // A scenario group with posterior/ must hold its draws (else damaged).
        const RunsOf& runs = entry.second;
        if (runs.is_point() ? runs.location().exists("draw")
                            : runs.location().exists(schema::posterior)) {
            drawn.push_back(&entry);
        }
    }
    if (drawn.empty()) return "";
    // Of a large sweep, the first few points stand for the rest, as above:
    // only they are read.
    const std::size_t shown = drawn.size() > 8 ? 6 : drawn.size();
    std::vector<PosteriorGroup> groups;
    for (std::size_t i = 0; i < shown; ++i) {
        groups.push_back(read_group(path, drawn[i]->first, drawn[i]->second));
    }
    std::string out = "  over the posterior " + groups.front().source +
                      " (each replicate one draw; ranges hold 90 % of posterior draws):\n";
    const std::string rest =
        "    ... and " + std::to_string(drawn.size() - shown) + " more scenario groups\n";
    for (std::size_t i = 0; i < shown; ++i) out += describe_arm(groups[i]);
    if (shown < drawn.size()) out += rest;
    for (std::size_t i = 1; i < shown; ++i) out += describe_difference(groups[i], groups.front());
    if (shown < drawn.size()) out += rest;
    return out;
}

}  // namespace havens
