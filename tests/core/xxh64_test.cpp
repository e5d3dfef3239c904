#include "core/xxh64.hpp"

#include <gtest/gtest.h>

#include <string>

namespace havens {
namespace {

// The reference implementation's values (xxHash 0.8.1, XXH64): the empty
// input, each tail path (1, 3 and 6 bytes), a seed, a 32-byte stripe with a
// 7-byte tail, and long inputs that end in every kind of tail.
TEST(Xxh64, MatchesTheReferenceImplementation) {
    EXPECT_EQ(xxh64(""), 0xef46db3751d8e999ull);
    EXPECT_EQ(xxh64("a"), 0xd24ec4f1a98c6e5bull);
    EXPECT_EQ(xxh64("abc"), 0x44bc2cf5ad770999ull);
    EXPECT_EQ(xxh64("xxhash"), 0x32dd38952c4bc720ull);
    EXPECT_EQ(xxh64("xxhash", 20141025), 0xb559b98d844e0635ull);
    EXPECT_EQ(xxh64("Nobody inspects the spammish repetition"), 0xfbcea83c8a378bf1ull);
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
    EXPECT_EQ(xxh64(bytes.substr(0, 101), 7), 0xe878e9791dbc64faull);
    EXPECT_EQ(xxh64(bytes + bytes + bytes + bytes + "xyz"), 0xe146cb31b65bc21aull);
}

// Any one byte changed, anywhere, in any way, changes the hash.
TEST(Xxh64, EveryChangedByteChangesIt) {
    std::string bytes(203, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 37 % 251);
    const std::uint64_t h = xxh64(bytes);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (int flip = 1; flip < 256; ++flip) {
            std::string changed = bytes;
            changed[i] = static_cast<char>(changed[i] ^ flip);
            ASSERT_NE(xxh64(changed), h) << "byte " << i << " xor " << flip;
        }
    }
    EXPECT_NE(xxh64(bytes.substr(0, bytes.size() - 1)), h);  // and so does its length
}

}  // namespace
}  // namespace havens
