// `havens validate` over many files: a folder, a pattern or a list, each file
// checked as the kind it is (scenario or calibration), one line each.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <vector>

#include "support/run_havens.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

using testing::Outcome;

Outcome havens(const testing::TempDir& dir, const std::string& args) {
    return testing::run_havens(dir, args);
}

const std::string shipped = HAVENS_SCENARIOS_DIR;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The shipped folder's files, sorted, each with the line validate prints for it.
std::vector<std::string> shipped_ok_lines(const std::string& prefix) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(shipped)) {
        if (e.path().extension() == ".toml") names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> lines;
    for (const auto& name : names) {
        lines.push_back(prefix + name +
                        (name == "calibration.toml" ? ": calibration ok" : ": scenario ok"));
    }
    return lines;
}

TEST(CliValidate, TheShippedFolderIsEveryFileOkEachAsItsKind) {
    testing::TempDir dir;
    const auto expected = shipped_ok_lines(shipped + "/");
    ASSERT_GE(expected.size(), 9u);
    for (const std::string& args :
         {shipped, shipped + "/", shipped + "/*.toml", "'" + shipped + "/*.toml'"}) {
        SCOPED_TRACE(args);  // a folder; the shell's expansion; a pattern havens expands
        const auto r = havens(dir, "validate " + args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(lines_of(r.out), expected) << r.out;
    }
}

TEST(CliValidate, EveryFileGetsItsLineAndAnyErrorMakesExitTwo) {
    testing::TempDir dir;
    const std::string world = "[world]\n" + testing::shipped_world_keys();
    dir.write("set/a-good.toml", "months = 12\n" + world);
    dir.write("set/b-typo.toml", "months = 12\n[treaty]\ntreshold = 30\n" + world);
    dir.write("set/c-calibration.toml",
              "scenario = \"" + shipped + "/baseline.toml\"\n[paramters]\n");
    std::string calibration = testing::slurp(shipped + "/calibration.toml");
    const std::string base = "scenario = \"baseline.toml\"";
    ASSERT_NE(calibration.find(base), std::string::npos);
    calibration.replace(calibration.find(base), base.size(),
                        "scenario = \"" + shipped + "/baseline.toml\"");
    dir.write("set/d-calibration.toml", calibration);
    dir.write("set/notes.txt", "not a scenario\n");
    const std::string set = dir.path("set");
    const auto r = havens(dir, "validate " + set);
    EXPECT_EQ(r.exit_code, 2);
    const std::vector<std::string> expected{
        set + "/a-good.toml: scenario ok",
        set + "/b-typo.toml:3: treaty.treshold: unknown key (did you mean 'treaty.threshold'?)",
        set + "/c-calibration.toml:2: paramters: unknown key (did you mean 'parameters'?)",
        set + "/d-calibration.toml: calibration ok",
    };
    EXPECT_EQ(lines_of(r.out), expected) << r.out;
    EXPECT_EQ(r.err, "havens: error: 2 of 4 files are not valid\n");
    // A list of files is the same; a file that is not there is a line of its own.
    const auto listed = havens(dir, "validate " + set + "/a-good.toml " + set + "/missing.toml");
    EXPECT_EQ(listed.exit_code, 2);
    ASSERT_EQ(lines_of(listed.out).size(), 2u) << listed.out;
    EXPECT_EQ(lines_of(listed.out)[0], set + "/a-good.toml: scenario ok");
    EXPECT_EQ(lines_of(listed.out)[1].rfind(set + "/missing.toml: cannot open", 0), 0u)
        << listed.out;
    EXPECT_EQ(listed.err, "havens: error: 1 of 2 files is not valid\n");
}

TEST(CliValidate, OneFileIsAsBeforeAndACalibrationSaysSo) {
    testing::TempDir dir;
    const auto scenario = havens(dir, "validate " + shipped + "/baseline.toml");
    EXPECT_EQ(scenario.exit_code, 0) << scenario.err;
    EXPECT_EQ(scenario.out.rfind(shipped + "/baseline.toml: ok: scenario baseline, 193 states", 0),
              0u)
        << scenario.out;
    const auto calibration = havens(dir, "validate " + shipped + "/calibration.toml");
    EXPECT_EQ(calibration.exit_code, 0) << calibration.err;
    EXPECT_EQ(calibration.out.rfind(shipped + "/calibration.toml: calibration ok: ", 0), 0u)
        << calibration.out;
    EXPECT_NE(calibration.out.find("scenario baseline, 193 states"), std::string::npos);
    const auto flagged = havens(dir, "validate " + shipped + "/calibration.toml --seed 3");
    EXPECT_EQ(flagged.exit_code, 2);
    EXPECT_EQ(flagged.out, "");
    EXPECT_EQ(flagged.err, "havens: error: " + shipped +
                               "/calibration.toml: a calibration file takes no --set, "
                               "--replicates, --seed or --sweep (its own set = [...] overrides "
                               "its scenario)\n");
}

TEST(CliValidate, AFolderWithoutScenariosAndAPatternWithoutMatchesAreErrors) {
    testing::TempDir dir;
    dir.write("empty/readme.txt", "nothing here\n");
    const std::pair<std::string, std::string> cases[] = {
        {dir.path("empty"), dir.path("empty") + ": no .toml files in this folder"},
        {"'" + dir.path("empty") + "/*.toml'", dir.path("empty") + "/*.toml: matches no file"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = havens(dir, "validate " + args);
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err, "havens: error: " + message + "\n");
    }
}

}  // namespace
}  // namespace havens
