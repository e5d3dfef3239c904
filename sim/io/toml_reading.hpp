// Reading TOML files (scenarios, calibrations): the text, checked for
// nesting the parser's recursion cannot take, then parsed, every failure one
// line naming the file and line. Internal to io/: only io includes toml++.
#pragma once

#include <toml++/toml.h>

#include <string>

namespace havens {

// The whole file; InputError "cannot open <what>" naming it.
std::string read_text_file(const std::string& path, const std::string& what);

// InputError at the first line of `text` (a TOML file, or a --set value
// when not `numbered`) nested too deep for the TOML parser's recursion.
void check_nesting(const std::string& text, const std::string& file, bool numbered);

// The key set on `line` of the TOML `text` as havens names it (the table of
// the last [header] above it, a dot, the key), or "" when the line sets no
// key. For errors of the parser, which name only the line.
std::string key_on_line(const std::string& text, int line);

// The parsed table of `text`, read from `path`: check_nesting, then toml++.
toml::table parse_toml(const std::string& text, const std::string& path);

}  // namespace havens
