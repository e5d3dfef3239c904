// XXH64 (Yann Collet's xxHash, 64-bit variant, as specified in the xxHash
// repository's doc/xxhash_spec.md): the checksum of checkpoint run records.
// It reads eight bytes at a time in four independent lanes, so it runs at
// memory speed where FNV-1a (core/fnv1a.hpp) takes a multiplication per
// byte. Every byte is hashed, and damage goes unseen with a chance of about
// 2^-64. The output equals the reference implementation's (the tests hold
// its values), without the library. Little-endian hosts only, like the rest
// of havens's binary files.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace havens {

namespace xxh64_detail {

inline constexpr std::uint64_t prime1 = 0x9E3779B185EBCA87ull;
inline constexpr std::uint64_t prime2 = 0xC2B2AE3D27D4EB4Full;
inline constexpr std::uint64_t prime3 = 0x165667B19E3779F9ull;
inline constexpr std::uint64_t prime4 = 0x85EBCA77C2B2AE63ull;
inline constexpr std::uint64_t prime5 = 0x27D4EB2F165667C5ull;

static_assert(std::endian::native == std::endian::little, "xxh64 reads little-endian words");

inline std::uint64_t read64(const unsigned char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline std::uint32_t read32(const unsigned char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline std::uint64_t mix(std::uint64_t acc, std::uint64_t input) {
    acc += input * prime2;
    acc = std::rotl(acc, 31);
    return acc * prime1;
}

inline std::uint64_t merge(std::uint64_t acc, std::uint64_t lane) {
    acc ^= mix(0, lane);
    return acc * prime1 + prime4;
}

}  // namespace xxh64_detail

// XXH64 of `bytes` with `seed`.
inline std::uint64_t xxh64(std::string_view bytes, std::uint64_t seed = 0) {
    using namespace xxh64_detail;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t size = bytes.size();
    const unsigned char* const end = p + size;
    std::uint64_t h;
    if (size >= 32) {
        std::uint64_t v1 = seed + prime1 + prime2;
        std::uint64_t v2 = seed + prime2;
        std::uint64_t v3 = seed;
        std::uint64_t v4 = seed - prime1;
        for (const unsigned char* const last = end - 32; p <= last; p += 32) {
            v1 = mix(v1, read64(p));
            v2 = mix(v2, read64(p + 8));
            v3 = mix(v3, read64(p + 16));
            v4 = mix(v4, read64(p + 24));
        }
        h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
        h = merge(h, v1);
        h = merge(h, v2);
        h = merge(h, v3);
        h = merge(h, v4);
    } else {
        h = seed + prime5;
    }
    h += static_cast<std::uint64_t>(size);
    for (; end - p >= 8; p += 8) {
        h ^= mix(0, read64(p));
        h = std::rotl(h, 27) * prime1 + prime4;
    }
    if (end - p >= 4) {
        h ^= static_cast<std::uint64_t>(read32(p)) * prime1;
        h = std::rotl(h, 23) * prime2 + prime3;
        p += 4;
    }
    for (; p < end; ++p) {
        h ^= static_cast<std::uint64_t>(*p) * prime5;
        h = std::rotl(h, 11) * prime1;
    }
    h ^= h >> 33;
    h *= prime2;
    h ^= h >> 29;
    h *= prime3;
    h ^= h >> 32;
    return h;
}

}  // namespace havens
