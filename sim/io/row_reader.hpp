// Reading one row of a data file: typed access to its columns, with every
// error naming the file, the line and the column. Shared by the readers of
// the world's data files.
#pragma once

#include <charconv>
#include <map>
#include <optional>
#include <string>

#include "core/errors.hpp"
#include "core/vocabulary.hpp"
#include "io/csv.hpp"
#include "model/states.hpp"

namespace havens {

inline bool is_unknown(const std::string& v) { return v.empty() || v == "unknown"; }

using CodeIndex = std::map<std::string, StateId>;

inline CodeIndex code_index(const StateTable& states) {
    CodeIndex codes;
    for (StateId i = 0; i < states.size(); ++i) codes[states.iso3[i]] = i;
    return codes;
}

class RowReader {
public:
    RowReader(const CsvTable& table, const CsvRow& row) : table_(table), row_(row) {}

    const std::string& text(const std::string& column) const {
        return row_.fields[table_.require_column(column)];
    }
    std::optional<std::string> optional_text(const std::string& column) const {
        auto c = table_.column(column);
        if (!c) return std::nullopt;
        return row_.fields[*c];
    }
    [[noreturn]] void fail(const std::string& column, const std::string& message) const {
        throw InputError(table_.path(), row_.line, column, message);
    }
    StateId state(const std::string& column, const CodeIndex& codes) const {
        const std::string& code = text(column);
        auto it = codes.find(code);
        if (it == codes.end()) fail(column, "'" + code + "' is not a state of the world");
        return it->second;
    }
    long long whole_number(const std::string& column) const {
        const std::string& v = text(column);
        long long x = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
        if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
            fail(column, "expected a whole number, got '" + v + "'");
        }
        return x;
    }
    // A number in [lo, hi], or nullopt when the value is unknown.
    std::optional<double> number(const std::string& column, double lo, double hi) const {
        const std::string& v = text(column);
        if (is_unknown(v)) return std::nullopt;
        return parse_number(column, v, lo, hi);
    }
    double parse_number(const std::string& column, const std::string& v, double lo,
                        double hi) const {
        double x = 0.0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
        if (ec != std::errc() || end != v.data() + v.size() || !(x >= lo && x <= hi)) {
            fail(column, "expected a number in [" + format(lo) + ", " + format(hi) +
                             "] or 'unknown', got '" + v + "'");
        }
        return x;
    }
    // 0/1, with 'unknown' read as 0 (the documented default).
    std::uint8_t flag(const std::string& column) const {
        const std::string& v = text(column);
        if (is_unknown(v) || v == "0") return 0;
        if (v == "1") return 1;
        fail(column, "expected 0, 1 or 'unknown', got '" + v + "'");
    }
    template <std::size_t N>
    std::size_t category(const std::string& column, const std::array<std::string_view, N>& names,
                         std::size_t unknown_default) const {
        const std::string& v = text(column);
        if (is_unknown(v)) return unknown_default;
        if (auto i = index_of(names, v)) return *i;
        std::string allowed;
        for (auto n : names) allowed += (allowed.empty() ? "'" : ", '") + std::string(n) + "'";
        fail(column, "expected one of " + allowed + " or 'unknown', got '" + v + "'");
    }
    // One of `names`, which an empty or 'unknown' value is not.
    template <std::size_t N>
    std::size_t choice(const std::string& column,
                       const std::array<std::string_view, N>& names) const {
        const std::string& v = text(column);
        if (auto i = index_of(names, v)) return *i;
        std::string allowed;
        for (auto n : names) allowed += (allowed.empty() ? "'" : ", '") + std::string(n) + "'";
        fail(column, "expected one of " + allowed + ", got '" + v + "'");
    }

private:
    static std::string format(double x) {
        std::string s = std::to_string(x);
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
        return s;
    }
    const CsvTable& table_;
    const CsvRow& row_;
};

}  // namespace havens
