// The two kinds of failure a user can cause or meet, caught once in main.
// InputError points at the offending file, line and key so that a one-line
// message tells the user exactly what to fix; OutputError names the path that
// could not be written or read.
#pragma once

#include <stdexcept>
#include <string>

namespace havens {

class InputError : public std::runtime_error {
public:
    // `line` is 0 when the source has no lines (a command-line flag, say).
    InputError(std::string file, int line, std::string key, const std::string& message);

    const std::string& file() const { return file_; }
    int line() const { return line_; }
    const std::string& key() const { return key_; }

private:
    std::string file_;
    int line_;
    std::string key_;
};

class OutputError : public std::runtime_error {
public:
    OutputError(std::string path, const std::string& message);
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// `text` on one line whatever it quotes: a path, key or value holding a
// newline or another control character shows it escaped (\n, \x00), so that
// every message havens prints is one line (InputError and OutputError hold
// their messages so, a NUL included, which would otherwise end what()).
std::string one_line(const std::string& text);

// Exit codes: distinct so that scripts can tell bad input from a failing disk.
enum ExitCode : int { exit_ok = 0, exit_internal = 1, exit_input = 2, exit_output = 3 };

}  // namespace havens
