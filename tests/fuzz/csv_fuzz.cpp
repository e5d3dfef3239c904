// Fuzzing every CSV reader of the world's data files: the first input byte
// picks the reader, the rest is the file. Readers that check codes against a
// world get the shipped one (scenarios/data/states.csv and blocs.csv), read
// once; each input works on its own copy.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "io/csv.hpp"
#include "io/relations_data.hpp"
#include "io/treaty_record.hpp"
#include "io/world_data.hpp"

namespace {

using namespace havens;

struct Shipped {
    StateTable states = load_states(HAVENS_SOURCE_DIR "/scenarios/data/states.csv", 0);
    Blocs blocs = load_blocs(HAVENS_SOURCE_DIR "/scenarios/data/blocs.csv", states);
};

const Shipped& shipped() {
    static const Shipped world;
    return world;
}

const fuzz::ScratchDir& scratch() {
    static const fuzz::ScratchDir dir;
    return dir;
}

// The other half of the diaspora pair: a header and nothing else.
constexpr const char* no_migrants = "origin,destination,stock,year\n";
constexpr const char* no_refugees = "origin,asylum,refugees,asylum_seekers,year\n";

void read_table(const std::string& path) {
    const CsvTable table = CsvTable::read(path);
    for (const auto& row : table.rows()) {
        if (row.line <= 0) __builtin_trap();
    }
    if (table.column("iso3")) (void)table.require_column("iso3");
}

// One reader per value of the first byte (modulo the count), in the order of the seed corpus.
using Reader = void (*)(const std::string& path, const std::string& text);
constexpr std::array<Reader, 19> readers{
    [](const std::string& path, const std::string&) { read_table(path); },
    [](const std::string& path, const std::string&) { (void)load_states(path, 0); },
    [](const std::string& path, const std::string&) { (void)load_blocs(path, shipped().states); },
    [](const std::string& path, const std::string&) {
        StateTable states = shipped().states;
        load_origin_incidents(path, states);
    },
    [](const std::string& path, const std::string&) {
        StateTable states = shipped().states;
        load_protection_treaties(path, states);
    },
    [](const std::string& path, const std::string&) {
        StateTable states = shipped().states;
        load_legal_systems(path, states);
    },
    [](const std::string& path, const std::string&) {
        StateTable states = shipped().states;
        load_request_volumes(path, states);
    },
    [](const std::string& path, const std::string&) {
        (void)load_state_pairs(path, shipped().states);
    },
    [](const std::string& path, const std::string&) {
        Blocs blocs = shipped().blocs;
        load_bloc_instruments(path, blocs);
    },
    [](const std::string& path, const std::string&) {
        const std::string refugees = scratch().write("refugees.csv", no_refugees);
        (void)load_diaspora(path, refugees, shipped().states);
    },
    [](const std::string& path, const std::string&) {
        const std::string migrants = scratch().write("migrants.csv", no_migrants);
        (void)load_diaspora(migrants, path, shipped().states);
    },
    [](const std::string&, const std::string& text) { (void)month_of_date(text); },
    [](const std::string& path, const std::string&) {
        StateTable states = shipped().states;
        load_treaty_events(path, states);
    },
    [](const std::string& path, const std::string&) {
        StateTable states = shipped().states;
        load_speech_reservations(path, states);
    },
    [](const std::string& path, const std::string&) {
        StateTable states = shipped().states;
        load_provider_disclosure(path, states);
    },
    [](const std::string& path, const std::string&) {
        StateTable states = shipped().states;
        load_platform_shares(path, states);
    },
    [](const std::string& path, const std::string&) {
        (void)load_hostile_relations(path, shipped().states);
    },
    [](const std::string& path, const std::string&) {
        (void)load_interpol_measures(path, shipped().states);
    },
    [](const std::string& path, const std::string&) {
        (void)load_visa_access(path, shipped().states);
    },
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)shipped();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const Reader read = readers[data[0] % readers.size()];
    const std::string text(fuzz::as_text(data + 1, size - 1));
    const std::string path = scratch().write("fuzz.csv", text);
    fuzz::expect_clean([&] { read(path, text); });
    return 0;
}
