// The size check judges every point a sweep makes, not the base scenario
// alone: a sweep that takes world.exiles or exiles.contacts far above the
// file's own value is refused before any work, at the sweep's line.
#include "jobs/size_check.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/saturating.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

const Budget unlimited{saturated, "none", std::nullopt, ""};

LoadedScenario scenario(const testing::TempDir& dir, const std::string& text,
                        const std::vector<std::string>& overrides = {}) {
    const std::string head = "months = 12\n" + text + "\n[world]\n" + testing::shipped_world_keys();
    return load_scenario(dir.write("s.toml", head), overrides);
}

// The refusal's key, line and message; empty if the job fits.
std::string refusal(const LoadedScenario& loaded) {
    try {
        check_fits({loaded}, 193, 1, unlimited);
    } catch (const InputError& e) {
        return e.key() + ":" + std::to_string(e.line()) + ": " + e.what();
    }
    return "";
}

TEST(SizeCheck, ASweptWorldPastTheContactIndexIsRefusedAtItsLine) {
    testing::TempDir dir;
    // The base scenario's 1000 exiles fit; the second point's 10^8 do not.
    const auto grid = scenario(dir,
                               "[exiles]\ncontacts = 64\n[sweep]\ndesign = \"grid\"\n"
                               "[sweep.values]\n\"world.exiles\" = [1000, 100000000]");
    const std::string why = refusal(grid);
    EXPECT_EQ(why.rfind("sweep.values.world.exiles:7: ", 0), 0U) << why;
    EXPECT_NE(why.find("100000000 exiles x 64 contacts (exiles.contacts) make 6400000000"),
              std::string::npos)
        << why;
    EXPECT_EQ(shape_of({grid}, 193, 1).exiles, 100000000U);
    // A Latin hypercube's range reaches its upper end.
    const auto lhs =
        scenario(dir,
                 "[exiles]\ncontacts = 64\n[sweep]\ndesign = \"latin_hypercube\"\n"
                 "samples = 1000000\n[sweep.ranges]\n\"world.exiles\" = [1, 100000000]");
    EXPECT_EQ(refusal(lhs).rfind("sweep.ranges.world.exiles:8: ", 0), 0U) << refusal(lhs);
    // The contacts swept past the base value name the contacts' entry.
    const auto contacts = scenario(dir,
                                   "[sweep]\ndesign = \"grid\"\n[sweep.values]\n"
                                   "\"exiles.contacts\" = [2, 64]\n\"world.exiles\" = [100000000]");
    EXPECT_NE(refusal(contacts).find("6400000000 contact slots"), std::string::npos);
}

TEST(SizeCheck, ATableSweepIsJudgedRowByRow) {
    testing::TempDir dir;
    // Many exiles with few contacts, few with many: no row passes the index.
    const auto paired = scenario(dir,
                                 "[sweep]\ndesign = \"table\"\n[sweep.values]\n"
                                 "\"world.exiles\" = [100000000, 1000]\n"
                                 "\"exiles.contacts\" = [2, 64]");
    EXPECT_EQ(refusal(paired), "");
    const auto crossed = scenario(dir,
                                  "[sweep]\ndesign = \"table\"\n[sweep.values]\n"
                                  "\"world.exiles\" = [1000, 100000000]\n"
                                  "\"exiles.contacts\" = [2, 64]");
    EXPECT_NE(refusal(crossed).find("100000000 exiles x 64 contacts"), std::string::npos)
        << refusal(crossed);
}

TEST(SizeCheck, TheBaseScenarioAloneIsJudgedAsBefore) {
    testing::TempDir dir;
    EXPECT_EQ(refusal(scenario(dir, "[exiles]\ncontacts = 64")), "");
    const auto many = scenario(dir, "[exiles]\ncontacts = 64", {"world.exiles=100000000"});
    EXPECT_EQ(refusal(many).rfind("world.exiles:0: --set: world.exiles: 100000000 exiles x 64", 0),
              0U)
        << refusal(many);
}

}  // namespace
}  // namespace havens
