// FNV-1a, 64 bits: the one hash of havens's integrity checks (checkpoint run
// files, configuration fingerprints, the result file's checksum). A single
// changed byte always changes it, and it needs no library. Incremental:
// feeding the bytes in pieces gives the hash of the whole.
#pragma once

#include <cstdint>
#include <string_view>

namespace havens {

// The starting value (the project's own since its first checkpoint format;
// changing it would invalidate every stored checksum).
inline constexpr std::uint64_t fnv1a_start = 1469598103934665603ull;

// `h` advanced over `bytes`.
inline std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = fnv1a_start) {
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace havens
