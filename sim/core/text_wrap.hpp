// Long lines folded to a width, for text meant for a terminal: a line breaks
// at the last space that fits, and its continuations are indented four
// columns deeper than the line itself, so that a summary stays readable in
// an 80-column window.
#pragma once

#include <cstddef>
#include <string>

namespace havens {

// Every line of `text` (lines end in '\n') no longer than `width` columns
// where a space allows it; a word longer than the width stays whole. Text
// already within the width is returned unchanged.
std::string wrap_text(const std::string& text, std::size_t width);

}  // namespace havens
