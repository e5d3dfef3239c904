#include "io/scenario_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "scenario/parameter_table.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

using testing::expect_error_mentions;

// A scenario in a temporary folder with the world's data files beside it.
struct ScenarioDir {
    testing::TempDir dir;
    ScenarioDir() {
        for (auto [key, file] : testing::world_files) dir.write(std::string("data/") + file, "x\n");
    }
    std::string write(const std::string& text) { return dir.write("s.toml", text); }
};

TEST(ScenarioFile, TheShippedBaselineLoadsWithItsOptions) {
    const auto loaded = load_scenario(std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml", {});
    const Scenario& s = loaded.scenario;
    EXPECT_EQ(s.name, "baseline");
    EXPECT_EQ(s.months, 240);
    EXPECT_EQ(s.treaty.threshold, 40);
    EXPECT_EQ(s.treaty.reservations, ReservationPolicy::allowed);
    EXPECT_EQ(s.safeguards.scope, Scope::serious_crime);
    EXPECT_NE(loaded.text.find("[treaty]"), std::string::npos);
}

TEST(ScenarioFile, DefaultsFillWhatTheFileLeavesOut) {
    ScenarioDir d;
    const auto loaded = load_scenario(d.write("months = 12\n"), {});
    EXPECT_EQ(loaded.scenario.name, "s");  // the file's stem
    EXPECT_EQ(loaded.scenario.months, 12);
    EXPECT_EQ(loaded.scenario.treaty.threshold, Scenario{}.treaty.threshold);
}

TEST(ScenarioFile, UnknownKeyNamesFileLineAndKey) {
    ScenarioDir d;
    const auto path = d.write("months = 12\n[treaty]\nthreshold = 40\nthreshhold = 41\n");
    expect_error_mentions<InputError>([&] { load_scenario(path, {}); },
                                      {path + ":4", "treaty.threshhold", "unknown key"});
    const auto section = d.write("[tready]\nthreshold = 40\n");
    expect_error_mentions<InputError>([&] { load_scenario(section, {}); },
                                      {section + ":1", "tready", "unknown section"});
}

// Each unknown key or section names the nearest known one when it is close.
TEST(ScenarioFile, UnknownKeysSuggestTheNearestKnownOne) {
    ScenarioDir d;
    const auto typo = d.write("[treaty]\nprotocol_treshold = 60\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(typo, {}); },
        {typo + ":2: treaty.protocol_treshold: unknown key (did you mean "
                "'treaty.protocol_threshold'?)"});
    const auto leaf = d.write("months = 12\nprotocol_threshold = 60\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(leaf, {}); },
        {leaf + ":2: protocol_threshold: unknown key (did you mean 'treaty.protocol_threshold'?)"});
    const auto section = d.write("[tready]\nthreshold = 40\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(section, {}); },
        {section + ":1: tready: unknown section (did you mean 'treaty'?)"});
    const auto axis =
        d.write("[sweep]\ndesign = \"grid\"\n[sweep.values]\n\"treaty.treshold\" = [30, 50]\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(axis, {}); },
        {axis + ":4: sweep.values.treaty.treshold: unknown key (did you mean "
                "'treaty.threshold'?)"});
    const auto sweep = d.write(
        "[sweep]\ndesign = \"latin_hypercube\"\nsample = 4\n[sweep.ranges]\n"
        "\"treaty.threshold\" = [30, 50]\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(sweep, {}); },
        {sweep + ":3: sweep.sample: unknown key (did you mean 'sweep.samples'?)"});
    const auto outcome =
        d.write("replicates = \"auto\"\n[replication.half_width]\nexile_riks = 0.01\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(outcome, {}); },
        {outcome + ":3: replication.half_width.exile_riks: unknown outcome (did you mean "
                   "'exile_risk'?)"});
    const auto fine = d.write("months = 12\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(fine, {"safeguard.scope=narrow"}); },
        {"--set: safeguard.scope: unknown key (did you mean 'safeguards.scope'?)"});
    // Nothing close: the error says so and no more.
    for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
             {"happiness = 1\n", ":1: happiness: unknown key"},
             {"[weather]\nrain = 1\n", ":1: weather: unknown section"}}) {
        const auto far = d.write(text);
        try {
            load_scenario(far, {});
            ADD_FAILURE() << text;
        } catch (const InputError& e) {
            EXPECT_EQ(std::string(e.what()), far + message);
        }
    }
}

