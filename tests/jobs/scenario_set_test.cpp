// The scenario files of one job: names distinct, one world between them
// judged by what its files hold, and a provenance that records every file.
#include "jobs/scenario_set.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

std::string with_shipped_world(const testing::TempDir& dir, const std::string& name) {
    return dir.write(name + ".toml",
                     "name = \"" + name + "\"\n[world]\n" + testing::shipped_world_keys());
}

// A scenario in `folder` whose world is a copy of the shipped data beside it.
std::string with_copied_world(const testing::TempDir& dir, const std::string& folder,
                              const std::string& name) {
    std::filesystem::create_directories(dir.path(folder));
    std::filesystem::copy(std::string(HAVENS_SCENARIOS_DIR) + "/data", dir.path(folder + "/data"),
                          std::filesystem::copy_options::recursive);
    return dir.write(folder + "/" + name + ".toml", "name = \"" + name + "\"\n");
}

TEST(ScenarioSet, OverridesReachEveryFile) {
    testing::TempDir dir;
    const auto loaded = load_scenario_set(
        {with_shipped_world(dir, "a"), with_shipped_world(dir, "b")}, {"months=7", "seed=3"});
    ASSERT_EQ(loaded.size(), 2U);
    for (const auto& l : loaded) {
        EXPECT_EQ(l.scenario.months, 7);
        EXPECT_EQ(l.scenario.seed, 3U);
    }
}

TEST(ScenarioSet, ANameUsedTwiceIsRefusedNamingBothFiles) {
    testing::TempDir dir;
    const auto first = with_shipped_world(dir, "a");
    const auto second =
        dir.write("other/a.toml", "name = \"a\"\n[world]\n" + testing::shipped_world_keys());
    testing::expect_error_mentions<InputError>(
        [&] {
            load_scenario_set({first, second}, {});
        },
        {second + ":1: name: scenario name 'a' is already used by " + first});
}

TEST(ScenarioSet, ACopyOfTheWorldElsewhereIsTheSameWorld) {
    testing::TempDir dir;
    const auto loaded =
        load_scenario_set({with_shipped_world(dir, "a"), with_copied_world(dir, "copy", "b")}, {});
    EXPECT_EQ(loaded.size(), 2U);
    EXPECT_NE(loaded[0].scenario.world.states, loaded[1].scenario.world.states);
}

TEST(ScenarioSet, ADataFileThatDiffersByOneByteIsAnotherWorld) {
    testing::TempDir dir;
    const auto copy = with_copied_world(dir, "copy", "b");
    std::ofstream(dir.path("copy/data/speech_reservations.csv"), std::ios::app) << "\n";
    const auto first = with_shipped_world(dir, "a");
    testing::expect_error_mentions<InputError>(
        [&] {
            load_scenario_set({first, copy}, {});
        },
        {copy, "world", "must share the world of " + first});
}

TEST(ScenarioSet, AParameterThatBuildsTheWorldDiffersIsAnotherWorld) {
    testing::TempDir dir;
    const auto a = load_scenario(with_shipped_world(dir, "a"), {});
    const auto b = load_scenario(with_shipped_world(dir, "b"), {"world.peer_min_rule_of_law=0.6"});
    EXPECT_TRUE(same_world_content(a.scenario.world, a.scenario.world));
    EXPECT_FALSE(same_world_content(a.scenario.world, b.scenario.world));
}

TEST(ScenarioSet, TheProvenanceHoldsEveryFileUnderItsPathAndEveryConfiguration) {
    testing::TempDir dir;
    const auto a = with_shipped_world(dir, "a");
    const auto b = with_shipped_world(dir, "b");
    const auto loaded = load_scenario_set({a, b}, {});
    const Provenance p = provenance_of(loaded, "havens run a b");
    EXPECT_NE(p.scenario_toml.find("# --- " + a + "\n"), std::string::npos);
    EXPECT_NE(p.scenario_toml.find("# --- " + b + "\n"), std::string::npos);
    const auto config = nlohmann::json::parse(p.config_json);
    EXPECT_TRUE(config.contains("a") && config.contains("b"));
    // One file: its text as read and its configuration, with nothing around them.
    const Provenance one = provenance_of({loaded[0]}, "havens run a");
    EXPECT_EQ(one.scenario_toml, loaded[0].text);
    EXPECT_EQ(nlohmann::json::parse(one.config_json)["name"], "a");
}

}  // namespace
}  // namespace havens
