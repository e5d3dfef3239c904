// "Did you mean": the known key nearest a mistyped one, for the tail of an
// "unknown key" or "unknown section" error. A key is close when few edits
// (Damerau-Levenshtein: insertions, deletions, substitutions and swaps of
// neighbours) turn it into a known one (close_enough), or its last component
// into a known key's last component with at most a third of its length in
// edits (protocol_treshold -> treaty.protocol_threshold).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace havens {

// The optimal-string-alignment distance between a and b.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The most edits at which a word of `length` characters is still close to
// another: none below three characters, 1 at three, 2 from four, a third of
// the length beyond.
std::size_t close_enough(std::size_t length);

// The known key nearest `key`, or "" when none is close (or `key` is known).
std::string nearest_key(std::string_view key, const std::vector<std::string>& known);

// " (did you mean 'KEY'?)" for the nearest known key, or "".
std::string did_you_mean(std::string_view key, const std::vector<std::string>& known);

// Every key of the scenario table (havens params), and the sections they
// belong to (treaty, safeguards, ...) with the scenario's own tables (sweep).
const std::vector<std::string>& scenario_keys();
const std::vector<std::string>& scenario_sections();

}  // namespace havens
