// Member-by-member equality of replicate results, for determinism tests.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/replicate_result.hpp"

namespace havens::testing {

template <typename T>
bool same_bits(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, std::vector<double>> || std::is_same_v<T, std::vector<float>>) {
        // Bit patterns, so that NaN equals NaN.
        // An empty vector's data() may be null, which memcmp must not see.
        return a.size() == b.size() &&
               (a.empty() ||
                std::memcmp(a.data(), b.data(), a.size() * sizeof(typename T::value_type)) == 0);
    } else {
        return a == b;
    }
}

inline void expect_identical(const ReplicateResult& a, const ReplicateResult& b) {
    std::vector<std::string> differing;
    visit_fields(
        [&](const char* name, const auto& x, const auto& y) {
            if (!same_bits(x, y)) differing.emplace_back(name);
        },
        a, b);
    EXPECT_TRUE(differing.empty()) << "differing: " << ::testing::PrintToString(differing);
}

}  // namespace havens::testing
