#include "io/world_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

using testing::expect_error_mentions;

const std::string header =
    "iso3,name,un_region,vote_res_74_247,budapest_party,uncc_signatory,uncc_sign_date,"
    "uncc_ratified,uncc_ratified_date,fh_score,fh_status,fh_pr,fh_cl\n";

std::string row(const std::string& iso3,
                const std::string& tail = "African,yes,0,1,2025-10-25,0,,40,Partly Free,15,25") {
    return iso3 + ",Name " + iso3 + "," + tail + "\n";
}

const std::string data_dir = std::string(HAVENS_SCENARIOS_DIR) + "/data/";

StateTable default_states() { return load_states(data_dir + "states.csv", 193); }

StateId id_of(const StateTable& s, const std::string& iso3) {
    const auto it = std::find(s.iso3.begin(), s.iso3.end(), iso3);
    EXPECT_NE(it, s.iso3.end()) << iso3;
    return static_cast<StateId>(it - s.iso3.begin());
}

int count_ones(const std::vector<std::uint8_t>& flags) {
    return static_cast<int>(std::count(flags.begin(), flags.end(), 1));
}

// A world of AAA, BBB and CCC for the bad-input tests.
StateTable tiny_states(const testing::TempDir& dir) {
    return load_states(dir.write("s.csv", header + row("AAA") + row("BBB") + row("CCC")), 0);
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
    expect_error_mentions<InputError>([&] { load_states(path, 0); },
                                      {path + ":3", "iso3", "duplicate"});
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
    const auto path =
        dir.write("s.csv", header + row("AAA", "Atlantis,yes,0,1,2025-10-25,0,,40,Free,15,25"));
    expect_error_mentions<InputError>([&] { load_states(path, 0); },
                                      {path + ":2", "un_region", "'Atlantis'"});
    const auto vote =
        dir.write("v.csv", header + row("AAA", "African,maybe,0,1,2025-10-25,0,,40,Free,15,25"));
    expect_error_mentions<InputError>([&] { load_states(vote, 0); },
                                      {vote + ":2", "vote_res_74_247", "'maybe'"});
}

TEST(LoadStates, MissingColumnAndRaggedRowAreErrors) {
    testing::TempDir dir;
    const auto missing = dir.write("m.csv", "iso3,name\nAAA,A\n");
    expect_error_mentions<InputError>([&] { load_states(missing, 0); },
                                      {missing, "un_region", "missing"});
    const auto ragged = dir.write("r.csv", header + "AAA,A,African\n");
    expect_error_mentions<InputError>([&] { load_states(ragged, 0); }, {ragged + ":2", "fields"});
    expect_error_mentions<InputError>([&] { load_states(dir.path("none.csv"), 0); },
                                      {"none.csv", "cannot open"});
}

