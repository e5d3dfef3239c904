#include "io/world_data.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

using testing::expect_error_mentions;

const std::string header =
    "iso3,name,un_region,vote_res_74_247,budapest_party,uncc_signatory,uncc_sign_date,"
    "uncc_ratified,uncc_ratified_date,fh_score,fh_status,fh_pr,fh_cl\n";

std::string row(const std::string& iso3, const std::string& tail =
                "African,yes,0,1,2025-10-25,0,,40,Partly Free,15,25") {
    return iso3 + ",Name " + iso3 + "," + tail + "\n";
}

TEST(LoadStates, TheDefaultWorldLoads) {
    const StateTable s = load_states(std::string(HAVENS_SCENARIOS_DIR) + "/data/states.csv", 193);
    ASSERT_EQ(s.size(), 193u);
    const auto qat = std::find(s.iso3.begin(), s.iso3.end(), "QAT") - s.iso3.begin();
    EXPECT_EQ(s.observed_deposit_month[qat], 4);  // February 2026
    const auto can = std::find(s.iso3.begin(), s.iso3.end(), "CAN") - s.iso3.begin();
    EXPECT_EQ(s.signed_month[can], 9);  // July 2026
    // Azerbaijan's and Viet Nam's deposits are 'unknown': not observed events.
    const auto aze = std::find(s.iso3.begin(), s.iso3.end(), "AZE") - s.iso3.begin();
    EXPECT_EQ(s.observed_deposit_month[aze], never);
    int signatories = 0;
    for (Month m : s.signed_month) signatories += m != never;
    EXPECT_EQ(signatories, 73);
    for (std::size_t i = 0; i < s.size(); ++i) {
        EXPECT_GE(s.repression[i], 0.0);
        EXPECT_LE(s.repression[i], 1.0);
        EXPECT_GE(s.rule_of_law[i], 0.0);
        EXPECT_LE(s.rule_of_law[i], 1.0);
    }
}

TEST(LoadStates, RowCountIsChecked) {
    testing::TempDir dir;
    const auto path = dir.write("s.csv", header + row("AAA") + row("BBB"));
    EXPECT_EQ(load_states(path, 2).size(), 2u);
    expect_error_mentions<InputError>([&] { load_states(path, 193); },
                                      {path, "expected 193 states, got 2"});
}

TEST(LoadStates, DuplicateCodeNamesLineAndColumn) {
    testing::TempDir dir;
    const auto path = dir.write("s.csv", header + row("AAA") + row("AAA"));
    expect_error_mentions<InputError>([&] { load_states(path, 0); }, {path + ":3", "iso3", "duplicate"});
}

TEST(LoadStates, OutOfRangeScoreNamesLineAndColumn) {
    testing::TempDir dir;
    const auto path = dir.write(
        "s.csv", header + row("AAA") + row("BBB", "African,yes,0,1,2025-10-25,0,,140,Free,15,25"));
    expect_error_mentions<InputError>([&] { load_states(path, 0); },
                                      {path + ":3", "fh_score", "[0, 100]", "'140'"});
}

TEST(LoadStates, UnknownCategoryNamesLineAndColumn) {
    testing::TempDir dir;
    const auto path = dir.write(
        "s.csv", header + row("AAA", "Atlantis,yes,0,1,2025-10-25,0,,40,Free,15,25"));
    expect_error_mentions<InputError>([&] { load_states(path, 0); },
                                      {path + ":2", "un_region", "'Atlantis'"});
    const auto vote = dir.write(
        "v.csv", header + row("AAA", "African,maybe,0,1,2025-10-25,0,,40,Free,15,25"));
    expect_error_mentions<InputError>([&] { load_states(vote, 0); },
                                      {vote + ":2", "vote_res_74_247", "'maybe'"});
}

TEST(LoadStates, MissingColumnAndRaggedRowAreErrors) {
    testing::TempDir dir;
    const auto missing = dir.write("m.csv", "iso3,name\nAAA,A\n");
    expect_error_mentions<InputError>([&] { load_states(missing, 0); }, {missing, "un_region", "missing"});
    const auto ragged = dir.write("r.csv", header + "AAA,A,African\n");
    expect_error_mentions<InputError>([&] { load_states(ragged, 0); }, {ragged + ":2", "fields"});
    expect_error_mentions<InputError>([&] { load_states(dir.path("none.csv"), 0); },
                                      {"none.csv", "cannot open"});
}

TEST(LoadStates, UnknownValuesTakeDocumentedDefaults) {
    testing::TempDir dir;
    const auto path = dir.write(
        "s.csv", header + row("AAA", "African,yes,0,1,2025-10-25,0,,20,Not Free,5,15") +
                     row("BBB", "African,yes,0,1,2025-10-25,0,,60,Partly Free,25,35") +
                     row("CCC", "African,unknown,unknown,unknown,,unknown,,unknown,unknown,unknown,unknown"));
    const StateTable s = load_states(path, 0);
    EXPECT_EQ(s.stance[2], Stance::absent);
    EXPECT_EQ(s.budapest_party[2], 0);
    EXPECT_EQ(s.signed_month[2], never);
    EXPECT_DOUBLE_EQ(s.fh_score[2], 40.0);  // median of its regional group
    EXPECT_DOUBLE_EQ(s.repression[2], 0.6);
    EXPECT_DOUBLE_EQ(s.rule_of_law[2], 0.4);  // no civil-liberties score: the total's share
    EXPECT_DOUBLE_EQ(s.rule_of_law[0], 15.0 / 60.0);
}

TEST(LoadStates, RuleOfLawColumnOverridesTheDefault) {
    testing::TempDir dir;
    const auto path = dir.write(
        "s.csv", "iso3,name,un_region,vote_res_74_247,budapest_party,uncc_signatory,uncc_sign_date,"
                 "uncc_ratified,uncc_ratified_date,fh_score,fh_status,fh_pr,fh_cl,rule_of_law\n"
                 "AAA,A,African,yes,0,0,,0,,40,Partly Free,15,25,0.9\n"
                 "BBB,B,African,yes,0,0,,0,,40,Partly Free,15,25,\n");
    const StateTable s = load_states(path, 0);
    EXPECT_DOUBLE_EQ(s.rule_of_law[0], 0.9);
    EXPECT_DOUBLE_EQ(s.rule_of_law[1], 25.0 / 60.0);
}

TEST(LoadBlocs, UnknownStateIsAnError) {
    testing::TempDir dir;
    const StateTable s = load_states(dir.write("s.csv", header + row("AAA") + row("BBB")), 0);
    const Blocs ok = load_blocs(dir.write("b.csv", "# comment\nbloc,iso3\nx,AAA\nx,BBB\n"), s);
    ASSERT_EQ(ok.members.size(), 1u);
    EXPECT_EQ(ok.members[0].size(), 2u);
    const auto bad = dir.write("bad.csv", "bloc,iso3\nx,AAA\nx,ZZZ\n");
    expect_error_mentions<InputError>([&] { load_blocs(bad, s); }, {bad + ":3", "iso3", "'ZZZ'"});
}

TEST(MonthOfDate, CountsFromOctober2025) {
    EXPECT_EQ(month_of_date("2025-10-25"), 0);
    EXPECT_EQ(month_of_date("2026-02"), 4);
    EXPECT_EQ(month_of_date("2025-11/2026-01 (exact date not seen)"), 1);
    EXPECT_FALSE(month_of_date("soon").has_value());
    EXPECT_FALSE(month_of_date("2026-13").has_value());
}

}  // namespace
}  // namespace havens
