#include "scenario/sweep.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/sampling.hpp"
#include "core/saturating.hpp"

namespace havens {

namespace {

// The value at u in [0, 1) of an axis's range, for the key's type.
ParameterValue value_at(const ParameterSpec& spec, const SweepAxis& axis, double u) {
    if (spec.kind == ParameterKind::integer) {
        const double span = axis.high - axis.low + 1.0;
        const double v = std::min(axis.high, std::floor(axis.low + u * span));
        return ParameterValue(static_cast<std::int64_t>(v));
    }
    return ParameterValue(axis.low + u * (axis.high - axis.low));
}

SweepPoint make_point(const Scenario& base, const SweepSpec& spec, std::size_t index,
                      std::vector<ParameterValue> values) {
    SweepPoint p;
    p.scenario = base;
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
        find_parameter(spec.axes[a].key)->set(p.scenario, values[a]);
    }
    p.scenario.name = point_name(base.name, index);
    p.index = index;
    p.values = std::move(values);
    return p;
}

}  // namespace

std::string point_name(const std::string& name, std::size_t i) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "_p%04zu", i);
    return name + suffix;
}

std::string value_text(const ParameterValue& value) {
    if (const auto* x = std::get_if<double>(&value)) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", *x);
        return text;
    }
    if (const auto* n = std::get_if<std::int64_t>(&value)) return std::to_string(*n);
    if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
    return std::get<std::string>(value);
}

std::vector<std::string> point_labels(const std::string& sweep,
                                      const std::vector<std::string>& keys,
                                      const std::vector<std::vector<std::string>>& columns,
                                      const std::vector<std::string>& groups) {
    // Keys by their last part when no two share it.
    std::vector<std::string> shown;
    shown.reserve(keys.size());
    for (const auto& key : keys) shown.push_back(key.substr(key.rfind('.') + 1));
    for (std::size_t a = 0; a < shown.size(); ++a) {
        if (std::count(shown.begin(), shown.end(), shown[a]) > 1) {
            shown = keys;
            break;
        }
    }
    std::vector<std::string> labels;
    labels.reserve(groups.size());
    std::map<std::string, std::size_t> count;
    for (std::size_t p = 0; p < groups.size(); ++p) {
        std::string label = sweep + "[";
        for (std::size_t a = 0; a < keys.size(); ++a) {
            label += (a ? ", " : "") + shown[a] + "=" + columns[a].at(p);
        }
        labels.push_back(label + "]");
        ++count[labels.back()];
    }
    std::vector<std::string> out = labels;
    for (std::size_t p = 0; p < labels.size(); ++p) {
        if (count[labels[p]] > 1) {
            out[p] += " (" + groups[p] + ")";
        }
    }
    return out;
}

std::uint64_t sweep_point_count(const SweepSpec& spec) {
    const auto d = static_cast<std::uint64_t>(spec.axes.size());
    const auto samples = static_cast<std::uint64_t>(std::max<std::int64_t>(spec.samples, 0));
    switch (spec.design) {
        case SweepDesign::none: return 1;
        case SweepDesign::grid: {
            std::uint64_t n = 1;
            for (const auto& axis : spec.axes) n = saturating_product(n, axis.values.size());
            return n;
        }
        case SweepDesign::latin_hypercube: return samples;
        case SweepDesign::saltelli: return saturating_product(samples, d + 2);
        case SweepDesign::table: return spec.axes.empty() ? 0 : spec.axes.front().values.size();
    }
    return 1;
}

std::vector<SweepPoint> expand_sweep(const Scenario& base, const SweepSpec& spec) {
    std::vector<SweepPoint> points;
    const std::size_t d = spec.axes.size();
    switch (spec.design) {
        case SweepDesign::none: {
            SweepPoint p;
            p.scenario = base;
            points.push_back(std::move(p));
            break;
        }
        case SweepDesign::grid: {
            // Every combination; the first key varies slowest.
            std::vector<std::size_t> at(d, 0);
            for (bool more = true; more;) {
                std::vector<ParameterValue> values;
                for (std::size_t a = 0; a < d; ++a) values.push_back(spec.axes[a].values[at[a]]);
                points.push_back(make_point(base, spec, points.size(), std::move(values)));
                more = false;
                for (std::size_t a = d; a-- > 0;) {
                    if (++at[a] < spec.axes[a].values.size()) {
                        more = true;
                        break;
                    }
                    at[a] = 0;
                }
            }
            break;
        }
        case SweepDesign::table: {
            // Point i: the i-th value of every list (the loader checks that
            // the lists are of one length).
            const std::size_t n = spec.axes.empty() ? 0 : spec.axes.front().values.size();
            for (std::size_t i = 0; i < n; ++i) {
                std::vector<ParameterValue> values;
                for (std::size_t a = 0; a < d; ++a) values.push_back(spec.axes[a].values.at(i));
                points.push_back(make_point(base, spec, i, std::move(values)));
            }
            break;
        }
        case SweepDesign::latin_hypercube: {
            const UnitPoints unit =
                latin_hypercube(static_cast<std::size_t>(spec.samples), d, StreamKey{base.seed, 0});
            for (const auto& u : unit) {
                std::vector<ParameterValue> values;
                for (std::size_t a = 0; a < d; ++a) {
                    values.push_back(
                        value_at(*find_parameter(spec.axes[a].key), spec.axes[a], u[a]));
                }
                points.push_back(make_point(base, spec, points.size(), std::move(values)));
            }
            break;
        }
        case SweepDesign::saltelli: {
            const SaltelliDesign design = saltelli(static_cast<std::size_t>(spec.samples), d);
            for (std::size_t i = 0; i < design.points.size(); ++i) {
                std::vector<ParameterValue> values;
                for (std::size_t a = 0; a < d; ++a) {
                    values.push_back(value_at(*find_parameter(spec.axes[a].key), spec.axes[a],
                                              design.points[i][a]));
                }
                SweepPoint p = make_point(base, spec, points.size(), std::move(values));
                p.saltelli_matrix = design.matrix[i];
                p.saltelli_column = design.column[i];
                p.saltelli_row = design.row[i];
                points.push_back(std::move(p));
            }
            break;
        }
    }
    return points;
}

}  // namespace havens
