#include "io/world_data.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "io/csv.hpp"
#include "io/row_reader.hpp"

namespace havens {

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Reads a file of one row per state (column iso3), calling fill(row, state)
// for each after checking that the code is in the world and not repeated.
template <typename Fill>
void for_each_state_row(const std::string& path, const StateTable& states, Fill fill) {
    const CsvTable table = CsvTable::read(path);
    const CodeIndex codes = code_index(states);
    std::set<StateId> seen;
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        const StateId state = r.state("iso3", codes);
        if (!seen.insert(state).second) r.fail("iso3", "duplicate code '" + r.text("iso3") + "'");
        fill(r, state);
    }
}

// One file's counts for diaspora_year, [origin * n + host], summed over
// `count_columns`. Rows of other years are skipped once their year is read.
std::vector<double> pair_counts(const std::string& path, const CodeIndex& codes, std::size_t n,
                                const std::string& host_column,
                                std::initializer_list<const char*> count_columns) {
    const CsvTable table = CsvTable::read(path);
    std::vector<double> counts(n * n, 0.0);
    std::vector<int> line_of(n * n, 0);  // where each pair was listed: 0 = not yet
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        if (r.whole_number("year") != diaspora_year) continue;
        const StateId origin = r.state("origin", codes);
        const StateId host = r.state(host_column, codes);
        double sum = 0.0;
        for (const char* column : count_columns) sum += r.number(column, 0, 1e10).value_or(0.0);
        const std::size_t k = static_cast<std::size_t>(origin) * n + host;
        if (line_of[k] != 0) {
            r.fail(host_column, "the pair " + r.text("origin") + " -> " + r.text(host_column) +
                                    " is already listed on line " + std::to_string(line_of[k]));
        }
        line_of[k] = static_cast<int>(row.line);
        if (origin != host) counts[k] = sum;
    }
    return counts;
}

FreedomStatus status_from_score(double score) {
    // Freedom House's bands are set on the sub-scores; the total's usual
    // cut-offs are a close proxy for a missing status.
    if (score >= 70.0) return FreedomStatus::free;
    if (score >= 36.0) return FreedomStatus::partly_free;
    return FreedomStatus::not_free;
}

}  // namespace

std::optional<Month> month_of_date(const std::string& text) {
    if (text.size() < 7 || text[4] != '-') return std::nullopt;
    for (int i : {0, 1, 2, 3, 5, 6}) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    }
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    if (month < 1 || month > 12) return std::nullopt;
    return (year - 2025) * 12 + (month - 10);
}

