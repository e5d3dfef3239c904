#include "io/h5/handle.hpp"

#include <atomic>

#include "core/errors.hpp"

namespace havens::h5 {

namespace {

std::atomic<bool> damaged{false};

// The library's shutdown, taken over from its own atexit handler (registered
// at its first call, which comes after this object is constructed): the
// handler would close a file whose close had failed a second time and crash.
struct Shutdown {
    Shutdown() { H5dont_atexit(); }
    ~Shutdown() {
        if (!damaged.load()) H5close();
    }
};
const Shutdown library_shutdown;

herr_t innermost(unsigned, const H5E_error2_t* error, void* out) {
    auto* message = static_cast<std::string*>(out);
    if (message->empty() && error->desc) *message = error->desc;
    return 0;
}

// HDF5's message, on one line. A failed write or flush describes the system
// call over several lines (time, buffer, offsets); the system's own message
// ('No space left on device', 'File too large') is what a user needs.
std::string one_line(const std::string& text) {
    const std::string marker = "error message = '";
    if (const auto at = text.find(marker); at != std::string::npos) {
        const auto from = at + marker.size();
        const auto to = text.find('\'', from);
        if (to != std::string::npos && to > from) return text.substr(from, to - from);
    }
    std::string out;
    for (char c : text) {
        const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string library_message() {
    std::string message;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &message);
    H5Eclear2(H5E_DEFAULT);
    return one_line(message);
}

[[noreturn]] void fail(const std::string& path, const std::string& what,
                       const std::string& detail) {
    throw OutputError(path, what + (detail.empty() ? "" : " (" + detail + ")"));
}

}  // namespace

void check(herr_t status, const std::string& path, const std::string& what) {
    if (status < 0) fail(path, what, library_message());
}

hid_t check_id(hid_t id, const std::string& path, const std::string& what) {
    check(id < 0 ? -1 : 0, path, what);
    return id;
}

void silence_library_errors() {
    thread_local bool silenced = false;
    if (silenced) return;
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    silenced = true;
}

bool library_damaged() { return damaged.load(); }

// Closes `id`; on failure, returns HDF5's message (read before any other
// call clears it) and notes a file left in the library's table.
bool Handle::release(std::string* detail) noexcept {
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    if (id < 0 || !close_) return true;
    silence_library_errors();
    if (close_(id) >= 0) return true;
    try {
        if (detail) *detail = library_message();
    } catch (...) {  // no memory for the message: the failure is still reported
    }
    H5Eclear2(H5E_DEFAULT);
    // A failed H5Fclose leaves the identifier in HDF5's table with the file
    // half torn down: any later close of it (the library's shutdown) crashes.
    if (H5Iis_valid(id) > 0) damaged.store(true);
    H5Eclear2(H5E_DEFAULT);
    return false;
}

void Handle::close(const std::string& path, const std::string& what) {
    std::string detail;
    if (!release(&detail)) fail(path, what, detail);
}

void Handle::reset() noexcept { release(nullptr); }

}  // namespace havens::h5
