#include "io/input_file.hpp"

#include <filesystem>
#include <sstream>

#include "core/errors.hpp"

namespace havens {

namespace {

std::string mebibytes(std::uintmax_t bytes) {
    std::ostringstream out;
    out.precision(3);
    out << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
    return out.str();
}

}  // namespace

std::ifstream open_input_file(const std::string& path, const std::string& what,
                              std::uintmax_t max_bytes) {
    namespace fs = std::filesystem;
    std::error_code why;
    const fs::file_status status = fs::status(path, why);
    if (why || !fs::exists(status)) {
        throw InputError(path, 0, "",
                         "cannot open " + what + (why ? " (" + why.message() + ")" : ""));
    }
    if (fs::is_directory(status)) {
        throw InputError(path, 0, "", "cannot read " + what + ": this is a folder, not a file");
    }
    if (!fs::is_regular_file(status)) {
        throw InputError(path, 0, "",
                         "cannot read " + what + ": not a regular file (a device, pipe or socket)");
    }
    const std::uintmax_t size = fs::file_size(path, why);
    if (!why && size > max_bytes) {
        throw InputError(path, 0, "",
                         what + " is " + mebibytes(size) + ", more than the " +
                             mebibytes(max_bytes) + " havens reads");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "", "cannot open " + what);
    return in;
}

std::string read_input_file(const std::string& path, const std::string& what,
                            std::uintmax_t max_bytes) {
    std::ifstream in = open_input_file(path, what, max_bytes);
    // A file that grew after the size check is refused at the first chunk
    // past the limit rather than read to its end.
    std::string text;
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes) {
            throw InputError(path, 0, "",
                             what + " grew past the " + mebibytes(max_bytes) + " havens reads");
        }
    }
    if (in.bad()) throw InputError(path, 0, "", "cannot read " + what);
    return text;
}

}  // namespace havens