StateTable load_states(const std::string& path, std::size_t expected_states) {
    const CsvTable table = CsvTable::read(path);
    if (expected_states != 0 && table.rows().size() != expected_states) {
        throw InputError(path, 0, "",
                         "expected " + std::to_string(expected_states) + " states, got " +
                             std::to_string(table.rows().size()));
    }
    if (table.rows().empty()) throw InputError(path, 0, "", "no states");
    if (table.rows().size() > 65535) throw InputError(path, 0, "", "more than 65535 states");

    StateTable s;
    std::vector<std::optional<double>> score, civil;
    std::vector<bool> status_unknown;
    std::set<std::string> seen;
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        const std::string& iso3 = r.text("iso3");
        if (iso3.size() != 3 ||
            !std::all_of(iso3.begin(), iso3.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
            r.fail("iso3", "expected three capital letters, got '" + iso3 + "'");
        }
        if (!seen.insert(iso3).second) r.fail("iso3", "duplicate code '" + iso3 + "'");
        s.iso3.push_back(iso3);
        const std::string& name = r.text("name");
        if (name.empty()) r.fail("name", "empty name");
        s.name.push_back(name);
        s.region.push_back(static_cast<Region>(r.category("un_region", region_names, 0)));
        if (is_unknown(r.text("un_region"))) r.fail("un_region", "the regional group is required");
        s.stance.push_back(
            static_cast<Stance>(r.category("vote_res_74_247", stance_names, idx(Stance::absent))));
        s.budapest_party.push_back(r.flag("budapest_party"));

        const bool signatory = r.flag("uncc_signatory") == 1;
        Month signed_month = never;
        if (signatory) {
            const std::string& date = r.text("uncc_sign_date");
            auto m = month_of_date(date);
            if (!date.empty() && !m)
                r.fail("uncc_sign_date", "expected YYYY-MM[-DD], got '" + date + "'");
            signed_month = m ? std::max<Month>(*m, 0) : 0;  // undated signatures count from t = 0
        }
        s.signed_month.push_back(signed_month);

        Month deposit = never;
        if (r.text("uncc_ratified") == "1") {
            const std::string& date = r.text("uncc_ratified_date");
            auto m = month_of_date(date);
            if (!m)
                r.fail("uncc_ratified_date",
                       "a documented deposit needs a YYYY-MM date, got '" + date + "'");
            deposit = std::max<Month>(*m, 0);
        } else {
            r.flag("uncc_ratified");  // validates the value; 'unknown' is not a deposit
        }
        s.observed_deposit_month.push_back(deposit);

        score.push_back(r.number("fh_score", 0, 100));
        r.number("fh_pr", -4, 40);  // the discretionary question can take up to 4 points off
        civil.push_back(r.number("fh_cl", 0, 60));
        const bool status_known = !is_unknown(r.text("fh_status"));
        status_unknown.push_back(!status_known);
        s.fh_status.push_back(status_known ? static_cast<FreedomStatus>(
                                                 r.category("fh_status", freedom_status_names, 0))
                                           : FreedomStatus::not_free);  // set below from the score
        const auto override_text = r.optional_text("rule_of_law");
        s.rule_of_law.push_back(override_text && !is_unknown(*override_text)
                                    ? r.parse_number("rule_of_law", *override_text, 0, 1)
                                    : -1.0);
    }

    // Documented defaults for unknown scores: the median of the state's
    // regional group (docs/ODD.md, "Input data").
    std::map<Region, std::vector<double>> known_by_region;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (score[i]) known_by_region[s.region[i]].push_back(*score[i]);
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        double value = 0.0;
        if (score[i]) {
            value = *score[i];
        } else if (!known_by_region[s.region[i]].empty()) {
            value = median(known_by_region[s.region[i]]);
        } else {
            throw InputError(
                path, table.rows()[i].line, "fh_score",
                "unknown, and no state of its regional group has a score to default from");
        }
        s.fh_score.push_back(value);
        if (status_unknown[i]) s.fh_status[i] = status_from_score(value);
        s.tnr_incidents.push_back(std::nan(""));
        s.tnr_leading.push_back(0);
        for (auto* flags : {&s.refugee_convention, &s.torture_convention, &s.echr,
                            &s.european_extradition, &s.treaty_required}) {
            flags->push_back(0);  // filled from their own files
        }
        for (auto* counts : {&s.requests_google, &s.requests_microsoft, &s.disclosure_requests,
                             &s.disclosure_provided}) {
            counts->push_back(std::nan(""));  // filled from their own files
        }
        s.platform_national.push_back(0.0);
        s.platform_telegram.push_back(0.0);
        s.repression.push_back(1.0 - value / 100.0);
        if (s.rule_of_law[i] < 0.0) {
            // Civil liberties (0-60) include the rule-of-law category; without
            // them, the total's share stands in.
            s.rule_of_law[i] = civil[i] ? *civil[i] / 60.0 : value / 100.0;
        }
    }
    return s;
}

Blocs load_blocs(const std::string& path, const StateTable& states) {
    const CsvTable table = CsvTable::read(path);
    const std::size_t bloc_col = table.require_column("bloc");
    const std::size_t iso_col = table.require_column("iso3");
    const CodeIndex by_code = code_index(states);

    Blocs blocs;
    std::map<std::string, std::size_t> bloc_index;
    std::set<std::pair<std::string, std::string>> seen;
    for (const CsvRow& row : table.rows()) {
        const std::string& bloc = row.fields[bloc_col];
        const std::string& iso3 = row.fields[iso_col];
        if (bloc.empty()) throw InputError(path, row.line, "bloc", "empty bloc name");
        auto state = by_code.find(iso3);
        if (state == by_code.end()) {
            throw InputError(path, row.line, "iso3", "'" + iso3 + "' is not a state of the world");
        }
        if (!seen.insert({bloc, iso3}).second) {
            throw InputError(path, row.line, "iso3", "'" + iso3 + "' listed twice in " + bloc);
        }
        auto [it, inserted] = bloc_index.try_emplace(bloc, blocs.names.size());
        if (inserted) {
            blocs.names.push_back(bloc);
            blocs.members.emplace_back();
        }
        blocs.members[it->second].push_back(state->second);
    }
    return blocs;
}

void load_origin_incidents(const std::string& path, StateTable& states) {
    for_each_state_row(path, states, [&](const RowReader& r, StateId s) {
        const auto incidents = r.number("incidents", 0, 1e9);
        states.tnr_incidents[s] = incidents ? *incidents : std::nan("");
        states.tnr_leading[s] = r.flag("leading");
    });
}

void load_protection_treaties(const std::string& path, StateTable& states) {
    for_each_state_row(path, states, [&](const RowReader& r, StateId s) {
        states.refugee_convention[s] = r.flag("refugee_convention");
        states.torture_convention[s] = r.flag("cat");
        states.echr[s] = r.flag("echr");
        states.european_extradition[s] = r.flag("european_extradition");
    });
}

void load_legal_systems(const std::string& path, StateTable& states) {
    for_each_state_row(path, states, [&](const RowReader& r, StateId s) {
        states.treaty_required[s] = r.flag("treaty_required");
    });
}

