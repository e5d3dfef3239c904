// A small CSV reader for the world's data files: a header row, RFC 4180
// quoting, '#' comment lines before the header, and line numbers kept so that
// every error can point at the file, line and column.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace havens {

struct CsvRow {
    int line = 0;  // 1-based line number in the file
    std::vector<std::string> fields;
};

class CsvTable {
public:
    // Throws InputError for a missing file, a ragged row or bad quoting.
    static CsvTable read(const std::string& path);

    const std::string& path() const { return path_; }
    const std::vector<CsvRow>& rows() const { return rows_; }
    const std::vector<std::string>& header() const { return header_; }
    std::optional<std::size_t> column(const std::string& name) const;
    // The index of a column that must exist (InputError naming it otherwise).
    std::size_t require_column(const std::string& name) const;

private:
    std::string path_;
    int header_line_ = 0;
    std::vector<std::string> header_;
    std::vector<CsvRow> rows_;
};

// The offset of the first byte of `text` that is not part of well-formed
// UTF-8 (RFC 3629), or npos when all of it is.
std::size_t invalid_utf8_at(std::string_view text);

}  // namespace havens
