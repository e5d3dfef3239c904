#include "io/treaty_record.hpp"

#include <algorithm>
#include <map>

#include "core/errors.hpp"
#include "io/csv.hpp"
#include "io/world_data.hpp"

namespace havens {

namespace {

struct Cell {
    const CsvTable& table;
    const CsvRow& row;
    const std::string& operator()(const std::string& column) const {
        return row.fields[table.require_column(column)];
    }
    [[noreturn]] void fail(const std::string& column, const std::string& message) const {
        throw InputError(table.path(), row.line, column, message);
    }
};

StateId state_of(const Cell& cell, const std::map<std::string, StateId>& codes) {
    const std::string& code = cell("iso3");
    const auto it = codes.find(code);
    if (it == codes.end()) cell.fail("iso3", "'" + code + "' is not a state of the world");
    return it->second;
}

std::map<std::string, StateId> code_index(const StateTable& states) {
    std::map<std::string, StateId> codes;
    for (StateId s = 0; s < states.size(); ++s) codes[states.iso3[s]] = s;
    return codes;
}

// Month 0 is the opening for signature (October 2025): no signature,
// deposit or denunciation of the convention can come before it.
Month month_of(const Cell& cell) {
    const std::string& date = cell("date");
    const auto m = month_of_date(date);
    if (!m) cell.fail("date", "expected YYYY-MM[-DD], got '" + date + "'");
    if (*m < 0) {
        cell.fail("date", "'" + date + "' is before the convention opened for signature (2025-10)");
    }
    return *m;
}

std::uint8_t zero_or_one(const Cell& cell, const std::string& column) {
    const std::string& v = cell(column);
    if (v.empty() || v == "0") return 0;
    if (v == "1") return 1;
    cell.fail(column, "expected 0, 1 or empty, got '" + v + "'");
}

}  // namespace

void load_treaty_events(const std::string& path, StateTable& states) {
    const CsvTable table = CsvTable::read(path);
    const auto codes = code_index(states);
    const std::size_t n = states.size();
    states.observed_deposit_month.assign(n, never);
    states.observed_denunciation_month.assign(n, never);
    states.record_through = never;
    std::map<StateId, int> deposit_line, denunciation_line;
    for (const CsvRow& row : table.rows()) {
        const Cell cell{table, row};
        if (cell("instrument") != "convention") {
            cell.fail("instrument",
                      "expected 'convention' (the protocol has no record yet), got '" +
                          cell("instrument") + "'");
        }
        const std::string& event = cell("event");
        const Month month = month_of(cell);
        if (event == "record_complete") {
            if (!cell("iso3").empty()) cell.fail("iso3", "a record_complete row names no state");
            if (states.record_through != never) cell.fail("event", "a second record_complete row");
            states.record_through = month;
            continue;
        }
        const StateId s = state_of(cell, codes);
        if (event == "signature") {
            states.signed_month[s] = month;
        } else if (event == "deposit") {
            if (const auto [it, added] = deposit_line.emplace(s, row.line); !added) {
                cell.fail("event", "a second deposit by " + cell("iso3") + " (first on line " +
                                       std::to_string(it->second) + ")");
            }
            states.observed_deposit_month[s] = month;
        } else if (event == "denunciation") {
            if (states.observed_denunciation_month[s] != never) {
                cell.fail("event", "a second denunciation by " + cell("iso3"));
            }
            states.observed_denunciation_month[s] = month;
            denunciation_line[s] = row.line;
        } else {
            cell.fail("event",
                      "expected signature, deposit, denunciation or record_complete, got '" +
                          event + "'");
        }
    }
    for (StateId s = 0; s < n; ++s) {
        const Month notice = states.observed_denunciation_month[s];
        if (notice == never) continue;
        if (states.observed_deposit_month[s] == never ||
            notice < states.observed_deposit_month[s]) {
            throw InputError(path, denunciation_line[s], "event",
                             "a denunciation by " + states.iso3[s] + " without an earlier deposit");
        }
    }
}

void load_speech_reservations(const std::string& path, StateTable& states) {
    const CsvTable table = CsvTable::read(path);
    const auto codes = code_index(states);
    states.speech_reserved.assign(states.size(), 0);
    std::map<StateId, int> line_of;
    for (const CsvRow& row : table.rows()) {
        const Cell cell{table, row};
        const StateId s = state_of(cell, codes);
        if (const auto [it, added] = line_of.emplace(s, row.line); !added) {
            cell.fail("iso3", "'" + cell("iso3") + "' is already listed on line " +
                                  std::to_string(it->second));
        }
        states.speech_reserved[s] =
            zero_or_one(cell, "icerd_art4") | zero_or_one(cell, "iccpr_art20");
    }
}

}  // namespace havens
