#include "core/errors.hpp"

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

InputError::InputError(std::string file, int line, std::string key, const std::string& message)
    : std::runtime_error(locate(file, line, key, message)),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)) {}

OutputError::OutputError(std::string path, const std::string& message)
    : std::runtime_error(path + ": " + message), path_(std::move(path)) {}

}  // namespace havens
