// Data files as users save them: a UTF-8 byte-order mark, another encoding,
// a path that cannot be opened.
#include "io/csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/errors.hpp"
#include "io/treaty_record.hpp"
#include "io/world_data.hpp"
#include "support/run_havens.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

using testing::expect_error_mentions;

const std::string bom = "\xEF\xBB\xBF";
const std::string data_dir = std::string(HAVENS_SCENARIOS_DIR) + "/data/";

using testing::slurp;

// Replaces the first occurrence of `from` in `text` (which must hold it).
std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

TEST(CsvTable, AByteOrderMarkIsSkipped) {
    testing::TempDir dir;
    const auto path = dir.write("t.csv", bom + "iso3,name\nAAA,A\n");
    const CsvTable table = CsvTable::read(path);
    ASSERT_TRUE(table.column("iso3").has_value());
    EXPECT_EQ(*table.column("iso3"), 0u);
    EXPECT_EQ(table.require_column("name"), 1u);
    ASSERT_EQ(table.rows().size(), 1u);
    EXPECT_EQ(table.rows()[0].fields[0], "AAA");
    EXPECT_EQ(table.rows()[0].line, 2);
}

TEST(CsvTable, AByteOrderMarkBeforeACommentIsSkipped) {
    testing::TempDir dir;
    const auto path = dir.write("t.csv", bom + "# source: somewhere\r\niso3,name\r\nAAA,A\r\n");
    const CsvTable table = CsvTable::read(path);
    EXPECT_EQ(table.require_column("iso3"), 0u);
    ASSERT_EQ(table.rows().size(), 1u);
    EXPECT_EQ(table.rows()[0].fields[1], "A");
}

TEST(CsvTable, OnlyALeadingByteOrderMarkIsSkipped) {
    // Inside the file it is a character of the field (valid UTF-8), kept as is.
    testing::TempDir dir;
    const auto path = dir.write("t.csv", "iso3,name\nAAA," + bom + "A\n");
    EXPECT_EQ(CsvTable::read(path).rows()[0].fields[1], bom + "A");
}

TEST(CsvTable, EveryShippedStatesFileLoadsWithAByteOrderMark) {
    testing::TempDir dir;
    const auto states = dir.write("states.csv", bom + slurp(data_dir + "states.csv"));
    StateTable s = load_states(states, 193);
    EXPECT_EQ(s.size(), 193u);
    const auto events = dir.write("events.csv", bom + slurp(data_dir + "treaty_events.csv"));
    load_treaty_events(events, s);
    const auto blocs = dir.write("blocs.csv", bom + slurp(data_dir + "blocs.csv"));
    EXPECT_FALSE(load_blocs(blocs, s).names.empty());
}

TEST(CsvTable, ValidUtf8IsKept) {
    testing::TempDir dir;
    const std::string text = "C\xC3\xB4te d'Ivoire \xE2\x82\xAC \xF0\x9F\x8C\x8D";
    const auto path = dir.write("t.csv", "iso3,name\nCIV,\"" + text + "\"\n");
    EXPECT_EQ(CsvTable::read(path).rows()[0].fields[1], text);
}

TEST(CsvTable, Cp1252TextNamesFileLineAndColumn) {
    testing::TempDir dir;
    // "Côte d'Ivoire" saved in Windows-1252: 0xF4 alone is not UTF-8.
    const auto path = dir.write("t.csv", "iso3,name\nAAA,A\nCIV,C\xF4te d'Ivoire\n");
    expect_error_mentions<InputError>([&] { CsvTable::read(path); },
                                      {path + ":3: name:", "not UTF-8", "0xF4", "byte 2"});
}

TEST(CsvTable, MalformedUtf8IsRejected) {
    testing::TempDir dir;
    for (const std::string& bad : {
             std::string("\xC0\xAF"),          // overlong '/'
             std::string("\xE0\x80\xAF"),      // overlong, three bytes
             std::string("\xED\xA0\x80"),      // a UTF-16 surrogate
             std::string("\xF4\x90\x80\x80"),  // above U+10FFFF
             std::string("\xE2\x82"),          // truncated at the end of the field
             std::string("\x80"),              // a lone continuation byte
             std::string("\xFF"),
         }) {
        const auto path = dir.write("t.csv", "iso3,name\nAAA,x" + bad + "\n");
        expect_error_mentions<InputError>([&] { CsvTable::read(path); },
                                          {path + ":2: name:", "not UTF-8"});
    }
}

