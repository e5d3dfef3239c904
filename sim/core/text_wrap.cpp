#include "core/text_wrap.hpp"

namespace havens {

namespace {

// Display columns of UTF-8 text: one per character, continuation bytes none.
std::size_t columns(const std::string& s, std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    }
    return n;
}

void wrap_line(const std::string& line, std::size_t width, std::string& out) {
    const std::size_t indent =
        line.find_first_not_of(' ') == std::string::npos ? 0 : line.find_first_not_of(' ');
    const std::string continuation(indent + 4, ' ');
    std::size_t start = 0;
    std::size_t used = 0;  // columns of the prefix already on the current output line
    bool first = true;
    while (start < line.size()) {
        const std::size_t room = width > used ? width - used : 1;
        if (columns(line, start, line.size()) <= room) {
            out += line.substr(start);
            return;
        }
        // The last space at which the piece still fits.
        std::size_t cut = std::string::npos;
        std::size_t before = 0;  // columns of line[start, i)
        for (std::size_t i = start; i < line.size() && before <= room; ++i) {
            if (line[i] == ' ' && (!first || i > indent)) cut = i;
            if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++before;
        }
        if (cut == std::string::npos || cut <= start) {
            cut = line.find(' ', start + 1);  // a word longer than the room stays whole
            if (cut == std::string::npos) {
                out += line.substr(start);
                return;
            }
        }
        out += line.substr(start, cut - start);
        out += '\n';
        out += continuation;
        used = continuation.size();
        start = line.find_first_not_of(' ', cut);
        if (start == std::string::npos) return;
        first = false;
    }
}

}  // namespace

std::string wrap_text(const std::string& text, std::size_t width) {
    std::string out;
    out.reserve(text.size());
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string line =
            text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        wrap_line(line, width, out);
        if (end == std::string::npos) break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

}  // namespace havens
