// RAII ownership of HDF5 identifiers, and the one place that turns a failing
// HDF5 call into an exception carrying the library's own error message.
//
// Closing can fail (a dataset or a file flushes what it buffered: a full
// disk shows there), so a handle is closed explicitly with close(), which
// throws; the destructor closes quietly, for the error path only. HDF5 1.10
// leaves a file whose H5Fclose failed half torn down in its table of
// identifiers, and closing it again (as the library's own shutdown at exit
// does) crashes: the library's shutdown is therefore ours, and skipped once
// a file failed to close (see library_damaged()).
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>

namespace havens::h5 {

// Throws OutputError(path, what + HDF5's innermost message, on one line)
// when status < 0.
void check(herr_t status, const std::string& path, const std::string& what);
hid_t check_id(hid_t id, const std::string& path, const std::string& what);

// Stops HDF5 printing its error stack to stderr in the calling thread (the
// thread-safe library keeps the setting per thread): errors arrive as
// exceptions. Every entry point of io/h5 calls it.
void silence_library_errors();

// Whether a file failed to close, leaving an identifier that must never be
// touched again: the library is then not shut down at exit.
bool library_damaged();

class Handle {
public:
    Handle() = default;
    Handle(hid_t id, herr_t (*closer)(hid_t)) : id_(id), close_(closer) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle(Handle&& other) noexcept
        : id_(std::exchange(other.id_, H5I_INVALID_HID)), close_(other.close_) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
            close_ = other.close_;
        }
        return *this;
    }
    ~Handle() { reset(); }

    hid_t id() const { return id_; }
    explicit operator bool() const { return id_ >= 0; }
    // Closes, checked: OutputError(path, what ...) if HDF5 reports a failure
    // (the identifier is given up either way and never closed twice).
    void close(const std::string& path, const std::string& what);
    // Closes quietly (destructors, error paths): never throws, never closes twice.
    void reset() noexcept;

private:
    bool release(std::string* detail) noexcept;

    hid_t id_ = H5I_INVALID_HID;
    herr_t (*close_)(hid_t) = nullptr;
};

}  // namespace havens::h5
