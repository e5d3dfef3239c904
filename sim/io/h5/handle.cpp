#include "io/h5/handle.hpp"

#include "core/errors.hpp"

namespace havens::h5 {

namespace {

herr_t innermost(unsigned, const H5E_error2_t* error, void* out) {
    auto* message = static_cast<std::string*>(out);
    if (message->empty() && error->desc) *message = error->desc;
    return 0;
}

std::string library_message() {
    std::string message;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &message);
    H5Eclear2(H5E_DEFAULT);
    return message;
}

}  // namespace

void check(herr_t status, const std::string& path, const std::string& what) {
    if (status >= 0) return;
    const std::string detail = library_message();
    throw OutputError(path, what + (detail.empty() ? "" : " (" + detail + ")"));
}

hid_t check_id(hid_t id, const std::string& path, const std::string& what) {
    check(id < 0 ? -1 : 0, path, what);
    return id;
}

void silence_library_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

}  // namespace havens::h5
