#include "io/data_folder.hpp"

#include <filesystem>
#include <iomanip>
#include <sstream>

#include "io/build_info.hpp"
#include "io/checkpoint.hpp"
#include "io/input_file.hpp"

namespace havens {

namespace {

bool holds_data(const std::filesystem::path& folder) {
    std::error_code error;
    return std::filesystem::is_regular_file(folder / "states.csv", error);
}

}  // namespace

std::string shipped_data_folder() {
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const auto installed =
            (exe.parent_path() / ".." / "share" / "havens" / "scenarios" / "data")
                .lexically_normal();
        if (holds_data(installed)) return installed.string();
    }
    const std::filesystem::path source(build_info::source_data_folder);
    return holds_data(source) ? source.string() : std::string();
}

std::string file_fingerprint(const std::string& path) {
    const std::string bytes = read_input_file(path, "a data file", max_data_file_bytes);
    std::ostringstream out;
    out << std::hex << std::setw(16) << std::setfill('0') << config_hash(bytes);
    return out.str();
}

}  // namespace havens
