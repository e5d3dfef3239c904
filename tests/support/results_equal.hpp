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
    EXPECT_EQ(a.requests_issued, b.requests_issued);
    EXPECT_EQ(a.requests_sent, b.requests_sent);
    EXPECT_EQ(a.requests_not_sent, b.requests_not_sent);
    EXPECT_EQ(a.requests_granted, b.requests_granted);
    EXPECT_EQ(a.requests_refused, b.requests_refused);
    EXPECT_EQ(a.requests_pending, b.requests_pending);
    EXPECT_EQ(a.granted_pretextual, b.granted_pretextual);
    EXPECT_EQ(a.refused_legitimate, b.refused_legitimate);
    EXPECT_EQ(a.share_exiles_in_safe_haven, b.share_exiles_in_safe_haven);
    EXPECT_EQ(a.refused_by_reason, b.refused_by_reason);
    EXPECT_EQ(a.granted_by_channel, b.granted_by_channel);
    EXPECT_EQ(a.exiles_by_status, b.exiles_by_status);
    EXPECT_EQ(a.safe_havens, b.safe_havens);
    EXPECT_EQ(a.flows_granted, b.flows_granted);
    EXPECT_EQ(a.grant_probability, b.grant_probability);
    EXPECT_TRUE(a.events == b.events);
}

}  // namespace havens::testing
