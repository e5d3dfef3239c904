// An array filled run by run from many threads reads back as if written in
// one piece, the same whatever order the runs arrive in; what never arrived
// reads as the fill.
#include "io/streamed_array.hpp"

#include <gtest/gtest.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <stdexcept>
#include <vector>

#include "support/temp_dir.hpp"

namespace havens {
namespace {

using result_sections::StreamedArray;

// [point, replicate, row, column] = 5 x 2 x 7 x 3, in chunks of 2 points, 1
// replicate, 4 rows: edges along points and rows.
const h5::Shape shape{5, 2, 7, 3}, chunk{2, 1, 4, 3};
constexpr std::int32_t fill = -1;

std::int32_t value(hsize_t p, hsize_t r, hsize_t row, hsize_t col) {
    return static_cast<std::int32_t>(1000 * p + 100 * r + 10 * row + col);
}

std::vector<std::int32_t> slice(hsize_t p, hsize_t r) {
    std::vector<std::int32_t> s;
    for (hsize_t row = 0; row < 7; ++row)
        for (hsize_t col = 0; col < 3; ++col) s.push_back(value(p, r, row, col));
    return s;
}

std::span<const unsigned char> bytes_of(const std::vector<std::int32_t>& v) {
    return {reinterpret_cast<const unsigned char*>(v.data()), v.size() * sizeof(std::int32_t)};
}

std::vector<unsigned char> fill_bytes() {
    std::vector<unsigned char> b(sizeof fill);
    std::memcpy(b.data(), &fill, sizeof fill);
    return b;
}

// Point 3 runs one replicate only (its second slot is never added).
bool expected(std::span<const hsize_t> slot) { return !(slot[0] == 3 && slot[1] == 1); }

std::vector<std::int32_t> written_in_order(const std::string& path,
                                           const std::vector<std::array<hsize_t, 2>>& order,
                                           bool parallel) {
    const auto file = h5::create_file(path);
    auto set = file.create_array<std::int32_t>("a", shape, chunk, fill);
    StreamedArray array(shape, chunk, 2, fill_bytes(), expected);
    const auto add = [&](std::size_t i) {
        const hsize_t slot[] = {order[i][0], order[i][1]};
        array.add(slot, bytes_of(slice(order[i][0], order[i][1])));
    };
    if (parallel) {
        tbb::parallel_for(std::size_t{0}, order.size(), add);
    } else {
        for (std::size_t i = 0; i < order.size(); ++i) add(i);
    }
    // Stored as the points are written: two, then the rest.
    array.store_through(set, 2);
    array.store_through(set, 5);
    set.close();
    return file.read<std::int32_t>("a");
}

std::vector<std::array<hsize_t, 2>> every_run() {
    std::vector<std::array<hsize_t, 2>> runs;
    for (hsize_t r = 0; r < 2; ++r)
        for (hsize_t p = 0; p < 5; ++p)
            if (expected(std::array<hsize_t, 2>{p, r})) runs.push_back({p, r});
    return runs;
}

TEST(StreamedArray, ReadsBackEveryRunInItsSlotAndTheFillWhereNoneRan) {
    testing::TempDir dir;
    const auto read = written_in_order(dir.path("a.h5"), every_run(), false);
    std::size_t i = 0;
    for (hsize_t p = 0; p < 5; ++p) {
        for (hsize_t r = 0; r < 2; ++r) {
            for (hsize_t row = 0; row < 7; ++row) {
                for (hsize_t col = 0; col < 3; ++col, ++i) {
                    const std::int32_t want =
                        expected(std::array<hsize_t, 2>{p, r}) ? value(p, r, row, col) : fill;
                    ASSERT_EQ(read[i], want) << p << " " << r << " " << row << " " << col;
                }
            }
        }
    }
}

TEST(StreamedArray, TheFileIsTheSameWhateverOrderAndThreadsTheRunsCameFrom) {
    testing::TempDir dir;
    const auto in_order = written_in_order(dir.path("a.h5"), every_run(), false);
    auto shuffled = every_run();
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
    EXPECT_EQ(written_in_order(dir.path("b.h5"), shuffled, false), in_order);
    EXPECT_EQ(written_in_order(dir.path("c.h5"), shuffled, true), in_order);
}

TEST(StreamedArray, ARunAddedTwiceOrOfTheWrongSizeIsRefused) {
    StreamedArray array(shape, chunk, 2, fill_bytes(), expected);
    const hsize_t slot[] = {1, 0};
    EXPECT_FALSE(array.has(slot));
    array.add(slot, bytes_of(slice(1, 0)));
    EXPECT_TRUE(array.has(slot));
    EXPECT_THROW(array.add(slot, bytes_of(slice(1, 0))), std::logic_error);
    const hsize_t other[] = {2, 0};
    std::vector<std::int32_t> short_slice(5, 0);
    EXPECT_THROW(array.add(other, bytes_of(short_slice)), std::logic_error);
    const hsize_t outside[] = {5, 0};
    EXPECT_THROW(array.add(outside, bytes_of(slice(1, 0))), std::logic_error);
}

}  // namespace
}  // namespace havens
