// RAII ownership of HDF5 identifiers, and the one place that turns a failing
// HDF5 call into an exception carrying the library's own error stack.
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>

namespace havens::h5 {

// Throws OutputError(path, what + HDF5's innermost message) when status < 0.
void check(herr_t status, const std::string& path, const std::string& what);
hid_t check_id(hid_t id, const std::string& path, const std::string& what);

// Stops HDF5 printing its error stack to stderr: errors arrive as exceptions.
void silence_library_errors();

class Handle {
public:
    Handle() = default;
    Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
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
    void reset() {
        if (id_ >= 0 && close_) close_(id_);
        id_ = H5I_INVALID_HID;
    }

private:
    hid_t id_ = H5I_INVALID_HID;
    herr_t (*close_)(hid_t) = nullptr;
};

}  // namespace havens::h5
