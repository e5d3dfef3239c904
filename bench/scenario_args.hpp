// The command line the scenario benchmarks share: [SCENARIO] [REPEATS]
// [--set KEY=VALUE ...], the shipped baseline by default.
#pragma once

#include <string>
#include <vector>

namespace havens::bench {

struct ScenarioArgs {
    std::string path = std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml";
    int repeats = 0;
    std::vector<std::string> overrides;
};

inline ScenarioArgs scenario_args(int argc, char** argv, int default_repeats) {
    ScenarioArgs a;
    a.repeats = default_repeats;
    int positional = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--set" && i + 1 < argc) {
            a.overrides.push_back(argv[++i]);
        } else if (positional++ == 0) {
            a.path = arg;
        } else {
            a.repeats = std::stoi(arg);
        }
    }
    return a;
}

}  // namespace havens::bench
