#include "io/toml_reading.hpp"

#include <vector>

#include "core/errors.hpp"
#include "io/input_file.hpp"

namespace havens {

std::string read_text_file(const std::string& path, const std::string& what) {
    return read_input_file(path, what, max_settings_file_bytes);
}

// The deepest nesting a scenario may have: its keys are at most four deep
// (sweep.values.treaty.threshold), and toml++ recurses once per level of a
// dotted key or table header, so that some tens of thousands of levels
// overflow the stack. Nesting is measured on the raw text before toml++
// sees it: dotted parts of keys and headers, inline tables and arrays.
constexpr int max_nesting = 64;

// InputError at the first line of `text` nested deeper than max_nesting
// (`numbered`: lines are named; a --set value has none). A scan, not a
// parser: it follows strings and comments closely enough to find keys,
// headers and brackets, and leaves every other check to toml++.
void check_nesting(const std::string& text, const std::string& file, bool numbered) {
    struct Open {
        char bracket;  // '[' (array) or '{' (inline table)
        int depth;     // the depth of what it holds
    };
    std::vector<Open> open;
    int line = 1;
    int table_depth = 0;  // dotted parts of the last [header]
    int value_depth = 0;  // the depth of the value after the last '='
    int parts = 0;        // dotted parts of the key or header being read
    bool in_key = true;   // reading a key (a line's start, after '{' or ',' in a table)
    bool in_header = false;
    bool line_start = true;
    auto refuse = [&] {
        throw InputError(file, numbered ? line : 0, "",
                         "nested more than " + std::to_string(max_nesting) +
                             " levels deep (dotted keys, tables and arrays together)");
    };
    auto base = [&] { return open.empty() ? table_depth : open.back().depth; };
    auto element_depth = [&] {
        return !open.empty() && open.back().bracket == '[' && !in_key ? open.back().depth
                                                                      : value_depth;
    };
    const std::size_t n = text.size();
    auto skip_string = [&](std::size_t& i) {  // i at the opening quote; leaves i at the closing one
        const char quote = text[i];
        const bool basic = quote == '"';
        if (text.compare(i, 3, std::string(3, quote)) == 0) {  // multi-line
            for (i += 3; i < n; ++i) {
                if (text[i] == '\n') ++line;
                if (basic && text[i] == '\\') {
                    if (i + 1 < n && text[i + 1] == '\n') ++line;
                    ++i;
                } else if (text.compare(i, 3, std::string(3, quote)) == 0) {
                    i += 2;
                    while (i + 1 < n && text[i + 1] == quote) ++i;  // """a"""" holds a quote
                    return;
                }
            }
            return;
        }
        for (++i; i < n && text[i] != quote && text[i] != '\n'; ++i) {
            if (basic && text[i] == '\\' && i + 1 < n && text[i + 1] != '\n') ++i;
        }
        if (i < n && text[i] == '\n') --i;  // an unclosed string: the newline is seen again
    };
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r') continue;
        if (c == '\n') {
            ++line;
            line_start = open.empty();
            if (open.empty()) {
                in_key = true;
                in_header = false;
                parts = 0;
            }
            continue;
        }
        if (c == '#') {
            while (i + 1 < n && text[i + 1] != '\n') ++i;
            continue;
        }
        const bool first_on_line = line_start;
        line_start = false;
        if ((in_key || in_header) && parts == 0 && c != '[' && c != '.') parts = 1;
        if (c == '"' || c == '\'') {
            skip_string(i);
        } else if (in_header) {
            if (c == '.' && ++parts > max_nesting) refuse();
            if (c == ']') {
                in_header = false;
                table_depth = parts;
            }
        } else if (c == '[' && first_on_line && open.empty()) {
            in_header = true;
            in_key = false;
            parts = 0;
            if (i + 1 < n && text[i + 1] == '[') ++i;  // [[array of tables]]
        } else if (in_key && c == '}' && !open.empty() && open.back().bracket == '{') {
            open.pop_back();  // {} or a trailing comma
            in_key = false;
        } else if (in_key) {
            if (c == '.' && ++parts > max_nesting) refuse();
            if (c == '=') {
                value_depth = base() + parts;
                if (value_depth > max_nesting) refuse();
                in_key = false;
                parts = 0;
            }
        } else if (c == '[' || c == '{') {
            open.push_back({c, element_depth() + (c == '[' ? 1 : 0)});
            if (open.back().depth > max_nesting) refuse();
            in_key = c == '{';
            parts = 0;
        } else if (c == ']' || c == '}') {
            if (!open.empty()) open.pop_back();
            in_key = false;
        } else if (c == ',' && !open.empty() && open.back().bracket == '{') {
            in_key = true;
            parts = 0;
        }
    }
}

namespace {

std::string trimmed(std::string_view s) {
    const auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return "";
    const auto end = s.find_last_not_of(" \t\r");
    return std::string(s.substr(begin, end - begin + 1));
}

// `"a.b"` as written in a key is the key a.b, as the rest of havens names it.
std::string unquoted(const std::string& key) {
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') &&
        key.back() == key.front() && key.find(key.front(), 1) == key.size() - 1) {
        return key.substr(1, key.size() - 2);
    }
    return key;
}

}  // namespace

std::string key_on_line(const std::string& text, int line) {
    std::string table;
    std::size_t start = 0;
    for (int number = 1; start <= text.size(); ++number) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string content = trimmed(std::string_view(text).substr(start, end - start));
        const bool header = !content.empty() && content.front() == '[';
        if (header && number < line) {
            const auto close = content.find(']');
            table = close == std::string::npos ? "" : trimmed(content.substr(1, close - 1));
            if (!table.empty() && table.front() == '[') table = trimmed(table.substr(1));
        }
        if (number == line) {
            if (header) return "";
            const auto eq = content.find('=');
            if (eq == std::string::npos || content.front() == '#') return "";
            const std::string key = unquoted(trimmed(content.substr(0, eq)));
            if (key.empty()) return "";
            return table.empty() ? key : table + "." + key;
        }
        start = end + 1;
    }
    return "";
}

toml::table parse_toml(const std::string& text, const std::string& path) {
    check_nesting(text, path, true);
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        const int line = static_cast<int>(e.source().begin.line);
        throw InputError(path, line, key_on_line(text, line), std::string(e.description()));
    }
}

}  // namespace havens
