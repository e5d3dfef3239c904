// Text for standard output, folded to the terminal's width when standard
// output is one; left as it is for a pipe or a file, so that scripts and
// tests read whole lines.
#pragma once

#include <string>

namespace havens {

std::string for_terminal(const std::string& text);

}  // namespace havens
