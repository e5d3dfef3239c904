// The one list of scenario keys: for each, its type, range or choices, unit,
// default and meaning, and how it reads and writes the Scenario struct. The
// scenario file, --set, the resolved configuration in every result file and
// docs/SCENARIOS.md all derive from it, so they cannot disagree.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/parameters.hpp"

namespace havens {

using ParameterValue = std::variant<std::int64_t, double, bool, std::string>;

enum class ParameterKind { integer, real, boolean, text, choice };

struct ParameterSpec {
    std::string key;  // "treaty.threshold"; top-level keys have no section
    ParameterKind kind = ParameterKind::integer;
    double min = 0;  // integer and real: the inclusive range
    double max = 0;
    std::vector<std::string> choices;  // choice: the allowed strings, in enum order
    std::string unit;
    std::string meaning;
    std::function<ParameterValue(const Scenario&)> get;
    std::function<void(Scenario&, const ParameterValue&)> set;
};

const std::vector<ParameterSpec>& parameter_table();
// The spec of `key`, or null. Besides the table's keys it finds the
// per-state interventions, interventions.ACTION.STATE (a state's ISO code or
// a bloc's name), made as they are first asked for.
const ParameterSpec* find_parameter(std::string_view key);

// The per-state intervention keys a scenario sets, with their values, in a
// fixed order (the table's keys are parameter_table()).
std::vector<std::pair<std::string, ParameterValue>> intervention_entries(const Scenario& scenario);

// Checks a value against a spec; returns an empty string when it fits, else
// what was expected (the tail of the one-line error message).
std::string check_value(const ParameterSpec& spec, const ParameterValue& value);

std::string describe_value(const ParameterValue& value);

// Markdown table of every key with its default (docs/SCENARIOS.md).
std::string parameter_reference_markdown();

}  // namespace havens
