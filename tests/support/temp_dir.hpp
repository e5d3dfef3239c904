// A fresh folder per test, removed afterwards, and a helper to write files in it.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace havens::testing {

class TempDir {
public:
    TempDir() {
        std::random_device device;
        path_ = std::filesystem::temp_directory_path() /
                ("havens-test-" + std::to_string(device()) + std::to_string(device()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string path(const std::string& name) const { return (path_ / name).string(); }
    std::string write(const std::string& name, const std::string& text) const {
        const auto p = path_ / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p) << text;
        return p.string();
    }

private:
    std::filesystem::path path_;
};

// Expects `f` to throw E whose message contains every one of `parts`.
template <typename E, typename F>
void expect_error_mentions(F f, std::initializer_list<std::string> parts) {
    try {
        f();
        ADD_FAILURE() << "no error was raised";
    } catch (const E& e) {
        const std::string message = e.what();
        for (const auto& part : parts) {
            EXPECT_NE(message.find(part), std::string::npos)
                << "'" << part << "' missing from: " << message;
        }
        EXPECT_EQ(message.find('\n'), std::string::npos) << "not one line: " << message;
    }
}

}  // namespace havens::testing
