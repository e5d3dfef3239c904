#include "jobs/intervention_check.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "model/interventions.hpp"
#include "scenario/sweep.hpp"

namespace havens {

namespace {

[[noreturn]] void refuse(const LoadedScenario& loaded, const SweepPoint& point,
                         const InterventionProblem& problem) {
    const std::string in_point =
        point.values.empty() ? "" : " (in sweep point " + point.scenario.name + ")";
    for (const auto& axis : loaded.sweep.axes) {
        if (axis.key != problem.key) continue;
        for (const char* table : {"sweep.values.", "sweep.ranges."}) {
            if (const int line = line_of_key(loaded, table + problem.key); line > 0) {
                throw InputError(loaded.path, line, table + problem.key,
                                 problem.message + in_point);
            }
        }
    }
    refuse_key(loaded, problem.key, problem.message + in_point);
}

}  // namespace

void check_interventions(const World& world, const std::vector<LoadedScenario>& loaded) {
    for (const auto& l : loaded) {
        // Only a point with interventions can have a problem with them.
        const bool swept = std::any_of(l.sweep.axes.begin(), l.sweep.axes.end(), [](const auto& a) {
            return a.key.rfind("interventions.", 0) == 0;
        });
        if (l.scenario.interventions.empty() && !swept) continue;
        for (const auto& point : expand_sweep(l.scenario, l.sweep)) {
            const auto problems = intervention_problems(world, point.scenario);
            if (!problems.empty()) refuse(l, point, problems.front());
        }
    }
}

}  // namespace havens
