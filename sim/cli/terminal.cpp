#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include "core/text_wrap.hpp"

namespace havens {

std::string for_terminal(const std::string& text) {
    if (::isatty(STDOUT_FILENO) == 0) return text;
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col < 40) return text;
    return wrap_text(text, size.ws_col);
}

}  // namespace havens
