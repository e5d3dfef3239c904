#include "io/csv.hpp"

#include <cstdio>
#include <fstream>
#include <string_view>

#include "core/errors.hpp"
#include "io/input_file.hpp"

namespace havens {

namespace {

// Spreadsheet programs on Windows start a UTF-8 file with a byte-order mark.
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string hex_byte(char c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", static_cast<unsigned char>(c));
    return buffer;
}

// Every field must be UTF-8 text: the names go into the result file as UTF-8
// strings, and readers such as h5py decode them as such.
void check_utf8(const std::vector<std::string>& fields, const std::vector<std::string>& header,
                const std::string& path, int line_number) {
    for (std::size_t f = 0; f < fields.size(); ++f) {
        const std::size_t at = invalid_utf8_at(fields[f]);
        if (at == std::string_view::npos) continue;
        const std::string column =
            f < header.size() && invalid_utf8_at(header[f]) == std::string_view::npos
                ? header[f]
                : "column " + std::to_string(f + 1);
        throw InputError(path, line_number, column,
                         "not UTF-8 text (byte " + hex_byte(fields[f][at]) + " at byte " +
                             std::to_string(at + 1) +
                             " of the field); save the file with UTF-8 encoding");
    }
}

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

// The offset of the first byte of `text` that does not belong to a
// well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), or npos when the text is valid.
std::size_t invalid_utf8_at(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (b < 0x80) {
            ++i;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (i + length > text.size()) return i;
        for (std::size_t k = 1; k < length; ++k) {
            const auto c = static_cast<unsigned char>(text[i + k]);
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

CsvTable CsvTable::read(const std::string& path) {
    std::ifstream in = open_input_file(path, "the data file", max_data_file_bytes);
    CsvTable table;
    table.path_ = path;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.starts_with(utf8_bom)) line.erase(0, utf8_bom.size());
        if (line.empty() || line == "\r" || line.front() == '#') continue;
        auto fields = split_record(line, path, number);
        check_utf8(fields, table.header_, path, number);
        if (table.header_.empty()) {
            // A column named twice would be read from its first place only.
            for (std::size_t i = 0; i < fields.size(); ++i) {
                for (std::size_t j = 0; j < i; ++j) {
                    if (fields[j] == fields[i]) {
                        throw InputError(path, number, fields[i],
                                         "a column named twice (columns " + std::to_string(j + 1) +
                                             " and " + std::to_string(i + 1) + ")");
                    }
                }
            }
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