TEST(LoadStates, UnknownValuesTakeDocumentedDefaults) {
    testing::TempDir dir;
    const auto path = dir.write(
        "s.csv",
        header + row("AAA", "African,yes,0,1,2025-10-25,0,,20,Not Free,5,15") +
            row("BBB", "African,yes,0,1,2025-10-25,0,,60,Partly Free,25,35") +
            row("CCC",
                "African,unknown,unknown,unknown,,unknown,,unknown,unknown,unknown,unknown"));
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
        "s.csv",
        "iso3,name,un_region,vote_res_74_247,budapest_party,uncc_signatory,uncc_sign_date,"
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

TEST(LoadProtectionTreaties, TheDefaultFileHasThePublishedCounts) {
    StateTable s = default_states();
    load_protection_treaties(data_dir + "protection_treaties.csv", s);
    EXPECT_EQ(count_ones(s.refugee_convention), 148);
    EXPECT_EQ(count_ones(s.torture_convention), 171);
    EXPECT_EQ(count_ones(s.echr), 46);
    EXPECT_EQ(count_ones(s.european_extradition), 51);
    const StateId usa = id_of(s, "USA"), rus = id_of(s, "RUS");
    EXPECT_EQ(s.refugee_convention[usa], 1);  // the 1967 Protocol only
    EXPECT_EQ(s.echr[usa], 0);
    EXPECT_EQ(s.echr[rus], 0);  // expelled from the Council of Europe in 2022
    EXPECT_EQ(s.european_extradition[rus], 1);
}

TEST(LoadProtectionTreaties, AbsentStatesKeepZeroAndBadRowsNameLineAndColumn) {
    testing::TempDir dir;
    StateTable s = tiny_states(dir);
    const std::string columns = "iso3,refugee_convention,cat,echr,european_extradition\n";
    load_protection_treaties(dir.write("p.csv", columns + "BBB,1,1,0,1\n"), s);
    EXPECT_EQ(s.refugee_convention[1], 1);
    EXPECT_EQ(s.european_extradition[1], 1);
    EXPECT_EQ(s.refugee_convention[0], 0);
    EXPECT_EQ(s.torture_convention[2], 0);
    const auto unknown = dir.write("u.csv", columns + "AAA,1,1,0,0\nZZZ,1,0,0,0\n");
    expect_error_mentions<InputError>([&] { load_protection_treaties(unknown, s); },
                                      {unknown + ":3", "iso3", "'ZZZ'", "not a state"});
    const auto twice = dir.write("t.csv", columns + "AAA,1,1,0,0\nAAA,1,1,0,0\n");
    expect_error_mentions<InputError>([&] { load_protection_treaties(twice, s); },
                                      {twice + ":3", "iso3", "duplicate"});
    const auto flag = dir.write("f.csv", columns + "AAA,1,2,0,0\n");
    expect_error_mentions<InputError>([&] { load_protection_treaties(flag, s); },
                                      {flag + ":2", "cat", "'2'"});
}

TEST(LoadLegalSystems, TheDefaultFileCodesTheCommonLawStates) {
    StateTable s = default_states();
    load_legal_systems(data_dir + "legal_systems.csv", s);
    EXPECT_EQ(count_ones(s.treaty_required), 60);
    for (const char* code : {"USA", "GBR", "CAN", "AUS", "IND", "ISR", "NLD"}) {
        EXPECT_EQ(s.treaty_required[id_of(s, code)], 1) << code;
    }
    for (const char* code : {"CHN", "RUS", "TUR", "DEU", "FRA", "SAU", "ARE"}) {
        EXPECT_EQ(s.treaty_required[id_of(s, code)], 0) << code;
    }
}

TEST(LoadLegalSystems, ANonFlagNamesLineAndColumn) {
    testing::TempDir dir;
    StateTable s = tiny_states(dir);
    const auto path = dir.write("l.csv", "iso3,treaty_required\nAAA,1\nBBB,yes\n");
    expect_error_mentions<InputError>([&] { load_legal_systems(path, s); },
                                      {path + ":3", "treaty_required", "'yes'"});
}

TEST(LoadRequestVolumes, EmptyCellsStayUnknown) {
    StateTable s = default_states();
    load_request_volumes(data_dir + "request_volumes.csv", s);
    const auto listed = [](const std::vector<double>& v) {
        return std::count_if(v.begin(), v.end(), [](double x) { return !std::isnan(x); });
    };
    EXPECT_EQ(listed(s.requests_google), 91);
    EXPECT_EQ(listed(s.requests_microsoft), 54);
    const StateId ind = id_of(s, "IND"), chn = id_of(s, "CHN");
    EXPECT_DOUBLE_EQ(s.requests_google[ind], 45820);
    EXPECT_TRUE(std::isnan(s.requests_google[chn]));  // Google's services are blocked there
    EXPECT_DOUBLE_EQ(s.requests_microsoft[chn], 23);
}

TEST(LoadRequestVolumes, ANegativeCountNamesLineAndColumn) {
    testing::TempDir dir;
    StateTable s = tiny_states(dir);
    const auto path = dir.write(
        "r.csv", "iso3,google_requests_2023h2,microsoft_requests_2024h1\nAAA,5,\nBBB,-3,1\n");
    expect_error_mentions<InputError>([&] { load_request_volumes(path, s); },
                                      {path + ":3", "google_requests_2023h2", "'-3'"});
}

TEST(LoadExtraditionTreaties, TheDefaultFileHoldsTheEuropeanAndUsNetworks) {
    const StateTable s = default_states();
    const auto pairs = load_state_pairs(data_dir + "extradition_treaties.csv", s);
    EXPECT_EQ(pairs.size(), 1381u);
    const auto has = [&](const std::string& x, const std::string& y) {
        const StateId a = id_of(s, x), b = id_of(s, y);
        return std::any_of(pairs.begin(), pairs.end(), [&](const auto& p) {
            return (p.first == a && p.second == b) || (p.first == b && p.second == a);
        });
    };
    EXPECT_TRUE(has("USA", "CAN"));
    EXPECT_TRUE(has("DEU", "TUR"));
    EXPECT_FALSE(has("USA", "CHN"));
    EXPECT_FALSE(has("RUS", "KAZ"));
}

TEST(LoadExtraditionTreaties, SelfPairsRepeatsAndUnknownCodesNameLineAndColumn) {
    testing::TempDir dir;
    const StateTable s = tiny_states(dir);
    const auto ok = load_state_pairs(dir.write("ok.csv", "a,b\nAAA,BBB\nBBB,CCC\n"), s);
    ASSERT_EQ(ok.size(), 2u);
    EXPECT_EQ(ok[1], (std::pair<StateId, StateId>{1, 2}));
    const auto self = dir.write("self.csv", "a,b\nAAA,AAA\n");
    expect_error_mentions<InputError>([&] { load_state_pairs(self, s); },
                                      {self + ":2", "b", "itself"});
    const auto twice = dir.write("twice.csv", "a,b,year\nAAA,BBB,\nCCC,AAA,\nBBB,AAA,1990\n");
    expect_error_mentions<InputError>([&] { load_state_pairs(twice, s); },
                                      {twice + ":4", "b", "already listed on line 2"});
    const auto unknown = dir.write("unknown.csv", "a,b\nZZZ,BBB\n");
    expect_error_mentions<InputError>([&] { load_state_pairs(unknown, s); },
                                      {unknown + ":2", "a", "'ZZZ'"});
}

TEST(LoadMlaTreaties, TheDefaultFileHoldsRealTreatiesNotTheRuleOfLawProxy) {
    const StateTable s = default_states();
    const auto pairs = load_state_pairs(data_dir + "mla_treaties.csv", s);
    EXPECT_EQ(pairs.size(), 367u);
    const auto has = [&](const std::string& x, const std::string& y) {
        const StateId a = id_of(s, x), b = id_of(s, y);
        return std::any_of(pairs.begin(), pairs.end(), [&](const auto& p) {
            return (p.first == a && p.second == b) || (p.first == b && p.second == a);
        });
    };
    // Treaties between rivals that a rule of law proxy missed.
    EXPECT_TRUE(has("USA", "CHN"));  // agreement of 2000
    EXPECT_TRUE(has("USA", "RUS"));  // treaty of 1999
    EXPECT_TRUE(has("USA", "DEU"));  // EU-US agreement
    EXPECT_TRUE(has("JPN", "FRA"));  // EU-Japan agreement
    EXPECT_FALSE(has("USA", "IRN"));
}

TEST(LoadProviderDisclosure, ReadsAccountRowsOnlyAndChecksTheCounts) {
    const StateTable shipped = [] {
        StateTable t = default_states();
        load_provider_disclosure(data_dir + "provider_disclosure.csv", t);
        return t;
    }();
    const StateId gbr = id_of(shipped, "GBR"), chn = id_of(shipped, "CHN");
    EXPECT_EQ(shipped.disclosure_requests[gbr], 9485);
    EXPECT_EQ(shipped.disclosure_provided[gbr], 7819);
    EXPECT_TRUE(std::isnan(shipped.disclosure_requests[chn]));  // domestic since 2018: left out
    testing::TempDir dir;
    StateTable s = tiny_states(dir);
    const std::string head = "iso3,request_type,requests,requests_data_provided\n";
    load_provider_disclosure(dir.write("ok.csv", head + "AAA,device,9,9\nAAA,account,10,4\n"), s);
    EXPECT_EQ(s.disclosure_requests[0], 10);
    EXPECT_EQ(s.disclosure_provided[0], 4);
    EXPECT_TRUE(std::isnan(s.disclosure_requests[1]));
    const auto twice = dir.write("twice.csv", head + "AAA,account,1,1\nAAA,account,2,1\n");
    expect_error_mentions<InputError>([&] { load_provider_disclosure(twice, s); },
                                      {twice + ":3", "iso3", "twice"});
    const auto more = dir.write("more.csv", head + "BBB,account,3,4\n");
    expect_error_mentions<InputError>([&] { load_provider_disclosure(more, s); },
                                      {more + ":2", "requests_data_provided"});
}

TEST(LoadPlatformShares, EmptyIsNoneAndSharesMustFitInOne) {
    testing::TempDir dir;
    StateTable s = tiny_states(dir);
    const std::string head = "iso3,share_national,share_telegram\n";
    load_platform_shares(dir.write("ok.csv", head + "AAA,0.4,\nBBB,,0.2\n"), s);
    EXPECT_EQ(s.platform_national[0], 0.4);
    EXPECT_EQ(s.platform_telegram[0], 0.0);
    EXPECT_EQ(s.platform_national[1], 0.0);
    EXPECT_EQ(s.platform_telegram[1], 0.2);
    EXPECT_EQ(s.platform_national[2], 0.0);
    const auto over = dir.write("over.csv", head + "AAA,0.7,0.4\n");
    expect_error_mentions<InputError>([&] { load_platform_shares(over, s); },
                                      {over + ":2", "share_telegram", "more than 1"});
    const auto range = dir.write("range.csv", head + "CCC,1.5,\n");
    expect_error_mentions<InputError>([&] { load_platform_shares(range, s); },
                                      {range + ":2", "share_national"});
}

TEST(LoadBlocInstruments, AseanAloneHasNoExtraditionInstrument) {
    const StateTable s = default_states();
    Blocs blocs = load_blocs(data_dir + "blocs.csv", s);
    load_bloc_instruments(data_dir + "bloc_instruments.csv", blocs);
    ASSERT_EQ(blocs.extradition.size(), blocs.names.size());
    ASSERT_EQ(blocs.mla.size(), blocs.names.size());
    ASSERT_EQ(blocs.names.size(), 27u);
    const auto index = [&](const std::string& name) {
        const auto it = std::find(blocs.names.begin(), blocs.names.end(), name);
        EXPECT_NE(it, blocs.names.end()) << name;
        return static_cast<std::size_t>(it - blocs.names.begin());
    };
    const auto flag = [&](const std::string& name) { return blocs.extradition[index(name)]; };
    const auto mla = [&](const std::string& name) { return blocs.mla[index(name)]; };
    EXPECT_EQ(flag("asean"), 0);
    EXPECT_EQ(flag("eu"), 1);
    EXPECT_EQ(flag("sco"), 1);
    EXPECT_EQ(count_ones(blocs.extradition), 9);
    // The SCO's instrument alone covers only the offences it defines.
    ASSERT_EQ(blocs.terrorism_only.size(), blocs.names.size());
    EXPECT_EQ(blocs.terrorism_only[index("sco")], 1);
    EXPECT_EQ(count_ones(blocs.terrorism_only), 1);
    // The ten blocs of the criminal-justice instruments all have MLA; of the
    // political organisations only SICA (its 1993 treaty) does.
    for (const char* name : {"arab_league", "asean", "cis", "coe", "ecowas", "eu", "gcc", "oas",
                             "sadc", "sco", "sica"}) {
        EXPECT_EQ(mla(name), 1) << name;
    }
    EXPECT_EQ(count_ones(blocs.mla), 11);
    EXPECT_EQ(mla("au"), 0);
    EXPECT_EQ(mla("igad"), 0);      // the 2009 conventions are not in force
    EXPECT_EQ(mla("mercosur"), 0);  // see blocs_sources.md
    EXPECT_EQ(flag("sica"), 0);
}

TEST(LoadBlocs, TheDefaultFileHasEveryStateButFiveInABloc) {
    const StateTable s = default_states();
    const Blocs blocs = load_blocs(data_dir + "blocs.csv", s);
    std::vector<std::uint8_t> member(s.size(), 0);
    std::size_t rows = 0;
    for (const auto& m : blocs.members) {
        rows += m.size();
        for (StateId id : m) member[id] = 1;
    }
    EXPECT_EQ(rows, 411u);
    EXPECT_EQ(count_ones(member), 188);
    for (const char* code : {"ISR", "JPN", "KOR", "MNG", "PRK"}) {
        EXPECT_EQ(member[id_of(s, code)], 0) << code;
    }
    const auto members_of = [&](const std::string& name) {
        const auto it = std::find(blocs.names.begin(), blocs.names.end(), name);
        EXPECT_NE(it, blocs.names.end()) << name;
        return blocs.members[static_cast<std::size_t>(it - blocs.names.begin())];
    };
    const auto has = [&](const std::string& bloc, const std::string& code) {
        const auto m = members_of(bloc);
        return std::find(m.begin(), m.end(), id_of(s, code)) != m.end();
    };
    EXPECT_EQ(members_of("au").size(), 54u);  // suspended members stay members
    EXPECT_TRUE(has("au", "MLI"));
    EXPECT_FALSE(has("ecowas", "MLI"));  // left ECOWAS on 29 January 2025
    EXPECT_TRUE(has("aes", "MLI"));
    EXPECT_TRUE(has("mercosur", "VEN"));  // suspended since 2016
}

TEST(LoadBlocInstruments, UnlistedBlocsGetZeroAndUnknownBlocsAreErrors) {
    testing::TempDir dir;
    const StateTable s = tiny_states(dir);
    Blocs blocs = load_blocs(dir.write("b.csv", "bloc,iso3\nx,AAA\ny,BBB\nz,CCC\n"), s);
    load_bloc_instruments(dir.write("i.csv", "# note\nbloc,mla,extradition\ny,1,1\nz,1,0\n"),
                          blocs);
    EXPECT_EQ(blocs.extradition, (std::vector<std::uint8_t>{0, 1, 0}));
    EXPECT_EQ(blocs.mla, (std::vector<std::uint8_t>{0, 1, 1}));
    const auto unknown = dir.write("u.csv", "bloc,mla,extradition\nx,1,1\nnato,1,1\n");
    expect_error_mentions<InputError>([&] { load_bloc_instruments(unknown, blocs); },
                                      {unknown + ":3", "bloc", "'nato'"});
    const auto twice = dir.write("t.csv", "bloc,mla,extradition\nx,1,1\nx,0,0\n");
    expect_error_mentions<InputError>([&] { load_bloc_instruments(twice, blocs); },
                                      {twice + ":3", "bloc", "duplicate"});
    const auto bad_mla = dir.write("m.csv", "bloc,mla,extradition\nx,1,0\ny,yes,0\n");
    expect_error_mentions<InputError>([&] { load_bloc_instruments(bad_mla, blocs); },
                                      {bad_mla + ":3", "mla", "'yes'"});
    EXPECT_EQ(blocs.terrorism_only, (std::vector<std::uint8_t>{0, 0, 0}));  // no column: all
    const auto offences = dir.write(
        "o.csv", "bloc,mla,extradition,offences\nx,1,1,terrorism_extremism\ny,1,1,some\n");
    expect_error_mentions<InputError>([&] { load_bloc_instruments(offences, blocs); },
                                      {offences + ":3", "offences", "'some'"});
    const auto no_mla = dir.write("n.csv", "bloc,extradition\nx,1\n");
    expect_error_mentions<InputError>([&] { load_bloc_instruments(no_mla, blocs); },
                                      {no_mla, "mla", "missing"});
}

TEST(LoadDiaspora, TheDefaultFilesGiveTheLargerOfStockAndRefugees) {
    const StateTable s = default_states();
    const auto w = load_diaspora(data_dir + "migrant_stock.csv", data_dir + "refugees.csv", s);
    const std::size_t n = s.size();
    ASSERT_EQ(w.size(), n * n);
    const auto at = [&](const std::string& o, const std::string& h) {
        return w[static_cast<std::size_t>(id_of(s, o)) * n + id_of(s, h)];
    };
    EXPECT_DOUBLE_EQ(at("AFG", "AUS"), 81506);           // the stock; refugees 6 335
    EXPECT_DOUBLE_EQ(at("SDN", "LBY"), 199388 + 56260);  // refugees + asylum-seekers; stock 40 329
    EXPECT_DOUBLE_EQ(at("AUS", "AFG"), 0);
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(w[i * n + i], 0.0);
    // Whole numbers below 2^53: the sum is exact in any order.
    EXPECT_DOUBLE_EQ(std::accumulate(w.begin(), w.end(), 0.0), 269794781.0);
}

TEST(LoadDiaspora, OnlyTheReferenceYearCountsAndSelfPairsAreIgnored) {
    testing::TempDir dir;
    const StateTable s = tiny_states(dir);
    const auto stock = dir.write("m.csv",
                                 "origin,destination,stock,year\n"
                                 "AAA,BBB,100,2024\nAAA,AAA,5,2024\nCCC,AAA,,2024\n");
    const auto refugees = dir.write("r.csv",
                                    "origin,asylum,refugees,asylum_seekers,year\n"
                                    "AAA,BBB,50,60,2024\nBBB,CCC,7,,2024\n"
                                    "BBB,CCC,1000,0,2023\n");
    const auto w = load_diaspora(stock, refugees, s);
    EXPECT_EQ(w, (std::vector<double>{0, 110, 0, 0, 0, 7, 0, 0, 0}));
}

TEST(LoadDiaspora, BadRowsNameLineAndColumn) {
    testing::TempDir dir;
    const StateTable s = tiny_states(dir);
    const auto refugees = dir.write("r.csv", "origin,asylum,refugees,asylum_seekers,year\n");
    const std::string columns = "origin,destination,stock,year\n";
    const auto year = dir.write("y.csv", columns + "AAA,BBB,1,2024\nAAA,CCC,1,20x4\n");
    expect_error_mentions<InputError>([&] { load_diaspora(year, refugees, s); },
                                      {year + ":3", "year", "'20x4'"});
    const auto negative = dir.write("n.csv", columns + "AAA,BBB,-1,2024\n");
    expect_error_mentions<InputError>([&] { load_diaspora(negative, refugees, s); },
                                      {negative + ":2", "stock", "'-1'"});
    const auto unknown = dir.write("u.csv", columns + "AAA,ZZZ,1,2024\n");
    expect_error_mentions<InputError>([&] { load_diaspora(unknown, refugees, s); },
                                      {unknown + ":2", "destination", "'ZZZ'"});
    const auto twice = dir.write("t.csv", columns + "AAA,BBB,1,2024\nAAA,BBB,2,2024\n");
    expect_error_mentions<InputError>([&] { load_diaspora(twice, refugees, s); },
                                      {twice + ":3", "destination", "already listed on line 2"});
    const auto stock = dir.write("m.csv", columns);
    const auto bad_refugees =
        dir.write("b.csv", "origin,asylum,refugees,asylum_seekers,year\nAAA,BBB,1,x,2024\n");
    expect_error_mentions<InputError>([&] { load_diaspora(stock, bad_refugees, s); },
                                      {bad_refugees + ":2", "asylum_seekers", "'x'"});
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
