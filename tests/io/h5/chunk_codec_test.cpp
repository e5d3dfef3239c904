// A chunk shuffled and deflated outside HDF5 reads back through HDF5's own
// filters as the values it was made from.
#include "io/h5/chunk_codec.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "io/h5/file.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

template <typename T>
std::span<const unsigned char> bytes_of(const std::vector<T>& v) {
    return {reinterpret_cast<const unsigned char*>(v.data()), v.size() * sizeof(T)};
}

TEST(ChunkCodec, InflatesToTheValuesByteByByteTransposed) {
    const std::vector<std::uint32_t> values{0x01020304u, 0x05060708u, 0x090a0b0cu};
    const auto stored = h5::shuffle_and_deflate(bytes_of(values), sizeof(std::uint32_t));
    std::vector<unsigned char> inflated(values.size() * sizeof(std::uint32_t));
    uLongf size = inflated.size();
    ASSERT_EQ(uncompress(inflated.data(), &size, stored.data(), stored.size()), Z_OK);
    ASSERT_EQ(size, inflated.size());
    // Little-endian: byte 0 of each value is its lowest.
    const std::vector<unsigned char> expected{0x04, 0x08, 0x0c, 0x03, 0x07, 0x0b,
                                              0x02, 0x06, 0x0a, 0x01, 0x05, 0x09};
    EXPECT_EQ(inflated, expected);
}

TEST(ChunkCodec, ABufferOfPartElementsIsRefused) {
    const std::vector<unsigned char> five(5, 1);
    EXPECT_THROW(h5::shuffle_and_deflate(five, 2), std::logic_error);
    EXPECT_THROW(h5::shuffle_and_deflate(five, 0), std::logic_error);
}

TEST(ChunkCodec, HdfFiveReadsWrittenChunksThroughItsFilters) {
    testing::TempDir dir;
    const auto file = h5::create_file(dir.path("t.h5"));
    // 5 x 3 values in chunks of 2 x 3: the last chunk is padded past the edge.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto set = file.create_array<double>("a", {5, 3}, {2, 3}, nan);
    const std::vector<double> first{1, 2, 3, 4, 5, 6}, last{7.5, -0.0, 1e300, 0, 0, 0};
    set.write_chunk({0, 0}, h5::shuffle_and_deflate(bytes_of(first), sizeof(double)));
    set.write_chunk({4, 0}, h5::shuffle_and_deflate(bytes_of(last), sizeof(double)));
    set.close();
    const auto read = file.read<double>("a");
    ASSERT_EQ(read.size(), 15u);
    for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(read[i], first[i]);
    for (std::size_t i = 6; i < 12; ++i) EXPECT_TRUE(std::isnan(read[i]));  // never written
    EXPECT_EQ(read[12], 7.5);
    EXPECT_TRUE(std::signbit(read[13]));
    EXPECT_EQ(read[14], 1e300);
}

}  // namespace
}  // namespace havens
