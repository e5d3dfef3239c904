// What the harnesses share: a private scratch folder for the readers that take
// a path (the input is written there first), and the one test of what counts
// as a finding. The readers' documented answer to bad input is InputError or
// OutputError; any other exception escapes the harness and libFuzzer reports it.
#pragma once

#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace havens::fuzz {

class ScratchDir {
public:
    ScratchDir() {
        std::string name = (std::filesystem::temp_directory_path() / "havens-fuzz-XXXXXX").string();
        if (!::mkdtemp(name.data())) throw std::runtime_error("cannot make " + name);
        path_ = name;
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    const std::filesystem::path& path() const { return path_; }

    // Writes `bytes` to NAME in the folder (replacing it) and returns its path.
    std::string write(const std::string& name, std::string_view bytes) const {
        const std::string file = (path_ / name).string();
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw std::runtime_error("cannot write " + file);
        return file;
    }

private:
    std::filesystem::path path_;
};

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Runs `read`, treating the readers' documented errors as a correct answer;
// with HAVENS_FUZZ_VERBOSE set, prints them (to see how far a seed input gets).
template <typename F>
void expect_clean(F&& read) {
    static const bool verbose = std::getenv("HAVENS_FUZZ_VERBOSE") != nullptr;
    try {
        read();
    } catch (const std::runtime_error& e) {
        if (!dynamic_cast<const InputError*>(&e) && !dynamic_cast<const OutputError*>(&e)) throw;
        if (verbose) std::fprintf(stderr, "rejected: %s\n", e.what());
    }
}

}  // namespace havens::fuzz
