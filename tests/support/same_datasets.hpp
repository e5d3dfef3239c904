// Every dataset under two HDF5 groups, compared value for value (doubles by
// bit pattern, so that NaN for "unknown" equals NaN): determinism across
// threads, ranks and resumes is checked on the files users get.
#pragma once

#include <gtest/gtest.h>

#include <cstring>

#include "io/h5/file.hpp"

namespace havens::testing {

inline void expect_same_datasets(const h5::Location& a, const h5::Location& b) {
    for (const auto& name : a.children()) {
        if (!b.exists(name)) {
            ADD_FAILURE() << a.path() << "/" << name << " missing in the second file";
            continue;
        }
        bool is_group = true;
        try {
            a.info(name);
            is_group = false;
        } catch (...) {}
        if (is_group) {
            expect_same_datasets(a.open_group(name), b.open_group(name));
        } else if (a.info(name).type == "string") {
            EXPECT_EQ(a.read_strings(name), b.read_strings(name)) << a.path() << "/" << name;
        } else if (a.info(name).type == "float") {
            const auto x = a.read<double>(name), y = b.read<double>(name);
            ASSERT_EQ(x.size(), y.size());
            EXPECT_EQ(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)), 0)
                << a.path() << "/" << name;
        } else {
            EXPECT_EQ(a.read<std::int64_t>(name), b.read<std::int64_t>(name))
                << a.path() << "/" << name;
        }
    }
}

}  // namespace havens::testing
