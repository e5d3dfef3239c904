// The HDF5 layer refuses to write a span that does not fill its shape: the
// library would read past a shorter one.
#include "io/h5/file.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "support/temp_dir.hpp"

namespace havens {
namespace {

TEST(H5Write, ASpanThatDoesNotFillItsShapeIsRefusedBeforeAnythingIsWritten) {
    testing::TempDir dir;
    const auto file = h5::create_file(dir.path("t.h5"));
    const std::vector<std::int32_t> five{1, 2, 3, 4, 5};
    EXPECT_THROW(file.write<std::int32_t>("short", {2, 3}, five), std::logic_error);
    EXPECT_THROW(file.write<std::int32_t>("long", {2, 2}, five), std::logic_error);
    EXPECT_FALSE(file.exists("short"));
    EXPECT_FALSE(file.exists("long"));
    file.write<std::int32_t>("fits", {5}, five);
    EXPECT_EQ(file.read<std::int32_t>("fits"), five);
}

}  // namespace
}  // namespace havens