void load_request_volumes(const std::string& path, StateTable& states) {
    for_each_state_row(path, states, [&](const RowReader& r, StateId s) {
        states.requests_google[s] =
            r.number("google_requests_2023h2", 0, 1e9).value_or(std::nan(""));
        states.requests_microsoft[s] =
            r.number("microsoft_requests_2024h1", 0, 1e9).value_or(std::nan(""));
    });
}

void load_provider_disclosure(const std::string& path, StateTable& states) {
    const CsvTable table = CsvTable::read(path);
    const CodeIndex codes = code_index(states);
    std::set<StateId> seen;
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        if (r.text("request_type") != "account") continue;
        const StateId s = r.state("iso3", codes);
        if (!seen.insert(s).second) {
            r.fail("iso3", "account requests of '" + r.text("iso3") + "' listed twice");
        }
        const auto requests = r.number("requests", 0, 1e9);
        const auto provided = r.number("requests_data_provided", 0, 1e9);
        if (!requests || !provided) continue;  // looked for, not found
        if (*provided > *requests) {
            r.fail("requests_data_provided", "more than the requests received");
        }
        states.disclosure_requests[s] = *requests;
        states.disclosure_provided[s] = *provided;
    }
}

void load_platform_shares(const std::string& path, StateTable& states) {
    for_each_state_row(path, states, [&](const RowReader& r, StateId s) {
        const double national = r.number("share_national", 0, 1).value_or(0.0);
        const double telegram = r.number("share_telegram", 0, 1).value_or(0.0);
        if (national + telegram > 1.0 + 1e-9) {
            r.fail("share_telegram", "share_national + share_telegram is more than 1");
        }
        states.platform_national[s] = national;
        states.platform_telegram[s] = telegram;
    });
}

std::vector<std::pair<StateId, StateId>> load_state_pairs(const std::string& path,
                                                          const StateTable& states) {
    const CsvTable table = CsvTable::read(path);
    const CodeIndex codes = code_index(states);
    std::vector<std::pair<StateId, StateId>> pairs;
    std::map<std::pair<StateId, StateId>, int> line_of;  // (lower, higher) id
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        const StateId a = r.state("a", codes);
        const StateId b = r.state("b", codes);
        if (a == b) r.fail("b", "'" + r.text("b") + "' cannot be paired with itself");
        if (auto [it, inserted] = line_of.emplace(std::minmax(a, b), row.line); !inserted) {
            r.fail("b", "the pair " + r.text("a") + "-" + r.text("b") +
                            " is already listed on line " + std::to_string(it->second));
        }
        pairs.emplace_back(a, b);
    }
    return pairs;
}

void load_bloc_instruments(const std::string& path, Blocs& blocs) {
    const CsvTable table = CsvTable::read(path);
    std::map<std::string, std::size_t> index;
    for (std::size_t b = 0; b < blocs.names.size(); ++b) index[blocs.names[b]] = b;
    std::vector<std::uint8_t> mla(blocs.names.size(), 0);
    std::vector<std::uint8_t> extradition(blocs.names.size(), 0);
    std::vector<std::uint8_t> terrorism_only(blocs.names.size(), 0);
    std::set<std::string> seen;
    for (const CsvRow& row : table.rows()) {
        RowReader r(table, row);
        const std::string& name = r.text("bloc");
        auto it = index.find(name);
        if (it == index.end()) r.fail("bloc", "'" + name + "' is not a bloc of the blocs file");
        if (!seen.insert(name).second) r.fail("bloc", "duplicate bloc '" + name + "'");
        mla[it->second] = r.flag("mla");
        extradition[it->second] = r.flag("extradition");
        // Optional: a file without the column covers every offence.
        constexpr std::array<std::string_view, 2> offences{"all", "terrorism_extremism"};
        if (auto v = r.optional_text("offences"); v && !v->empty()) {
            terrorism_only[it->second] = r.choice("offences", offences) == 1;
        }
    }
    blocs.mla = std::move(mla);
    blocs.extradition = std::move(extradition);
    blocs.terrorism_only = std::move(terrorism_only);
}

std::vector<double> load_migrant_stock(const std::string& path, const StateTable& states) {
    return pair_counts(path, code_index(states), states.size(), "destination", {"stock"});
}

std::vector<double> load_refugees(const std::string& path, const StateTable& states) {
    return pair_counts(path, code_index(states), states.size(), "asylum",
                       {"refugees", "asylum_seekers"});
}

std::vector<double> diaspora_of(const std::vector<double>& migrant_stock,
                                const std::vector<double>& refugees) {
    std::vector<double> weights(migrant_stock.size());
    for (std::size_t k = 0; k < weights.size(); ++k) {
        weights[k] = std::max(migrant_stock[k], refugees[k]);
    }
    return weights;
}

std::vector<double> load_diaspora(const std::string& migrant_stock_path,
                                  const std::string& refugees_path, const StateTable& states) {
    return diaspora_of(load_migrant_stock(migrant_stock_path, states),
                       load_refugees(refugees_path, states));
}

}  // namespace havens