TEST(ScenarioFile, WrongTypeNamesFileLineAndKey) {
    ScenarioDir d;
    const auto path = d.write("[treaty]\nthreshold = \"forty\"\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(path, {}); },
        {path + ":2", "treaty.threshold", "expected an integer", "'forty'"});
    const auto array = d.write("\n\nmonths = [1, 2]\n");
    expect_error_mentions<InputError>([&] { load_scenario(array, {}); },
                                      {array + ":3", "months", "expected an integer"});
    const auto choice = d.write("[safeguards]\nscope = 3\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(choice, {}); },
        {choice + ":2", "safeguards.scope", "\"serious_crime\", \"narrow\""});
}

TEST(ScenarioFile, OutOfRangeNamesFileLineAndKey) {
    ScenarioDir d;
    const auto path = d.write("[treaty]\n\nentry_delay_months = 250\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(path, {}); },
        {path + ":3", "treaty.entry_delay_months", "[0, 120]", "got 250"});
    const auto option = d.write("[safeguards]\ndual_criminality = \"sometimes\"\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(option, {}); },
        {option + ":2", "safeguards.dual_criminality", "'sometimes'"});
}

// A range or a value that six significant digits would misstate (2^53 - 1
// printed as 9.0072e+15, which reads as a different number) is written out.
TEST(ScenarioFile, RangesAndValuesAreWrittenWithEveryDigitTheyNeed) {
    ScenarioDir d;
    const auto path = d.write("months = 12\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(path, {"seed=9007199254740993"}); },
        {"--set", "seed", "[0, 9007199254740991]", "got 9007199254740993"});
    expect_error_mentions<InputError>([&] { load_scenario(path, {"world.exiles=100000001"}); },
                                      {"[0, 1e+08]", "got 100000001"});
}

TEST(ScenarioFile, TheConferenceWindowMustNotBeReversed) {
    ScenarioDir d;
    const auto path = d.write("[treaty]\ncosp_first_max_months = 6\ncosp_first_min_months = 9\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(path, {}); },
        {path + ":3", "treaty.cosp_first_min_months", "later than", "(6)"});
}

// The key set last made the pair wrong: it is the one named, at its line.
TEST(ScenarioFile, ACheckBetweenTwoKeysNamesTheLaterOne) {
    ScenarioDir d;
    const auto min_last =
        d.write("[treaty]\ncosp_first_max_months = 6\ncosp_first_min_months = 9\n");
    expect_error_mentions<InputError>([&] { load_scenario(min_last, {}); },
                                      {min_last + ":3: treaty.cosp_first_min_months"});
    const auto max_last =
        d.write("[treaty]\ncosp_first_min_months = 9\ncosp_first_max_months = 6\n");
    expect_error_mentions<InputError>([&] { load_scenario(max_last, {}); },
                                      {max_last + ":3: treaty.cosp_first_max_months"});
    expect_error_mentions<InputError>(
        [&] { load_scenario(min_last, {"treaty.cosp_first_max_months=5"}); },
        {"--set: treaty.cosp_first_max_months"});
    const auto replication = d.write(
        "replicates = \"auto\"\n[replication]\nmax = 4\ninitial = 8\n"
        "[replication.half_width]\nexile_risk = 0.01\n");
    expect_error_mentions<InputError>(
        [&] { load_scenario(replication, {}); },
        {replication + ":4: replication.initial: replication.initial (8) is more than "
                       "replication.max (4)"});
    const auto no_target = d.write("months = 12\nreplicates = \"auto\"\n");
    expect_error_mentions<InputError>([&] { load_scenario(no_target, {}); },
                                      {no_target + ":2: replicates:", "half-width"});
}

TEST(ScenarioFile, SyntaxErrorNamesTheLine) {
    ScenarioDir d;
    const auto path = d.write("months = 12\n[treaty\n");
    expect_error_mentions<InputError>([&] { load_scenario(path, {}); }, {path + ":2"});
}

