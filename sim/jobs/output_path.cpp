#include "jobs/output_path.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/errors.hpp"

namespace havens {

// Refuses, before any work, an output path that the final rename would
// fail on or that is not a file havens may replace: an empty path, a
// folder, a device, pipe or socket, a folder that does not exist or cannot
// be written. The default folder, results/, is created.
namespace {

// Whether the file at `path` is one havens writes: an HDF5 file (its
// signature at the start, or after a user block of 512 bytes or a power of
// two beyond), or a posterior CSV (its first line); an empty file too.
bool havens_may_replace(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    const std::string hdf5("\x89HDF\r\n\x1a\n", 8);
    const std::string posterior = "# The posterior of ";
    std::string head(posterior.size(), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    if (in.gcount() == 0) return true;
    if (head.compare(0, hdf5.size(), hdf5) == 0 || head == posterior) return true;
    for (std::streamoff at = 512; at <= (std::streamoff{1} << 20); at *= 2) {
        std::string signature(hdf5.size(), '\0');
        in.clear();
        in.seekg(at);
        if (!in.read(signature.data(), static_cast<std::streamsize>(signature.size()))) break;
        if (signature == hdf5) return true;
    }
    return false;
}

}  // namespace

void check_output(const std::string& output, bool overwrite) {
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
    if (!overwrite && fs::is_symlink(fs::symlink_status(path, ec))) {
        throw OutputError(output,
                          "is a symbolic link (the result would replace the link, not write "
                          "through it); give the file's own path, or --overwrite");
    }
    if (!overwrite && fs::is_regular_file(status) && !havens_may_replace(output)) {
        throw OutputError(output,
                          "exists and is not a file havens wrote (not a result file or a "
                          "posterior CSV); give another path, or --overwrite to replace it");
    }
    // Folders that do not exist yet are made when the job starts writing
    // (make_output_folder); here the nearest one that exists must take them.
    fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    while (!fs::exists(fs::symlink_status(folder, ec)) && folder.has_relative_path() &&
           folder.has_parent_path() && folder.parent_path() != folder) {
        folder = folder.parent_path();
    }
    if (!fs::exists(folder, ec)) folder = ".";
    if (!fs::is_directory(folder, ec)) {
        throw OutputError(output, "'" + folder.string() + "' is not a folder");
    }
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        throw OutputError(output, "cannot write in the folder '" + folder.string() +
                                      "': " + std::strerror(errno));
    }
}

void make_output_folder(const std::string& output) {
    namespace fs = std::filesystem;
    const fs::path folder = fs::path(output).parent_path();
    if (folder.empty()) return;
    std::error_code ec;
    fs::create_directories(folder, ec);
    // Another rank of an MPI job may have made it meanwhile.
    if (ec && !fs::is_directory(folder)) {
        throw OutputError(output,
                          "cannot make the folder '" + folder.string() + "': " + ec.message());
    }
}

}  // namespace havens
