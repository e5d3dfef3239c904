#include "jobs/output_path.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/errors.hpp"

namespace havens {

// Refuses, before any work, an output path that the final rename would
// fail on or that is not a file havens may replace: an empty path, a
// folder, a device, pipe or socket, a folder that does not exist or cannot
// be written. The default folder, results/, is created.
void check_output(const std::string& output, bool given) {
    namespace fs = std::filesystem;
    if (output.empty()) {
        throw InputError("--output", 0, "",
                         "empty path (give a file, or leave out -o for results/NAME.h5)");
    }
    const fs::path path(output);
    const fs::path name = path.filename();
    if (name.empty() || name == "." || name == "..")
        throw OutputError(output, "names a folder, not a file");
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);  // through links: what would be replaced
    if (fs::is_directory(status)) throw OutputError(output, "is a folder (give a file name)");
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        throw OutputError(output,
                          "exists and is not a regular file (a device, pipe or socket): "
                          "havens writes only regular files");
    }
    const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    if (!given) fs::create_directories(folder, ec);  // results/
    if (!fs::is_directory(folder, ec)) {
        throw OutputError(output,
                          (fs::exists(folder, ec) ? "'" + folder.string() + "' is not a folder"
                                                  : "no such folder '" + folder.string() + "'"));
    }
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        throw OutputError(output, "cannot write in the folder '" + folder.string() +
                                      "': " + std::strerror(errno));
    }
}

}  // namespace havens