TEST(ScenarioFile, MissingDataFileNamesTheKey) {
    testing::TempDir dir;
    const auto path = dir.write("s.toml", "[world]\nstates = \"nope.csv\"\n");
    expect_error_mentions<InputError>([&] { load_scenario(path, {}); },
                                      {path + ":2", "world.states", "nope.csv"});
}

TEST(ScenarioFile, ASymbolicLinkLoopAsADataFileNamesTheKey) {
    testing::TempDir dir;
    std::filesystem::create_symlink(dir.path("b.csv"), dir.path("a.csv"));
    std::filesystem::create_symlink(dir.path("a.csv"), dir.path("b.csv"));
    const auto path = dir.write("s.toml", "[world]\nstates = \"a.csv\"\n");
    expect_error_mentions<InputError>([&] { load_scenario(path, {}); },
                                      {path + ":2", "world.states", "a.csv", "symbolic links"});
}

TEST(SetOverride, AppliesWithTheSameChecks) {
    ScenarioDir d;
    const auto path = d.write("[treaty]\nthreshold = 40\n");
    const auto loaded =
        load_scenario(path, {"treaty.threshold=60", "safeguards.scope=narrow",
                             "treaty.enabled=false", "ratification.b_peer=1.5", "name=\"other\""});
    EXPECT_EQ(loaded.scenario.treaty.threshold, 60);
    EXPECT_EQ(loaded.scenario.safeguards.scope, Scope::narrow);
    EXPECT_FALSE(loaded.scenario.treaty.enabled);
    EXPECT_DOUBLE_EQ(loaded.scenario.ratification.b_peer, 1.5);
    EXPECT_EQ(loaded.scenario.name, "other");
    expect_error_mentions<InputError>([&] { load_scenario(path, {"treaty.threshold=0"}); },
                                      {"--set", "treaty.threshold", "[1, 65535]"});
    expect_error_mentions<InputError>([&] { load_scenario(path, {"treaty.nope=1"}); },
                                      {"--set", "treaty.nope", "unknown key"});
    expect_error_mentions<InputError>([&] { load_scenario(path, {"months"}); },
                                      {"--set", "KEY=VALUE"});
    // A value read as a bare word must still be text: it may become the
    // scenario's name, and the result file and its JSON are UTF-8 (found by
    // fuzzing: a name with byte 0x91 reached the JSON writer and aborted).
    expect_error_mentions<InputError>(
        [&] {
            load_scenario(path, {"name= \"obshy\x91\xa0\x87"
                                 "e"});
        },
        {"--set", "name", "not UTF-8 text"});
    // The fuzzer's input held a carriage return too: a line break, refused
    // first (one --set is one line).
    expect_error_mentions<InputError>(
        [&] {
            load_scenario(path, {"name= \"obshy\r\x91\xa0\x87"
                                 "e"});
        },
        {"--set", "name", "one line"});
    EXPECT_EQ(load_scenario(path, {"name=caf\xc3\xa9"}).scenario.name, "caf\xc3\xa9");
}

TEST(ScenarioJson, HoldsEveryKey) {
    const auto json = scenario_to_json(Scenario{});
    for (const auto& spec : parameter_table()) {
        const auto dot = spec.key.find('.');
        if (dot == std::string::npos) {
            EXPECT_TRUE(json.contains(spec.key)) << spec.key;
        } else {
            EXPECT_TRUE(json[spec.key.substr(0, dot)].contains(spec.key.substr(dot + 1)))
                << spec.key;
        }
    }
    EXPECT_EQ(json["treaty"]["threshold"], 40);
    EXPECT_EQ(json["safeguards"]["persecution_ground"], "optional");
}

TEST(ParameterTable, EveryKeyIsDocumented) {
    std::ifstream in(std::string(HAVENS_SOURCE_DIR) + "/docs/SCENARIOS.md");
    ASSERT_TRUE(in) << "docs/SCENARIOS.md is missing";
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& spec : parameter_table()) {
        EXPECT_NE(text.str().find("`" + spec.key + "`"), std::string::npos)
            << spec.key << " is not in docs/SCENARIOS.md";
    }
}

TEST(ParameterTable, DefaultsAreWithinTheirOwnRanges) {
    const Scenario defaults;
    for (const auto& spec : parameter_table()) {
        EXPECT_EQ(check_value(spec, spec.get(defaults)), "") << spec.key;
    }
}

}  // namespace
}  // namespace havens
