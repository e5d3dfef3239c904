// The summary statistics a calibration target can name: each computed from
// one replicate's result, the world and the scenario it ran. A statistic
// that does not exist in a replicate (a protocol share where no protocol was
// adopted) is NaN; the distance leaves it out (calibration/distance.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/replicate_result.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

// What a statistic's argument is: a month of the run, a number of parties,
// or the population the model's exiles stand for (to scale their counts).
enum class StatisticArgument { none, month, count, population };

struct StatisticSpec {
    std::string_view name;
    StatisticArgument argument = StatisticArgument::none;
    std::string_view unit;
    std::string_view meaning;
    bool needs_request_log = false;  // computed from the per-request event log
};

const std::vector<StatisticSpec>& statistic_table();
const StatisticSpec* find_statistic(std::string_view name);

// The value of statistic `spec` with its month, count or population `argument`.
double compute_statistic(const StatisticSpec& spec, double argument, const ReplicateResult& result,
                         const World& world, const Scenario& scenario);

// Markdown table of every statistic (docs/CALIBRATION.md).
std::string statistic_reference_markdown();

}  // namespace havens
