// Field-by-field equality of replicate results, for determinism tests.
#pragma once

#include <gtest/gtest.h>

#include "engine/replicate_result.hpp"

namespace havens::testing {

inline void expect_identical(const ReplicateResult& a, const ReplicateResult& b) {
    EXPECT_EQ(a.parties, b.parties);
    EXPECT_EQ(a.treaty_in_force, b.treaty_in_force);
    EXPECT_EQ(a.protocol_adopted, b.protocol_adopted);
    EXPECT_EQ(a.protocol_parties, b.protocol_parties);
    EXPECT_EQ(a.protocol_in_force, b.protocol_in_force);
    EXPECT_EQ(a.ratified_month, b.ratified_month);
    EXPECT_EQ(a.treaty_in_force_month, b.treaty_in_force_month);
    EXPECT_EQ(a.protocol_ratified_month, b.protocol_ratified_month);
    EXPECT_EQ(a.reservations, b.reservations);
    EXPECT_EQ(a.entry_into_force_month, b.entry_into_force_month);
    EXPECT_EQ(a.protocol_adopted_month, b.protocol_adopted_month);
    EXPECT_EQ(a.protocol_votes, b.protocol_votes);
}

}  // namespace havens::testing
