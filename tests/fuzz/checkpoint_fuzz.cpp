// Fuzzing the checkpoint's run-file reader, deserialise(). The input is read
// twice: as it is, and with its last eight bytes replaced by the checksum of
// the rest, so that mutations get past the checksum to the parser. Whatever
// it accepts must serialise back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/xxh64.hpp"
#include "fuzz_support.hpp"
#include "io/checkpoint.hpp"

namespace {

using namespace havens;

void read(const std::string& bytes) {
    const auto run = deserialise(bytes);
    if (run && serialise(run->first, run->second) != bytes) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(fuzz::as_text(data, size));
    fuzz::expect_clean([&] { read(bytes); });
    if (bytes.size() >= sizeof(std::uint64_t)) {
        const std::size_t body = bytes.size() - sizeof(std::uint64_t);
        // The run record's checksum: XXH64 of the bytes before it.
        const std::uint64_t sum = xxh64(std::string_view(bytes).substr(0, body));
        std::memcpy(bytes.data() + body, &sum, sizeof sum);
        fuzz::expect_clean([&] { read(bytes); });
    }
    return 0;
}
