// Per-state interventions and scenarios saved anywhere, as a user meets
// them: the real binary, scenario files in an empty folder, the result file.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/h5/file.hpp"
#include "support/run_havens.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

using testing::Outcome;

Outcome havens(const testing::TempDir& dir, const std::string& args) {
    return testing::run_havens(dir, args);
}

// A small point run in a folder with no data beside it.
const std::string small = "months = 36\nreplicates = 2\n[world]\nexiles = 2000\n";

void expect_one_line(const Outcome& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.err, "havens: error: " + message + "\n");
}

TEST(CliData, AScenarioInAnEmptyFolderRunsOnTheShippedDataAndRecordsItByContent) {
    testing::TempDir dir;
    const auto file = dir.write("alone.toml", small);
    const auto r = havens(dir, "run " + file + " --quiet -o " + dir.path("alone.h5"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto f = h5::open_file(dir.path("alone.h5"));
    const auto data = nlohmann::json::parse(f.string_attribute("world_data"));
    ASSERT_TRUE(data.contains("world.states"));
    EXPECT_EQ(std::filesystem::path(data["world.states"]["file"].get<std::string>()),
              std::filesystem::path(HAVENS_SCENARIOS_DIR) / "data" / "states.csv");
    EXPECT_EQ(data["world.states"]["fingerprint"].get<std::string>().size(), 16u);
    EXPECT_EQ(data.size(), 18u);
}

TEST(CliData, ANamedDataFolderIsUsedAndAMissingOneIsOneLine) {
    testing::TempDir dir;
    std::filesystem::create_directory(dir.path("mine"));
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(HAVENS_SCENARIOS_DIR) + "/data")) {
        if (entry.path().extension() == ".csv") {
            std::filesystem::copy_file(entry.path(),
                                       dir.path("mine") + "/" + entry.path().filename().string());
        }
    }
    const auto file = dir.write("mine.toml",
                                "months = 12\nreplicates = 1\n[world]\nexiles = "
                                "2000\ndata = \"mine\"\n");
    const auto ok = havens(dir, "validate " + file);
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    const auto missing = dir.write("missing.toml", "months = 12\n[world]\ndata = \"nowhere\"\n");
    expect_one_line(havens(dir, "validate " + missing),
                    missing + ":3: world.data: no such folder '" + dir.path("nowhere") + "'");
}

TEST(CliInterventions, AreCheckedAgainstTheWorldWithFileLineAndKey) {
    testing::TempDir dir;
    const auto unknown = dir.write("unknown.toml", small +
                                                       "[interventions]\nnever_ratify = "
                                                       "[\"USA\", \"XYZ\"]\n");
    expect_one_line(havens(dir, "validate " + unknown),
                    unknown +
                        ":6: interventions.never_ratify: no state or bloc 'XYZ' (an ISO 3166 "
                        "alpha-3 code from the states file, or a bloc name from the blocs file)");
    const auto late = dir.write("late.toml", small + "[interventions.ratify]\nIND = 40\n");
    expect_one_line(havens(dir, "run " + late + " --quiet -o " + dir.path("late.h5")),
                    late + ":6: interventions.ratify.IND: month 40 is outside the run (0 to 35)");
    EXPECT_FALSE(std::filesystem::exists(dir.path("late.h5")));
    EXPECT_FALSE(std::filesystem::exists(dir.path("late.h5.partial")));
    const auto record =
        dir.write("record.toml", small + "[interventions]\nnever_ratify = \"QAT\"\n");
    const auto r = havens(dir, "validate " + record);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(record + ":6: interventions.never_ratify: contradicts the record: QAT "
                                  "deposited in month"),
              std::string::npos)
        << r.err;
    // A sweep's point that contradicts the record is named by its axis' line.
    const auto swept = dir.write("swept.toml", small +
                                                   "[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
                                                   "\"interventions.never_ratify\" = [\"USA\", "
                                                   "\"QAT\"]\n");
    const auto s = havens(dir, "validate " + swept);
    EXPECT_EQ(s.exit_code, 2);
    EXPECT_NE(s.err.find(swept + ":8: sweep.values.interventions.never_ratify: contradicts the "
                                 "record"),
              std::string::npos)
        << s.err;
    const auto flag = havens(
        dir, "validate " + dir.write("plain.toml", small) + " --set interventions.denounce.ABC=12");
    expect_one_line(flag,
                    "--set: interventions.denounce.ABC: no state or bloc 'ABC' (an ISO 3166 "
                    "alpha-3 code from the states file, or a bloc name from the blocs "
                    "file)");
}

TEST(CliInterventions, AreStoredWithTheScenariosOptions) {
    testing::TempDir dir;
    const auto file = dir.write("india.toml", small +
                                                  "[interventions]\nnever_ratify = [\"USA\", "
                                                  "\"eu\"]\nratify.IND = 18\n");
    const auto r = havens(dir, "run " + file + " --quiet -o " + dir.path("india.h5"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto group = h5::open_file(dir.path("india.h5")).open_group("scenarios/india");
    EXPECT_EQ(group.string_attribute("interventions.never_ratify"), "USA eu");
    EXPECT_EQ(group.integer_attribute("interventions.ratify.IND"), 18);
    const auto config = nlohmann::json::parse(group.string_attribute("config_json"));
    EXPECT_EQ(config["interventions"]["ratify"]["IND"], 18);
}

}  // namespace
}  // namespace havens
