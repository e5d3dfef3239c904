#include "io/treaty_record.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "io/world_data.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_world.hpp"

namespace havens {
namespace {

using testing::expect_error_mentions;

const std::string data_dir = std::string(HAVENS_SCENARIOS_DIR) + "/data/";
const std::string header = "iso3,instrument,event,date,source,note\n";

StateTable three_states() {
    return testing::make_states(
        {{.iso3 = "AAA", .signatory = true}, {.iso3 = "BBB"}, {.iso3 = "CCC"}});
}

StateId id_of(const StateTable& s, const std::string& iso3) {
    return static_cast<StateId>(std::find(s.iso3.begin(), s.iso3.end(), iso3) - s.iso3.begin());
}

TEST(TreatyEvents, TheShippedRecordHasThreeDepositsThroughMay2026) {
    StateTable s = load_states(data_dir + "states.csv", 193);
    load_treaty_events(data_dir + "treaty_events.csv", s);
    EXPECT_EQ(s.observed_deposit_month[id_of(s, "QAT")], 4);  // February 2026
    EXPECT_EQ(s.observed_deposit_month[id_of(s, "AZE")], 7);  // May 2026
    EXPECT_EQ(s.observed_deposit_month[id_of(s, "VNM")], 7);
    EXPECT_EQ(std::count_if(s.observed_deposit_month.begin(), s.observed_deposit_month.end(),
                            [](Month m) { return m != never; }),
              3);
    EXPECT_EQ(s.record_through, 7);
    for (Month m : s.observed_denunciation_month) EXPECT_EQ(m, never);
}

TEST(TreatyEvents, SignaturesDepositsDenunciationsAndTheRecordsEnd) {
    testing::TempDir dir;
    StateTable s = three_states();
    load_treaty_events(dir.write("e.csv", "# a note\n" + header +
                                              "BBB,convention,signature,2026-03-02,src,\n"
                                              "BBB,convention,deposit,2026-08,src,\n"
                                              "AAA,convention,deposit,2025-10,src,\n"
                                              "AAA,convention,denunciation,2027-01,src,\n"
                                              ",convention,record_complete,2026-09,src,\n"),
                       s);
    EXPECT_EQ(s.signed_month[1], 5);
    EXPECT_EQ(s.observed_deposit_month[1], 10);
    EXPECT_EQ(s.observed_deposit_month[0], 0);
    EXPECT_EQ(s.observed_denunciation_month[0], 15);
    EXPECT_EQ(s.observed_deposit_month[2], never);
    EXPECT_EQ(s.record_through, 11);
}

TEST(TreatyEvents, BadRowsNameTheFileLineAndColumn) {
    testing::TempDir dir;
    auto check = [&](const std::string& rows, std::initializer_list<std::string> parts) {
        StateTable s = three_states();
        const std::string path = dir.write("bad.csv", header + rows);
        expect_error_mentions<InputError>([&] { load_treaty_events(path, s); }, parts);
    };
    check("ZZZ,convention,deposit,2026-01,,\n", {"bad.csv:2", "iso3", "ZZZ"});
    check("AAA,protocol,deposit,2026-01,,\n", {"bad.csv:2", "instrument", "protocol"});
    check("AAA,convention,ratify,2026-01,,\n", {"bad.csv:2", "event", "ratify"});
    check("AAA,convention,deposit,May 2026,,\n", {"bad.csv:2", "date", "May 2026"});
    check("AAA,convention,deposit,2026-01,,\nAAA,convention,deposit,2026-02,,\n",
          {"bad.csv:3", "event", "second deposit", "line 2"});
    check("AAA,convention,denunciation,2026-01,,\n",
          {"bad.csv:2", "event", "denunciation by AAA", "deposit"});
    // Nothing of the convention happened before it opened for signature.
    check("AAA,convention,deposit,1900-01,,\n", {"bad.csv:2", "date", "1900-01", "before"});
    check("AAA,convention,signature,2025-09,,\n", {"bad.csv:2", "date", "2025-10"});
    check(",convention,record_complete,2026-01,,\n,convention,record_complete,2026-02,,\n",
          {"bad.csv:3", "second record_complete"});
    check("AAA,convention,record_complete,2026-01,,\n", {"bad.csv:2", "iso3", "names no state"});
}

TEST(SpeechReservations, EitherReservationMarksTheState) {
    testing::TempDir dir;
    StateTable s = three_states();
    load_speech_reservations(
        dir.write("r.csv",
                  "iso3,icerd_art4,iccpr_art20,cets189,source,note\n"
                  "AAA,1,,,src,\nBBB,,1,declined,src,\nCCC,0,0,ratified,src,\n"),
        s);
    EXPECT_EQ(s.speech_reserved, (std::vector<std::uint8_t>{1, 1, 0}));
    const std::string twice = dir.write("t.csv", "iso3,icerd_art4,iccpr_art20\nAAA,1,\nAAA,,1\n");
    expect_error_mentions<InputError>([&] { load_speech_reservations(twice, s); },
                                      {"t.csv:3", "iso3", "line 2"});
    const std::string bad = dir.write("b.csv", "iso3,icerd_art4,iccpr_art20\nAAA,yes,\n");
    expect_error_mentions<InputError>([&] { load_speech_reservations(bad, s); },
                                      {"b.csv:2", "icerd_art4", "yes"});
}

TEST(SpeechReservations, TheShippedFileMarksTheUnitedStates) {
    StateTable s = load_states(data_dir + "states.csv", 193);
    load_speech_reservations(data_dir + "speech_reservations.csv", s);
    EXPECT_EQ(s.speech_reserved[id_of(s, "USA")], 1);
    EXPECT_EQ(s.speech_reserved[id_of(s, "CHN")], 0);
}

}  // namespace
}  // namespace havens
