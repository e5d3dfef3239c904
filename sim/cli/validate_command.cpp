// `havens validate` over many files: folders and patterns expanded, each file
// checked by the loader of its kind, one line each.
#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "core/errors.hpp"
#include "io/calibration_file.hpp"
#include "io/load_world.hpp"
#include "jobs/intervention_check.hpp"
#include "jobs/size_check.hpp"

namespace havens {

namespace {

bool is_pattern(const std::string& path) { return path.find_first_of("*?[") != std::string::npos; }

// The files an argument names: a folder's *.toml files (sorted), a pattern's
// matches (sorted), else the path itself (its loader says if it is missing).
std::vector<std::string> files_of(const std::string& argument) {
    namespace fs = std::filesystem;
    std::error_code error;
    std::vector<std::string> files;
    if (fs::is_directory(argument, error)) {
        for (const auto& entry : fs::directory_iterator(argument, error)) {
            std::error_code kind;
            if (entry.path().extension() == ".toml" && entry.is_regular_file(kind)) {
                files.push_back(entry.path().string());
            }
        }
        if (error) throw InputError(argument, 0, "", "cannot list the folder: " + error.message());
        if (files.empty()) throw InputError(argument, 0, "", "no .toml files in this folder");
    } else if (is_pattern(argument) && !fs::exists(argument, error)) {
        glob_t found{};
        const int status = ::glob(argument.c_str(), 0, nullptr, &found);
        for (std::size_t i = 0; status == 0 && i < found.gl_pathc; ++i) {
            files.emplace_back(found.gl_pathv[i]);
        }
        ::globfree(&found);
        if (files.empty()) throw InputError(argument, 0, "", "matches no file");
    } else {
        return {argument};
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Loads a calibration file, its scenario and its world, and checks its
// interventions: what `havens calibrate` checks before any work.
std::string check_calibration(const std::string& path, const RunOptions& o) {
    if (!o.overrides.empty() || o.replicates || o.seed || !o.sweeps.empty() || o.design ||
        o.samples) {
        throw InputError(path, 0, "",
                         "a calibration file takes no --set, --replicates, --seed or --sweep (its "
                         "own set = [...] overrides its scenario)");
    }
    const LoadedCalibration c = load_calibration(path);
    const World world = load_world(c.scenario.scenario.world);
    check_calibration_fits(c, world.states.size(), o.threads);
    check_interventions(world, {c.scenario});
    std::size_t fitted = 0;
    for (const auto& t : c.problem.targets) fitted += t.fitted ? 1 : 0;
    std::ostringstream out;
    out << c.problem.parameters.size() << " parameters, " << c.problem.targets.size()
        << " targets (" << fitted << " fitted), scenario " << c.scenario.scenario.name << ", "
        << world.states.size() << " states";
    return out.str();
}

// The error as the line of its file: prefixed with the file unless it names it.
std::string error_line(const std::string& path, const InputError& e) {
    const std::string what = e.what();
    return one_line(what.rfind(path, 0) == 0 ? what : path + ": " + what);
}

}  // namespace

int validate_command(const RunOptions& o) {
    std::vector<std::string> paths;
    bool listed = o.scenarios.size() > 1;  // a folder or a pattern lists files too
    for (const auto& argument : o.scenarios) {
        const auto files = files_of(argument);
        listed = listed || files.size() != 1 || files.front() != argument;
        paths.insert(paths.end(), files.begin(), files.end());
    }
    if (!listed) {
        // One file: as it always was for a scenario, the summary or one error.
        if (!is_calibration_file(paths.front())) return validate_scenarios(o, std::cout);
        const std::string summary = check_calibration(paths.front(), o);  // or throws
        std::cout << paths.front() << ": calibration ok: " << summary << "\n";
        return exit_ok;
    }
    std::size_t failed = 0;
    for (const auto& path : paths) {
        try {
            if (is_calibration_file(path)) {
                check_calibration(path, o);
                std::cout << path << ": calibration ok" << std::endl;
            } else {
                RunOptions one = o;
                one.scenarios = {path};
                std::ostringstream summary;  // the one-file summary: not shown in a list
                validate_scenarios(one, summary);
                std::cout << path << ": scenario ok" << std::endl;
            }
        } catch (const InputError& e) {
            ++failed;
            std::cout << error_line(path, e) << std::endl;
        }
    }
    if (failed == 0) return exit_ok;
    std::cerr << "havens: error: " << failed << " of " << paths.size() << " files "
              << (failed == 1 ? "is" : "are") << " not valid\n";
    return exit_input;
}

}  // namespace havens
