#include "io/relations_data.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "io/world_data.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

using testing::expect_error_mentions;

const std::string data_dir = std::string(HAVENS_SCENARIOS_DIR) + "/data/";

// A world of AAA, BBB and CCC.
StateTable tiny_states(const testing::TempDir& dir) {
    std::string text =
        "iso3,name,un_region,vote_res_74_247,budapest_party,uncc_signatory,uncc_sign_date,"
        "uncc_ratified,uncc_ratified_date,fh_score,fh_status,fh_pr,fh_cl\n";
    for (const char* code : {"AAA", "BBB", "CCC"}) {
        text += std::string(code) + ",Name,African,yes,0,0,,0,,40,Partly Free,15,25\n";
    }
    return load_states(dir.write("s.csv", text), 0);
}

const std::string relations_header = "a,b,relation,from,until,source\n";

TEST(LoadHostileRelations, ReadsDatedPeriodsAnOpenEndIsOngoing) {
    testing::TempDir dir;
    const StateTable s = tiny_states(dir);
    const auto periods = load_hostile_relations(
        dir.write("h.csv", relations_header + "AAA,BBB,war,2022-02-24,,x\n"
                                              "BBB,CCC,severed,2012-03,2026-01-15,x\n"),
        s);
    ASSERT_EQ(periods.size(), 2u);
    EXPECT_EQ(periods[0].from, month_of_date("2022-02").value());
    EXPECT_EQ(periods[0].until, ongoing);
    EXPECT_EQ(periods[1].until, 3);  // January 2026
    const Relations r(s.size(), periods, {});
    EXPECT_TRUE(r.hostile(0, 1, 0));
    EXPECT_TRUE(r.hostile(1, 0, 200));
    EXPECT_TRUE(r.hostile(2, 1, 2));
    EXPECT_FALSE(r.hostile(2, 1, 3));
    EXPECT_FALSE(r.hostile(0, 2, 0));
    // The epoch moves exactly at the dates a state's relations change.
    EXPECT_EQ(r.epoch(2, 2), r.epoch(2, 0));
    EXPECT_NE(r.epoch(2, 3), r.epoch(2, 2));
    EXPECT_EQ(r.epoch(0, 3), r.epoch(0, 200));
}

TEST(LoadHostileRelations, BadRowsNameTheFileLineAndColumn) {
    testing::TempDir dir;
    const StateTable s = tiny_states(dir);
    const auto bad = [&](const std::string& rows, std::initializer_list<std::string> parts) {
        const std::string path = dir.write("bad.csv", relations_header + rows);
        expect_error_mentions<InputError>([&] { load_hostile_relations(path, s); }, parts);
    };
    bad("AAA,AAA,war,2022-02,,x\n", {"bad.csv", ":2", "b", "itself"});
    bad("AAA,ZZZ,war,2022-02,,x\n", {":2", "b", "ZZZ"});
    bad("AAA,BBB,feud,2022-02,,x\n", {":2", "relation", "feud"});
    bad("AAA,BBB,war,02/2022,,x\n", {":2", "from", "YYYY-MM"});
    bad("AAA,BBB,war,2022-02,2021-01,x\n", {":2", "until", "not after"});
    bad("AAA,BBB,war,2022-02,,x\nBBB,AAA,severed,2023-01,,x\n", {":3", "from", "line 2"});
}

TEST(LoadInterpolMeasures, ReadsMeasuresAndRefusesOverlaps) {
    testing::TempDir dir;
    const StateTable s = tiny_states(dir);
    const std::string header = "iso3,measure,charges,from,until,source\n";
    const auto measures = load_interpol_measures(
        dir.write("m.csv", header + "AAA,heightened_review,all,2022-03-10,,x\n"
                                    "BBB,refuse_movement,terrorism_extremism,2016-07,,x\n"),
        s);
    ASSERT_EQ(measures.size(), 2u);
    const Relations r(s.size(), {}, measures);
    EXPECT_NE(r.measure(0, InterpolMeasureKind::heightened_review, 0), nullptr);
    EXPECT_EQ(r.measure(0, InterpolMeasureKind::refuse_movement, 0), nullptr);
    EXPECT_TRUE(r.measure(1, InterpolMeasureKind::refuse_movement, 0)->terrorism_only);
    EXPECT_FALSE(r.any_measure(2, 0));
    const std::string twice = dir.write("twice.csv", header +
                                                         "AAA,heightened_review,all,2022-03,,x\n"
                                                         "AAA,heightened_review,all,2023-03,,x\n");
    expect_error_mentions<InputError>([&] { load_interpol_measures(twice, s); },
                                      {"twice.csv", ":3", "from", "overlapping"});
    const std::string charge =
        dir.write("charge.csv", header + "AAA,heightened_review,some,2022-03,,x\n");
    expect_error_mentions<InputError>([&] { load_interpol_measures(charge, s); },
                                      {":2", "charges", "some"});
}

TEST(LoadVisaAccess, ListedPairsHaveAccessOthersNeedAVisa) {
    testing::TempDir dir;
    const StateTable s = tiny_states(dir);
    const std::string header = "passport,destination,access\n";
    const auto v =
        load_visa_access(dir.write("v.csv", header + "AAA,BBB,visa_free\nCCC,AAA,eta\n"), s);
    EXPECT_EQ(v[0 * 3 + 1], 1);
    EXPECT_EQ(v[1 * 3 + 0], 0);  // access is not symmetric
    EXPECT_EQ(v[2 * 3 + 0], 1);
    EXPECT_EQ(v[1 * 3 + 1], 1);  // one's own state
    const std::string twice = dir.write("t.csv", header + "AAA,BBB,eta\nAAA,BBB,visa_free\n");
    expect_error_mentions<InputError>([&] { load_visa_access(twice, s); },
                                      {"t.csv", ":3", "destination", "line 2"});
    const std::string kind = dir.write("k.csv", header + "AAA,BBB,e_visa\n");
    expect_error_mentions<InputError>([&] { load_visa_access(kind, s); },
                                      {":2", "access", "e_visa"});
}

// The shipped files load against the 193 states.
TEST(LoadRelationsData, TheShippedFilesLoad) {
    const StateTable s = load_states(data_dir + "states.csv", 193);
    const auto periods = load_hostile_relations(data_dir + "hostile_relations.csv", s);
    EXPECT_GE(periods.size(), 20u);
    const auto measures = load_interpol_measures(data_dir + "interpol_measures.csv", s);
    EXPECT_GE(measures.size(), 1u);
    const auto visa = load_visa_access(data_dir + "visa_access.csv", s);
    std::size_t access = 0;
    for (auto x : visa) access += x;
    EXPECT_GT(access, 10'000u);
}

}  // namespace
}  // namespace havens
