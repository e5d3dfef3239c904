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
const ParameterSpec* find_parameter(std::string_view key);

// Checks a value against a spec; returns an empty string when it fits, else
// what was expected (the tail of the one-line error message).
std::string check_value(const ParameterSpec& spec, const ParameterValue& value);

std::string describe_value(const ParameterValue& value);

// Markdown table of every key with its default (docs/SCENARIOS.md).
std::string parameter_reference_markdown();

}  // namespace havens
