#include "io/csv.hpp"

#include <fstream>

#include "core/errors.hpp"

namespace havens {

namespace {

std::vector<std::string> split_record(const std::string& line, const std::string& path,
                                      int line_number) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (quoted) throw InputError(path, line_number, "", "unterminated quoted field");
    fields.push_back(std::move(field));
    return fields;
}

}  // namespace

CsvTable CsvTable::read(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, "", "cannot open the data file");
    CsvTable table;
    table.path_ = path;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line == "\r" || line.front() == '#') continue;
        auto fields = split_record(line, path, number);
        if (table.header_.empty()) {
            table.header_ = std::move(fields);
            table.header_line_ = number;
            continue;
        }
        if (fields.size() != table.header_.size()) {
            throw InputError(path, number, "",
                             "expected " + std::to_string(table.header_.size()) +
                                 " fields as in the header, got " + std::to_string(fields.size()));
        }
        table.rows_.push_back(CsvRow{number, std::move(fields)});
    }
    if (table.header_.empty()) throw InputError(path, 0, "", "no header row");
    return table;
}

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < header_.size(); ++i) {
        if (header_[i] == name) return i;
    }
    return std::nullopt;
}

std::size_t CsvTable::require_column(const std::string& name) const {
    if (auto c = column(name)) return *c;
    throw InputError(path_, header_line_, name, "required column is missing");
}

}  // namespace havens
