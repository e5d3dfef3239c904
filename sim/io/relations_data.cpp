#include "io/relations_data.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "io/csv.hpp"
#include "io/row_reader.hpp"
#include "io/world_data.hpp"

namespace havens {

namespace {

constexpr std::array<std::string_view, 4> relation_names{"war", "no_relations", "severed",
                                                         "suspended"};
constexpr std::array<std::string_view, 2> charge_names{"all", "terrorism_extremism"};
constexpr std::array<std::string_view, 3> access_names{"visa_free", "visa_on_arrival", "eta"};

// The months [from, until) of a dated row; an empty until: still in place.
std::pair<Month, Month> period_of(const RowReader& r) {
    const auto from = month_of_date(r.text("from"));
    if (!from) r.fail("from", "expected YYYY-MM[-DD], got '" + r.text("from") + "'");
    const std::string& until_text = r.text("until");
    Month until = ongoing;
    if (!until_text.empty()) {
        const auto m = month_of_date(until_text);
        if (!m) r.fail("until", "expected YYYY-MM[-DD] or empty, got '" + until_text + "'");
        if (*m <= *from) r.fail("until", "'" + until_text + "' is not after 'from'");
        until = *m;
    }
    return {*from, until};
}

}  // namespace

std::vector<HostilePeriod> load_hostile_relations(const std::string& path,
                                                  const StateTable& states) {
    const CsvTable table = CsvTable::read(path);
    const CodeIndex codes = code_index(states);
    std::vector<HostilePeriod> periods;
    std::map<std::pair<StateId, StateId>, std::vector<std::pair<HostilePeriod, int>>> by_pair;
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        const StateId a = r.state("a", codes);
        const StateId b = r.state("b", codes);
        if (a == b) r.fail("b", "'" + r.text("b") + "' cannot be paired with itself");
        r.choice("relation", relation_names);
        const auto [from, until] = period_of(r);
        const HostilePeriod p{a, b, from, until};
        auto& earlier = by_pair[std::minmax(a, b)];
        for (const auto& [q, line] : earlier) {
            if (p.from < q.until && q.from < p.until) {
                r.fail("from", "the pair " + r.text("a") + "-" + r.text("b") +
                                   " overlaps its period on line " + std::to_string(line));
            }
        }
        earlier.emplace_back(p, row.line);
        periods.push_back(p);
    }
    return periods;
}

std::vector<InterpolMeasure> load_interpol_measures(const std::string& path,
                                                    const StateTable& states) {
    const CsvTable table = CsvTable::read(path);
    const CodeIndex codes = code_index(states);
    std::vector<InterpolMeasure> measures;
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        InterpolMeasure m;
        m.state = r.state("iso3", codes);
        m.kind = static_cast<InterpolMeasureKind>(r.choice("measure", interpol_measure_names));
        m.terrorism_only = r.choice("charges", charge_names) == 1;
        std::tie(m.from, m.until) = period_of(r);
        for (const InterpolMeasure& q : measures) {
            if (q.state == m.state && q.kind == m.kind && m.from < q.until && q.from < m.until) {
                r.fail("from", "a second " + r.text("measure") + " of " + r.text("iso3") +
                                   " overlapping an earlier one");
            }
        }
        measures.push_back(m);
    }
    return measures;
}

std::vector<std::uint8_t> load_visa_access(const std::string& path, const StateTable& states) {
    const CsvTable table = CsvTable::read(path);
    const CodeIndex codes = code_index(states);
    const std::size_t n = states.size();
    std::vector<std::uint8_t> access(n * n, 0);
    std::vector<int> line_of(n * n, 0);
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        const StateId passport = r.state("passport", codes);
        const StateId destination = r.state("destination", codes);
        if (passport == destination) {
            r.fail("destination", "'" + r.text("destination") + "' is the passport's own state");
        }
        r.choice("access", access_names);
        const std::size_t k = static_cast<std::size_t>(passport) * n + destination;
        if (line_of[k] != 0) {
            r.fail("destination", "the pair " + r.text("passport") + " -> " +
                                      r.text("destination") + " is already listed on line " +
                                      std::to_string(line_of[k]));
        }
        line_of[k] = row.line;
        access[k] = 1;
    }
    // A state's own citizens need no visa to enter it.
    for (std::size_t s = 0; s < n; ++s) access[s * n + s] = 1;
    return access;
}

}  // namespace havens
