#include "jobs/scenario_set.hpp"

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "io/data_folder.hpp"
#include "io/input_file.hpp"

namespace havens {

namespace {

// The bytes of a world's data file (a few hundred kB at most).
std::string bytes_of(const std::string& path) {
    return read_input_file(path, "the data file", max_data_file_bytes);
}

}  // namespace

bool same_world_content(const WorldParams& a, WorldParams b) {
    const auto files_a = a.files();
    const auto files_b = b.files();
    for (std::size_t i = 0; i < files_a.size(); ++i) {
        const std::string& path_a = *files_a[i].first;
        std::string& path_b = *files_b[i].first;
        if (path_a != path_b && bytes_of(path_a) == bytes_of(path_b)) {
            path_b = path_a;
        }
    }
    return same_world(a, b);
}

std::vector<LoadedScenario> load_scenario_set(const std::vector<std::string>& paths,
                                              const std::vector<std::string>& overrides) {
    std::vector<LoadedScenario> loaded;
    for (const auto& path : paths) {
        loaded.push_back(load_scenario(path, overrides));
        for (std::size_t i = 0; i + 1 < loaded.size(); ++i) {
            if (loaded[i].scenario.name == loaded.back().scenario.name) {
                refuse_key(loaded.back(), "name",
                           "scenario name '" + loaded.back().scenario.name +
                               "' is already used by " + loaded[i].path);
            }
        }
        if (!same_world_content(loaded.front().scenario.world, loaded.back().scenario.world)) {
            throw InputError(
                path, 0, "world",
                "scenarios in one result file must share the world of " + loaded.front().path);
        }
    }
    return loaded;
}

std::string world_data_json(const WorldParams& world) {
    nlohmann::json data = nlohmann::json::object();
    for (const auto& [file, key] : world.files()) {
        data[key] = {{"file", *file}, {"fingerprint", file_fingerprint(*file)}};
    }
    return data.dump();
}

Provenance provenance_of(const std::vector<LoadedScenario>& loaded,
                         const std::string& command_line) {
    std::string text;
    nlohmann::json config = nlohmann::json::object();
    for (const auto& l : loaded) {
        if (loaded.size() > 1) text += "# --- " + l.path + "\n";
        text += l.text;
        config[l.scenario.name] = scenario_to_json(l.scenario);
    }
    Provenance p =
        make_provenance(command_line, text, (loaded.size() == 1 ? config.front() : config).dump(),
                        loaded.front().scenario.seed);
    p.world_data = world_data_json(loaded.front().scenario.world);
    return p;
}

}  // namespace havens