TEST(CsvTable, A1252HeaderNamesTheColumnByPosition) {
    testing::TempDir dir;
    const auto path = dir.write("t.csv", "iso3,n\xE9\n");
    expect_error_mentions<InputError>([&] { CsvTable::read(path); },
                                      {path + ":1: column 2:", "not UTF-8", "0xE9"});
}

TEST(CsvTable, TheDefaultStatesFileInCp1252IsRejected) {
    // The shipped file holds non-ASCII names (Côte d'Ivoire, Türkiye, ...):
    // transcoded to Windows-1252 it must fail, not load into the result file.
    const std::string utf8 = slurp(data_dir + "states.csv");
    std::string cp1252;
    bool transcoded = false;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c == 0xC3 && i + 1 < utf8.size()) {  // U+00C0..U+00FF: the same code in 1252
            cp1252 += static_cast<char>(0x40 + static_cast<unsigned char>(utf8[++i]));
            transcoded = true;
        } else {
            cp1252 += utf8[i];
        }
    }
    ASSERT_TRUE(transcoded) << "the shipped states.csv has no Latin-1 letter to transcode";
    testing::TempDir dir;
    const auto path = dir.write("states.csv", cp1252);
    expect_error_mentions<InputError>([&] { load_states(path, 193); }, {path + ":", "not UTF-8"});
}

TEST(CsvTable, ASymbolicLinkLoopIsAnInputErrorNamingTheFile) {
    testing::TempDir dir;
    const auto a = dir.path("a.csv"), b = dir.path("b.csv");
    std::filesystem::create_symlink(b, a);
    std::filesystem::create_symlink(a, b);
    expect_error_mentions<InputError>([&] { CsvTable::read(a); },
                                      {a + ": cannot open the data file", "symbolic links"});
    expect_error_mentions<InputError>([&] { load_states(a, 0); }, {a, "cannot open"});
}

TEST(CsvTable, AColumnNamedTwiceIsRefused) {
    testing::TempDir dir;
    const auto path = dir.write("twice.csv", "# a note\niso3,name,iso3\nAAA,a,AAA\n");
    expect_error_mentions<InputError>([&] { CsvTable::read(path); },
                                      {path + ":2: iso3: a column named twice (columns 1 and 3)"});
}

TEST(CsvTable, AFolderOrADeviceIsRefusedBeforeReading) {
    testing::TempDir dir;
    std::filesystem::create_directories(dir.path("folder.csv"));
    expect_error_mentions<InputError>([&] { CsvTable::read(dir.path("folder.csv")); },
                                      {"folder.csv: cannot read the data file: this is a folder"});
    expect_error_mentions<InputError>([&] { CsvTable::read("/dev/zero"); },
                                      {"/dev/zero: cannot read the data file: not a regular file"});
}

TEST(CsvTable, AMissingFileSaysSo) {
    testing::TempDir dir;
    const auto path = dir.path("absent.csv");
    expect_error_mentions<InputError>([&] { CsvTable::read(path); },
                                      {path + ": cannot open the data file", "No such file"});
}

// `havens validate` on a scenario whose states file is `states_text`.
testing::Outcome validate_with_states(const testing::TempDir& dir, const std::string& states_text) {
    std::string world = "[world]\n";
    for (auto [key, file] : testing::world_files) {
        const std::string path =
            std::string(key) == "states" ? dir.write("states.csv", states_text) : data_dir + file;
        world += std::string(key) + " = \"" + path + "\"\n";
    }
    const auto scenario = dir.write("s.toml", "name = \"s\"\nmonths = 12\n" + world);
    return testing::run_havens(dir, "validate " + scenario);
}

TEST(CsvCli, AByteOrderMarkValidates) {
    testing::TempDir dir;
    const auto r = validate_with_states(dir, bom + slurp(data_dir + "states.csv"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CsvCli, NonUtf8TextExitsTwoWithOneLine) {
    testing::TempDir dir;
    const auto r = validate_with_states(
        dir, replace_once(slurp(data_dir + "states.csv"), "C\xC3\xB4te", "C\xF4te"));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(dir.path("states.csv") + ":"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(": name: not UTF-8"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace havens
