#include "core/errors.hpp"

#include <cstdio>

namespace havens {
namespace {

std::string locate(const std::string& file, int line, const std::string& key,
                   const std::string& message) {
    std::string where = file;
    if (line > 0) where += ":" + std::to_string(line);
    if (!key.empty()) where += ": " + key;
    return where + ": " + message;
}

}  // namespace

std::string one_line(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7F) {
            char code[8];
            std::snprintf(code, sizeof code, "\\x%02X", static_cast<unsigned>(byte));
            out += code;
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

InputError::InputError(std::string file, int line, std::string key, const std::string& message)
    : std::runtime_error(one_line(locate(file, line, key, message))),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)) {}

OutputError::OutputError(std::string path, const std::string& message)
    : std::runtime_error(one_line(path + ": " + message)), path_(std::move(path)) {}

}  // namespace havens
